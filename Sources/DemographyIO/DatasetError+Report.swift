/// The problems of a dataset as a report a person reads to fix them all: grouped
/// by file, files in the order first met, with a count per file.
extension DatasetError {
    /// The files with problems, in the order first met, each with its problems.
    public var problemsByFile: [(file: String, problems: [InputProblem])] {
        var order: [String] = []
        var byFile: [String: [InputProblem]] = [:]
        for problem in problems {
            if byFile[problem.file] == nil { order.append(problem.file) }
            byFile[problem.file, default: []].append(problem)
        }
        return order.map { ($0, byFile[$0] ?? []) }
    }

    /// The report: a heading per file with its count ("asfr.csv: 3 problems"), then
    /// each problem indented, without the file name repeated; at most `limit`
    /// problems per file (nil: all), the rest counted.
    ///
    /// ```text
    /// 4 problems in 2 files
    /// asfr.csv: 3 problems
    ///   line 12, column value: found "abc", expected a number
    ///   ...
    /// srb.csv: 1 problem
    ///   expected a header line naming the columns
    /// ```
    public func grouped(limit: Int? = nil) -> String {
        let files = problemsByFile
        var lines = ["\(Self.count(problemCount, "problem")) in \(Self.count(files.count, "file"))"]
        for (file, problems) in files {
            lines.append("\(file): \(Self.count(problems.count, "problem"))")
            let shown = limit.map { problems.prefix(max(0, $0)) } ?? problems[...]
            for problem in shown { lines.append("  " + Self.withoutFile(problem)) }
            if shown.count < problems.count { lines.append("  ... and \(problems.count - shown.count) more in \(file)") }
        }
        if omittedProblems > 0 {
            lines.append("... and \(omittedProblems) more problems, not kept (the first \(Self.keptProblems) are listed)")
        }
        return lines.joined(separator: "\n")
    }

    /// The error in one line, with a pointer to the whole list when there are
    /// several problems: "42 problems in the data; the first: …; run with
    /// --all-problems or `popproj check` to see them all" (`hint` is the last part).
    public func oneLine(in subject: String, hint: String?) -> String {
        let line = oneLine(in: subject)
        guard problemCount > 1, let hint else { return line }
        return line + "; " + hint
    }

    /// "line 12, column value: found "abc", expected a number" — a problem without its file.
    static func withoutFile(_ problem: InputProblem) -> String {
        var place: [String] = []
        if let line = problem.line { place.append("line \(line)") }
        if let column = problem.column { place.append("column \(column)") }
        let what = problem.value.map { "found \"\($0)\", expected \(problem.expected)" } ?? "expected \(problem.expected)"
        return place.isEmpty ? what : place.joined(separator: ", ") + ": " + what
    }

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
