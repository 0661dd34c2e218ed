import Demography

/// Reads `year,value` tables (srb.csv, tfr.csv, mig_net_total.csv): one value per year.
struct YearTableReader {
    var valueColumn = "value"
    /// Whether negative values are allowed (net migration totals).
    var signed = false
    /// Whether the value must be above 0 (sex ratios at birth).
    var positive = false

    func read(_ rows: TidyRows, problems: inout [InputProblem]) -> [Int: Double] {
        let before = problems.count
        let yearColumn = rows.column("year", problems: &problems)
        let value = rows.column(valueColumn, problems: &problems)
        guard problems.count == before, let yearColumn, let value else { return [:] }
        var out: [Int: Double] = [:]
        var lines: [Int: Int] = [:]
        for r in rows.selected {
            guard let year = rows.integer(yearColumn, r, problems: &problems),
                  let v = rows.number(value, r, signed: signed, problems: &problems) else { continue }
            if let first = lines[year] {
                problems.append(InputProblem(file: rows.table.file, line: rows.line(r), column: "year", value: String(year),
                                             expected: "one row for \(year), but line \(first) has it already"))
                continue
            }
            if positive && v <= 0 {
                problems.append(InputProblem(file: rows.table.file, line: rows.line(r), column: valueColumn,
                                             value: rows.table.rows[r][value], expected: "a number above 0"))
                continue
            }
            out[year] = v
            lines[year] = rows.line(r)
        }
        if out.isEmpty && problems.count == before {
            problems.append(InputProblem(file: rows.table.file, expected: "at least one data row"))
        }
        return out
    }
}
