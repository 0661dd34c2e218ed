import Demography
import DemographyIO

/// An aligned text table of a projection, one row per date.
enum SummaryTable {
    static func text(_ result: ProjectionResult) -> String {
        var rows = [["year", "population", "births", "deaths", "net migrants"]]
        for (k, year) in result.years.enumerated() {
            let population = result.populations[k]
            if k < result.steps.count {
                let step = result.steps[k]
                rows.append([String(year), grouped(population.total), grouped(step.totalBirths),
                             grouped(step.totalDeaths), grouped(step.totalNetMigrants)])
            } else {
                rows.append([String(year), grouped(population.total), "", "", ""])
            }
        }
        let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                       : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// 37,496,124 — whole persons with thousands separators.
    static func grouped(_ value: Double) -> String {
        let negative = value < 0
        var digits = String(Int64(abs(value).rounded()))
        var out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits = String(digits.dropLast(3))
        }
        return (negative ? "-" : "") + digits + out
    }
}
