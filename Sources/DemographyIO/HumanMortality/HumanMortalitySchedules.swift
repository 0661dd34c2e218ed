import Demography

/// Values by calendar year, sex and age read from a Human Mortality Database file
/// (death rates, deaths, exposures or population), on the file's own age grid:
/// single years 0 ... 109 and the open group 110+ (`*_1x1.txt`, `Population.txt`),
/// or 0, 1-4, 5-9, ... 105-109, 110+ (`*_5x1.txt`).
///
/// Only the `Female` and `Male` columns are read; `Total` is the databases' sum of
/// the two and is not needed (HMD Methods Protocol v6, Wilmoth et al. 2021).
public struct HumanMortalitySchedules: Sendable {
    /// The file the values come from (its name), for messages.
    public var file: String
    /// The age groups, the same in every year.
    public var ages: AgeStructure
    /// The values of each year, by sex, in the order of ``ages``.
    public var values: [Int: BySex<[Double]>]
    /// `Population.txt` only: the years with a territorial (or other universe)
    /// change, written `YYYY-` and `YYYY+` in the file; ``values`` holds the `+` figure.
    public var territorialChangeYears: [Int] = []

    /// The years, in order.
    public var years: [Int] { values.keys.sorted() }
}

/// The cells of a `Year Age Female Male Total` file as read, a missing value
/// (`.`) kept as nil, with the line and text of every cell for messages.
struct HumanMortalityCells {
    var file: String
    var ages: AgeStructure
    /// Values by year and sex, nil where the file has `.`.
    var cells: [Int: BySex<[Double?]>] = [:]
    /// The text of each cell, by year and sex.
    var texts: [Int: BySex<[String]>] = [:]
    /// The line of each age's row, by year.
    var lines: [Int: [Int]] = [:]
    /// Years written `YYYY+` (their `YYYY-` rows are skipped).
    var changeYears: [Int] = []

    /// The columns of every file read here.
    static let columns = ["Year", "Age", "Female", "Male", "Total"]

