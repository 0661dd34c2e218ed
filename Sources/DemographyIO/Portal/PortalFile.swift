import Foundation

/// The parsed rows of one location (or a few) of a UN portal CSV file
/// (``PortalSourceFile/rows(of:firstOnly:)``), with their lines in the file.
struct PortalFile: Sendable {
    /// The kind its header names.
    let kind: PortalFileKind
    /// The parsed file; `table.file` is the file's name as in the folder.
    let table: CSVTable
    /// The rows of each location, by `LocID`, in file order.
    let rowsByLocation: [String: [Int]]

    /// The index of `name`, which recognition guaranteed or which is optional.
    func column(_ name: String) -> Int? { table.header.firstIndex(of: name) }

    /// The 1-based line of row `r`.
    func line(_ r: Int) -> Int { table.lines[r] }

    /// The cell of row `r` in column `c`.
    func cell(_ r: Int, _ c: Int) -> String { table.field(r, c) }

    /// A problem at row `r`, column `name`.
    func problem(_ r: Int, _ name: String, expected: String) -> InputProblem {
        let value = column(name).map { InputProblem.excerpt(cell(r, $0)) }
        return InputProblem(file: table.file, line: line(r), column: name, value: value, expected: expected)
    }

    /// The `Time` label of row `r` as written.
    func timeLabel(_ r: Int) -> String { column("Time").map { cell(r, $0) } ?? "" }

    /// The `Time` of row `r`, or a problem.
    func time(_ r: Int, problems: inout [InputProblem]) -> PortalTime? {
        guard let c = column("Time") else { return nil }
        if let t = PortalTime(label: cell(r, c)), Quantity.calendarYears.contains(t.start) { return t }
        problems.append(problem(r, "Time", expected: PortalTime.expected))
        return nil
    }

    /// The `AgeGrp` of row `r`, checked against `AgeGrpStart` and `AgeGrpSpan`
    /// when the file has them (the open group's span is -1), or a problem.
    func ageGroup(_ r: Int, problems: inout [InputProblem]) -> PortalAgeGroup? {
        guard let c = column("AgeGrp") else { return nil }
        guard let group = PortalAgeGroup(label: cell(r, c)) else {
            problems.append(problem(r, "AgeGrp", expected: PortalAgeGroup.expected))
            return nil
        }
        if let s = column("AgeGrpStart"), let start = DecimalNumber.wholeNumber(cell(r, s)), start != group.start {
            problems.append(problem(r, "AgeGrpStart", expected: "\(group.start), the first age of AgeGrp \(cell(r, c))"))
            return nil
        }
        if let s = column("AgeGrpSpan"), let span = DecimalNumber.wholeNumber(cell(r, s)), span != (group.width ?? -1) {
            problems.append(problem(r, "AgeGrpSpan", expected: "\(group.width ?? -1), the width of AgeGrp \(cell(r, c)) (-1 for an open group)"))
            return nil
        }
        return group
    }

    /// The number in column `name` of row `r` as `quantity` after dividing by
    /// `divisor` (1000 for ASFR per 1,000 women, 100 for SRB per 100 females), or a problem.
    func number(_ r: Int, _ name: String, _ quantity: Quantity, divisor: Double = 1, problems: inout [InputProblem]) -> Double? {
        guard let c = column(name) else { return nil }
        let text = cell(r, c)
        guard let value = DecimalNumber.parse(text), value.isFinite else {
            problems.append(problem(r, name, expected: "\(quantity.name): a plain decimal number"))
            return nil
        }
        let scaled = value / divisor
        var found: [InputProblem] = []
        guard let v = quantity.read(String(scaled), file: table.file, line: line(r), column: name, problems: &found) else {
            let unit = divisor == 1 ? "" : " (the file's value divided by \(Int(divisor)))"
            problems += found.map { InputProblem(file: $0.file, line: $0.line, column: $0.column, value: InputProblem.excerpt(text),
                                                 expected: $0.expected + unit, severity: $0.severity) }
            return nil
        }
        problems += found
        return v
    }
}
