import Foundation
import Demography

/// Reading single tidy files keyed by year, sex and age (the building blocks of ``DatasetReader``).
///
/// Values are read as a ``Quantity``: `quantity` (with its warnings returned in
/// `warnings`) when the file holds a known measure, such as the death rates of
/// `popproj lifetable`; otherwise any finite number (of 0 or more unless
/// `signed`), for files read for their shape. A grid taken from the file must
/// have no gap (`AgeTableReader`).
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
        var warnings: [InputProblem] = []
        return try schedulesBySex(url, valueColumn: valueColumn, grid: grid, location: location,
                                  quantity: .anyNumber(signed: signed), warnings: &warnings)
    }

    /// Schedules by year and sex from a `year,sex,age,open_age,<value>` file of
    /// `quantity`; values outside its usual range are read and added to `warnings`.
    public static func schedulesBySex(
        _ url: URL, valueColumn: String = "value", grid: AgeStructure? = nil,
        location: String? = nil, quantity: Quantity, warnings: inout [InputProblem]
    ) throws(DatasetError) -> (ages: AgeStructure, values: [Int: BySex<[Double]>]) {
        var problems: [InputProblem] = []
        let rows = TidyRows(try CSVTable.read(url), location: location, problems: &problems)
        let read = AgeTableReader(valueColumn: valueColumn, quantity: quantity).read(rows, grid: grid, problems: &problems)
        guard !problems.hasErrors, let ages = read.ages else {
            throw DatasetError(problems.hasErrors ? problems.errors : [InputProblem(file: url.lastPathComponent, expected: "age groups")])
        }
        warnings += problems.warnings
        return (ages, read.values.mapValues { BySex(female: $0[.female] ?? [], male: $0[.male] ?? []) })
    }

    /// Schedules by year from a `year,age,open_age,<value>` file (no sex column).
    public static func schedules(
        _ url: URL, valueColumn: String = "value", grid: AgeStructure? = nil,
        location: String? = nil, signed: Bool = false
    ) throws(DatasetError) -> (ages: AgeStructure, values: [Int: [Double]]) {
        var problems: [InputProblem] = []
        let rows = TidyRows(try CSVTable.read(url), location: location, problems: &problems)
        let read = AgeTableReader(valueColumn: valueColumn, bySex: false, quantity: .anyNumber(signed: signed))
            .read(rows, grid: grid, problems: &problems)
        guard !problems.hasErrors, let ages = read.ages else {
            throw DatasetError(problems.hasErrors ? problems.errors : [InputProblem(file: url.lastPathComponent, expected: "age groups")])
        }
        return (ages, read.values.compactMapValues { $0[.female] })
    }
}