    /// Reads `text` with values of `quantity`; `markedYears`: years may be written
    /// `YYYY-` and `YYYY+` (`Population.txt`), and the `+` rows are kept.
    static func read(_ text: HumanMortalityText, quantity: Quantity, markedYears: Bool = false) throws(DatasetError) -> HumanMortalityCells {
        let file = text.file
        var problems: [InputProblem] = []
        var tally = ProblemTally(file: file)
        // Rows grouped by year in the order met; a year's rows must be consecutive.
        var order: [Int] = []
        var rowsOfYear: [Int: [HumanMortalityText.Row]] = [:]
        var firstLine: [Int: Int] = [:]
        var previous: String? = nil
        var changeYears: [Int] = []
        for row in text.rows {
            var label = row.fields[0]
            var mark: Character? = nil
            if markedYears, let last = label.last, last == "+" || last == "-" { mark = last; label.removeLast() }
            var found: [InputProblem] = []
            guard let year = Quantity.wholeNumber(label, "a year", in: Quantity.calendarYears, file: file, line: row.line,
                                                  column: "Year", problems: &found) else {
                if markedYears { found[0].expected += " (YYYY- or YYYY+ around a territorial change)" }
                tally.add(found, to: &problems)
                continue
            }
            if mark == "-" {                      // the old territory: not the population projected from
                previous = row.fields[0]
                continue
            }
            if mark == "+" && !changeYears.contains(year) { changeYears.append(year) }
            if previous != row.fields[0] {
                if rowsOfYear[year] != nil {
                    tally.add(InputProblem(file: file, line: row.line, column: "Year", value: row.fields[0],
                                           expected: "each year's rows together, once (year \(year) began on line \(firstLine[year] ?? 0))"),
                              to: &problems)
                    continue
                }
                order.append(year)
                firstLine[year] = row.line
                previous = row.fields[0]
            }
            rowsOfYear[year, default: []].append(row)
        }
        guard let first = order.first, !problems.hasErrors else {
            tally.close(&problems)
            throw DatasetError(problems.isEmpty ? [InputProblem(file: file, expected: "rows of Year Age Female Male Total")] : problems)
        }

        // The age grid of the first year: from 0, without gaps, one open group at the end.
        let ageNote = "an age of the HMD: 0, 1, ..., 109, 110+ (1x1 files) or 0, 1-4, 5-9, ..., 110+ (5x1 files)"
        var starts: [Int] = []
        var labels: [String] = []
        for row in rowsOfYear[first] ?? [] {
            guard let age = HumanMortalityAge(row.fields[1]), !age.isOpenBelow else {
                throw DatasetError([InputProblem(file: file, line: row.line, column: "Age", value: InputProblem.excerpt(row.fields[1]), expected: ageNote)])
            }
            let next = starts.isEmpty ? 0 : (HumanMortalityAge(labels[labels.count - 1])?.end).map { $0 + 1 }
            guard age.start == next else {
                let wanted = next.map { "age \($0) (the group after \(labels.last ?? ""))" } ?? "no row after the open group \(labels.last ?? "")"
                throw DatasetError([InputProblem(file: file, line: row.line, column: "Age", value: row.fields[1],
                                                 expected: starts.isEmpty ? "age 0 first" : wanted)])
            }
            starts.append(age.start)
            labels.append(row.fields[1])
        }
        guard HumanMortalityAge(labels.last ?? "")?.isOpenAbove == true else {
            throw DatasetError([InputProblem(file: file, line: rowsOfYear[first]?.last?.line, column: "Age", value: labels.last,
                                             expected: "an open age group such as 110+ last in each year")])
        }
        let ages: AgeStructure
        do { ages = try AgeStructure(startAges: starts) } catch {
            throw DatasetError([InputProblem(file: file, line: firstLine[first], column: "Age", expected: "age groups of a valid grid: \(error)")])
        }

        var out = HumanMortalityCells(file: file, ages: ages)
        out.changeYears = changeYears
        for year in order {
            let rows = rowsOfYear[year] ?? []
            var cells = BySex<[Double?]>(female: [], male: [])
            var texts = BySex<[String]>(female: [], male: [])
            var lines: [Int] = []
            for (k, row) in rows.enumerated() {
                guard k < labels.count, row.fields[1] == labels[k] else {
                    let expected = k < labels.count ? "age \(labels[k]) (every year has the ages of year \(first): \(labels.first ?? "")...\(labels.last ?? ""))"
                                                    : "no row after the open group \(labels.last ?? "") of year \(year)"
                    let valid = HumanMortalityAge(row.fields[1]) != nil
                    tally.add(InputProblem(file: file, line: row.line, column: "Age", value: InputProblem.excerpt(row.fields[1]),
                                           expected: valid ? expected : ageNote), to: &problems)
                    break
                }
                lines.append(row.line)
                for (sex, column) in [(Sex.female, 2), (Sex.male, 3)] {
                    let field = row.fields[column]
                    var found: [InputProblem] = []
                    let value = field == HumanMortalityText.missing ? nil
                        : quantity.read(field, file: file, line: row.line, column: HumanMortalityCells.columns[column], problems: &found)
                    tally.add(found, to: &problems)
                    cells[sex].append(value)
                    texts[sex].append(field)
                }
            }
            if lines.count < labels.count && rows.count == lines.count {
                tally.add(InputProblem(file: file, line: rows.last?.line, column: "Age", value: rows.last?.fields[1],
                                       expected: "the ages of year \(first) through \(labels.last ?? "") in year \(year) (it stops here)"), to: &problems)
            }
            out.cells[year] = cells
            out.texts[year] = texts
            out.lines[year] = lines
        }
        tally.close(&problems)
        guard !problems.hasErrors else { throw DatasetError(problems.errors) }
        return out
    }

    /// Every value of `years` (nil: of every year) present: a `.` is an error
    /// naming its place; `why` says what needs it. Other years are left out.
    func complete(_ why: String, years: Set<Int>? = nil) throws(DatasetError) -> HumanMortalitySchedules {
        var problems: [InputProblem] = []
        var tally = ProblemTally(file: file)
        var values: [Int: BySex<[Double]>] = [:]
        for (year, bySex) in cells where years?.contains(year) ?? true {
            var out = BySex<[Double]>(female: [], male: [])
            for sex in Sex.allCases {
                for (i, v) in bySex[sex].enumerated() {
                    if let v { out[sex].append(v); continue }
                    tally.add(InputProblem(file: file, line: lines[year]?[i], column: sex == .female ? "Female" : "Male",
                                           value: HumanMortalityText.missing, expected: "a value at age \(ages.label(at: i)) in \(year) (\(why))"),
                              to: &problems)
                }
            }
            values[year] = out
        }
        tally.close(&problems)
        guard problems.isEmpty else { throw DatasetError(problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) }) }
        return HumanMortalitySchedules(file: file, ages: ages, values: values, territorialChangeYears: changeYears)
    }
}
