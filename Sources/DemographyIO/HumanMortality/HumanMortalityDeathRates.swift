import Foundation
import Demography

extension HumanMortalityDatabase {
    /// The occurrence-exposure death rates mx = D / E of a `Deaths_1x1.txt` and an
    /// `Exposures_1x1.txt` file (deaths in the calendar year over person-years lived
    /// in it, HMD Methods Protocol v6; Preston, Heuveline & Guillot 2001,
    /// chapter 2): the HMD's own `Mx_1x1.txt` is this quotient.
    ///
    /// `lastAge` closes the schedule at `lastAge+` (nil: the files' own open group,
    /// 110+): the open group's rate is the sum of its deaths over the sum of its
    /// exposures, mx(x+) = ΣD / ΣE, which is the open group's occurrence-exposure
    /// rate. Below `lastAge` every age needs its deaths and a positive exposure;
    /// above it a `.` counts as none, so that ages nobody reached do not stop the
    /// table. The two files must have the same years and ages; every mismatch, `.`
    /// and zero exposure is an error naming file, line, column and value.
    public static func deathRates(deaths: HumanMortalityText, exposures: HumanMortalityText,
                                  lastAge: Int? = nil) throws(DatasetError) -> HumanMortalitySchedules {
        var problems: [InputProblem] = []
        var d: HumanMortalityCells?, e: HumanMortalityCells?
        do {
            try deaths.check(.deaths)
            d = try HumanMortalityCells.read(deaths, quantity: .eventCount)
        } catch { problems += error.problems }
        do {
            try exposures.check(.exposures)
            e = try HumanMortalityCells.read(exposures, quantity: .population())
        } catch { problems += error.problems }
        guard let d, let e else { throw DatasetError(problems) }

        if d.ages != e.ages {
            let line = e.lines[e.lines.keys.min() ?? 0]?.first
            throw DatasetError([InputProblem(file: e.file, line: line, column: "Age", value: "\(e.ages)",
                                             expected: "the ages of \(d.file) (\(d.ages))")])
        }
        func span(_ years: Dictionary<Int, [Int]>.Keys) -> String {
            guard let lo = years.min(), let hi = years.max() else { return "none" }
            return lo == hi ? "\(lo)" : "\(lo)-\(hi)"
        }
        for (one, other) in [(d, e), (e, d)] {
            for year in one.lines.keys.sorted() where other.lines[year] == nil {
                problems.append(InputProblem(file: one.file, line: one.lines[year]?.first, column: "Year", value: "\(year)",
                                             expected: "a year that \(other.file) also has (its years: \(span(other.lines.keys))); mx = D/E needs both"))
            }
        }
        guard problems.isEmpty else { throw DatasetError(problems) }

        let ages = d.ages
        let open = lastAge ?? ages.openAge
        guard let openIndex = ages.index(ofStartAge: open) else {
            throw DatasetError([InputProblem(file: d.file, column: "Age", value: "\(open)+",
                                             expected: "an open age that starts a group of the files (\(ages))")])
        }
        let grid: AgeStructure
        do { grid = try AgeStructure(startAges: Array(ages.startAges[...openIndex])) } catch {
            throw DatasetError([InputProblem(file: d.file, column: "Age", value: "\(open)+", expected: "a valid open age: \(error)")])
        }
        var tally = ProblemTally(file: d.file)
        var values: [Int: BySex<[Double]>] = [:]
        for year in d.lines.keys.sorted() {
            guard let dc = d.cells[year], let ec = e.cells[year], let dl = d.lines[year], let el = e.lines[year],
                  let dt = d.texts[year], let et = e.texts[year] else { continue }
            var rates = BySex<[Double]>(female: [], male: [])
            for sex in Sex.allCases {
                let column = sex == .female ? "Female" : "Male"
                for i in 0...openIndex {
                    let group = i < openIndex ? i...i : i...(ages.count - 1)
                    let label = i < openIndex ? ages.label(at: i) : "\(open)+"
                    var deathsSum = 0.0, exposureSum = 0.0
                    var missing: InputProblem? = nil
                    for j in group {
                        // Above the last age used (j > i, in the open group) a "." counts as none.
                        if let v = dc[sex][j] { deathsSum += v } else if j == i {
                            missing = InputProblem(file: d.file, line: dl[j], column: column, value: HumanMortalityText.missing,
                                                   expected: "the deaths at age \(ages.label(at: j)) in \(year) (mx = D/E is needed at every age up to the open group \(open)+)")
                        }
                        if let v = ec[sex][j] { exposureSum += v } else if j == i && missing == nil {
                            missing = InputProblem(file: e.file, line: el[j], column: column, value: HumanMortalityText.missing,
                                                   expected: "the exposure at age \(ages.label(at: j)) in \(year) (mx = D/E is needed at every age up to the open group \(open)+)")
                        }
                    }
                    if let missing { tally.add(missing, to: &problems); rates[sex].append(0); continue }
                    guard exposureSum > 0 else {
                        tally.add(InputProblem(file: e.file, line: el[i], column: column, value: et[sex][i],
                                               expected: "a positive exposure at age \(label) in \(year) (mx = D/E; choose a lower open age to close the table below ages without exposure)"),
                                  to: &problems)
                        rates[sex].append(0)
                        continue
                    }
                    let mx = deathsSum / exposureSum
                    if !Quantity.deathRate.allows(mx) {
                        tally.add(InputProblem(file: d.file, line: dl[i], column: column, value: dt[sex][i],
                                               expected: "deaths giving \(Quantity.deathRate.expectation) over the exposure \(exposureSum) (found mx = \(mx))"),
                                  to: &problems)
                    }
                    rates[sex].append(mx)
                }
            }
            values[year] = rates
        }
        tally.close(&problems)
        guard !problems.hasErrors else { throw DatasetError(problems.errors) }
        return HumanMortalitySchedules(file: "\(d.file) / \(e.file)", ages: grid, values: values)
    }

    /// ``deathRates(deaths:exposures:lastAge:)`` of the files at `deaths` and `exposures`.
    public static func deathRates(deaths: URL, exposures: URL, lastAge: Int? = nil) throws(DatasetError) -> HumanMortalitySchedules {
        var problems: [InputProblem] = []
        var d: HumanMortalityText?, e: HumanMortalityText?
        do { d = try HumanMortalityText.read(deaths, columns: HumanMortalityCells.columns) } catch { problems += error.problems }
        do { e = try HumanMortalityText.read(exposures, columns: HumanMortalityCells.columns) } catch { problems += error.problems }
        guard let d, let e else { throw DatasetError(problems) }
        return try deathRates(deaths: d, exposures: e, lastAge: lastAge)
    }
}
