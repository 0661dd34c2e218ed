extension StablePopulation {
    /// sᵢⱼ = ∂λ/∂aᵢⱼ = vᵢ·wⱼ / ⟨v, w⟩ — the sensitivity of λ1 to each entry.
    ///
    /// Given for every (i, j), zero entries included (the effect of a transition
    /// that does not yet exist); Caswell (2001), §9.1.
    /// - Complexity: O(n²).
    public func sensitivities() -> Matrix {
        let v = reproductiveValues, w = stableDistribution, n = v.count
        let scale = 1 / zip(v, w).reduce(0) { $0 + $1.0 * $1.1 }
        var s = Matrix(rows: n, columns: n)
        for i in 0..<n {
            for j in 0..<n { s[i, j] = v[i] * w[j] * scale }
        }
        return s
    }

    /// eᵢⱼ = (aᵢⱼ / λ)·sᵢⱼ = ∂ln λ/∂ln aᵢⱼ — the elasticity of λ1 to each entry.
    ///
    /// The elasticities sum to 1 (Caswell 2001, §9.2).
    /// - Complexity: O(n²).
    public func elasticities() -> Matrix {
        var e = sensitivities()
        let lambda = dominantEigenvalue
        for index in e.entries.indices { e.entries[index] *= matrix.entries[index] / lambda }
        return e
    }
}
