import Demography

/// A projection's results as tidy CSV texts, in the conventions of the input data:
/// `year` of a population is its date, `year` of a flow is the start of its period.
public enum ProjectionTables {
    /// `population.csv`: year,sex,age,open_age,value — every population, start included.
    public static func population(_ result: ProjectionResult) -> String {
        population([(nil, result)])
    }

    /// `births.csv`: year,sex,value with sex both, female and male.
    public static func births(_ result: ProjectionResult) -> String { births([(nil, result)]) }

    /// `births_by_age.csv`: year,age,open_age,value — births of both sexes by age of mother.
    public static func birthsByAge(_ result: ProjectionResult) -> String { birthsByAge([(nil, result)]) }

    /// `deaths.csv`: year,sex,age,open_age,value — cohort deaths by the age group reached at the end of the step.
    public static func deaths(_ result: ProjectionResult) -> String { deaths([(nil, result)]) }

    /// The four tables of one projection by file name.
    public static func all(_ result: ProjectionResult) -> [String: String] { all([(nil, result)]) }

    /// The four tables of several projections (variants), with a leading `variant` column.
    public static func all(_ results: [(String, ProjectionResult)]) -> [String: String] {
        all(results.map { (Optional($0.0), $0.1) })
    }

    static func all(_ results: [(String?, ProjectionResult)]) -> [String: String] {
        ["population.csv": population(results), "births.csv": births(results),
         "births_by_age.csv": birthsByAge(results), "deaths.csv": deaths(results)]
    }

    static func population(_ results: [(String?, ProjectionResult)]) -> String {
        var out = header(results, "year,sex,age,open_age,value")
        for (variant, result) in results {
            for (year, population) in zip(result.years, result.populations) {
                appendBySex(&out, prefix: prefix(variant, year), ages: population.ages, values: population.counts)
            }
        }
        return out
    }

    static func births(_ results: [(String?, ProjectionResult)]) -> String {
        var out = header(results, "year,sex,value")
        for (variant, result) in results {
            for (year, step) in zip(result.periodStartYears, result.steps) {
                let p = prefix(variant, year)
                out += "\(p)both,\(format(step.totalBirths))\n"
                out += "\(p)female,\(format(step.births.female))\n"
                out += "\(p)male,\(format(step.births.male))\n"
            }
        }
        return out
    }

    static func birthsByAge(_ results: [(String?, ProjectionResult)]) -> String {
        var out = header(results, "year,age,open_age,value")
        for (variant, result) in results {
            let ages = result.start.ages
            for (year, step) in zip(result.periodStartYears, result.steps) {
                for (i, v) in step.birthsByAgeOfMother.enumerated() {
                    out += "\(prefix(variant, year))\(ages.startAges[i]),\(i == ages.count - 1 ? 1 : 0),\(format(v))\n"
                }
            }
        }
        return out
    }

    static func deaths(_ results: [(String?, ProjectionResult)]) -> String {
        var out = header(results, "year,sex,age,open_age,value")
        for (variant, result) in results {
            for (year, step) in zip(result.periodStartYears, result.steps) {
                appendBySex(&out, prefix: prefix(variant, year), ages: result.start.ages, values: step.deaths)
            }
        }
        return out
    }

    private static func header(_ results: [(String?, ProjectionResult)], _ columns: String) -> String {
        (results.contains { $0.0 != nil } ? "variant," : "") + columns + "\n"
    }

    private static func prefix(_ variant: String?, _ year: Int) -> String {
        (variant.map { "\($0)," } ?? "") + "\(year),"
    }

    /// Full precision, shortest form that reads back to the same number.
    public static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    private static func appendBySex(_ out: inout String, prefix: String, ages: AgeStructure, values: BySex<[Double]>) {
        for sex in Sex.allCases {
            for (i, v) in values[sex].enumerated() {
                out += "\(prefix)\(sex.rawValue),\(ages.startAges[i]),\(i == ages.count - 1 ? 1 : 0),\(format(v))\n"
            }
        }
    }
}
