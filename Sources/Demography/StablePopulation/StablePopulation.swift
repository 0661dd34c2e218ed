import Foundation

/// The stable population implied by a projection matrix held constant: its growth
/// ratio λ, intrinsic rate r, stable distribution and reproductive values.
///
/// By the strong ergodic theorem a primitive matrix A projects any start towards
/// w, growing by λ per step (Leslie 1945; Caswell 2001, ch. 4). For a reducible
/// matrix the same holds for starts that reach the dominant block; for an
/// imprimitive one, the population cycles (``DominantEigen/isPrimitive``).
///
/// Related files: `StablePopulation+Sensitivity.swift` (sensitivities, elasticities),
/// `StablePopulation+NetReproduction.swift` (R0, generation time),
/// `StablePopulation+Momentum.swift` (momentum by projection).
public struct StablePopulation: Sendable {
    /// A — the projection matrix.
    public let matrix: Matrix
    /// z — the length of one projection step in years (1 for a stage matrix in steps).
    public let width: Double
    /// The eigen analysis of A (λ1, w, v, damping ratio, Perron–Frobenius flags).
    public let eigen: DominantEigen

    /// Analyses `matrix` with a step of `width` years.
    /// - Throws: ``LinearAlgebraError`` for a matrix ``DominantEigen`` refuses, or a
    ///   width that is not a positive finite number.
    public init(matrix: Matrix, width: Double = 1) throws(LinearAlgebraError) {
        guard width.isFinite, width > 0 else {
            throw .undefined(quantity: "the step width \(width)", reason: "it must be a positive number of years")
        }
        self.matrix = matrix
        self.width = width
        self.eigen = try DominantEigen(of: matrix)
    }

    /// λ1 — the growth ratio per step.
    public var dominantEigenvalue: Double { eigen.eigenvalue }

    /// r = ln(λ1) / z — the intrinsic rate of natural increase, per year.
    public var intrinsicRate: Double { log(eigen.eigenvalue) / width }

    /// w — the stable distribution, summing to 1.
    public var stableDistribution: [Double] { eigen.stableDistribution }

    /// v — reproductive values, scaled so that ⟨v, w⟩ = 1.
    public var reproductiveValues: [Double] { eigen.reproductiveValues }
}

extension FemaleLeslieMatrix {
    /// The stable population of this matrix, with the step width z in years.
    public func stablePopulation() throws(LinearAlgebraError) -> StablePopulation {
        try StablePopulation(matrix: matrix, width: Double(width))
    }
}
