import Foundation

/// The stable equivalent of a multiregional population: the age and regional
/// distribution that constant rates lead to, and its growth factor per step
/// (Rogers 1975, ch. 5; Willekens & Rogers 1978, Table 3.3).
///
/// Found by power iteration with the structured step on the closed population
/// (no external migrants): v ← G·v / Σ(G·v), λ = Σ(G·v) / Σ v, until no element of
/// v changes by more than `tolerance` of the largest. This gives the dominant
/// eigenvector of the generalised Leslie matrix without forming it.
public struct MultiregionalStableEquivalent: Sendable {
    /// λ — the growth factor per step of n years.
    public let growthFactor: Double
    /// n — the step in years.
    public let width: Int
    /// The stable distribution: shares of the whole population (they sum to 1).
    public let distribution: MultiregionalPopulation
    /// The number of iterations used.
    public let iterations: Int

    /// r = ln λ / n — the intrinsic growth rate per year.
    public var intrinsicRate: Double { log(growthFactor) / Double(width) }

    /// Iterates `step` (its external migrants left out) from a uniform start.
    /// - Throws: ``LinearAlgebraError/iterationDidNotConverge(iterations:)`` after
    ///   `maximumIterations`, or ``LinearAlgebraError/zeroSpectralRadius`` when the population dies out.
    public init(step: MultiregionalStep, tolerance: Double = 1e-13, maximumIterations: Int = 100_000) throws(LinearAlgebraError) {
        let closed = MultiregionalStep(
            trusted: step.regions, ages: step.ages, sexes: step.sexes, width: step.width, openAgeGroup: step.openAgeGroup,
            transitions: step.transitions, fertilityRates: step.fertilityRates,
            femaleShareOfBirths: step.femaleShareOfBirths,
            externalMigrants: [Double](repeating: 0, count: step.externalMigrants.count), migrationTiming: .endOfStep)
        let cells = step.externalMigrants.count
        var v = [Double](repeating: 1 / Double(cells), count: cells)
        var lambda = 0.0
        var converged = false
        var iteration = 0
        while iteration < maximumIterations && !converged {
            iteration += 1
            let next = MultiregionalProjection.project(v, count: 1, step: closed, steps: 1, form: .structured)
            let sum = next.reduce(0, +)
            guard sum > 0, sum.isFinite else { throw .zeroSpectralRadius }
            lambda = sum
            var change = 0.0, largest = 0.0
            for i in 0..<cells {
                let w = next[i] / sum
                change = max(change, abs(w - v[i]))
                largest = max(largest, w)
                v[i] = w
            }
            converged = change <= tolerance * largest
        }
        guard converged else { throw .iterationDidNotConverge(iterations: maximumIterations) }
        growthFactor = lambda
        width = step.width
        distribution = MultiregionalPopulation(trusted: step.regions, ages: step.ages, sexes: step.sexes, counts: v)
        iterations = iteration
    }

    /// The percentage age distribution of `region` and `sex` (it sums to 100).
    public func percentages(region: Int, sex: Sex) -> [Double] {
        let values = distribution.counts(region: region, sex: sex)
        let total = values.reduce(0, +)
        return values.map { total > 0 ? 100 * $0 / total : 0 }
    }
}
