import Foundation
import Demography

/// Reading single tidy files keyed by year, sex and age (the building blocks of ``DatasetReader``).
public enum TidyFile {
    /// Schedules by year and sex from a `year,sex,age,open_age,<value>` file.
    ///
    /// - Parameters:
    ///   - grid: the age groups the rows must use (nil: taken from the file's first year).
    ///   - signed: whether negative values are allowed (net migrants).
    public static func schedulesBySex(
        _ url: URL, valueColumn: String = "value", grid: AgeStructure? = nil,
        location: String? = nil, signed: Bool = false
    ) throws(DatasetError) -> (ages: AgeStructure, values: [Int: BySex<[Double]>]) {
        var problems: [InputProblem] = []
        let rows = TidyRows(try CSVTable.read(url), location: location, problems: &problems)
        let (ages, values) = AgeTableReader(valueColumn: valueColumn, signed: signed).read(rows, grid: grid, problems: &problems)
        guard problems.isEmpty, let ages else {
            throw DatasetError(problems.isEmpty ? [InputProblem(file: url.lastPathComponent, expected: "age groups")] : problems)
        }
        return (ages, values.mapValues { BySex(female: $0[.female] ?? [], male: $0[.male] ?? []) })
    }

    /// Schedules by year from a `year,age,open_age,<value>` file (no sex column).
    public static func schedules(
        _ url: URL, valueColumn: String = "value", grid: AgeStructure? = nil,
        location: String? = nil, signed: Bool = false
    ) throws(DatasetError) -> (ages: AgeStructure, values: [Int: [Double]]) {
        var problems: [InputProblem] = []
        let rows = TidyRows(try CSVTable.read(url), location: location, problems: &problems)
        let (ages, values) = AgeTableReader(valueColumn: valueColumn, bySex: false, signed: signed)
            .read(rows, grid: grid, problems: &problems)
        guard problems.isEmpty, let ages else {
            throw DatasetError(problems.isEmpty ? [InputProblem(file: url.lastPathComponent, expected: "age groups")] : problems)
        }
        return (ages, values.compactMapValues { $0[.female] })
    }
}
