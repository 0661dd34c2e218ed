import Demography

/// A projection's results as tidy CSV texts, in the conventions of the input data:
/// `year` of a population is its date, `year` of a flow is the start of its period.
public enum ProjectionTables {
    /// `population.csv`: year,sex,age,open_age,value — every population, start included.
    public static func population(_ result: ProjectionResult) -> String {
        var out = "year,sex,age,open_age,value\n"
        for (year, population) in zip(result.years, result.populations) {
            appendBySex(&out, year: year, ages: population.ages, values: population.counts)
        }
        return out
    }

    /// `births.csv`: year,sex,value with sex both, female and male.
    public static func births(_ result: ProjectionResult) -> String {
        var out = "year,sex,value\n"
        for (year, step) in zip(result.periodStartYears, result.steps) {
            out += "\(year),both,\(format(step.totalBirths))\n"
            out += "\(year),female,\(format(step.births.female))\n"
            out += "\(year),male,\(format(step.births.male))\n"
        }
        return out
    }

    /// `births_by_age.csv`: year,age,open_age,value — births of both sexes by age of mother.
    public static func birthsByAge(_ result: ProjectionResult) -> String {
        var out = "year,age,open_age,value\n"
        let ages = result.start.ages
        for (year, step) in zip(result.periodStartYears, result.steps) {
            for (i, v) in step.birthsByAgeOfMother.enumerated() {
                out += "\(year),\(ages.startAges[i]),\(i == ages.count - 1 ? 1 : 0),\(format(v))\n"
            }
        }
        return out
    }

    /// `deaths.csv`: year,sex,age,open_age,value — cohort deaths by the age group reached at the end of the step.
    public static func deaths(_ result: ProjectionResult) -> String {
        var out = "year,sex,age,open_age,value\n"
        for (year, step) in zip(result.periodStartYears, result.steps) {
            appendBySex(&out, year: year, ages: result.start.ages, values: step.deaths)
        }
        return out
    }

    /// The four tables of ``population(_:)``, ``births(_:)``, ``birthsByAge(_:)`` and ``deaths(_:)`` by file name.
    public static func all(_ result: ProjectionResult) -> [String: String] {
        ["population.csv": population(result), "births.csv": births(result),
         "births_by_age.csv": birthsByAge(result), "deaths.csv": deaths(result)]
    }

    /// Full precision, shortest form that reads back to the same number.
    public static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    private static func appendBySex(_ out: inout String, year: Int, ages: AgeStructure, values: BySex<[Double]>) {
        for sex in Sex.allCases {
            for (i, v) in values[sex].enumerated() {
                out += "\(year),\(sex.rawValue),\(ages.startAges[i]),\(i == ages.count - 1 ? 1 : 0),\(format(v))\n"
            }
        }
    }
}
