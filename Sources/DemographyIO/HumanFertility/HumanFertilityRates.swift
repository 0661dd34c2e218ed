import Foundation
import Demography

/// The period age-specific fertility rates of a Human Fertility Database
/// `asfrRR.txt` file (rates by calendar year and completed age, Lexis squares;
/// HFD Methods Protocol, Jdanov et al. 2019, and the HFD data file description;
/// the layout is ``HumanMortalityText``'s, columns `Year Age ASFR`).
///
/// Ages are `12-`, `13`, ..., `54`, `55+`; ASFR is births per woman per year (the
/// unit of the tidy `asfr.csv`). The open groups are rates of single ages of
/// exposure: `12-` holds the births to women aged 12 and below over the exposure
/// of women aged 12, `55+` the births at 55 and above over the exposure at 55
/// (HFD Methods Protocol, on the open age intervals). So `12-` maps onto age 12
/// and `55+` onto age 55 of a single-year fertility schedule, and births there are
/// counted exactly: every birth of the year is in one of the 44 rates.
public struct HumanFertilityRates: Sendable {
    /// The file's name, for messages.
    public var file: String
    /// The ages of the rates: 12 (for `12-`) through 55 (for `55+`), as in the file.
    public var ages: [Int]
    /// The rates of each year, in the order of ``ages`` (births per woman per year).
    public var values: [Int: [Double]]

    /// The columns of `asfrRR.txt`.
    public static let columns = ["Year", "Age", "ASFR"]

    /// Reads the rates; every year must have the same ages, consecutive, with an
    /// open group below first and above last; `.` is refused.
    public static func read(_ text: HumanMortalityText) throws(DatasetError) -> HumanFertilityRates {
        try text.check(.fertilityRates)
        let file = text.file
        var problems: [InputProblem] = []
        var tally = ProblemTally(file: file)
        var values: [Int: [Double]] = [:]
        var order: [Int] = []
        var labels: [Int: [String]] = [:]
        var lines: [Int: [Int]] = [:]
        let ageNote = "an HFD age: 12-, 13, ..., 54, 55+ (the open groups at and below the first age, at and above the last)"
        for row in text.rows {
            var found: [InputProblem] = []
            guard let year = Quantity.wholeNumber(row.fields[0], "a year", in: Quantity.calendarYears, file: file,
                                                  line: row.line, column: "Year", problems: &found) else {
                tally.add(found, to: &problems)
                continue
            }
            if values[year] == nil { order.append(year); values[year] = [] }
            else if order.last != year {
                tally.add(InputProblem(file: file, line: row.line, column: "Year", value: row.fields[0],
                                       expected: "each year's rows together, once (year \(year) began on line \(lines[year]?.first ?? 0))"),
                          to: &problems)
                continue
            }
            guard let age = HumanMortalityAge(row.fields[1]) else {
                tally.add(InputProblem(file: file, line: row.line, column: "Age", value: InputProblem.excerpt(row.fields[1]), expected: ageNote), to: &problems)
                continue
            }
            let previous = labels[year]?.last.flatMap(HumanMortalityAge.init)
            let isFirst = previous == nil
            let wellPlaced = isFirst ? age.isOpenBelow : (!age.isOpenBelow && previous?.end != nil && age.start == (previous?.end ?? 0) + 1 && (age.end == nil || age.end == age.start))
            guard wellPlaced else {
                let expected = isFirst ? "an open group below such as 12- first in each year"
                    : (previous?.end == nil ? "no row after the open group \(labels[year]?.last ?? "")"
                                            : "age \((previous?.end ?? 0) + 1) (the age after \(labels[year]?.last ?? ""))")
                tally.add(InputProblem(file: file, line: row.line, column: "Age", value: row.fields[1], expected: expected), to: &problems)
                continue
            }
            labels[year, default: []].append(row.fields[1])
            lines[year, default: []].append(row.line)
            let field = row.fields[2]
            if field == HumanMortalityText.missing {
                tally.add(InputProblem(file: file, line: row.line, column: "ASFR", value: field,
                                       expected: "the fertility rate at age \(row.fields[1]) in \(year)"), to: &problems)
                values[year]?.append(0)
            } else {
                let v = Quantity.fertilityRate.read(field, file: file, line: row.line, column: "ASFR", problems: &found)
                tally.add(found, to: &problems)
                values[year]?.append(v ?? 0)
            }
        }
        guard let first = order.first, let firstLabels = labels[first] else {
            tally.close(&problems)
            throw DatasetError(problems.isEmpty ? [InputProblem(file: file, expected: "rows of Year Age ASFR")] : problems.errors)
        }
        for year in order {
            let these = labels[year] ?? []
            if HumanMortalityAge(these.last ?? "")?.isOpenAbove != true {
                tally.add(InputProblem(file: file, line: lines[year]?.last, column: "Age", value: these.last,
                                       expected: "an open group above such as 55+ last in each year"), to: &problems)
            } else if these != firstLabels {
                tally.add(InputProblem(file: file, line: lines[year]?.first, column: "Age", value: "\(these.first ?? "")...\(these.last ?? "")",
                                       expected: "the ages of year \(first): \(firstLabels.first ?? "")...\(firstLabels.last ?? "")"), to: &problems)
            }
        }
        tally.close(&problems)
        guard !problems.hasErrors else { throw DatasetError(problems.errors) }
        let ages = firstLabels.compactMap { HumanMortalityAge($0)?.start }
        return HumanFertilityRates(file: file, ages: ages, values: values)
    }

    /// ``read(_:)`` of the file at `url`.
    public static func read(_ url: URL) throws(DatasetError) -> HumanFertilityRates {
        try read(HumanMortalityText.read(url, columns: columns))
    }

    /// The rates of `year` on a single-year age grid (`grid`, width 1): each rate at
    /// its age (`12-` at 12, `55+` at 55), 0 at every other age. nil when the year
    /// is not in the file; an error when an age is not a single year of the grid.
    public func schedule(_ year: Int, on grid: AgeStructure) throws(DatasetError) -> [Double]? {
        guard let rates = values[year] else { return nil }
        var out = [Double](repeating: 0, count: grid.count)
        for (k, age) in ages.enumerated() {
            guard let i = grid.index(ofStartAge: age), grid.width(at: i) == 1 else {
                throw DatasetError([InputProblem(file: file, column: "Age", value: "\(age)",
                                                 expected: "an age of a single year of the population's grid (\(grid))")])
            }
            out[i] = rates[k]
        }
        return out
    }
}
