import Foundation

extension StablePopulation {
    /// R0 — the net reproductive rate: the spectral radius of F·N, N = (I − U)⁻¹
    /// (Caswell 2001, §5.3.4).
    ///
    /// N[i, j] is the expected time spent in stage i by an individual now in stage j,
    /// and F·N the offspring of each stage over a lifetime. For a Leslie matrix with
    /// the ``ReproductionSplit/firstRow`` split, R0 = Σₓ A[0, x]·lₓ with lₓ the
    /// survivorship along the subdiagonal (and the open group's geometric tail),
    /// i.e. π_f·Σ F(x)·L(x)/l0, the net reproduction rate of Preston, Heuveline &
    /// Guillot (2001), ch. 5.
    ///
    /// - Throws: when U has spectral radius 1 or more (someone survives for ever, so
    ///   I − U is singular or N has negative entries) or the split is invalid.
    /// - Complexity: O(n³).
    public func netReproductiveRate(split: ReproductionSplit = .firstRow) throws(LinearAlgebraError) -> Double {
        let (u, f) = try split.parts(of: matrix)
        let n = matrix.rows
        var iMinusU = Matrix.identity(n)
        for index in iMinusU.entries.indices { iMinusU.entries[index] -= u.entries[index] }
        let fundamental: Matrix
        do { fundamental = try iMinusU.inverse() } catch {
            throw .undefined(quantity: "R0", reason: "I − U is singular: some stage survives for ever without reproducing")
        }
        let largest = fundamental.entries.map(abs).max() ?? 0
        guard largest.isFinite, fundamental.entries.allSatisfy({ $0 >= -1e-12 * largest }) else {
            throw .undefined(quantity: "R0", reason: "the survival part U has spectral radius 1 or more, so (I − U)⁻¹ is not a fundamental matrix")
        }
        let offspring = f.multiply(fundamental)
        let values = try offspring.eigenDecomposition(vectors: .none).eigenvalues
        return values.map(\.modulus).max() ?? 0
    }

    /// T = ln(R0) / r — the generation time in years: the time a population growing
    /// at rate r takes to grow by the factor R0 (Caswell 2001, ch. 5; demogR `gen.time`).
    ///
    /// - Throws: when R0 is undefined, or when r = 0 (λ1 = 1, so T = 0/0).
    public func generationTime(split: ReproductionSplit = .firstRow) throws(LinearAlgebraError) -> Double {
        let r0 = try netReproductiveRate(split: split)
        let r = intrinsicRate
        guard r != 0, r0 > 0 else {
            throw .undefined(quantity: "the generation time ln(R0)/r", reason: "r = \(r) and R0 = \(r0)")
        }
        return log(r0) / r
    }
}
