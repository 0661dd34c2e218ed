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
            selected = Array(0..<table.rowCount)
            return
        }
        // Compared as bytes: no string is made for a row's location unless one is reported.
        func known() -> [String] { Set((0..<table.rowCount).map { table.field($0, index) }).sorted() }
        if let location {
            let wanted = Array(location.utf8)
            selected = (0..<table.rowCount).filter { table.field($0, index, equals: wanted) }
            if selected.isEmpty {
                problems.append(InputProblem(file: table.file, column: column, value: location,
                                             expected: "one of the locations in the file: \(known().prefix(12).joined(separator: ", "))"))
            }
        } else {
            let first = table.rowCount > 0 ? Array(table.field(0, index).utf8) : []
            if (0..<table.rowCount).allSatisfy({ table.field($0, index, equals: first) }) {
                selected = Array(0..<table.rowCount)
            } else {
                problems.append(InputProblem(file: table.file, column: column, value: known().prefix(12).joined(separator: ", "),
                                             expected: "a single location, or one chosen with --location"))
                selected = []
            }
        }
    }

    /// The field of `row` in `column` as a string.
    func text(_ column: Int, _ row: Int) -> String { table.field(row, column) }

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
        table.withField(row, column) {
            Quantity.wholeNumber(bytes: $0, what, in: range, file: table.file, line: line(row),
                                 column: table.header[column], problems: &problems)
        }
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
        table.withField(row, column) {
            quantity.read(bytes: $0, file: table.file, line: line(row), column: table.header[column], problems: &problems)
        }
    }

    /// `female` or `male` in `column` of `row`.
    func sex(_ column: Int, _ row: Int, problems: inout [InputProblem]) -> Sex? {
        let sex: Sex? = table.withField(row, column) { bytes in
            // The usual spellings, compared as bytes; any other case through `lowercased()`.
            // "female" and "male" end in "male": compare from the end.
            let n = bytes.count
            guard n == 4 || n == 6, bytes[n - 4] == 0x6D, bytes[n - 3] == 0x61, bytes[n - 2] == 0x6C, bytes[n - 1] == 0x65 else { return nil }
            if n == 4 { return .male }
            return bytes[0] == 0x66 && bytes[1] == 0x65 ? .female : nil
        }
        if let sex { return sex }
        let text = table.field(row, column)
        if let s = Sex(rawValue: text.lowercased()) { return s }
        problems.append(InputProblem(file: table.file, line: line(row), column: table.header[column],
                                     value: InputProblem.excerpt(text), expected: "female or male"))
        return nil
    }
}
