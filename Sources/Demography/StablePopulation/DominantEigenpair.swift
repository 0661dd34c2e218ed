/// λ1 with its right and left eigenvectors: the growth ratio, the stable
/// distribution and the reproductive values of a projection matrix.
///
/// Scaling (Caswell 2001, ch. 4): w sums to 1, and v is scaled so that ⟨v, w⟩ = 1,
/// which makes the sensitivities simply vᵢ·wⱼ. Demographers' reproductive values
/// relative to the first stage (Fisher's convention, v₀ = 1, as demogR's
/// `repro.value`) are ``reproductiveValuesRelativeToFirstStage``.
public struct DominantEigenpair: Sendable, Hashable {
    /// λ1 — the dominant eigenvalue, the growth ratio per projection step.
    public let eigenvalue: Double
    /// w — the right eigenvector A·w = λ·w, scaled to sum to 1 (stable stage or age distribution).
    public let stableDistribution: [Double]
    /// v — the left eigenvector vᵀ·A = λ·vᵀ, scaled so that ⟨v, w⟩ = 1 (reproductive values).
    public let reproductiveValues: [Double]

    /// Pairs an eigenvalue with its vectors, rescaling w to sum 1 and v to ⟨v, w⟩ = 1.
    /// - Throws: when w sums to 0 or ⟨v, w⟩ = 0 (λ1 is then not a simple eigenvalue).
    init(eigenvalue: Double, right: [Double], left: [Double]) throws(LinearAlgebraError) {
        let total = right.reduce(0, +)
        guard total != 0, total.isFinite else {
            throw .undefined(quantity: "the stable distribution", reason: "the eigenvector of λ1 sums to 0")
        }
        let w = right.map { $0 / total }
        let product = zip(left, w).reduce(0) { $0 + $1.0 * $1.1 }
        guard product != 0, product.isFinite else {
            throw .undefined(quantity: "the reproductive values",
                             reason: "⟨v, w⟩ = 0, so λ1 is not a simple eigenvalue")
        }
        self.eigenvalue = eigenvalue
        self.stableDistribution = w
        self.reproductiveValues = left.map { $0 / product }
    }

    /// v / v₀ — reproductive values relative to the first stage, or nil when v₀ = 0.
    public var reproductiveValuesRelativeToFirstStage: [Double]? {
        guard let first = reproductiveValues.first, first != 0 else { return nil }
        return reproductiveValues.map { $0 / first }
    }
}
