import Foundation

// Design note. Turning a trajectory's e0 into survival ratios exactly costs a
// root search over life tables (``MortalityShift``): tens of life tables per
// trajectory and period, far more than projecting it. Instead, once per period
// and sex, life tables are computed on a grid of Lee-Carter shifts k_j = j·Δk
// around the period's medium rates (k = 0), giving nodes (e0_j, Sx_j); each
// trajectory's Sx is then the cubic Lagrange interpolant in e0 through the four
// nodes around its e0 — four multiply-adds per age. Δk = 0.05 keeps the
// interpolation error below 1e-7 in Sx for single-year and five-year grids
// (SurvivalGridTests measures it against the exact shift; the bound there is
// 1e-6). At the node k = 0 the weights are exactly (0, 1, 0, 0), so a
// trajectory on the medium path gets the medium Sx to the last bit.

/// Survival ratios Sx as a function of e0 for one period and sex, tabulated
/// along a Lee-Carter shift of the period's death rates.
///
///     ln m(x; k) = ln m_ref(x) + b(x)·k,   k_j = j·Δk
///
/// Nodes are kept in ascending e0 (descending k). `survivalRatios(lifeExpectancy:into:stride:)` (engine SPI)
/// interpolates cubically in e0 through the four nearest nodes (Lagrange);
/// values outside the grid are extrapolated from the edge nodes.
///
/// Source: Lee & Carter (1992) for the shift; the grid replaces the root
/// search of ``MortalityShift/deathRates(reference:ages:sex:targetLifeExpectancy:options:)``.
public struct SurvivalGrid: Sendable {
    /// e0 at each node, ascending.
    public let lifeExpectancies: [Double]
    /// k at each node (descending).
    public let shifts: [Double]
    /// n — Sx values per node (the projection grid).
    public let ageGroups: Int
    /// Sx of node j at `survival[j·n ..< (j+1)·n]`.
    let survival: [Double]

    /// The grid spacing in k used by default.
    public static let defaultSpacing = 0.05

    /// Nodes from the reference rates, covering `range` of e0 with two nodes to spare on each side.
    ///
    /// - Parameters:
    ///   - sex: the sex of the life tables.
    ///   - reference: nMx of the period (the medium path), on `ages`.
    ///   - ages: the age groups of the death rates.
    ///   - response: b(x), one value per group of `ages` (``MortalityShift``'s convention).
    ///   - width: the projection step (Sx on the z-year grid).
    ///   - range: the e0 values the nodes must cover.
    ///   - spacing: the step between nodes in k.
    ///   - options: the life-table conventions.
    public init(sex: Sex, reference: [Double], ages: AgeStructure, response: [Double], width: Int,
                covering range: ClosedRange<Double>, spacing: Double = SurvivalGrid.defaultSpacing,
                options: LifeTableOptions = .init()) throws(DemographyError) {
        guard response.count == reference.count, response.contains(where: { $0 > 0 }) else {
            throw .invalidParameter(name: "age pattern of mortality change b(x)", value: Double(response.count),
                                    expected: "\(reference.count) values, some above 0")
        }
        guard spacing > 0, spacing.isFinite else {
            throw .invalidParameter(name: "spacing of the survival grid in k", value: spacing, expected: "a positive number")
        }
        func node(_ j: Int) throws(DemographyError) -> (e0: Double, sx: [Double]) {
            let k = Double(j) * spacing
            let mx = j == 0 ? reference : zip(reference, response).map { $0 * exp($1 * k) }
            let table = try LifeTable(sex: sex, ages: ages, deathRates: mx, options: options)
            return (table.lifeExpectancyAtBirth, try table.survivalRatios(width: width).values)
        }
        var nodes: [Int: (e0: Double, sx: [Double])] = [0: try node(0)]
        // Downwards in k (higher e0) until two nodes lie above the range, and upwards likewise.
        // |k| ≤ 12 as in MortalityShift: rates between e^−12 and e^12 times the reference.
        let farthest = Int((MortalityShift.bracket / spacing).rounded(.down))
        var spareAbove = 0, j = 0
        while spareAbove < 2 {
            j -= 1
            guard j >= -farthest else { break }
            let n = try node(j)
            nodes[j] = n
            if n.e0 > range.upperBound { spareAbove += 1 }
        }
        var spareBelow = 0
        j = 0
        while spareBelow < 2 {
            j += 1
            guard j <= farthest else { break }
            let n = try node(j)
            nodes[j] = n
            if n.e0 < range.lowerBound { spareBelow += 1 }
        }
        let order = nodes.keys.sorted(by: >)   // descending k = ascending e0
        self.lifeExpectancies = order.map { nodes[$0]!.e0 }
        self.shifts = order.map { Double($0) * spacing }
        self.ageGroups = nodes[0]!.sx.count
        self.survival = order.flatMap { nodes[$0]!.sx }
    }

    /// The node interval and cubic weights for `e0`: Sx = Σ wᵢ·Sx(node + i), i = 0…3.
    @inline(__always)
    func weights(_ e0: Double) -> (node: Int, w: (Double, Double, Double, Double)) {
        let x = lifeExpectancies
        let last = x.count - 1
        // i: the last node with x[i] ≤ e0, clamped so that i−1 … i+2 exist.
        var lo = 0, hi = last
        while hi - lo > 1 {
            let mid = (lo + hi) >> 1
            if x[mid] <= e0 { lo = mid } else { hi = mid }
        }
        let i = Swift.min(Swift.max(lo, 1), last - 2)
        let x0 = x[i - 1], x1 = x[i], x2 = x[i + 1], x3 = x[i + 2]
        let w0 = (e0 - x1) * (e0 - x2) * (e0 - x3) / ((x0 - x1) * (x0 - x2) * (x0 - x3))
        let w1 = (e0 - x0) * (e0 - x2) * (e0 - x3) / ((x1 - x0) * (x1 - x2) * (x1 - x3))
        let w2 = (e0 - x0) * (e0 - x1) * (e0 - x3) / ((x2 - x0) * (x2 - x1) * (x2 - x3))
        let w3 = (e0 - x0) * (e0 - x1) * (e0 - x2) / ((x3 - x0) * (x3 - x1) * (x3 - x2))
        return (i - 1, (w0, w1, w2, w3))
    }

    /// Writes Sx for `e0` into `out[x·stride]`, x = 0…n−1.
    @inline(__always)
    @_spi(Engine) public func survivalRatios(lifeExpectancy e0: Double, into out: UnsafeMutablePointer<Double>, stride: Int = 1) {
        let (node, w) = weights(e0)
        let n = ageGroups
        survival.withUnsafeBufferPointer { s in
            let p0 = s.baseAddress! + node * n, p1 = p0 + n, p2 = p1 + n, p3 = p2 + n
            for x in 0..<n {
                out[x * stride] = w.0 * p0[x] + w.1 * p1[x] + w.2 * p2[x] + w.3 * p3[x]
            }
        }
    }

    /// Sx for `e0` as an array.
    public func survivalRatios(lifeExpectancy e0: Double) -> [Double] {
        var out = [Double](repeating: 0, count: ageGroups)
        out.withUnsafeMutableBufferPointer { survivalRatios(lifeExpectancy: e0, into: $0.baseAddress!) }
        return out
    }

    /// The medium node's e0 (k = 0).
    public var referenceLifeExpectancy: Double { lifeExpectancies[shifts.firstIndex(of: 0) ?? 0] }
}
