/// A table of osculatory interpolation multipliers that splits five-year group
/// totals into single years of age.
///
/// The single-year values of group i are weighted sums of five neighbouring group
/// totals G (Shryock & Siegel 1976, ch. 22 and appendix C; Siegel & Swanson 2004,
/// pp. 727–729):
///
///     first group:   y(5·0 + r) = Σ_j F[r][j]·G[j]        (F rows 0–4, j = 0…4)
///     second group:  y(5·1 + r) = Σ_j F[5 + r][j]·G[j]    (F rows 5–9)
///     middle groups: y(5·i + r) = Σ_j M[r][j]·G[i − 2 + j]
///     last two:      the first panels mirrored (rows and columns reversed)
///     on the last five groups.
///
/// The tables as published give the first two panels (10 × 5) and the middle
/// panel (5 × 5); the last two panels are their mirror image, as in the
/// published tables. A table *preserves group totals* when, in every panel, the
/// multipliers of each group total summed over the five single years of a group
/// are 1 for that group's own total and 0 for the others.
public struct OsculatoryMultipliers: Sendable, Hashable {
    /// The name of the method, for messages ("Sprague").
    public let name: String
    /// The multipliers of the first two groups (rows: single ages 0–9; columns: G0…G4).
    public let firstPanels: [[Double]]
    /// The multipliers of a middle group (rows: its five single ages; columns: G(i−2)…G(i+2)).
    public let middlePanel: [[Double]]

    /// A table from its first two panels (10 × 5) and its middle panel (5 × 5).
    public init(name: String, firstPanels: [[Double]], middlePanel: [[Double]]) throws(DemographyError) {
        guard firstPanels.count == 10, firstPanels.allSatisfy({ $0.count == 5 }) else {
            throw .invalidParameter(name: "\(name) first panels", value: Double(firstPanels.count),
                                    expected: "10 rows of 5 multipliers")
        }
        guard middlePanel.count == 5, middlePanel.allSatisfy({ $0.count == 5 }) else {
            throw .invalidParameter(name: "\(name) middle panel", value: Double(middlePanel.count),
                                    expected: "5 rows of 5 multipliers")
        }
        self.name = name
        self.firstPanels = firstPanels
        self.middlePanel = middlePanel
    }

    /// The multipliers of the last two groups (rows: the ten last single ages;
    /// columns: the last five group totals): the first panels mirrored.
    public var lastPanels: [[Double]] {
        firstPanels.reversed().map { Array($0.reversed()) }
    }

    /// The smallest number of closed groups the table can split: five, the
    /// columns of one panel.
    public static let minimumGroups = 5

    /// The single-year values of `groups` consecutive five-year totals (at least
    /// five; the open group is not among them).
    ///
    /// Linear in the totals, so it applies to any signed quantity (counts,
    /// migrants, rates times the width).
    public func split(_ totals: [Double]) throws(DemographyError) -> [Double] {
        let k = totals.count
        guard k >= OsculatoryMultipliers.minimumGroups else {
            throw .notApplicable(method: "\(name) interpolation",
                                 reason: "it needs at least \(OsculatoryMultipliers.minimumGroups) closed five-year groups, not \(k)")
        }
        for (i, v) in totals.enumerated() where !v.isFinite {
            throw .nonFiniteValue(schedule: "five-year totals for \(name) interpolation", age: 5 * i, value: v)
        }
        let last = lastPanels
        var out = [Double](repeating: 0, count: 5 * k)
        for i in 0..<k {
            let rows: ArraySlice<[Double]>, first: Int
            switch i {
            case 0: (rows, first) = (firstPanels[0..<5], 0)
            case 1: (rows, first) = (firstPanels[5..<10], 0)
            case k - 2: (rows, first) = (last[0..<5], k - 5)
            case k - 1: (rows, first) = (last[5..<10], k - 5)
            default: (rows, first) = (middlePanel[0..<5], i - 2)
            }
            for (r, row) in rows.enumerated() {
                var y = 0.0
                for j in 0..<5 { y += row[j] * totals[first + j] }
                out[5 * i + r] = y
            }
        }
        return out
    }

    /// For each panel (first, second, middle, second-to-last, last), the sum over
    /// its five rows of each column: what a table that preserves group totals has
    /// as (1,0,0,0,0), (0,1,0,0,0), (0,0,1,0,0), (0,0,0,1,0), (0,0,0,0,1).
    public var columnSumsByPanel: [[Double]] {
        let last = lastPanels
        let panels = [firstPanels[0..<5], firstPanels[5..<10], middlePanel[0..<5], last[0..<5], last[5..<10]]
        return panels.map { panel in (0..<5).map { j in panel.reduce(0) { $0 + $1[j] } } }
    }
}
