import Demography

/// The rows of a tidy (long) table for one location, with typed access to key
/// and value columns that records a problem for every cell it cannot read.
struct TidyRows {
    let table: CSVTable
    /// Indices into `table.rows` of the selected location.
    let selected: [Int]

    /// Column names that identify a location.
    static let locationColumns = ["country_code", "reg_code", "location_code", "location"]

    /// Selects the rows of `location`, or all rows when the table has no location
    /// column; without a location, a table that holds several is a problem. A
    /// header that names a column twice is a problem.
    init(_ table: CSVTable, location: String?, problems: inout [InputProblem]) {
        self.table = table
        if let repeated = table.repeatedColumn { problems.append(repeated) }
        guard let column = TidyRows.locationColumns.first(where: table.hasColumn),
              let index = table.header.firstIndex(of: column) else {
            selected = Array(table.rows.indices)
            return
        }
        if let location {
            selected = table.rows.indices.filter { table.rows[$0][index] == location }
            if selected.isEmpty {
                let known = Set(table.rows.map { $0[index] }).sorted()
                problems.append(InputProblem(file: table.file, column: column, value: location,
                                             expected: "one of the locations in the file: \(known.prefix(12).joined(separator: ", "))"))
            }
        } else {
            let known = Set(table.rows.map { $0[index] }).sorted()
            if known.count > 1 {
                problems.append(InputProblem(file: table.file, column: column, value: known.prefix(12).joined(separator: ", "),
                                             expected: "a single location, or one chosen with --location"))
                selected = []
            } else {
                selected = Array(table.rows.indices)
            }
        }
    }

    /// The line number of selected row `row`.
    func line(_ row: Int) -> Int { table.lines[row] }

    /// The index of a required column, or a problem.
    func column(_ name: String, problems: inout [InputProblem]) -> Int? {
        switch table.column(name) {
        case .success(let i): return i
        case .failure(let problem):
            problems.append(problem)
            return nil
        }
    }

    /// A whole number in `column` of `row` (plain decimal, ``DecimalNumber``),
    /// within `range` when given; `what` names it in a message ("a year").
    func integer(_ column: Int, _ row: Int, _ what: String = "a whole number", in range: ClosedRange<Int>? = nil,
                 problems: inout [InputProblem]) -> Int? {
        Quantity.wholeNumber(table.rows[row][column], what, in: range, file: table.file, line: line(row),
                             column: table.header[column], problems: &problems)
    }

    /// A calendar year in `column` of `row`, within ``Quantity/calendarYears``.
    func year(_ column: Int, _ row: Int, problems: inout [InputProblem]) -> Int? {
        integer(column, row, "a year", in: Quantity.calendarYears, problems: &problems)
    }

    /// An age in whole years in `column` of `row`, within ``Quantity/ages``.
    func age(_ column: Int, _ row: Int, problems: inout [InputProblem]) -> Int? {
        integer(column, row, "an age in whole years", in: Quantity.ages, problems: &problems)
    }

    /// The value in `column` of `row` as `quantity`: refused outside its limits,
    /// read with a warning outside its usual range (``Quantity/read(_:file:line:column:problems:)``).
    func number(_ column: Int, _ row: Int, _ quantity: Quantity, problems: inout [InputProblem]) -> Double? {
        quantity.read(table.rows[row][column], file: table.file, line: line(row), column: table.header[column], problems: &problems)
    }

    /// `female` or `male` in `column` of `row`.
    func sex(_ column: Int, _ row: Int, problems: inout [InputProblem]) -> Sex? {
        let text = table.rows[row][column]
        if let s = Sex(rawValue: text.lowercased()) { return s }
        problems.append(InputProblem(file: table.file, line: line(row), column: table.header[column],
                                     value: InputProblem.excerpt(text), expected: "female or male"))
        return nil
    }
}
