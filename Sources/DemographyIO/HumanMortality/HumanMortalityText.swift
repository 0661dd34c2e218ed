import Foundation

/// The text of a Human Mortality Database (HMD) or Human Fertility Database (HFD)
/// file, split into its parts and checked against the published layout.
///
/// Both databases publish their statistics as plain text files of one layout
/// (HMD Methods Protocol v6, Wilmoth et al. 2021, and the HMD's and HFD's data
/// file descriptions; the layout the R package HMDHFDplus reads with
/// `read.table(skip = 2, header = TRUE, na.strings = ".")`):
///
/// ```text
/// Sweden, Death rates (period 1x1),<TAB>Last modified: 01 Feb 2025;  Methods Protocol: v6 (2017)
///
///   Year      Age         Female       Male      Total
///   1751        0       0.215454   0.237484   0.226726
/// ```
///
/// line 1 the title (country, statistic, date of the last change), line 2 blank,
/// line 3 the column names separated by white space, then one row a line, fields
/// separated by white space; `.` is a missing value. The file is recognised by
/// these header lines (``recognises(_:)``), never by its name.
public struct HumanMortalityText: Sendable {
    /// One data row.
    public struct Row: Sendable {
        /// The 1-based line number in the file.
        public var line: Int
        /// The fields, as written.
        public var fields: [String]
    }

    /// The file's name, for messages.
    public var file: String
    /// Line 1: country, statistic, last modification.
    public var title: String
    /// Line 3: the column names.
    public var columns: [String]
    /// The data rows (lines 4 on; blank lines skipped).
    public var rows: [Row]

    /// The missing value of both databases.
    public static let missing = "."

    /// The lines of `text` (LF or CRLF line ends).
    static func lines(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    }

    /// White-space separated fields of a line.
    static func fields(_ line: Substring) -> [String] {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// Whether `text` begins with the header lines of an HMD or HFD file: a title
    /// naming the last modification ("Last modified:"), then a blank line, then
    /// a line of column names beginning with `Year`.
    public static func recognises(_ text: String) -> Bool {
        let head = lines(String(text.prefix(4096)))
        guard head.count >= 3 else { return false }
        return head[0].lowercased().contains("last modified") && fields(head[1]).isEmpty
            && fields(head[2]).first?.lowercased() == "year"
    }

    /// Whether the file at `url` begins with the header lines of an HMD or HFD file.
    public static func recognises(fileAt url: URL) -> Bool {
        // Only a regular file is opened: a FIFO or a device could block the read.
        let type = (try? FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path))?[.type] as? FileAttributeType
        guard type == .typeRegular, let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 4096), let text = String(data: data, encoding: .utf8)
                ?? String(data: data, encoding: .isoLatin1) else { return false }
        return recognises(text)
    }

    /// Splits `text` (the file `file`) into title, columns and rows, checking the
    /// header lines and that the columns are `expected` (names compared without
    /// regard to case) and that every row has one field a column.
    public static func parse(_ text: String, file: String, columns expected: [String]) throws(DatasetError) -> HumanMortalityText {
        let all = lines(text)
        let layout = expected.joined(separator: " ")
        var problems: [InputProblem] = []
        guard all.count >= 3, all[0].lowercased().contains("last modified") else {
            throw DatasetError([InputProblem(file: file, line: 1, value: InputProblem.excerpt(String(all.first ?? "")),
                                             expected: "the title line of a Human Mortality or Fertility Database file (\"Country, statistic,<TAB>Last modified: DD Mon YYYY;  Methods Protocol: ...\"), then a blank line and the columns \(layout)")])
        }
        if !fields(all[1]).isEmpty {
            problems.append(InputProblem(file: file, line: 2, value: InputProblem.excerpt(String(all[1])),
                                         expected: "a blank line between the title and the column names \(layout)"))
        }
        let columns = fields(all[2])
        for (i, name) in expected.enumerated() where i >= columns.count || columns[i].lowercased() != name.lowercased() {
            problems.append(InputProblem(file: file, line: 3, column: "\(i + 1)",
                                         value: i < columns.count ? InputProblem.excerpt(columns[i]) : "",
                                         expected: "the column name \(name) (the columns of this file: \(layout))"))
        }
        if columns.count > expected.count {
            problems.append(InputProblem(file: file, line: 3, column: "\(expected.count + 1)", value: InputProblem.excerpt(columns[expected.count]),
                                         expected: "no more columns than \(layout)"))
        }
        guard problems.isEmpty else { throw DatasetError(problems) }
        var rows: [Row] = []
        var tally = ProblemTally(file: file)
        for (k, line) in all.enumerated().dropFirst(3) {
            let f = fields(line)
            if f.isEmpty { continue }
            guard f.count == expected.count else {
                tally.add(InputProblem(file: file, line: k + 1, value: InputProblem.excerpt(String(line)),
                                       expected: "\(expected.count) fields separated by spaces (\(layout))"), to: &problems)
                continue
            }
            rows.append(Row(line: k + 1, fields: f))
        }
        tally.close(&problems)
        if rows.isEmpty && problems.isEmpty {
            problems.append(InputProblem(file: file, line: all.count, expected: "rows of \(layout) after the column names"))
        }
        guard problems.isEmpty else { throw DatasetError(problems) }
        return HumanMortalityText(file: file, title: String(all[0]), columns: columns, rows: rows)
    }

    /// The statistic a title names, by the databases' titles ("Death rates (period
    /// 1x1)", "Deaths (period 1x1)", "Exposure to risk (period 1x1)", "Population
    /// size (1-year)", "Births (1-year)", "Age-specific fertility rate ...").
    public enum Statistic: String, Sendable {
        case deathRates = "death rates", deaths, exposures = "exposure to risk", population, births
        case fertilityRates = "age-specific fertility rates"
    }

    /// The statistic the title names, or nil when it names none of them.
    public var statistic: Statistic? {
        let t = title.lowercased()
        if t.contains("death rate") { return .deathRates }
        if t.contains("deaths") { return .deaths }
        if t.contains("exposure") { return .exposures }
        if t.contains("population") { return .population }
        if t.contains("fertility") { return .fertilityRates }
        if t.contains("births") { return .births }
        return nil
    }

    /// Refuses a file whose title names another statistic than `expected` (a
    /// title naming none is taken as it is): Mx_1x1.txt given as the exposures
    /// has the same columns, and only its title tells.
    public func check(_ expected: Statistic) throws(DatasetError) {
        guard let found = statistic, found != expected else { return }
        throw DatasetError([InputProblem(file: file, line: 1, value: InputProblem.excerpt(title),
                                         expected: "a file of \(expected.rawValue) (its title names \(found.rawValue))")])
    }

    /// The text of the file at `url` parsed as above; messages name the file by
    /// its last path component.
    public static func read(_ url: URL, columns expected: [String]) throws(DatasetError) -> HumanMortalityText {
        let text = try CSVTable.text(of: url)
        return try parse(text, file: url.lastPathComponent, columns: expected)
    }
}
