import Foundation

/// A comma-separated file read into a header and rows, each row keeping its line number.
///
/// Accepts a UTF-8 byte-order mark, CRLF line ends, blank lines, comment lines
/// starting with `#`, and double-quoted fields. Every row must have as many
/// fields as the header.
///
/// The text is read in one pass over its UTF-8 bytes and kept as bytes: a field
/// is a span of them (quoted fields decoded once, beside the text), and no
/// `String` is made for a field until one is asked for (``rows``, ``field(_:_:)``).
/// The readers of numbers and keys read the bytes (``withField(_:_:_:)``).
public struct CSVTable: Sendable {
    /// The file's name as used in messages.
    public let file: String
    /// The column names.
    public let header: [String]
    /// The 1-based line number of each row.
    public let lines: [Int]
    /// The bytes and the field spans.
    let storage: CSVStorage

    /// The fields of each data row (each row made as `[String]` when accessed).
    public var rows: Rows { Rows(storage: storage) }

    /// The number of data rows.
    public var rowCount: Int { lines.count }

    /// A table of rows given as strings.
    public init(file: String, header: [String], rows: [[String]], lines: [Int]) {
        self.file = file
        self.header = header
        self.lines = lines
        self.storage = CSVStorage(rows: rows)
    }

    init(file: String, header: [String], lines: [Int], storage: CSVStorage) {
        self.file = file
        self.header = header
        self.lines = lines
        self.storage = storage
    }

    /// The same table with other line numbers (rows parsed from an excerpt of a file).
    func relined(_ lines: [Int]) -> CSVTable { CSVTable(file: file, header: header, lines: lines, storage: storage) }

    /// The field of `row` in `column`.
    public func field(_ row: Int, _ column: Int) -> String { storage.string(storage.rowStarts[row] + column) }

    /// `body` applied to the UTF-8 bytes of the field of `row` in `column`.
    @inline(__always)
    func withField<R>(_ row: Int, _ column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withExtendedLifetime(storage) { try body(storage.bytes(storage.rowStarts[row] + column)) }
    }

    /// Whether the field of `row` in `column` is `utf8`, byte for byte.
    func field(_ row: Int, _ column: Int, equals utf8: [UInt8]) -> Bool {
        withField(row, column) { $0.elementsEqual(utf8) }
    }

    /// The rows of a table, each as `[String]`.
    public struct Rows: RandomAccessCollection, Sendable, Equatable {
        let storage: CSVStorage
        public var startIndex: Int { 0 }
        public var endIndex: Int { storage.rowStarts.count - 1 }
        public subscript(row: Int) -> [String] {
            (storage.rowStarts[row]..<storage.rowStarts[row + 1]).map(storage.string)
        }
        public static func == (lhs: Rows, rhs: Rows) -> Bool { lhs.elementsEqual(rhs) }
        public static func == (lhs: Rows, rhs: [[String]]) -> Bool { lhs.elementsEqual(rhs) }
    }

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
    ///
    /// Lines end at any of the newline characters of Unicode (LF, CR LF, CR,
    /// VT, FF, NEL, LS, PS), each counted as one line.
    public static func parse(_ text: String, file: String) throws(DatasetError) -> CSVTable {
        var text = text
        var outcome: Result<CSVTable, DatasetError> = .failure(DatasetError([]))
        text.withUTF8 { bytes in
            do throws(DatasetError) { outcome = .success(try parse(bytes: bytes, file: file)) } catch { outcome = .failure(error) }
        }
        return try outcome.get()
    }

