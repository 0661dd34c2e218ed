import Testing
import Foundation
import Demography
@testable import DemographyIO

/// The audit's damaged county files (PAA 2025 workshop layout, Washington): each
/// is refused with a problem naming the damaged file, its line and the value,
/// where they were dropped, summed, defaulted or ignored before.
@Suite struct CountyReaderStrictnessTests {
    static let fixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/washington")

    static func copy() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("county-strict-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixture, to: dir)
        return dir
    }

    static func lines(_ dir: URL, _ name: String) throws -> [String] {
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8).components(separatedBy: "\n").filter { !$0.isEmpty }
    }

    static func save(_ lines: [String], _ dir: URL, _ name: String) throws {
        try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    /// Line `line` (1-based) of `name` replaced by `transform` of it.
    static func edit(_ dir: URL, _ name: String, line: Int, _ transform: (String) -> String) throws {
        var all = try lines(dir, name)
        all[line - 1] = transform(all[line - 1])
        try save(all, dir, name)
    }

    static func setValue(_ dir: URL, _ name: String, line: Int, to value: String) throws {
        try edit(dir, name, line: line) { $0.split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ",") + ",\(value)" }
    }

    /// Appends a copy of line `line` with its value replaced by `value` (a conflicting duplicate).
    static func duplicate(_ dir: URL, _ name: String, line: Int, value: String? = nil) throws -> Int {
        var all = try lines(dir, name)
        var copy = all[line - 1]
        if let value { copy = copy.split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ",") + ",\(value)" }
        all.append(copy)
        try save(all, dir, name)
        return all.count
    }

    static func problems(_ dir: URL, internalRate: Double = 0.02) -> [InputProblem] {
        defer { try? FileManager.default.removeItem(at: dir) }
        do { _ = try CountyDatasetReader(internalOutMigrationRate: internalRate).read(directory: dir); return [] } catch { return error.problems }
    }

    @Test func publishedDataReadWithoutWarnings() throws {
        let data = try CountyDatasetReader().read(directory: Self.fixture)
        #expect(data.start.regionCount == 39 && data.startYear == 2023)
        #expect(data.rates.sexRatioAtBirth == 1.048)
        #expect(data.warnings.isEmpty, "\(data.warnings)")
    }

    /// Campaign finding: a county deleted from locations.csv was accepted, its
    /// rows in pop.csv, mx.csv, tfr.csv and mig_counts.csv silently left out.
    @Test func dataOfACountyMissingFromLocationsAreRefused() throws {
        let dir = try Self.copy()
        var all = try Self.lines(dir, "locations.csv")
        let removed = all.remove(at: 2)   // 53001,Adams,4
        try Self.save(all, dir, "locations.csv")
        let code = String(removed.prefix { $0 != "," })
        let found = Self.problems(dir)
        for file in ["pop.csv", "mx.csv", "tfr.csv", "mig_counts.csv"] {
            #expect(found.contains { $0.file == file && $0.column == "reg_code" && $0.value == code && $0.line != nil }, "\(file): \(found.prefix(3))")
        }
    }

    /// F11: pasfr.csv rows that did not parse were dropped without a message.
    @Test(arguments: ["abc,0,5", "20,0,", "20,0,1e", "20,0,１２", "20,0,1_000", "20,0,0x1p3"])
    func unparsablePasfrRowsAreRefused(row: String) throws {
        let dir = try Self.copy()
        var all = try Self.lines(dir, "pasfr.csv")
        all.append(row)
        try Self.save(all, dir, "pasfr.csv")
        let found = Self.problems(dir)
        #expect(found.contains { $0.file == "pasfr.csv" && $0.line == all.count }, "\(found)")
    }

    /// F11: an unreadable srb.csv fell back to 1.05 (`value\nabc` gave exit 0).
    @Test(arguments: ["value\nabc\n", "value\n0x1p0\n", "value\n104.8\n", "ratio\n1.05\n"])
    func unreadableSexRatioIsRefused(text: String) throws {
        let dir = try Self.copy()
        try text.write(to: dir.appendingPathComponent("srb.csv"), atomically: true, encoding: .utf8)
        let found = Self.problems(dir)
        #expect(found.count == 1 && found.first?.file == "srb.csv", "\(found)")
    }

    /// Absent, srb.csv is the documented 1.05, silently.
    @Test func absentSexRatioIsTheDocumentedDefault() throws {
        let dir = try Self.copy()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("srb.csv"))
        let data = try CountyDatasetReader().read(directory: dir)
        #expect(data.rates.sexRatioAtBirth == 1.05 && data.warnings.isEmpty)
    }

    /// F11: duplicate rows in pop.csv, mx.csv, mig_counts.csv, tfr.csv and pasfr.csv were accepted.
    @Test(arguments: [("pop.csv", 200), ("mx.csv", 52), ("mig_counts.csv", 3), ("tfr.csv", 3), ("pasfr.csv", 3)])
    func duplicateRowsAreRefused(file: String, line: Int) throws {
        let dir = try Self.copy()
        let added = try Self.duplicate(dir, file, line: line, value: "1")
        let found = Self.problems(dir)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.file == file && found.first?.line == added && found.first?.expected.contains("line \(line) has it already") == true)
    }

    /// F11: open-age flags were ignored (set in the middle, cleared on the last group).
    @Test func openAgeFlagsAreChecked() throws {
        let middle = try Self.copy()
        try Self.edit(middle, "mx.csv", line: 52) { $0.replacingOccurrences(of: ",50,0,", with: ",50,1,") }
        #expect(Self.problems(middle) .first.map { $0.file == "mx.csv" && $0.line == 52 && $0.column == "open_age" } == true)
        let last = try Self.copy()
        try Self.edit(last, "pop.csv", line: 102) { $0.replacingOccurrences(of: ",100,1,", with: ",100,0,") }
        #expect(Self.problems(last).first.map { $0.file == "pop.csv" && $0.line == 102 && $0.column == "open_age" } == true)
    }

    /// F12 and F9: hexadecimal floats and values of 1e300.
    @Test(arguments: [("mx.csv", "0x1p-3"), ("pop.csv", "1e300"), ("mx.csv", "1e300"), ("tfr.csv", "1e300"), ("mig_counts.csv", "1e300")])
    func badNumbersAreRefusedAtTheirLine(file: String, text: String) throws {
        let dir = try Self.copy()
        try Self.setValue(dir, file, line: 3, to: text)
        let found = Self.problems(dir)
        #expect(found.count == 1 && found.first?.file == file && found.first?.line == 3 && found.first?.value == text, "\(found)")
    }

    /// A damaged year was skipped (then reported as missing ages, with no line).
    @Test func aDamagedYearIsRefusedAtItsLine() throws {
        let dir = try Self.copy()
        try Self.edit(dir, "mx.csv", line: 10) { $0.replacingOccurrences(of: ",2023,", with: ",2023.5,") }
        let found = Self.problems(dir)
        #expect(found.first?.file == "mx.csv" && found.first?.line == 10 && found.first?.column == "year", "\(found)")
    }

    /// A pasfr.csv without a group, or not summing to 100, gave a silently wrong TFR.
    @Test func incompletePasfrIsRefused() throws {
        let dir = try Self.copy()
        try Self.edit(dir, "pasfr.csv", line: 4) { _ in "# removed" }
        let found = Self.problems(dir)
        #expect(found == [InputProblem(file: "pasfr.csv", column: "age", value: "25", expected: "a row for every five-year group 15-45")])
    }
}
