/// The probabilities reported by a probabilistic projection and the exact
/// sample quantile used when every value is kept.
///
/// The default levels are the median and the bounds of the 80 % and 95 %
/// central prediction intervals, as published by the UN (WPP probabilistic
/// projections; Raftery et al. 2012).
public struct QuantileLevels: Sendable, Hashable {
    /// Probabilities in (0, 1), ascending.
    public let probabilities: [Double]

    /// 2.5 %, 10 %, 50 %, 90 %, 97.5 %: the median and the 80 % and 95 % intervals.
    public static let standard = QuantileLevels(trusted: [0.025, 0.1, 0.5, 0.9, 0.975])

    /// Levels in (0, 1), ascending.
    public init(_ probabilities: [Double]) throws(DemographyError) {
        guard !probabilities.isEmpty else {
            throw .missing(what: "quantile levels", expected: "at least one")
        }
        for (i, p) in probabilities.enumerated() where !(p > 0 && p < 1) || (i > 0 && p <= probabilities[i - 1]) {
            throw .invalidParameter(name: "quantile level \(i + 1)", value: p, expected: "ascending values strictly between 0 and 1")
        }
        self.probabilities = probabilities
    }

    init(trusted: [Double]) { probabilities = trusted }

    /// The label of level `i` in tables ("0.025", "0.5", …).
    public func label(_ i: Int) -> String { "\(probabilities[i])" }
}

/// The sample quantile of sorted values, Hyndman & Fan (1996) type 7 (R's
/// default, used by bayesPop): with h = (n − 1)·p,
///
///     Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)
///
/// (0-based order statistics). Equal values give that value exactly.
@inline(__always)
func sampleQuantile(sorted x: UnsafePointer<Double>, count n: Int, probability p: Double) -> Double {
    let h = Double(n - 1) * p
    let lo = Int(h.rounded(.down))
    if lo >= n - 1 { return x[n - 1] }
    let f = h - Double(lo)
    return f == 0 ? x[lo] : x[lo] + f * (x[lo + 1] - x[lo])
}
