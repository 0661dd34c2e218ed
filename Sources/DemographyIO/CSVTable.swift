import Foundation

/// A comma-separated file read into a header and rows, each row keeping its line number.
///
/// Accepts a UTF-8 byte-order mark, CRLF line ends, blank lines, comment lines
/// starting with `#`, and double-quoted fields. Every row must have as many
/// fields as the header.
public struct CSVTable: Sendable {
    /// The file's name as used in messages.
    public let file: String
    /// The column names.
    public let header: [String]
    /// The fields of each data row.
    public let rows: [[String]]
    /// The 1-based line number of each row.
    public let lines: [Int]

    /// Reads `url`, naming it `displayName` (default: the last path component) in
    /// messages; a name ending in `.gz` is gzip-compressed CSV (``Gzip``).
    public static func read(_ url: URL, displayName: String? = nil) throws(DatasetError) -> CSVTable {
        let name = displayName ?? url.lastPathComponent
        return try parse(text(of: url, displayName: name), file: name)
    }

    /// The text of `url` (decompressed when its name ends in `.gz`), with the
    /// checks of ``read(_:displayName:)``: a regular, readable UTF-8 file.
    public static func text(of url: URL, displayName: String? = nil) throws(DatasetError) -> String {
        let name = displayName ?? url.lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw DatasetError([InputProblem(file: name, expected: "the file to exist (looked for \(url.path))")])
        }
        // A device, a FIFO or a socket is refused before it is opened: reading one
        // gives a misleading system message, or never ends.
        guard !isDirectory.boolValue else {
            throw DatasetError([InputProblem(file: name, expected: "a CSV file, but \(url.path) is a directory")])
        }
        let type = (try? FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path))?[.type] as? FileAttributeType
        guard type == .typeRegular else {
            let kind: String
            switch type {
            case .typeCharacterSpecial?: kind = "a character device"
            case .typeBlockSpecial?: kind = "a block device"
            case .typeSocket?: kind = "a socket"
            default: kind = "not a regular file (a pipe or another special file)"
            }
            throw DatasetError([InputProblem(file: name, expected: "a CSV file, but \(url.path) is \(kind)")])
        }
        let bytes: Data
        do { bytes = try Data(contentsOf: url) } catch {
            throw DatasetError([InputProblem(file: name, expected: "a readable file (\(error.localizedDescription))")])
        }
        // A .gz file is gzip-compressed CSV: decompressed first, then read as any other.
        var data = bytes
        if url.pathExtension == "gz" {
            do { data = try Gzip.decompress(bytes) } catch {
                throw DatasetError([InputProblem(file: name, expected: error.description)])
            }
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DatasetError([InputProblem(file: name, expected: "a UTF-8 text file")])
        }
        return text
    }

    /// The most row problems one file reports; the rest are counted. A header
    /// that does not match its rows would otherwise give one problem a row.
    static let keptRowProblems = 100

    /// Parses CSV text.
    ///
    /// A row whose field count differs from the header's is a problem that says
    /// both counts and shows the row at most 60 characters long; the header is
    /// named once, in the first such problem, also shortened. So a header of
    /// 100,000 columns over a file of many rows costs a bounded message. After
    /// `keptRowProblems` problems the rest are counted, not kept.
    public static func parse(_ text: String, file: String) throws(DatasetError) -> CSVTable {
        var header: [String]? = nil
        var headerLine = 0
        var rows: [[String]] = []
        var lines: [Int] = []
        var problems: [InputProblem] = []
        var omitted = 0
        var lineNumber = 0
        for var line in lineSlices(text) {
            lineNumber += 1
            if line.hasSuffix("\r") { line = line.dropLast() }
            if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
            let fields = splitFields(line)
            if let header {
                if fields.count != header.count {
                    guard problems.count < keptRowProblems else { omitted += 1; continue }
                    let named = problems.isEmpty ? " (line \(headerLine): \(InputProblem.excerpt(header.joined(separator: ","))))" : ""
                    problems.append(InputProblem(file: file, line: lineNumber, value: InputProblem.excerpt(String(line)),
                                                 expected: "\(header.count) comma-separated fields as the header has\(named), found \(fields.count)"))
                    continue
                }
                rows.append(fields)
                lines.append(lineNumber)
            } else {
                let names = fields.map { $0.trimmingCharacters(in: .whitespaces) }
                header = names
                headerLine = lineNumber
            }
        }
        guard let header else {
            throw DatasetError([InputProblem(file: file, expected: "a header line naming the columns")])
        }
        if !problems.isEmpty { throw DatasetError(problems, omitted: omitted) }
        return CSVTable(file: file, header: header, rows: rows, lines: lines)
    }

    /// The index of column `name`, or a problem naming the columns that are there.
    public func column(_ name: String) -> Result<Int, InputProblem> {
        if let i = header.firstIndex(of: name) { return .success(i) }
        return .failure(InputProblem(file: file, line: 1, column: name, value: InputProblem.excerpt(header.joined(separator: ",")),
                                     expected: "a column named \"\(name)\""))
    }

    /// The problem of a header that names one column twice, if it does: a reader
    /// that looks columns up by name would silently take the first. (Not checked
    /// by `parse`: a square matrix file's first line is numbers, not names.)
    public var repeatedColumn: InputProblem? {
        var seen: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            if let first = seen[name] {
                return InputProblem(file: file, line: 1, column: InputProblem.excerpt(name),
                                    expected: "one column of each name, but columns \(first + 1) and \(i + 1) are both named \"\(InputProblem.excerpt(name))\"")
            }
            seen[name] = i
        }
        return nil
    }

    /// Whether the table has a column `name`.
    public func hasColumn(_ name: String) -> Bool { header.contains(name) }

    /// The lines of `text`. "\r\n" is one Character in Swift, so the text is split
    /// on any newline character; a text whose only line breaks are "\n" (the
    /// usual case) is split on that byte, which gives the same lines without
    /// breaking the text into Characters.
    private static func lineSlices(_ text: String) -> [Substring] {
        let plain = text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0B && $0 != 0x0C && $0 != 0x0D }
        guard plain else {
            return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { Substring($0) }
        }
        return text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
    }

    /// The fields of `line` separated by `delimiter` (a comma; a semicolon or a tab
    /// for spreadsheets' exports), trimmed of blanks; a field may be quoted, with
    /// `""` for a quote inside it (RFC 4180).
    static func splitFields(_ line: Substring, delimiter: UInt8 = UInt8(ascii: ",")) -> [String] {
        // Compared as UTF-8 bytes: `contains("\"")` on a String goes through
        // Foundation's string search, and splitting on Characters through grapheme
        // breaking; a comma and a quote are single bytes that no other UTF-8
        // sequence contains.
        guard line.utf8.contains(UInt8(ascii: "\"")) else {
            return line.utf8.split(separator: delimiter, omittingEmptySubsequences: false).map { trimmed(Substring($0)) }
        }
        let separator = Character(Unicode.Scalar(delimiter))
        var fields: [String] = []
        var current = ""
        var quoted = false, justClosed = false
        var iterator = line.makeIterator()
        while let c = iterator.next() {
            if quoted {
                if c == "\"" {
                    quoted = false
                    justClosed = true
                    continue
                }
                current.append(c)
            } else if c == "\"" {
                if justClosed { current.append("\"") }
                quoted = true
            } else if c == separator {
                fields.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(c)
            }
            justClosed = false
        }
        fields.append(current.trimmingCharacters(in: .whitespaces))
        return fields
    }

    /// `field` without leading and trailing blanks, the characters of
    /// `CharacterSet.whitespaces` (tab and the Unicode space separators, Zs): the
    /// same result as `trimmingCharacters(in: .whitespaces)` without its bridge to
    /// NSString, which cost most of the parse of a large file.
    private static func trimmed(_ field: Substring) -> String {
        func isBlank(_ u: Unicode.Scalar) -> Bool {
            u == " " || u == "\t" || (u.value > 0x7F && u.properties.generalCategory == .spaceSeparator)
        }
        // Most fields start and end with a visible ASCII character: nothing to trim.
        if let first = field.utf8.first, let last = field.utf8.last,
           first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return String(field) }
        let scalars = field.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }),
              let last = scalars.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(Substring(scalars[first...last]))
    }
}
