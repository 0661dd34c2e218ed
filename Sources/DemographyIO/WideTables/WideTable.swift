import Demography
import Foundation

/// A wide table exported from a spreadsheet (ages as rows, years or sexes as
/// columns, ``WideTableLayout``), read cell by cell into the rows of a tidy file.
///
/// **The text.** The first line that is not blank is the header: the age column's
/// name (anything, even empty), then the years or the sexes. The fields are
/// separated by commas, semicolons or tabs, whichever the header holds most of
/// (a tab wins); fields may be quoted (`"…"`, `""` for a quote). Semicolon- and
/// tab-separated files may write decimals with a comma (`0,0123`), as
/// spreadsheets in most European locales export them. A byte-order mark, `\r\n`
/// line ends, blank lines and lines of empty fields (a spreadsheet's empty rows)
/// are passed over, as are trailing columns with neither a header nor a value.
///
/// **Columns.** Years are written `2020` (also `2020.0`) or as a period
/// `2020-2025` (read as its start year, the tidy layout's `year`). Sexes are
/// `Female`, `Females`, `F`, `Women` and `Male`, `Males`, `M`, `Men` (any case);
/// a `Total`, `Both`, `Both sexes` or `All` column is a sum and is not read.
///
/// **Rows.** The age labels of ``SpreadsheetAgeLabel`` (`0`, `1-4`, `5-9`, …,
/// `85+`, `85 and over`, `Under 1`); a `Total` row is not read. The groups must
/// follow each other without gaps or overlaps, and only the last may be open.
///
/// **Cells.** A plain decimal number (`DecimalNumber`: no thousands separators,
/// no `%`), never empty. Its unit is the dataset's (`units.csv`, `--unit`), as if
/// the same number stood in the tidy file. Each value keeps its place (file,
/// line, column) so that a problem the dataset readers find in it is reported
/// there (``WideTables/relocated(_:)``).
public struct WideTable: Sendable {
    /// The file's name, as messages give it.
    public let file: String
    /// The declared layout.
    public let layout: WideTableLayout
    /// The age column's header.
    let ageColumn: String
    /// Every value read, in the file's order.
    let cells: [Cell]

    /// One value of the table, with the tidy row's keys and its place.
    struct Cell: Sendable {
        var year: Int
        var sex: Sex?
        var age: Int
        var isOpen: Bool
        /// The number as the tidy file writes it (a decimal comma made a point).
        var value: String
        var line: Int
        var column: String
    }

    /// Reads `text`, the contents of `file`, laid out as `layout`.
    public static func read(_ text: String, file: String, layout: WideTableLayout) throws(DatasetError) -> WideTable {
        var problems: [InputProblem] = []
        var lines: [(number: Int, fields: [String])] = []
        var delimiter: UInt8?
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            var line = Substring(raw)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if index == 0, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            if delimiter == nil {
                guard !line.allSatisfy({ $0 == " " }) else { continue }
                delimiter = Self.delimiter(of: line)
            }
            let fields = CSVTable.splitFields(line, delimiter: delimiter ?? UInt8(ascii: ","))
            if fields.allSatisfy(\.isEmpty) { continue }
            lines.append((index + 1, fields))
        }
        guard let header = lines.first, let delimiter else {
            throw DatasetError([InputProblem(file: file, expected: "a header line: the age column, then the \(layout.columns.what)")])
        }
        let decimalComma = delimiter != UInt8(ascii: ",")
        let shown = String(Character(Unicode.Scalar(delimiter)))

        // The columns: what each holds, nil for a sum or an empty trailing column.
        var columnKeys: [(year: Int, sex: Sex?)?] = [nil]
        var seen: [String: String] = [:]
        for (i, name) in header.fields.enumerated().dropFirst() {
            let hasValues = lines.dropFirst().contains { i < $0.fields.count && !$0.fields[i].isEmpty }
            if name.isEmpty && !hasValues { columnKeys.append(nil); continue }
            guard let key = Self.columnKey(name, layout: layout) else {
                problems.append(InputProblem(file: file, line: header.number, column: "column \(i + 1)", value: InputProblem.excerpt(name),
                                             expected: "a \(layout.columns.one) as the layout \(layout.columns.declared) says (\(layout.columns.examples))"))
                columnKeys.append(nil)
                continue
            }
            if case .sum = key { columnKeys.append(nil); continue }
            guard case .value(let year, let sex) = key else { continue }
            let id = "\(year) \(sex?.rawValue ?? "")"
            if let first = seen[id] {
                problems.append(InputProblem(file: file, line: header.number, column: name, value: InputProblem.excerpt(name),
                                             expected: "each \(layout.columns.one) once; column \"\(first)\" is the same"))
            }
            seen[id] = name
            columnKeys.append((year, sex))
        }
        guard columnKeys.contains(where: { $0 != nil }) || !problems.isEmpty else {
            throw DatasetError([InputProblem(file: file, line: header.number, value: InputProblem.excerpt(header.fields.joined(separator: shown)),
                                             expected: "at least one column of \(layout.columns.what) after the age column")])
        }

