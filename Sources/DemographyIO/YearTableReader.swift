import Demography

/// Reads `year,value` tables (srb.csv, tfr.csv, mig_net_total.csv): one value per year.
///
/// Each value is read as its ``Quantity`` (refused outside its limits, read with
/// a warning outside its usual range); years are within
/// ``Quantity/calendarYears``; two rows for one year are refused. Whether every
/// period is there is the caller's check (``PeriodYears``), which knows the base
/// year and the step.
struct YearTableReader {
    var valueColumn = "value"
    /// What the values measure.
    var quantity: Quantity

    /// Values by year, with the line of each.
    struct Table {
        var values: [Int: Double]
        var lines: [Int: Int]
    }

    func read(_ rows: TidyRows, problems: inout [InputProblem]) -> [Int: Double] {
        readWithLines(rows, problems: &problems).values
    }

    func readWithLines(_ rows: TidyRows, problems: inout [InputProblem]) -> Table {
        let before = problems.errorCount
        let yearColumn = rows.column("year", problems: &problems)
        let value = rows.column(valueColumn, problems: &problems)
        guard problems.errorCount == before, let yearColumn, let value else { return Table(values: [:], lines: [:]) }
        var out: [Int: Double] = [:]
        var lines: [Int: Int] = [:]
        var tally = ProblemTally(file: rows.table.file)
        defer { tally.close(&problems) }
        for r in rows.selected {
            var rowProblems: [InputProblem] = []
            defer { tally.add(rowProblems, to: &problems) }
            let year = rows.year(yearColumn, r, problems: &rowProblems)
            let v = rows.number(value, r, quantity, problems: &rowProblems)
            guard let year, let v else { continue }
            if let first = lines[year] {
                rowProblems.append(InputProblem(file: rows.table.file, line: rows.line(r), column: "year", value: String(year),
                                                expected: "one row for \(year), but line \(first) has it already"))
                continue
            }
            out[year] = v
            lines[year] = rows.line(r)
        }
        if out.isEmpty && problems.errorCount == before {
            problems.append(InputProblem(file: rows.table.file, expected: "at least one data row"))
        }
        return Table(values: out, lines: lines)
    }
}
