import Foundation
import Demography

/// A projection matrix read from a CSV file, with its stage names when the file has them.
///
/// Two layouts are accepted:
///
/// - **Square**: n rows of n numbers, element (i, j) the contribution of stage j at
///   t to stage i at t+1 (n(t+1) = A·n(t)). Optionally a header row of stage names
///   and, independently, a first column of stage names (then a header starts with
///   a corner cell, such as `stage` or an empty field, and row i must carry the
///   name of column i).
/// - **Long** (the `matrices/` reference data): a header with `to_index`,
///   `from_index` and `value` (0-based indices), optional `to_stage`/`from_stage`
///   names, and an optional `matrix` column naming several matrices in one file,
///   of which one is chosen by `matrixName`. Cells not listed are 0.
///
/// Comment lines start with `#`. Every entry must be a number of 0 or more in
/// plain decimal (``DecimalNumber``: no `0x1p3`, `nan` or `inf`). A long file has
/// at most ``maximumStages`` stages (indices 0 to 9,999), checked before the
/// matrix is allocated. A header that names the long layout's columns in
/// another case (`TO_INDEX`) or joins them with another separator (tabs,
/// semicolons) is refused as such, not read as a square matrix. All problems
/// are collected and thrown together, each with file, line, column and value
/// (``InputProblem``).
public struct MatrixFile: Sendable {
    /// A — the matrix.
    public let matrix: Matrix
    /// The stage names, when the file gives them.
    public let stageNames: [String]?
    /// The matrix chosen in a long file that holds several.
    public let matrixName: String?

    /// The most stages a long file may index: 10,000 stages are a dense matrix
    /// of 800 MB, far beyond any published stage-structured model (COMPADRE and
    /// COMADRE matrices have at most a few hundred stages).
    public static let maximumStages = 10_000