        // The rows: age groups in order, the last one open.
        var cells: [Cell] = []
        var previous: (start: Int, end: Int?, line: Int, label: String)?
        var openSeen: (line: Int, label: String)?
        let ageColumn = header.fields[0].isEmpty ? "column 1" : header.fields[0]
        for row in lines.dropFirst() {
            guard row.fields.count <= columnKeys.count || row.fields[columnKeys.count...].allSatisfy(\.isEmpty) else {
                problems.append(InputProblem(file: file, line: row.number, value: InputProblem.excerpt(row.fields.joined(separator: shown)),
                                             expected: "at most \(columnKeys.count) fields, as the header has, found \(row.fields.count)"))
                continue
            }
            let labelText = row.fields[0]
            guard let label = SpreadsheetAgeLabel.read(labelText) else {
                problems.append(InputProblem(file: file, line: row.number, column: ageColumn, value: InputProblem.excerpt(labelText),
                                             expected: "an age group such as 0, 1-4, 5-9 or 85+ (or Total, which is not read)"))
                continue
            }
            let start: Int, isOpen: Bool
            switch label {
            case .total: continue
            case .open(let s): (start, isOpen) = (s, true)
            case .closed(let s, _): (start, isOpen) = (s, false)
            }
            if let open = openSeen {
                problems.append(InputProblem(file: file, line: row.number, column: ageColumn, value: InputProblem.excerpt(labelText),
                                             expected: "no age group after the open group \"\(open.label)\" (line \(open.line))"))
                continue
            }
            if let previous {
                let expectedStart = previous.end.map { $0 + 1 }
                if start <= previous.start || (expectedStart != nil && start != expectedStart) {
                    let want = expectedStart.map { "the group after \"\(previous.label)\" (line \(previous.line)), starting at \($0)" }
                        ?? "an age above \(previous.start), the start of \"\(previous.label)\" (line \(previous.line))"
                    problems.append(InputProblem(file: file, line: row.number, column: ageColumn, value: InputProblem.excerpt(labelText),
                                                 expected: "\(want): the groups must follow each other without gaps or overlaps"))
                }
            }
            if case .closed(_, let end) = label { previous = (start, end, row.number, labelText) } else {
                previous = (start, nil, row.number, labelText)
                openSeen = (row.number, labelText)
            }
            for (i, key) in columnKeys.enumerated().dropFirst() {
                guard let key else { continue }
                let text = i < row.fields.count ? row.fields[i] : ""
                let column = header.fields[i]
                guard !text.isEmpty else {
                    problems.append(InputProblem(file: file, line: row.number, column: column,
                                                 expected: "a number for age \(labelText), \(column) (the cell is empty)"))
                    continue
                }
                let plain = decimalComma && !text.contains(".") ? text.replacingOccurrences(of: ",", with: ".") : text
                guard DecimalNumber.parse(plain) != nil else {
                    let separators = decimalComma ? "a decimal point or comma" : "a decimal point (the file is comma-separated)"
                    problems.append(InputProblem(file: file, line: row.number, column: column, value: InputProblem.excerpt(text),
                                                 expected: "a plain decimal number with \(separators), no thousands separators or %, such as 12, 0.25 or 1.5e-3"))
                    continue
                }
                cells.append(Cell(year: key.year, sex: key.sex, age: start, isOpen: isOpen, value: plain, line: row.number, column: column))
            }
        }
        if problems.isEmpty, layout.input != .fertilityRates, layout.input != .fertilityPattern, openSeen == nil, let previous {
            problems.append(InputProblem(file: file, line: previous.line, column: ageColumn, value: InputProblem.excerpt(previous.label),
                                         expected: "the last age group open (such as 85+ or 100+), as the \(layout.input.tidyFile) of a projection ends"))
        }
        if problems.isEmpty && cells.isEmpty {
            problems.append(InputProblem(file: file, expected: "rows of age groups under the header"))
        }
        if !problems.isEmpty { throw DatasetError(problems) }
        return WideTable(file: file, layout: layout, ageColumn: ageColumn, cells: cells)
    }

    /// What a header cell names.
    private enum ColumnKey { case value(year: Int, sex: Sex?), sum }

    private static func columnKey(_ name: String, layout: WideTableLayout) -> ColumnKey? {
        let label = name.trimmingCharacters(in: .whitespaces).lowercased()
        switch layout.columns {
        case .years(let sex):
            let start = label.replacingOccurrences(of: "\u{2013}", with: "-").split(separator: "-", maxSplits: 1).first.map(String.init) ?? label
            guard let year = DecimalNumber.wholeNumber(start.trimmingCharacters(in: .whitespaces)), Quantity.calendarYears.contains(year) else { return nil }
            return .value(year: year, sex: sex)
        case .sexes(let year):
            if ["female", "females", "f", "women", "woman"].contains(label) { return .value(year: year, sex: .female) }
            if ["male", "males", "m", "men", "man"].contains(label) { return .value(year: year, sex: .male) }
            if ["total", "both", "both sexes", "all", "persons"].contains(label) { return .sum }
            return nil
        }
    }

    /// The separator of `header`: a tab when there is one, else the more frequent
    /// of semicolon and comma (outside quotes).
    static func delimiter(of header: Substring) -> UInt8 {
        var quoted = false, commas = 0, semicolons = 0
        for c in header {
            if c == "\"" { quoted.toggle() } else if !quoted {
                if c == "\t" { return UInt8(ascii: "\t") }
                if c == "," { commas += 1 } else if c == ";" { semicolons += 1 }
            }
        }
        return UInt8(ascii: semicolons > commas ? ";" : ",")
    }
}

extension WideTableLayout.Columns {
    /// What the columns are, plural ("years", "sexes").
    var what: String {
        switch self {
        case .years: "years"
        case .sexes: "sexes"
        }
    }
    /// One column's content ("year", "sex").
    var one: String {
        switch self {
        case .years: "year"
        case .sexes: "sex"
        }
    }
    /// The layout's columns as declared.
    var declared: String {
        switch self {
        case .years(let sex): "years" + (sex.map { ",\($0.rawValue)" } ?? "")
        case .sexes(let year): "sexes,\(year)"
        }
    }
    /// Header examples.
    var examples: String {
        switch self {
        case .years: "2020, or a period 2020-2025"
        case .sexes: "Female, Male; Total is not read"
        }
    }
}
