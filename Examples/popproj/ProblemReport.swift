import DemographyIO

/// Every problem of a dataset, grouped by file: what `--all-problems` and
/// `popproj check` print (several lines, unlike any other error).
struct ProblemReport: Error, CustomStringConvertible {
    var description: String
}

extension DatasetError {
    /// What a command throws for the problems of its data: the first problem in one
    /// line, pointing to the whole list when there are more, or (with
    /// `--all-problems`) the whole list grouped by file.
    func failure(allProblems: Bool, in subject: String = "the data", prefix: String = "") -> Error {
        if allProblems { return ProblemReport(description: prefix + grouped()) }
        return CommandFailure(prefix + oneLine(in: subject, hint: "run with --all-problems or `popproj check` to see them all"))
    }
}

extension PopProj {
    /// The text to print for a failed run: every line of a ``ProblemReport``; else the
    /// first line of the parser's message, without "Error: ", and with a list of
    /// allowed values ("Please provide one of the following:" then "  - medium" lines)
    /// folded into that line.
    static func errorText(_ error: Error, message: String) -> String {
        if let report = error as? ProblemReport { return report.description }
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var first = lines.first ?? "\(error)"
        if first.hasPrefix("Error: ") { first = String(first.dropFirst(7)) }
        let listHead = "Please provide one of the following:"
        if first.hasSuffix(listHead) {
            let values = lines.dropFirst().prefix { $0.hasPrefix("  - ") }.map { "'\($0.dropFirst(4))'" }
            if !values.isEmpty { first = String(first.dropLast(listHead.count)) + "Please provide one of " + values.joined(separator: ", ") + "." }
        }
        return first
    }
}
