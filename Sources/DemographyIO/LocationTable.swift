import Demography

/// A location of a dataset: its code (the UN M49 code in the WPP files), its
/// name and, when `locations.csv` has an `iso3` column, its ISO 3166-1 alpha-3 code.
public struct LocationName: Sendable, Hashable {
    public var code: String
    public var name: String
    public var iso3: String?
    public init(code: String, name: String, iso3: String?) {
        self.code = code
        self.name = name
        self.iso3 = iso3
    }
}

/// Location names and published totals that come with a dataset (WPP layout).
///
/// Both files are optional, but a file that is there is read strictly, as the
/// projection's inputs are: a damaged `locations.csv` or `expected_pop_total.csv`
/// is refused with a located message, never read as "no names" or "no totals".
public enum LocationTable {
    /// `locations.csv`: code and name, in file order (empty when absent). Two
    /// rows for one code are refused.
    public static func read(_ source: DatasetSource) throws(DatasetError) -> [(code: String, name: String)] {
        try names(source).map { ($0.code, $0.name) }
    }

    /// `locations.csv` with its optional `iso3` column: code, name and ISO 3166-1
    /// alpha-3 code (nil where the column is absent or the cell empty), in file
    /// order (empty when the file is absent). Two rows for one code are refused.
    public static func names(_ source: DatasetSource) throws(DatasetError) -> [LocationName] {
        guard source.contains("locations.csv") else { return [] }
        let t = try source.table("locations.csv")
        var problems: [InputProblem] = t.repeatedColumn.map { [$0] } ?? []
        let code: Int?
        if let c = t.header.firstIndex(of: "country_code") ?? t.header.firstIndex(of: "reg_code") {
            code = c
        } else {
            code = nil
            problems.append(InputProblem(file: t.file, line: 1, column: "country_code", value: InputProblem.excerpt(t.header.joined(separator: ",")),
                                         expected: "a column named \"country_code\" (or \"reg_code\")"))
        }
        let name: Int?
        switch t.column("name") {
        case .success(let n): name = n
        case .failure(let problem): name = nil; problems.append(problem)
        }
        guard let code, let name else { throw DatasetError(problems) }
        let iso = t.header.firstIndex(of: "iso3")
        var out: [LocationName] = []
        var lines: [String: Int] = [:]
        for (r, row) in t.rows.enumerated() {
            if let first = lines[row[code]] {
                problems.append(InputProblem(file: t.file, line: t.lines[r], column: t.header[code], value: InputProblem.excerpt(row[code]),
                                             expected: "one row for location \(InputProblem.excerpt(row[code])), but line \(first) has it already"))
                continue
            }
            lines[row[code]] = t.lines[r]
            out.append(LocationName(code: row[code], name: row[name], iso3: iso.flatMap { row[$0].isEmpty ? nil : row[$0] }))
        }
        guard problems.isEmpty else { throw DatasetError(problems) }
        return out
    }

    /// Published total population by year for `location` from
    /// `expected_pop_total[_variant].csv` (empty when the file is absent or does
    /// not cover the location), read as population counts; two rows for one year
    /// are refused.
    public static func publishedTotals(_ source: DatasetSource, location: String?, variant: ProjectionVariant) throws(DatasetError) -> [Int: Double] {
        let name: String
        switch variant {
        case .medium: name = "expected_pop_total.csv"
        case .high: name = "expected_pop_total_high.csv"
        case .low: name = "expected_pop_total_low.csv"
        default: return [:]
        }
        guard source.contains(name) else { return [:] }
        var problems: [InputProblem] = []
        let table = try source.table(name)
        // A location the file does not cover has no published totals (not an error).
        if let location, let column = TidyRows.locationColumns.first(where: table.hasColumn),
           let index = table.header.firstIndex(of: column), !table.rows.contains(where: { $0[index] == location }) {
            return [:]
        }
        let rows = TidyRows(table, location: location, problems: &problems)
        let totals = YearTableReader(quantity: .population()).read(rows, problems: &problems)
        guard !problems.hasErrors else { throw DatasetError(problems.errors) }
        return totals
    }
}