    /// Reads `url`; `matrixName` selects one matrix of a long file that holds several.
    public static func read(_ url: URL, matrixName: String? = nil) throws(DatasetError) -> MatrixFile {
        let name = url.lastPathComponent
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DatasetError([InputProblem(file: name, expected: "the file to exist (looked for \(url.path))")])
        }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw DatasetError([InputProblem(file: name, expected: "a readable UTF-8 text file (\(error.localizedDescription))")])
        }
        return try parse(text, file: name, matrixName: matrixName)
    }

    /// Parses CSV text named `file` in messages.
    public static func parse(_ text: String, file: String, matrixName: String? = nil) throws(DatasetError) -> MatrixFile {
        let table = try CSVTable.parse(text, file: file)
        if table.hasColumn("to_index") && table.hasColumn("from_index") && table.hasColumn("value") {
            return try readLong(table, matrixName: matrixName)
        }
        if let problem = longLayoutLookalike(table.header, file: file, line: firstContentLine(text)) {
            throw DatasetError([problem])
        }
        return try readSquare(table, headerLine: firstContentLine(text))
    }

    /// A header that names the long layout's columns but is not read as one: in
    /// another case, or with the names joined by another separator.
    private static func longLayoutLookalike(_ header: [String], file: String, line: Int) -> InputProblem? {
        let names = ["to_index", "from_index", "value"]
        let lowered = header.map { $0.lowercased() }
        let found = header.joined(separator: ",")
        if names.allSatisfy(lowered.contains) {
            return InputProblem(file: file, line: line, value: found,
                                expected: "the columns of the long layout in lower case (to_index, from_index, value): this looks like a long-layout file with its column names in another case")
        }
        if lowered.contains("to_index") && lowered.contains("from_index") {
            return InputProblem(file: file, line: line, column: "value", value: found,
                                expected: "a column named \"value\": this looks like a long-layout file without its value column")
        }
        let joined = lowered.joined(separator: ",")
        if joined.contains("to_index") && joined.contains("from_index") {
            let separator = joined.contains("\t") ? "tabs" : joined.contains(";") ? "semicolons" : "another separator"
            return InputProblem(file: file, line: line, value: found,
                                expected: "the columns to_index, from_index and value separated by commas: this looks like a long-layout file with its fields separated by \(separator)")
        }
        return nil
    }

    /// Whether a field looks like a number (in any syntax `Double` reads, so that
    /// `0x1p3` or `nan` is refused as an entry, not taken for a stage name).
    private static func looksNumeric(_ text: String) -> Bool { Double(text) != nil || DecimalNumber.parse(text) != nil }

    // MARK: Square layout

    private static func readSquare(_ table: CSVTable, headerLine: Int) throws(DatasetError) -> MatrixFile {
        let file = table.file
        // The first line is data when its fields are numbers, except perhaps a stage
        // name in front when every other row starts with one too.
        let rowsHaveNames = !table.rows.isEmpty && table.rows.allSatisfy { !looksNumeric($0[0]) }
        let headerIsData = table.header.dropFirst().allSatisfy(looksNumeric)
            && (looksNumeric(table.header[0]) || rowsHaveNames)
        var rows: [(line: Int, fields: [String])] = zip(table.lines, table.rows).map { ($0, $1) }
        var columnNames: [String]? = nil
        if headerIsData {
            rows.insert((headerLine, table.header), at: 0)
        } else {
            columnNames = table.header
        }
        guard let firstRow = rows.first else {
            throw DatasetError([InputProblem(file: file, expected: "at least one row of numbers")])
        }
        // A first column of names: every row starts with something that is not a number.
        let hasRowNames = rows.allSatisfy { !looksNumeric($0.fields[0]) }
        let firstValue = hasRowNames ? 1 : 0
        let n = firstRow.fields.count - firstValue
        if var names = columnNames, hasRowNames { names.removeFirst(); columnNames = names }
        var problems: [InputProblem] = []
        if rows.count != n {
            problems.append(InputProblem(file: file, expected:
                "a square matrix, but found \(rows.count) rows of \(n) numbers\(hasRowNames ? " (after the stage names)" : "")"))
        }
        func columnLabel(_ j: Int) -> String { columnNames?[j] ?? String(j + 1 + firstValue) }
        var entries = [Double](repeating: 0, count: max(n, 0) * rows.count)
        for (i, row) in rows.enumerated() {
            for j in 0..<n {
                let text = row.fields[firstValue + j]
                if let value = entryValue(text, file: file, line: row.line, column: columnLabel(j), problems: &problems) {
                    entries[i * n + j] = value
                }
            }
        }
        if let names = columnNames, names.count == n, hasRowNames {
            for (i, row) in rows.enumerated() where i < n && row.fields[0] != names[i] {
                problems.append(InputProblem(file: file, line: row.line, column: "stage", value: row.fields[0],
                                             expected: "the stage named in the header for row \(i + 1), \(names[i])"))
            }
        }
        guard problems.isEmpty, n > 0 else {
            throw DatasetError(problems.isEmpty ? [InputProblem(file: file, expected: "at least one column of numbers")] : problems)
        }
        let rowNames = hasRowNames ? rows.map { $0.fields[0] } : nil
        do {
            return MatrixFile(matrix: try Matrix(rows: n, columns: n, entries: entries),
                              stageNames: columnNames ?? rowNames, matrixName: nil)
        } catch {
            throw DatasetError([InputProblem(file: file, expected: error.description)])
        }
    }

    // MARK: Long layout

    private static func readLong(_ table: CSVTable, matrixName: String?) throws(DatasetError) -> MatrixFile {
        let file = table.file
        var problems: [InputProblem] = []
        func index(_ name: String) -> Int? { table.header.firstIndex(of: name) }
        guard let toColumn = index("to_index"), let fromColumn = index("from_index"), let valueColumn = index("value") else {
            throw DatasetError([InputProblem(file: file, expected: "columns to_index, from_index and value")])
        }
        var selected = Array(table.rows.indices)
        var chosen: String? = nil
        if let nameColumn = index("matrix") {
            let names = table.rows.map { $0[nameColumn] }
            var known: [String] = []
            for name in names where !known.contains(name) { known.append(name) }
            if let matrixName {
                guard known.contains(matrixName) else {
                    throw DatasetError([InputProblem(file: file, line: 1, column: "matrix", value: matrixName,
                                                     expected: "one of the matrices in the file: \(known.joined(separator: ", "))")])
                }
                chosen = matrixName
            } else if known.count == 1 {
                chosen = known[0]
            } else {
                throw DatasetError([InputProblem(file: file, column: "matrix", value: known.joined(separator: ", "),
                                                 expected: "a single matrix, or one chosen by name")])
            }
            selected = selected.filter { names[$0] == chosen }
        }
        // Every row is read, those of the other matrices too: a file is refused
        // for any bad entry, whichever matrix is chosen from it.
        let isSelected = Set(selected)
        let nameColumn = index("matrix")
        var otherKeys: [String: Int] = [:]
        var cells: [(row: Int, to: Int, from: Int, value: Double)] = []
        for r in table.rows.indices {
            let line = table.lines[r]
            let fields = table.rows[r]
            let to = indexValue(fields[toColumn], file: file, line: line, column: "to_index", problems: &problems)
            let from = indexValue(fields[fromColumn], file: file, line: line, column: "from_index", problems: &problems)
            let value = entryValue(fields[valueColumn], file: file, line: line, column: "value", problems: &problems)
            guard let to, let from, let value else { continue }
            if isSelected.contains(r) {
                cells.append((r, to, from, value))
            } else {
                let key = "\(nameColumn.map { fields[$0] } ?? ""),\(to),\(from)"
                if let first = otherKeys[key] {
                    problems.append(InputProblem(file: file, line: line, column: "to_index,from_index", value: "\(to),\(from)",
                                                 expected: "one row per entry of each matrix, but line \(first) has it already"))
                }
                otherKeys[key] = otherKeys[key] ?? line
            }
        }
        // Indices are below maximumStages (indexValue), so n ≤ 10,000; the product is checked all the same.
        let n = (cells.map { max($0.to, $0.from) }.max() ?? -1) + 1
        guard problems.isEmpty, n > 0 else {
            throw DatasetError(problems.isEmpty ? [InputProblem(file: file, expected: "at least one matrix entry")] : problems)
        }
        let (count, overflow) = n.multipliedReportingOverflow(by: n)
        guard !overflow, n <= maximumStages else {
            throw DatasetError([InputProblem(file: file, column: "to_index,from_index", value: String(n - 1),
                                             expected: "stage indices below \(maximumStages)")])
        }
        var entries = [Double](repeating: 0, count: count)
        var seen: [Int: Int] = [:]
        var names = [String?](repeating: nil, count: n)
        let toStage = index("to_stage"), fromStage = index("from_stage")
        for cell in cells {
            let line = table.lines[cell.row]
            if let first = seen[cell.to * n + cell.from] {
                problems.append(InputProblem(file: file, line: line, column: "to_index,from_index", value: "\(cell.to),\(cell.from)",
                                             expected: "one row per entry, but line \(first) has it already"))
                continue
            }
            seen[cell.to * n + cell.from] = line
            entries[cell.to * n + cell.from] = cell.value
            if let toStage { names[cell.to] = names[cell.to] ?? table.field(cell.row, toStage) }
            if let fromStage { names[cell.from] = names[cell.from] ?? table.field(cell.row, fromStage) }
        }
        guard problems.isEmpty else { throw DatasetError(problems) }
        let stageNames = names.allSatisfy { $0 != nil } ? names.compactMap { $0 } : nil
        do {
            return MatrixFile(matrix: try Matrix(rows: n, columns: n, entries: entries), stageNames: stageNames, matrixName: chosen)
        } catch {
            throw DatasetError([InputProblem(file: file, expected: error.description)])
        }
    }

    // MARK: Cells

    private static func entryValue(_ text: String, file: String, line: Int, column: String, problems: inout [InputProblem]) -> Double? {
        guard let value = DecimalNumber.parse(text) else {
            let expected: String
            if let other = Double(text) {
                expected = other.isFinite ? "a number in plain decimal (such as 0.25 or 2.5e-3)" : "a finite number"
            } else {
                expected = "a number"
            }
            problems.append(InputProblem(file: file, line: line, column: column, value: text, expected: expected))
            return nil
        }
        guard value.isFinite else {
            problems.append(InputProblem(file: file, line: line, column: column, value: text, expected: "a finite number"))
            return nil
        }
        guard value >= 0 else {
            problems.append(InputProblem(file: file, line: line, column: column, value: text,
                                         expected: "a number of 0 or more (a projection matrix holds rates)"))
            return nil
        }
        guard value <= maximumEntry else {
            problems.append(InputProblem(file: file, line: line, column: column, value: text,
                                         expected: "a projection-matrix entry from 0 to 1e12 (a transition probability or the offspring of one individual in one step)"))
            return nil
        }
        return value
    }

    /// The largest entry read: no published matrix comes near it (the largest
    /// fecundities, of fish and trees, are about 1e7 a step), and below it the
    /// eigen-analysis of a matrix of up to ``maximumStages`` stages cannot overflow.
    public static let maximumEntry = 1e12

    /// A 0-based stage index below ``maximumStages``, in plain decimal.
    private static func indexValue(_ text: String, file: String, line: Int, column: String, problems: inout [InputProblem]) -> Int? {
        guard let value = DecimalNumber.wholeNumber(text), value >= 0 else {
            let tooLarge = DecimalNumber.parse(text).map { $0 >= Double(maximumStages) } ?? false
            problems.append(InputProblem(file: file, line: line, column: column, value: text,
                                         expected: tooLarge ? "a stage index below \(maximumStages) (at most \(maximumStages) stages)" : "a stage index of 0 or more"))
            return nil
        }
        guard value < maximumStages else {
            problems.append(InputProblem(file: file, line: line, column: column, value: text,
                                         expected: "a stage index below \(maximumStages) (at most \(maximumStages) stages)"))
            return nil
        }
        return value
    }

    /// The 1-based number of the first line that is neither blank nor a comment.
    private static func firstContentLine(_ text: String) -> Int {
        var number = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if number == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
            return number
        }
        return 1
    }
}
