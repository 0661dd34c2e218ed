import Foundation
import Demography

/// Summary indicators as CSV, JSON and an aligned text table.
public enum SummaryTables {
    public static let columns = ["variant", "year", "population", "growth_rate", "births", "deaths", "net_migrants",
                          "crude_birth_rate", "crude_death_rate", "crude_net_migration_rate", "tfr",
                          "e0_female", "e0_male", "median_age", "percent_65_plus",
                          "young_dependency_ratio", "old_dependency_ratio", "total_dependency_ratio"]

    /// `summary.csv`: one row per scenario and date; flows belong to the period starting at `year`.
    public static func csv(_ results: [ScenarioResult]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for r in results {
            for row in r.indicators {
                let p = row.period
                let cells: [Double?] = [
                    row.population, p?.growthRate, p?.births, p?.deaths, p?.netMigrants,
                    p?.crudeBirthRate, p?.crudeDeathRate, p?.crudeNetMigrationRate, p?.totalFertility,
                    p?.lifeExpectancyFemale, p?.lifeExpectancyMale, row.medianAge, row.percentAged65Plus,
                    row.youngDependencyRatio, row.oldDependencyRatio, row.totalDependencyRatio]
                out += "\(r.name),\(row.year)," + cells.map { $0.map(ProjectionTables.format) ?? "" }.joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// `summary.json`: `{"scenarios": [{"variant": …, "rows": [SummaryIndicators…]}]}`.
    public static func json(_ results: [ScenarioResult], metadata: [String: String] = [:]) -> String {
        struct Scenario: Encodable { var variant: String; var rows: [SummaryIndicators] }
        struct Document: Encodable { var metadata: [String: String]; var scenarios: [Scenario] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let document = Document(metadata: metadata, scenarios: results.map { Scenario(variant: $0.name, rows: $0.indicators) })
        guard let data = try? encoder.encode(document) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// An aligned table of one scenario's indicators.
    public static func text(_ r: ScenarioResult) -> String {
        var rows = [["year", "population", "growth %", "births", "deaths", "net migr.", "CBR", "CDR", "TFR",
                     "e0 F", "e0 M", "median", "65+ %", "dep."]]
        for row in r.indicators {
            let p = row.period
            rows.append([String(row.year), grouped(row.population), p.map { f($0.growthRate, 2) } ?? "",
                         p.map { grouped($0.births) } ?? "", p.map { grouped($0.deaths) } ?? "",
                         p.map { grouped($0.netMigrants) } ?? "", p.map { f($0.crudeBirthRate, 1) } ?? "",
                         p.map { f($0.crudeDeathRate, 1) } ?? "", p.map { f($0.totalFertility, 2) } ?? "",
                         p?.lifeExpectancyFemale.map { f($0, 1) } ?? "", p?.lifeExpectancyMale.map { f($0, 1) } ?? "",
                         f(row.medianAge, 1), row.percentAged65Plus.map { f($0, 1) } ?? "",
                         row.totalDependencyRatio.map { f($0, 1) } ?? ""])
        }
        return TextTable.render(rows)
    }

    /// An aligned table of the total population by scenario (columns) and date (rows).
    public static func totalsByScenario(_ results: [ScenarioResult]) -> String {
        guard let first = results.first else { return "" }
        var rows = [["year"] + results.map(\.name)]
        for (k, row) in first.indicators.enumerated() {
            rows.append([String(row.year)] + results.map { k < $0.indicators.count ? grouped($0.indicators[k].population) : "" })
        }
        return TextTable.render(rows)
    }

    static func f(_ v: Double, _ digits: Int) -> String { v.isFinite ? String(format: "%.\(digits)f", v) : "" }

    /// 37,496,124 — rounded, with thousands separators.
    public static func grouped(_ value: Double) -> String {
        guard value.isFinite else { return "" }
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
