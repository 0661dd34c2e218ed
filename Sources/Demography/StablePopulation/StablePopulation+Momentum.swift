/// The result of projecting a population to stationarity after an instant drop to
/// replacement fertility.
public struct ProjectedMomentum: Sendable, Hashable {
    /// M — the ultimate (stationary) total divided by the initial total.
    public let momentum: Double
    /// The stationary population reached, by stage.
    public let ultimatePopulation: [Double]
    /// The number of projection steps taken.
    public let steps: Int
}

extension StablePopulation {
    /// Population momentum by projection: fertility drops at once to replacement
    /// (F rescaled by 1/R0, so that R0 = 1 and λ1 = 1), the matrix U + F/R0 is
    /// applied until the population stops changing, and M = N(∞)/N(0)
    /// (Keyfitz 1971; Preston, Heuveline & Guillot 2001, ch. 7).
    ///
    /// For a primitive matrix the limit is w′·⟨v′, n₀⟩ with the eigenvectors of the
    /// rescaled matrix (Σw′ = 1, ⟨v′, w′⟩ = 1), so the result can be checked
    /// without projecting.
    ///
    /// - Parameters:
    ///   - start: n₀ (non-negative, by stage); by default the stable distribution w
    ///     of A, Keyfitz's assumption of a stable population before the drop.
    ///   - split: which entries of A are reproduction.
    ///   - tolerance: stop when ‖nₜ₊₁ − nₜ‖₁ ≤ tolerance·‖nₜ‖₁.
    ///   - maximumSteps: the most steps before giving up.
    /// - Throws: ``LinearAlgebraError/iterationDidNotConverge(iterations:)`` when
    ///   the population never becomes stationary (an imprimitive matrix cycles), or
    ///   when R0 is undefined.
    public func momentumByProjection(
        from start: [Double]? = nil, split: ReproductionSplit = .firstRow,
        tolerance: Double = 1e-13, maximumSteps: Int = 100_000
    ) throws(LinearAlgebraError) -> ProjectedMomentum {
        let r0 = try netReproductiveRate(split: split)
        guard r0 > 0 else { throw .zeroSpectralRadius }
        let replacement = try replacementMatrix(split: split, netReproductiveRate: r0)
        var n = start ?? stableDistribution
        guard n.count == matrix.rows else { throw .dimensionMismatch(expected: matrix.rows, found: n.count) }
        guard n.allSatisfy({ $0.isFinite && $0 >= 0 }), n.contains(where: { $0 > 0 }) else {
            throw .undefined(quantity: "momentum", reason: "the start population must be non-negative and not all 0")
        }
        let initial = n.reduce(0, +)
        for step in 1...max(1, maximumSteps) {
            let next = replacement.multiply(n)
            var change = 0.0, total = 0.0
            for i in next.indices {
                change += abs(next[i] - n[i])
                total += abs(n[i])
            }
            n = next
            if change <= tolerance * total {
                return ProjectedMomentum(momentum: n.reduce(0, +) / initial, ultimatePopulation: n, steps: step)
            }
        }
        throw .iterationDidNotConverge(iterations: max(1, maximumSteps))
    }

    /// U + F/R0 — the matrix at replacement fertility (λ1 = 1).
    public func replacementMatrix(split: ReproductionSplit = .firstRow) throws(LinearAlgebraError) -> Matrix {
        try replacementMatrix(split: split, netReproductiveRate: netReproductiveRate(split: split))
    }

    private func replacementMatrix(split: ReproductionSplit, netReproductiveRate r0: Double) throws(LinearAlgebraError) -> Matrix {
        let (u, f) = try split.parts(of: matrix)
        var a = u
        for index in a.entries.indices { a.entries[index] += f.entries[index] / r0 }
        return a
    }
}
