import Demography

/// Location names and published totals that come with a dataset (WPP layout).
public enum LocationTable {
    /// `locations.csv`: code and name, in file order (empty when absent).
    public static func read(_ source: DatasetSource) -> [(code: String, name: String)] {
        guard source.contains("locations.csv"), let t = try? source.table("locations.csv"),
              let c = t.header.firstIndex(of: "country_code") ?? t.header.firstIndex(of: "reg_code"),
              let n = t.header.firstIndex(of: "name") else { return [] }
        return t.rows.map { ($0[c], $0[n]) }
    }

    /// Published total population by year for `location` from `expected_pop_total[_variant].csv`.
    public static func publishedTotals(_ source: DatasetSource, location: String?, variant: ProjectionVariant) -> [Int: Double] {
        let name: String
        switch variant {
        case .medium: name = "expected_pop_total.csv"
        case .high: name = "expected_pop_total_high.csv"
        case .low: name = "expected_pop_total_low.csv"
        default: return [:]
        }
        guard source.contains(name), let t = try? source.table(name),
              let y = t.header.firstIndex(of: "year"), let v = t.header.firstIndex(of: "value") else { return [:] }
        let c = t.header.firstIndex(of: "country_code")
        var out: [Int: Double] = [:]
        for row in t.rows where c == nil || row[c ?? 0] == location {
            if let year = Int(row[y]), let value = Double(row[v]) { out[year] = value }
        }
        return out
    }
}
