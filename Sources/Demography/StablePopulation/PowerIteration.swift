/// The outcome of power iteration: an estimate of λ1 and w, and whether it converged.
public struct PowerIterationResult: Sendable, Hashable {
    /// λ1 estimated as Σ(A·x) for the last iterate x (Σx = 1).
    public let eigenvalue: Double
    /// The last iterate, scaled to sum to 1 (w when converged).
    public let stableDistribution: [Double]
    /// The number of products A·x computed.
    public let iterations: Int
    /// Whether ‖xₖ₊₁ − xₖ‖₁ fell below the tolerance. An imprimitive matrix settles
    /// on a cycle instead, and is reported here as not converged.
    public let converged: Bool
}

extension Matrix {
    /// λ1 and w by power iteration, a cross-check of ``DominantEigen``.
    ///
    ///     xₖ₊₁ = A·xₖ / Σ(A·xₖ),   λ ≈ Σ(A·xₖ)  (Σxₖ = 1, A ≥ 0)
    ///
    /// It converges at the rate 1/ρ (the damping ratio) for a primitive matrix; for an
    /// imprimitive one the iterates cycle, and the result says `converged == false`
    /// after `maximumIterations` rather than looping (Caswell 2001, ch. 4).
    ///
    /// - Parameters:
    ///   - start: x₀ (non-negative, not all 0); uniform by default.
    ///   - tolerance: the bound on ‖xₖ₊₁ − xₖ‖₁.
    ///   - maximumIterations: the most products to compute.
    /// - Throws: for an invalid matrix or start, or when Aᵏ·x₀ reaches 0 (nilpotent matrix).
    /// - Complexity: O(n²) per iteration (DGEMV).
    public func powerIteration(
        start: [Double]? = nil, tolerance: Double = 1e-13, maximumIterations: Int = 100_000
    ) throws(LinearAlgebraError) -> PowerIterationResult {
        try LinearAlgebraError.requireProjectionMatrix(self)
        var x = start ?? [Double](repeating: 1, count: rows)
        guard x.count == rows else { throw .dimensionMismatch(expected: rows, found: x.count) }
        guard x.allSatisfy({ $0.isFinite && $0 >= 0 }), x.contains(where: { $0 > 0 }) else {
            throw .undefined(quantity: "power iteration", reason: "the start vector must be non-negative and not all 0")
        }
        var total = x.reduce(0, +)
        for i in x.indices { x[i] /= total }
        var lambda = 0.0
        for iteration in 1...max(1, maximumIterations) {
            var y = multiply(x)
            total = y.reduce(0, +)
            guard total > 0 else { throw .zeroSpectralRadius }
            lambda = total
            var change = 0.0
            for i in y.indices {
                y[i] /= total
                change += abs(y[i] - x[i])
            }
            x = y
            if change < tolerance {
                return PowerIterationResult(eigenvalue: lambda, stableDistribution: x, iterations: iteration, converged: true)
            }
        }
        return PowerIterationResult(eigenvalue: lambda, stableDistribution: x, iterations: max(1, maximumIterations), converged: false)
    }
}
