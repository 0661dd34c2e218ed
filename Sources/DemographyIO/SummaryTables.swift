import Foundation
import Demography

/// Summary indicators as CSV, JSON and an aligned text table.
public enum SummaryTables {
    public static let columns = ["variant", "year", "population", "growth_rate", "births", "deaths", "net_migrants",
                          "crude_birth_rate", "crude_death_rate", "crude_net_migration_rate", "tfr",
                          "e0_female", "e0_male", "median_age", "percent_65_plus",
                          "young_dependency_ratio", "old_dependency_ratio", "total_dependency_ratio"]

    /// `summary.csv`: one row per scenario and date; flows belong to the period starting at `year`.
    /// An undefined indicator (the median age of a population of 0) is an empty field.
    public static func csv(_ results: [ScenarioResult]) throws(OutputValueError) -> String {
        try check(results, file: "summary.csv")
        var out = columns.joined(separator: ",") + "\n"
        for r in results {
            for row in r.indicators {
                let p = row.period
                let cells: [Double?] = [
                    row.population, p?.growthRate, p?.births, p?.deaths, p?.netMigrants,
                    p?.crudeBirthRate, p?.crudeDeathRate, p?.crudeNetMigrationRate, p?.totalFertility,
                    p?.lifeExpectancyFemale, p?.lifeExpectancyMale, row.medianAge, row.percentAged65Plus,
                    row.youngDependencyRatio, row.oldDependencyRatio, row.totalDependencyRatio]
                out += "\(r.name),\(row.year)," + cells.map { $0.map(field) ?? "" }.joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// `summary.json`: `{"scenarios": [{"variant": …, "rows": [SummaryIndicators…]}]}`; an
    /// undefined indicator is left out of its row (never written as "nan").
    public static func json(_ results: [ScenarioResult], metadata: [String: String] = [:]) throws(OutputValueError) -> String {
        try check(results, file: "summary.json")
        struct Scenario: Encodable { var variant: String; var rows: [JSONRow] }
        struct Document: Encodable { var metadata: [String: String]; var scenarios: [Scenario] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let document = Document(metadata: metadata, scenarios: results.map { Scenario(variant: $0.name, rows: $0.indicators.map(JSONRow.init)) })
        guard let data = try? encoder.encode(document) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A row of `summary.json`: the fields of ``SummaryIndicators`` under their names,
    /// with NaN (undefined) as an absent key.
    private struct JSONRow: Encodable {
        struct Period: Encodable {
            var growthRate, births, deaths, netMigrants, crudeBirthRate, crudeDeathRate, crudeNetMigrationRate,
                totalFertility, lifeExpectancyFemale, lifeExpectancyMale: Double?
        }
        var year: Int
        var population, medianAge, percentAged65Plus, youngDependencyRatio, oldDependencyRatio, totalDependencyRatio: Double?
        var period: Period?

        init(_ row: SummaryIndicators) {
            func defined(_ v: Double?) -> Double? { v.flatMap { $0.isNaN ? nil : $0 } }
            year = row.year
            population = defined(row.population)
            medianAge = defined(row.medianAge)
            percentAged65Plus = defined(row.percentAged65Plus)
            youngDependencyRatio = defined(row.youngDependencyRatio)
            oldDependencyRatio = defined(row.oldDependencyRatio)
            totalDependencyRatio = defined(row.totalDependencyRatio)
            period = row.period.map { p in
                Period(growthRate: defined(p.growthRate), births: p.births, deaths: p.deaths, netMigrants: p.netMigrants,
                       crudeBirthRate: defined(p.crudeBirthRate), crudeDeathRate: defined(p.crudeDeathRate),
                       crudeNetMigrationRate: defined(p.crudeNetMigrationRate), totalFertility: defined(p.totalFertility),
                       lifeExpectancyFemale: defined(p.lifeExpectancyFemale), lifeExpectancyMale: defined(p.lifeExpectancyMale))
            }
        }
    }

    /// An aligned table of one scenario's indicators.
    public static func text(_ r: ScenarioResult) throws(OutputValueError) -> String {
        try check([r], file: "the printed table")
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
    public static func totalsByScenario(_ results: [ScenarioResult]) throws(OutputValueError) -> String {
        try check(results, file: "the printed table")
        guard let first = results.first else { return "" }
        var rows = [["year"] + results.map(\.name)]
        for (k, row) in first.indicators.enumerated() {
            rows.append([String(row.year)] + results.map { k < $0.indicators.count ? grouped($0.indicators[k].population) : "" })
        }
        return TextTable.render(rows)
    }

    /// Refuses results that hold a value no table may show: a population, birth or
    /// death total that is not finite or below 0, net migrants that are not finite,
    /// or an indicator at ±inf (NaN is an undefined indicator, shown empty).
    static func check(_ results: [ScenarioResult], file: String) throws(OutputValueError) {
        for r in results {
            let variant: String? = results.count > 1 ? r.name : nil
            for row in r.indicators {
                func at(_ what: String) -> String { (variant.map { "variant \($0), " } ?? "") + "year \(row.year), \(what)" }
                _ = try OutputValue.count(row.population, in: file, at: at("population"))
                let stocks: [(String, Double?)] = [
                    ("median age", row.medianAge), ("per cent aged 65+", row.percentAged65Plus),
                    ("young dependency ratio", row.youngDependencyRatio), ("old dependency ratio", row.oldDependencyRatio),
                    ("total dependency ratio", row.totalDependencyRatio)]
                for (name, v) in stocks { if let v { _ = try OutputValue.indicator(v, in: file, at: at(name)) } }
                guard let p = row.period else { continue }
                _ = try OutputValue.count(p.births, in: file, at: at("births"))
                _ = try OutputValue.count(p.deaths, in: file, at: at("deaths"))
                _ = try OutputValue.number(p.netMigrants, in: file, at: at("net migrants"))
                let rates: [(String, Double?)] = [
                    ("growth rate", p.growthRate), ("crude birth rate", p.crudeBirthRate), ("crude death rate", p.crudeDeathRate),
                    ("crude net migration rate", p.crudeNetMigrationRate), ("TFR", p.totalFertility),
                    ("female e0", p.lifeExpectancyFemale), ("male e0", p.lifeExpectancyMale)]
                for (name, v) in rates { if let v { _ = try OutputValue.indicator(v, in: file, at: at(name)) } }
            }
        }
    }

    /// A checked value as a CSV field: NaN (undefined) is empty.
    private static func field(_ v: Double) -> String { v.isNaN ? "" : ProjectionTables.format(v) }

    static func f(_ v: Double, _ digits: Int) -> String { v.isFinite ? String(format: "%.\(digits)f", v) : "" }

    /// 37,496,124 — rounded, with thousands separators; 1.0800e+19 from 10^15 on
    /// (more digits than anyone reads in a table); "n/a" for a value that is not finite.
    ///
    /// The digits come from the decimal text of the number, never from an integer
    /// conversion, so no magnitude can trap.
    public static func grouped(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        guard abs(value) < 1e15 else { return String(format: "%.4e", value) }
        let rounded = value.rounded()
        let negative = rounded < 0
        var digits = String(format: "%.0f", abs(rounded))
        var out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits = String(digits.dropLast(3))
        }
        return (negative ? "-" : "") + digits + out
    }
}
