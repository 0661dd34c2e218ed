import Foundation
import Demography

/// A user's age pattern of net migration: `sex,age,value` (any scale), on the
/// population's age groups.
///
/// Values are weights of the pattern (``Quantity/patternWeight``: any sign, any
/// scale up to 1e12, as shares or as counts); ages and open-age flags are
/// checked as in every age table, and two rows for one sex and age are refused.
public enum MigrationPatternFile {
    public static func read(_ url: URL) throws(DatasetError) -> BySex<[Double]> {
        var problems: [InputProblem] = []
        let rows = TidyRows(try CSVTable.read(url), location: nil, problems: &problems)
        let values = AgeTableReader(byYear: false, quantity: .patternWeight).read(rows, grid: nil, problems: &problems).values
        guard !problems.hasErrors, let v = values[0] else { throw DatasetError(problems.errors) }
        return BySex(female: v[.female] ?? [], male: v[.male] ?? [])
    }
}
