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

    /// A problem at a place in a file.
    public init(file: String, line: Int? = nil, column: String? = nil, value: String? = nil, expected: String) {
        self.file = file
        self.line = line
        self.column = column
        self.value = value
        self.expected = expected
    }

    /// "asfr.csv, line 12, column value: found "abc", expected a number".
    public var description: String {
        var place = file
        if let line { place += ", line \(line)" }
        if let column { place += ", column \(column)" }
        if let value { return "\(place): found \"\(value)\", expected \(expected)" }
        return "\(place): expected \(expected)"
    }
}

/// Every problem found while reading a dataset, so that all can be fixed at once.
public struct DatasetError: Error, Sendable, CustomStringConvertible {
    /// The problems, file by file, in the order found.
    public var problems: [InputProblem]

    /// Wraps a list of problems (at least one).
    public init(_ problems: [InputProblem]) { self.problems = problems }

    /// The error in one line: the problem if there is one, else "N problems in
    /// the data; the first: …" (what the command line prints).
    public var oneLine: String { oneLine(in: "the data") }

    /// The error in one line, naming what was read ("the matrix file") when there
    /// are several problems.
    public func oneLine(in subject: String) -> String {
        problems.count == 1 ? description : "\(problems.count) problems in \(subject); the first: \(problems[0])"
    }

    public var description: String {
        let shown = problems.prefix(20).map(\.description)
        let more = problems.count > 20 ? ["... and \(problems.count - 20) more problems"] : []
        return (shown + more).joined(separator: "\n")
    }
}
