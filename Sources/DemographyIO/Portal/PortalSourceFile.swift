import Foundation

/// One UN portal CSV file as read from the folder: its kind (by header), its
/// text, and the lines of each location (`LocID`), parsed only when a location
/// is asked for. The portal's files are large (the single-age populations of
/// 2024-2100 are about 0.5 GB of text for some 300 locations and aggregates):
/// keeping the text and an index costs a fraction of parsing every row.
struct PortalSourceFile: Sendable {
    /// The kind its header names.
    let kind: PortalFileKind
    /// The file's name as in the folder.
    let name: String
    /// The header line as written.
    private let headerLine: Substring
    /// The text of the file (decompressed).
    private let text: String
    /// The line ranges and 1-based line numbers of each location, in file order.
    private let lines: [String: [(range: Range<String.Index>, number: Int)]]
    /// The locations in the order first met.
    let locationOrder: [String]

    /// Reads `url` (plain or gzip-compressed CSV) and recognises its kind; a
    /// header of no known kind is refused with the columns it has and those of
    /// the kinds.
    static func read(_ url: URL) throws(DatasetError) -> PortalSourceFile {
        let name = url.lastPathComponent
        let text = try CSVTable.text(of: url)
        var all = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = all.first else { throw DatasetError([InputProblem(file: name, expected: "a header line naming the columns")]) }
        all.removeAll()
        // The header alone, parsed as the CSV reader parses it (byte-order mark, quotes).
        let header = try CSVTable.parse(String(first), file: name)
        if let repeated = header.repeatedColumn { throw DatasetError([repeated]) }
        guard let kind = PortalFileKind.recognise(header: header.header), let locColumn = header.header.firstIndex(of: "LocID") else {
            let kinds = PortalFileKind.allCases.map { "\($0.description) (\($0.requiredColumns.joined(separator: ",")))" }
            throw DatasetError([InputProblem(
                file: name, line: 1, value: InputProblem.excerpt(header.header.joined(separator: ",")),
                expected: "the header of a UN WPP portal CSV file: LocID,Location,Variant,Time and the columns of \(kinds.joined(separator: ", or "))")])
        }
        var index: [String: [(Range<String.Index>, Int)]] = [:]
        var order: [String] = []
        var number = 0
        var start = text.startIndex
        let utf8 = text.utf8
        while start < text.endIndex {
            let end = utf8[start...].firstIndex(of: 0x0A) ?? text.endIndex
            number += 1
            if number > 1 {
                let line = text[start..<end]
                if !line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) && !line.hasPrefix("#") {
                    let code = Self.field(locColumn, of: line)
                    if index[code] == nil { order.append(code) }
                    index[code, default: []].append((start..<end, number))
                }
            }
            start = end < text.endIndex ? utf8.index(after: end) : end
        }
        return PortalSourceFile(kind: kind, name: name, headerLine: first, text: text, lines: index, locationOrder: order)
    }

    /// Field `k` of a line (the key columns before `LocID` hold no quoted commas).
    private static func field(_ k: Int, of line: Substring) -> String {
        var i = 0
        var fieldStart = line.startIndex
        for j in line.utf8.indices where line.utf8[j] == UInt8(ascii: ",") {
            if i == k { return String(line[fieldStart..<j]).trimmingCharacters(in: CharacterSet(charactersIn: " \"\r")) }
            i += 1
            fieldStart = line.utf8.index(after: j)
        }
        return i == k ? String(line[fieldStart...]).trimmingCharacters(in: CharacterSet(charactersIn: " \"\r")) : ""
    }

    /// The codes of the file's locations.
    var codes: [String] { locationOrder }

    /// The rows of location `code` parsed, with their lines in the file (nil
    /// when the file has none). Only the first row when `firstOnly`.
    func rows(of code: String, firstOnly: Bool = false) throws(DatasetError) -> PortalFile? {
        guard let selected = lines[code], !selected.isEmpty else { return nil }
        let chosen = firstOnly ? Array(selected.prefix(1)) : selected
        var mini = String(headerLine)
        mini.reserveCapacity(chosen.reduce(mini.utf8.count) { $0 + text.utf8.distance(from: $1.range.lowerBound, to: $1.range.upperBound) + 1 })
        for line in chosen {
            mini += "\n"
            mini += text[line.range]
        }
        let parsed: CSVTable
        do { parsed = try CSVTable.parse(mini, file: name) } catch {
            // Line numbers of the excerpt are those of `chosen` (offset by the header).
            throw DatasetError(error.problems.map { p in
                var q = p
                if let l = p.line, l >= 2, l - 2 < chosen.count { q.line = chosen[l - 2].number }
                return q
            })
        }
        let table = parsed.relined(chosen.map(\.number))
        return PortalFile(kind: kind, table: table, rowsByLocation: [code: Array(0..<parsed.rowCount)])
    }
}
