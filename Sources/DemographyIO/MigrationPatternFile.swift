import Foundation
import Demography

/// A user's age pattern of net migration: `sex,age,value` (any scale), on the
/// population's age groups.
public enum MigrationPatternFile {
    public static func read(_ url: URL) throws(DatasetError) -> BySex<[Double]> {
        var problems: [InputProblem] = []
        let text = try CSVTable.read(url)
        // Reuse the age-table reader with a constant year.
        let withYear = CSVTable(file: text.file, header: ["year"] + text.header,
                                rows: text.rows.map { ["0"] + $0 }, lines: text.lines)
        let rows = TidyRows(withYear, location: nil, problems: &problems)
        let (_, values) = AgeTableReader(signed: true).read(rows, grid: nil, problems: &problems)
        guard problems.isEmpty, let v = values[0] else { throw DatasetError(problems) }
        return BySex(female: v[.female] ?? [], male: v[.male] ?? [])
    }
}
