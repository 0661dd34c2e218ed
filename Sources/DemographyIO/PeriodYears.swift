/// The check that a file's years are the periods of the projection: the base
/// year and every step after it, up to the file's last year, without gaps.
///
/// A year off the step grid is one problem (annual rows in a dataset of
/// five-year periods are refused, never skipped); so is each gap, however long,
/// stating the years missing ("years 2055 to 2065 are missing"), so that the
/// check costs one pass over the years present, never one per missing year. A
/// year missing in the middle of a file would otherwise end the projection
/// there, silently.
enum PeriodYears {
    /// Checks `years` of `file` against the periods `baseYear`, `baseYear + width`, ….
    /// `lines` gives the file's line of each year, to locate the problems;
    /// `allowsGaps` is for files where a period without a row has a default
    /// (mig_parameter.csv), which checks only that each year is a period.
    static func check<C: Collection<Int>>(_ years: C, file: String, baseYear: Int, width: Int, lines: [Int: Int] = [:],
                                          allowsGaps: Bool = false, problems: inout [InputProblem]) {
        let sorted = Set(years).sorted()
        guard let last = sorted.last, width > 0 else { return }
        if let off = sorted.first(where: { $0 < baseYear || ($0 - baseYear) % width != 0 }) {
            // Annual rows in a dataset of five-year periods are refused, not averaged
            // nor skipped: which value (first year, mean, mid-year) holds for the period
            // is the user's choice, and a silent one would change the projection.
            let between = sorted.filter { $0 > baseYear && ($0 - baseYear) % width != 0 }.count
            let annual = width > 1 && between > 0
                ? "; the file has rows for \(between) year\(between == 1 ? "" : "s") between the periods (annual rows?): give one row per \(width)-year period, for example the mean over its years, or single ages with annual steps"
                : ""
            problems.append(InputProblem(file: file, line: lines[off], column: "year", value: String(off),
                                         expected: "a period start year \(baseYear), \(baseYear + width), ... (steps of \(width) years from the base year)\(annual)"))
            return
        }
        guard !allowsGaps else { return }
        var expected = baseYear
        for year in sorted {
            if year > expected {
                let missing = year - width == expected ? "year \(expected) is missing" : "years \(expected) to \(year - width) are missing"
                problems.append(InputProblem(file: file, line: lines[year], column: "year", value: String(year),
                                             expected: "\(expected) before it: every period from \(baseYear) to \(last) needs rows; \(missing)"))
            }
            expected = year + width
        }
    }

    /// The first line of each year of an age table.
    static func lines(of table: AgeTableReader.Table) -> [Int: Int] {
        table.lines.mapValues { bySex in bySex.values.flatMap { $0 }.filter { $0 > 0 }.min() ?? 0 }
            .filter { $0.value > 0 }
    }
}
