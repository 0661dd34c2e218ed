import Foundation
import Demography
import DemographyIO

/// Reference datasets copied into `Tests/Fixtures/`, each with a SOURCE.md naming its origin.
enum Fixture {
    /// `Tests/Fixtures/<name>`.
    static func url(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()   // DemographyTests
            .deletingLastPathComponent()   // Tests
            .appendingPathComponent("Fixtures")
            .appendingPathComponent(name)
    }

    /// A dataset directory read with ``DatasetReader``.
    static func dataset(_ name: String, location: String? = nil) throws -> Dataset {
        try DatasetReader(location: location).read(directory: url(name))
    }

    /// `year,sex,age,open_age,value` values of a fixture file.
    static func bySex(_ path: String, valueColumn: String = "value", signed: Bool = false) throws -> [Int: BySex<[Double]>] {
        try TidyFile.schedulesBySex(url(path), valueColumn: valueColumn, signed: signed).values
    }

    /// `year,age,open_age,value` values of a fixture file.
    static func byAge(_ path: String) throws -> [Int: [Double]] {
        try TidyFile.schedules(url(path)).values
    }

    /// `year,sex,value` rows (sex both/female/male).
    static func yearSexValues(_ path: String) throws -> [Int: [String: Double]] {
        let table = try CSVTable.read(url(path))
        var out: [Int: [String: Double]] = [:]
        for row in table.rows {
            guard let year = Int(row[0]), let v = Double(row[2]) else { continue }
            out[year, default: [:]][row[1]] = v
        }
        return out
    }
}

/// |a − b| / max(|b|, tiny).
func relativeError(_ a: Double, _ b: Double) -> Double {
    abs(a - b) / max(abs(b), 1e-300)
}
