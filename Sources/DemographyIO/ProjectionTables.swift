import Demography

/// A projection's results as tidy CSV texts, in the conventions of the input data:
/// `year` of a population is its date, `year` of a flow is the start of its period.
///
/// Every count is checked before it is written: a value that is not finite, or
/// below 0, throws ``OutputValueError`` naming the file and the cell.
public enum ProjectionTables {
    /// `population.csv`: year,sex,age,open_age,value — every population, start included.
    public static func population(_ result: ProjectionResult) throws(OutputValueError) -> String {
        try population([(nil, result)])
    }

    /// `births.csv`: year,sex,value with sex both, female and male.
    public static func births(_ result: ProjectionResult) throws(OutputValueError) -> String { try births([(nil, result)]) }

    /// `births_by_age.csv`: year,age,open_age,value — births of both sexes by age of mother.
    public static func birthsByAge(_ result: ProjectionResult) throws(OutputValueError) -> String { try birthsByAge([(nil, result)]) }

    /// `deaths.csv`: year,sex,age,open_age,value — cohort deaths by the age group reached at the end of the step.
    public static func deaths(_ result: ProjectionResult) throws(OutputValueError) -> String { try deaths([(nil, result)]) }

    /// The four tables of one projection by file name.
    public static func all(_ result: ProjectionResult) throws(OutputValueError) -> [String: String] { try all([(nil, result)]) }

    /// The four tables of several projections (variants), with a leading `variant` column.
    public static func all(_ results: [(String, ProjectionResult)]) throws(OutputValueError) -> [String: String] {
        try all(results.map { (Optional($0.0), $0.1) })
    }

    static func all(_ results: [(String?, ProjectionResult)]) throws(OutputValueError) -> [String: String] {
        ["population.csv": try population(results), "births.csv": try births(results),
         "births_by_age.csv": try birthsByAge(results), "deaths.csv": try deaths(results)]
    }

    static func population(_ results: [(String?, ProjectionResult)]) throws(OutputValueError) -> String {
        var out = header(results, "year,sex,age,open_age,value",
                         rows: results.reduce(0) { $0 + $1.1.populations.reduce(0) { $0 + 2 * $1.ages.count } })
        for (variant, result) in results {
            for (year, population) in zip(result.years, result.populations) {
                try appendBySex(&out, file: "population.csv", variant: variant, year: year, ages: population.ages, values: population.counts)
            }
        }
        return out.text
    }

    static func births(_ results: [(String?, ProjectionResult)]) throws(OutputValueError) -> String {
        var out = header(results, "year,sex,value", rows: results.reduce(0) { $0 + 3 * $1.1.steps.count })
        for (variant, result) in results {
            for (year, step) in zip(result.periodStartYears, result.steps) {
                for (sex, v) in [("both", step.totalBirths), ("female", step.births.female), ("male", step.births.male)] {
                    try OutputValue.checkCount(v, in: "births.csv", at: place(variant, year, sex))
                    appendPrefix(&out, variant, year)
                    out.append(sex)
                    out.comma()
                    out.append(number: v)
                    out.newline()
                }
            }
        }
        return out.text
    }

    static func birthsByAge(_ results: [(String?, ProjectionResult)]) throws(OutputValueError) -> String {
        var out = header(results, "year,age,open_age,value",
                         rows: results.reduce(0) { $0 + $1.1.steps.count * $1.1.start.ages.count })
        for (variant, result) in results {
            let ages = result.start.ages
            for (year, step) in zip(result.periodStartYears, result.steps) {
                for (i, v) in step.birthsByAgeOfMother.enumerated() {
                    try OutputValue.checkCount(v, in: "births_by_age.csv", at: place(variant, year, "mothers", age: ages.startAges[i]))
                    appendPrefix(&out, variant, year)
                    appendAge(&out, ages.startAges[i], open: i == ages.count - 1, value: v)
                }
            }
        }
        return out.text
    }

    static func deaths(_ results: [(String?, ProjectionResult)]) throws(OutputValueError) -> String {
        var out = header(results, "year,sex,age,open_age,value",
                         rows: results.reduce(0) { $0 + $1.1.steps.count * 2 * $1.1.start.ages.count })
        for (variant, result) in results {
            for (year, step) in zip(result.periodStartYears, result.steps) {
                try appendBySex(&out, file: "deaths.csv", variant: variant, year: year, ages: result.start.ages, values: step.deaths)
            }
        }
        return out.text
    }

    /// The header line, in a buffer sized for `rows` rows of about 40 bytes.
    private static func header(_ results: [(String?, ProjectionResult)], _ columns: String, rows: Int) -> CSVText {
        var out = CSVText(capacity: 64 + 40 * rows)
        if results.contains(where: { $0.0 != nil }) { out.append("variant,") }
        out.append(columns)
        out.newline()
        return out
    }

    /// "variant,year," or "year,".
    private static func appendPrefix(_ out: inout CSVText, _ variant: String?, _ year: Int) {
        if let variant {
            out.append(variant)
            out.comma()
        }
        out.append(year)
        out.comma()
    }

    /// "age,open_age,value\n".
    private static func appendAge(_ out: inout CSVText, _ age: Int, open: Bool, value: Double) {
        out.append(age)
        out.comma()
        out.append(byte: open ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        out.comma()
        out.append(number: value)
        out.newline()
    }

    /// Full precision, shortest form that reads back to the same number.
    public static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    /// "variant high, year 2015, female, age 5" — a cell, as messages name it.
    static func place(_ variant: String?, _ year: Int, _ sex: String, age: Int? = nil) -> String {
        (variant.map { "variant \($0), " } ?? "") + "year \(year), \(sex)" + (age.map { ", age \($0)" } ?? "")
    }

    private static func appendBySex(_ out: inout CSVText, file: String, variant: String?, year: Int, ages: AgeStructure,
                                    values: BySex<[Double]>) throws(OutputValueError) {
        for sex in Sex.allCases {
            let label = sex.rawValue
            for (i, v) in values[sex].enumerated() {
                try OutputValue.checkCount(v, in: file, at: place(variant, year, label, age: ages.startAges[i]))
                appendPrefix(&out, variant, year)
                out.append(label)
                out.comma()
                appendAge(&out, ages.startAges[i], open: i == ages.count - 1, value: v)
            }
        }
    }
}