    /// ``parse(_:file:)`` of valid UTF-8 bytes.
    static func parse(bytes text: UnsafeBufferPointer<UInt8>, file: String) throws(DatasetError) -> CSVTable {
        let n = text.count
        guard n < Int(UInt32.max) / 2 else {
            throw DatasetError([InputProblem(file: file, expected: "a file smaller than 2 GiB")])
        }
        var header: [String]? = nil
        var headerLine = 0
        var spans: [UInt32] = []
        // About one field in every 6 bytes of a tidy file: reserved once, not regrown.
        spans.reserveCapacity(n / 3 + 16)
        var rowStarts: [Int] = [0]
        var lines: [Int] = []
        var problems: [InputProblem] = []
        var omitted = 0
        var lineNumber = 0
        // Decoded quoted fields, stored after the text.
        var decoded: [UInt8] = []
        var scratch: [UInt8] = []
        let classes = byteClasses
        var p = 0
        var atEnd = false
        while !atEnd {
            lineNumber += 1
            var start = p
            if lineNumber == 1, n - start >= 3, text[start] == 0xEF, text[start + 1] == 0xBB, text[start + 2] == 0xBF {
                start += 3
            }
            var end = start
            var hasQuote = false
            let spansBefore = spans.count
            let decodedBefore = decoded.count
            // One pass over the line: its end, and the span of each field as its
            // delimiter is met (a line with a quote is split again, below).
            var fieldStart = start
            var next = n
            while end < n {
                let c = classes[Int(text[end])]
                if c == 0 { end += 1; continue }
                if c == 1 {
                    appendTrimmed(text, fieldStart, end, offset: 0, to: &spans)
                    end += 1
                    fieldStart = end
                    continue
                }
                if c == 2 { hasQuote = true; end += 1; continue }
                if let length = newlineLength(text, at: end) {
                    next = end + length
                    break
                }
                end += 1
            }
            if end >= n { atEnd = true } else { p = next }
            if start == end || text[start] == UInt8(ascii: "#") || (text[start] == 0x20 || text[start] == 0x09)
                && (start..<end).allSatisfy({ text[$0] == 0x20 || text[$0] == 0x09 }) {
                spans.removeLast(spans.count - spansBefore)
                continue
            }
            if !hasQuote {
                appendTrimmed(text, fieldStart, end, offset: 0, to: &spans)
            } else {
                spans.removeLast(spans.count - spansBefore)
                splitQuoted(text, start, end, n: n, decoded: &decoded, scratch: &scratch, spans: &spans)
            }
            let count = (spans.count - spansBefore) / 2
            if let header {
                if count != header.count {
                    spans.removeLast(spans.count - spansBefore)
                    decoded.removeLast(decoded.count - decodedBefore)
                    guard problems.count < keptRowProblems else { omitted += 1; continue }
                    let line = String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self)
                    let named = problems.isEmpty ? " (line \(headerLine): \(InputProblem.excerpt(header.joined(separator: ","))))" : ""
                    problems.append(InputProblem(file: file, line: lineNumber, value: InputProblem.excerpt(line),
                                                 expected: "\(header.count) comma-separated fields as the header has\(named), found \(count)"))
                    continue
                }
                rowStarts.append(spans.count / 2)
                lines.append(lineNumber)
            } else {
                var names: [String] = []
                for f in 0..<count {
                    let s = Int(spans[spansBefore + 2 * f]), e = Int(spans[spansBefore + 2 * f + 1])
                    let field = s >= n ? decoded[(s - n)..<(e - n)].withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
                                       : String(decoding: UnsafeBufferPointer(rebasing: text[s..<e]), as: UTF8.self)
                    names.append(field.trimmingCharacters(in: .whitespaces))
                }
                spans.removeLast(spans.count - spansBefore)
                decoded.removeLast(decoded.count - decodedBefore)
                header = names
                headerLine = lineNumber
            }
        }
        guard let header else {
            throw DatasetError([InputProblem(file: file, expected: "a header line naming the columns")])
        }
        if !problems.isEmpty { throw DatasetError(problems, omitted: omitted) }
        return CSVTable(file: file, header: header, lines: lines,
                        storage: CSVStorage(text: text, decoded: decoded, spans: spans, rowStarts: rowStarts))
    }

    /// The class of each byte for the line scan: 0 plain, 1 the comma, 2 the
    /// quote, 3 a byte that may start a line end (LF, VT, FF, CR; C2 and E2, the
    /// first bytes of NEL, LS and PS).
    private static let byteClasses: [UInt8] = {
        var c = [UInt8](repeating: 0, count: 256)
        c[Int(UInt8(ascii: ","))] = 1
        c[Int(UInt8(ascii: "\""))] = 2
        for b in [0x0A, 0x0B, 0x0C, 0x0D, 0xC2, 0xE2] { c[b] = 3 }
        return c
    }()

    /// The length of the line end at `i` (2 for CR LF), or nil when none starts there.
    @inline(__always)
    private static func newlineLength(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        switch text[i] {
        case 0x0A, 0x0B, 0x0C: return 1
        case 0x0D: return i + 1 < text.count && text[i + 1] == 0x0A ? 2 : 1
        case 0xC2: return i + 1 < text.count && text[i + 1] == 0x85 ? 2 : nil
        case 0xE2: return i + 2 < text.count && text[i + 1] == 0x80 && (text[i + 2] == 0xA8 || text[i + 2] == 0xA9) ? 3 : nil
        default: return nil
        }
    }

    /// Appends the span of `bytes[s..<e]` without leading and trailing blanks
    /// (``trimmedRange(_:_:_:)``), shifted by `offset`.
    @inline(__always)
    private static func appendTrimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, offset: Int, to spans: inout [UInt32]) {
        let (a, b) = trimmedRange(bytes, s, e)
        spans.append(UInt32(a + offset))
        spans.append(UInt32(b + offset))
    }

    /// The fields of a line with quotes (RFC 4180: a quoted field may hold the
    /// delimiter, and `""` a quote), each decoded into `decoded` and its span
    /// (offset by the text's length `n`) appended to `spans`.
    private static func splitQuoted(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, n: Int,
                                    decoded: inout [UInt8], scratch: inout [UInt8], spans: inout [UInt32]) {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        func emit() {
            scratch.withUnsafeBufferPointer { field in
                let (a, b) = trimmedRange(field, 0, field.count)
                spans.append(UInt32(n + decoded.count))
                decoded.append(contentsOf: field[a..<b])
                spans.append(UInt32(n + decoded.count))
            }
            scratch.removeAll(keepingCapacity: true)
        }
        var quoted = false, justClosed = false
        for i in start..<end {
            let c = text[i]
            if quoted {
                if c == quote {
                    quoted = false
                    justClosed = true
                    continue
                }
                scratch.append(c)
            } else if c == quote {
                if justClosed { scratch.append(quote) }
                quoted = true
            } else if c == comma {
                emit()
            } else {
                scratch.append(c)
            }
            justClosed = false
        }
        emit()
    }

    /// The range of `bytes[s..<e]` without leading and trailing blanks: the
    /// characters of `CharacterSet.whitespaces` (tab and the Unicode space
    /// separators, Zs), found in the UTF-8 bytes.
    @inline(__always)
    static func trimmedRange(_ bytes: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> (Int, Int) {
        var a = s, b = e
        // Most fields start and end with a visible ASCII character: nothing to trim.
        if a < b, bytes[a] > 0x20, bytes[a] < 0x80, bytes[b - 1] > 0x20, bytes[b - 1] < 0x80 { return (a, b) }
        while a < b {
            let x = bytes[a]
            if x == 0x20 || x == 0x09 { a += 1; continue }
            if x >= 0x80, let length = spaceSeparatorLength(bytes, startingAt: a, end: b) { a += length; continue }
            break
        }
        while b > a {
            let x = bytes[b - 1]
            if x == 0x20 || x == 0x09 { b -= 1; continue }
            if x >= 0x80, let length = spaceSeparatorLength(bytes, endingAt: b, start: a) { b -= length; continue }
            break
        }
        return (a, b)
    }

    /// The UTF-8 length of a space separator (Zs: U+00A0, U+1680, U+2000–U+200A,
    /// U+202F, U+205F, U+3000) at `i`, if one is there.
    private static func spaceSeparatorLength(_ bytes: UnsafeBufferPointer<UInt8>, startingAt i: Int, end: Int) -> Int? {
        if i + 2 <= end, isSpaceSeparator(bytes[i], bytes[i + 1]) { return 2 }
        if i + 3 <= end, isSpaceSeparator(bytes[i], bytes[i + 1], bytes[i + 2]) { return 3 }
        return nil
    }

    /// The UTF-8 length of a space separator ending at `end`, if one is there.
    private static func spaceSeparatorLength(_ bytes: UnsafeBufferPointer<UInt8>, endingAt end: Int, start: Int) -> Int? {
        if end - 2 >= start, isSpaceSeparator(bytes[end - 2], bytes[end - 1]) { return 2 }
        if end - 3 >= start, isSpaceSeparator(bytes[end - 3], bytes[end - 2], bytes[end - 1]) { return 3 }
        return nil
    }

    private static func isSpaceSeparator(_ a: UInt8, _ b: UInt8) -> Bool { a == 0xC2 && b == 0xA0 }

    private static func isSpaceSeparator(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        switch (a, b) {
        case (0xE1, 0x9A): return c == 0x80                          // U+1680
        case (0xE2, 0x80): return (0x80...0x8A).contains(c) || c == 0xAF   // U+2000–U+200A, U+202F
        case (0xE2, 0x81): return c == 0x9F                          // U+205F
        case (0xE3, 0x80): return c == 0x80                          // U+3000
        default: return false
        }
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

/// The bytes of a parsed table and the span of each field: the text, then the
/// decoded quoted fields; `spans` holds the start and end of each field, row
/// after row, and `rowStarts` the index of each row's first field (and one past
/// the last row's).
final class CSVStorage: @unchecked Sendable {
    // Immutable after init: the buffer is written once, here, and freed in deinit.
    private let base: UnsafeMutablePointer<UInt8>
    private let count: Int
    let spans: [UInt32]
    let rowStarts: [Int]

    init(text: UnsafeBufferPointer<UInt8>, decoded: [UInt8], spans: [UInt32], rowStarts: [Int]) {
        let count = text.count + decoded.count
        let base = UnsafeMutablePointer<UInt8>.allocate(capacity: max(count, 1))
        if let source = text.baseAddress { base.initialize(from: source, count: text.count) }
        decoded.withUnsafeBufferPointer { d in
            if let source = d.baseAddress { (base + text.count).initialize(from: source, count: d.count) }
        }
        self.count = count
        self.base = base
        self.spans = spans
        self.rowStarts = rowStarts
    }

    /// The storage of rows given as strings.
    convenience init(rows: [[String]]) {
        var bytes: [UInt8] = []
        var spans: [UInt32] = []
        var rowStarts = [0]
        for row in rows {
            for field in row {
                spans.append(UInt32(truncatingIfNeeded: bytes.count))
                bytes.append(contentsOf: field.utf8)
                spans.append(UInt32(truncatingIfNeeded: bytes.count))
            }
            rowStarts.append(spans.count / 2)
        }
        self.init(text: UnsafeBufferPointer(start: nil, count: 0), decoded: bytes,
                  spans: spans, rowStarts: rowStarts)
    }

    deinit { base.deallocate() }

    /// The bytes of field `f` (valid while the storage lives).
    @inline(__always)
    func bytes(_ f: Int) -> UnsafeBufferPointer<UInt8> {
        let s = Int(spans[2 * f]), e = Int(spans[2 * f + 1])
        return UnsafeBufferPointer(start: base + s, count: e - s)
    }

    /// Field `f` as a string.
    func string(_ f: Int) -> String { String(decoding: bytes(f), as: UTF8.self) }
}
