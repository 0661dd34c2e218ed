import Foundation
import Demography

/// A multiregional projection's results as tidy CSV texts. `year` of a
/// population is its date, `year` of a flow is the start of its period; regions
/// are written as named in the input. A count that is not finite or below 0
/// (a negative flow from rates too large for the step) throws ``OutputValueError``.
public enum MultiregionalTables {
    /// `population.csv`: year,region,sex,age,open_age,value — every population, start included.
    public static func population(_ result: MultiregionalProjectionResult) throws(OutputValueError) -> String {
        var out = "year,region,sex,age,open_age,value\n"
        for (year, population) in zip(result.years, result.populations) {
            let ages = population.ages
            for (i, region) in population.regions.enumerated() {
                let name = csvField(region)
                for sex in population.sexes {
                    for (x, v) in population.counts(region: i, sex: sex).enumerated() {
                        let value = try OutputValue.count(v, in: "population.csv", at: "year \(year), \(region), \(sex.rawValue), age \(ages.startAges[x])")
                        out += "\(year),\(name),\(sex.rawValue),\(ages.startAges[x]),\(x == ages.count - 1 ? 1 : 0),\(value)\n"
                    }
                }
            }
        }
        return out
    }

    /// `population_total.csv`: year,sex,age,open_age,value — the sum over regions.
    public static func populationTotal(_ result: MultiregionalProjectionResult) throws(OutputValueError) -> String {
        var out = "year,sex,age,open_age,value\n"
        for (year, population) in zip(result.years, result.populations) {
            let total = population.aggregate()
            for sex in population.sexes {
                for (x, v) in total.counts[sex].enumerated() {
                    let value = try OutputValue.count(v, in: "population_total.csv", at: "year \(year), \(sex.rawValue), age \(total.ages.startAges[x])")
                    out += "\(year),\(sex.rawValue),\(total.ages.startAges[x]),\(x == total.ages.count - 1 ? 1 : 0),\(value)\n"
                }
            }
        }
        return out
    }

    /// `flows.csv`: year,origin,destination,sex,age,open_age,value — internal migrants
    /// of each step alive in the destination at its end, by the age group reached
    /// then (age 0: babies born during the step in the origin), for the first
    /// `steps` steps (nil: all).
    public static func flows(_ result: MultiregionalProjectionResult, steps: Int? = nil) throws(OutputValueError) -> String {
        var out = "year,origin,destination,sex,age,open_age,value\n"
        let names = result.start.regions.map(csvField)
        let ages = result.start.ages
        for (year, step) in zip(result.periodStartYears, result.steps).prefix(steps ?? result.steps.count) {
            for sex in result.start.sexes {
                for x in 0..<ages.count {
                    let f = step.flows(sex: sex, ageIndex: x)
                    let open = x == ages.count - 1 ? 1 : 0
                    for i in 0..<f.columns {
                        for j in 0..<f.rows where j != i {
                            let value = try OutputValue.count(f[j, i], in: "flows.csv", at: "year \(year), \(result.start.regions[i]) to \(result.start.regions[j]), \(sex.rawValue), age \(ages.startAges[x])")
                            out += "\(year),\(names[i]),\(names[j]),\(sex.rawValue),\(ages.startAges[x]),\(open),\(value)\n"
                        }
                    }
                }
            }
        }
        return out
    }

    /// `stable.csv`: region,sex,age,open_age,value — the stable-equivalent percentage
    /// age distribution within each region and sex.
    public static func stable(_ stable: MultiregionalStableEquivalent) throws(OutputValueError) -> String {
        var out = "region,sex,age,open_age,value\n"
        let d = stable.distribution
        for (i, region) in d.regions.enumerated() {
            for sex in d.sexes {
                for (x, v) in stable.percentages(region: i, sex: sex).enumerated() {
                    let value = try OutputValue.count(v, in: "stable.csv", at: "\(region), \(sex.rawValue), age \(d.ages.startAges[x])")
                    out += "\(csvField(region)),\(sex.rawValue),\(d.ages.startAges[x]),\(x == d.ages.count - 1 ? 1 : 0),\(value)\n"
                }
            }
        }
        return out
    }

    /// Quotes a field that holds a comma or a quote.
    static func csvField(_ text: String) -> String {
        text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
