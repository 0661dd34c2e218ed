import Foundation
import Demography

extension HumanMortalityDatabase {
    /// Live births by sex of the child of a `Births.txt` file (columns
    /// `Year Female Male Total`, births in the calendar year).
    public static func births(_ text: HumanMortalityText) throws(DatasetError) -> [Int: BySex<Double>] {
        try text.check(.births)
        var problems: [InputProblem] = []
        var tally = ProblemTally(file: text.file)
        var out: [Int: BySex<Double>] = [:]
        var lineOf: [Int: Int] = [:]
        for row in text.rows {
            var found: [InputProblem] = []
            guard let year = Quantity.wholeNumber(row.fields[0], "a year", in: Quantity.calendarYears, file: text.file,
                                                  line: row.line, column: "Year", problems: &found) else {
                tally.add(found, to: &problems)
                continue
            }
            if let first = lineOf[year] {
                tally.add(InputProblem(file: text.file, line: row.line, column: "Year", value: row.fields[0],
                                       expected: "each year once (\(year) is on line \(first))"), to: &problems)
                continue
            }
            lineOf[year] = row.line
            var births = BySex<Double>(female: 0, male: 0)
            for (sex, k) in [(Sex.female, 1), (Sex.male, 2)] {
                let column = text.columns[k]
                let field = row.fields[k]
                guard field != HumanMortalityText.missing else {
                    tally.add(InputProblem(file: text.file, line: row.line, column: column, value: field,
                                           expected: "the births of \(year) (the sex ratio at birth needs both sexes)"), to: &problems)
                    continue
                }
                if let v = Quantity.eventCount.read(field, file: text.file, line: row.line, column: column, problems: &found) {
                    births[sex] = v
                }
            }
            tally.add(found, to: &problems)
            out[year] = births
        }
        tally.close(&problems)
        guard !problems.hasErrors else { throw DatasetError(problems.errors) }
        return out
    }

    /// The sex ratio at birth of each year of a `Births.txt` file: male over female
    /// live births (males per female birth, the unit of the tidy `srb.csv`). A year
    /// without female births, or with a ratio outside ``Quantity/sexRatioAtBirth``'s
    /// limits, is an error naming its line.
    public static func sexRatioAtBirth(_ text: HumanMortalityText) throws(DatasetError) -> [Int: Double] {
        let births = try births(text)
        var problems: [InputProblem] = []
        var out: [Int: Double] = [:]
        let lines = Dictionary(text.rows.compactMap { row in Int(row.fields[0]).map { ($0, row.line) } }, uniquingKeysWith: { a, _ in a })
        for (year, b) in births {
            let srb = b.male / b.female
            guard b.female > 0, Quantity.sexRatioAtBirth.allows(srb) else {
                problems.append(InputProblem(file: text.file, line: lines[year], column: "Male",
                                             value: "\(b.male) males to \(b.female) females",
                                             expected: "births giving \(Quantity.sexRatioAtBirth.expectation)"))
                continue
            }
            out[year] = srb
        }
        guard problems.isEmpty else { throw DatasetError(problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) }) }
        return out
    }

    /// The columns of `Births.txt`.
    public static let birthColumns = ["Year", "Female", "Male", "Total"]
}
