/// One problem in an input file: where it is, what was found, what was expected.
public struct InputProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file's name (or path as given).
    public var file: String
    /// The 1-based line, when the problem is on a line.
    public var line: Int?
    /// The column's name, when the problem is in a column.
    public var column: String?
    /// The offending value as written, when there is one.
    public var value: String?
    /// What was expected instead.
    public var expected: String
    /// Whether the run cannot go on (an error) or the value was read as given (a warning).
    public var severity: Severity

    /// How grave a problem is.
    public enum Severity: Sendable, Hashable {
        /// The input is refused.
        case error
        /// The value is legal but unusual; it is read as given and the warning printed.
        case warning
    }

    /// A problem at a place in a file.
    public init(file: String, line: Int? = nil, column: String? = nil, value: String? = nil, expected: String,
                severity: Severity = .error) {
        self.file = file
        self.line = line
        self.column = column
        self.value = value
        self.expected = expected
        self.severity = severity
    }

    /// A field as a message shows it: at most 60 characters, NUL and other
    /// control characters written as escapes, so that a damaged field of a
    /// million digits or binary bytes costs a short line.
    static func excerpt(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(60) {
            if scalar.value < 0x20 || scalar.value == 0x7F { out += "\\u{\(String(scalar.value, radix: 16))}" } else { out.unicodeScalars.append(scalar) }
        }
        return text.unicodeScalars.count > 60 ? out + "... (\(text.utf8.count) bytes)" : out
    }

    /// "asfr.csv, line 12, column value: found "abc", expected a number".
    public var description: String {
        var place = file
        if let line { place += ", line \(line)" }
        if let column { place += ", column \(column)" }
        if severity == .warning { place = "warning: " + place }
        if let value { return "\(place): found \"\(value)\", expected \(expected)" }
        return "\(place): expected \(expected)"
    }
}

/// Every problem found while reading a dataset, so that all can be fixed at once.
public struct DatasetError: Error, Sendable, CustomStringConvertible {
    /// The problems, file by file, in the order found: the first ``keptProblems`` of them.
    public var problems: [InputProblem]
    /// How many problems were found beyond those kept.
    public var omittedProblems: Int

    /// The most problems an error keeps, so that a damaged file of millions of
    /// rows costs bounded memory to report; the rest are counted.
    public static let keptProblems = 1000

    /// Wraps a list of problems (at least one), keeping the first ``keptProblems``.
    public init(_ problems: [InputProblem], omitted: Int = 0) {
        self.problems = Array(problems.prefix(Self.keptProblems))
        self.omittedProblems = omitted + max(0, problems.count - Self.keptProblems)
    }

    /// Every problem found: those kept and those only counted.
    public var problemCount: Int { problems.count + omittedProblems }

    /// The error in one line: the problem if there is one, else "N problems in
    /// the data; the first: …" (what the command line prints).
    public var oneLine: String { oneLine(in: "the data") }

    /// The error in one line, naming what was read ("the matrix file") when there
    /// are several problems.
    public func oneLine(in subject: String) -> String {
        guard problemCount > 1, let first = problems.first else { return description }
        return "\(problemCount) problems in \(subject); the first: \(first)"
    }

    public var description: String {
        let shown = problems.prefix(20).map(\.description)
        let more = problemCount > 20 ? ["... and \(problemCount - 20) more problems"] : []
        return (shown + more).joined(separator: "\n")
    }
}

extension Array where Element == InputProblem {
    /// The problems that refuse the input (warnings left out).
    public var errors: [InputProblem] { filter { $0.severity == .error } }
    /// The warnings: values read as given but worth a second look.
    public var warnings: [InputProblem] { filter { $0.severity == .warning } }
    /// How many problems refuse the input; readers compare it before and after a
    /// step to know whether the step failed (a warning does not fail it).
    var errorCount: Int { reduce(0) { $0 + ($1.severity == .error ? 1 : 0) } }
    /// Whether any problem refuses the input.
    var hasErrors: Bool { contains { $0.severity == .error } }
}

/// The row problems of one file, keeping the first ``keptPerFile`` errors and as
/// many warnings, and counting the rest: a damaged file of millions of rows then
/// costs bounded memory, and its report says how many more there were.
struct ProblemTally {
    /// The most errors (and, apart, warnings) kept for one file.
    static let keptPerFile = 100
    let file: String
    private(set) var errors = 0
    private(set) var warnings = 0

    init(file: String) { self.file = file }

    /// Adds `new` to `problems` while under the limit; counts it either way.
    mutating func add(_ new: [InputProblem], to problems: inout [InputProblem]) {
        for p in new {
            if p.severity == .error {
                errors += 1
                if errors <= Self.keptPerFile { problems.append(p) }
            } else {
                warnings += 1
                if warnings <= Self.keptPerFile { problems.append(p) }
            }
        }
    }

    /// Adds one problem (see ``add(_:to:)``).
    mutating func add(_ problem: InputProblem, to problems: inout [InputProblem]) { add([problem], to: &problems) }

    /// Appends one problem for those counted but not kept, if any.
    func close(_ problems: inout [InputProblem]) {
        if errors > Self.keptPerFile {
            problems.append(InputProblem(file: file, expected: "no more problems, but \(errors - Self.keptPerFile) more rows have one (the first \(Self.keptPerFile) are shown)"))
        }
        if warnings > Self.keptPerFile {
            problems.append(InputProblem(file: file, expected: "usual values, but \(warnings - Self.keptPerFile) more values are unusual (the first \(Self.keptPerFile) are shown)",
                                         severity: .warning))
        }
    }
}
