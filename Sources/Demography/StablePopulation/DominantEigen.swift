import Foundation

/// Eigen analysis of a non-negative projection matrix by LAPACK's DGEEV: λ1, the
/// stable distribution, reproductive values, the rate of convergence and the
/// Perron–Frobenius flags (Caswell 2001, ch. 4).
///
/// - λ1 is the eigenvalue of largest modulus; among eigenvalues of equal modulus
///   (within a relative 1e-10) the one with the largest real part — popbio's rule,
///   which for a non-negative matrix picks the real Perron root ρ(A).
/// - λ2 is the eigenvalue of next largest modulus (the pair member with positive
///   imaginary part when complex).
/// - damping ratio ρ = λ1 / |λ2| (Caswell 2001, §4.7): the factor by which the
///   distance from the stable distribution shrinks per step, asymptotically.
///   Infinite when |λ2| = 0 or the matrix is 1×1; 1 for an imprimitive matrix,
///   which never converges.
/// - period of oscillation P = 2π / θ, θ = |atan2(Im λ2, Re λ2)|, in projection
///   steps (Caswell 2001, §4.7); infinite when λ2 is real and positive.
///
/// A reducible or imprimitive matrix is legal and is reported through
/// ``isIrreducible``, ``isPrimitive`` and ``isStrictlyDominant``, never by failing.
public struct DominantEigen: Sendable {
    /// λ1, w and v (w sums to 1, ⟨v, w⟩ = 1).
    public let eigenpair: DominantEigenpair
    /// Every eigenvalue, largest modulus first.
    public let eigenvalues: [Eigenvalue]
    /// λ2 — the eigenvalue of next largest modulus, nil for a 1×1 matrix.
    public let subdominantEigenvalue: Eigenvalue?
    /// ρ = λ1 / |λ2| — the damping ratio (∞ when there is no λ2 or |λ2| = 0).
    public let dampingRatio: Double
    /// P = 2π / |θ2| — the period of the oscillations in steps (∞ when λ2 is real and positive).
    public let periodOfOscillation: Double
    /// Whether (I + B)ⁿ⁻¹ > 0 for the zero pattern B (see ``PerronFrobenius``).
    public let isIrreducible: Bool
    /// Whether the matrix is irreducible and B^(n²−2n+2) > 0.
    public let isPrimitive: Bool
    /// Whether λ1 > |λ| for every other eigenvalue (|λ2| < λ1·(1 − 1e-9)).
    public let isStrictlyDominant: Bool

    /// The relative gap under which two moduli count as equal when choosing λ1.
    static let modulusTieTolerance = 1e-10
    /// The relative gap below which λ1 is not strictly dominant.
    static let dominanceTolerance = 1e-9

    /// λ1 — the dominant eigenvalue.
    public var eigenvalue: Double { eigenpair.eigenvalue }
    /// w — the stable distribution (sums to 1).
    public var stableDistribution: [Double] { eigenpair.stableDistribution }
    /// v — reproductive values scaled to ⟨v, w⟩ = 1.
    public var reproductiveValues: [Double] { eigenpair.reproductiveValues }

    /// Analyses `matrix`, which must be square with finite, non-negative entries.
    ///
    /// - Throws: ``LinearAlgebraError`` for a non-square, empty, non-finite or negative
    ///   matrix, a nilpotent one (λ1 = 0), or a DGEEV failure.
    /// - Complexity: O(n³).
    public init(of matrix: Matrix) throws(LinearAlgebraError) {
        try LinearAlgebraError.requireProjectionMatrix(matrix)
        let decomposition = try matrix.eigenDecomposition(vectors: .both)
        let values = decomposition.eigenvalues
        let first = DominantEigen.dominantIndex(values)
        let lambda = values[first]
        guard lambda.real > 0 else { throw .zeroSpectralRadius }
        guard let right = decomposition.rightVector(ofRealEigenvalue: first),
              let left = decomposition.leftVector(ofRealEigenvalue: first) else {
            throw .undefined(quantity: "the dominant eigenvalue", reason: "LAPACK returned it as complex (\(lambda))")
        }
        eigenpair = try DominantEigenpair(eigenvalue: lambda.real, right: right, left: left)
        let second = DominantEigen.subdominantIndex(values, excluding: first)
        let secondValue = second.map { values[$0] }
        subdominantEigenvalue = secondValue
        eigenvalues = values.sorted { $0.modulus > $1.modulus }
        if let secondValue, secondValue.modulus > 0 {
            dampingRatio = lambda.real / secondValue.modulus
            let theta = abs(secondValue.argument)
            periodOfOscillation = theta > 0 ? 2 * Double.pi / theta : .infinity
        } else {
            dampingRatio = .infinity
            periodOfOscillation = .infinity
        }
        isStrictlyDominant = (secondValue?.modulus ?? 0) < lambda.real * (1 - DominantEigen.dominanceTolerance)
        isIrreducible = try PerronFrobenius.isIrreducible(matrix)
        isPrimitive = isIrreducible ? try PerronFrobenius.isPrimitive(matrix) : false
    }

    /// The index of λ1: largest modulus, then largest real part.
    static func dominantIndex(_ values: [Eigenvalue]) -> Int {
        let largest = values.map(\.modulus).max() ?? 0
        var best = 0
        var bestReal = -Double.infinity
        for (i, value) in values.enumerated()
        where value.modulus >= largest * (1 - modulusTieTolerance) && value.real > bestReal {
            best = i
            bestReal = value.real
        }
        return best
    }

    /// The index of λ2: largest modulus among the others, then positive imaginary part.
    static func subdominantIndex(_ values: [Eigenvalue], excluding first: Int) -> Int? {
        let others = values.indices.filter { $0 != first }
        guard let largest = others.map({ values[$0].modulus }).max() else { return nil }
        let tied = others.filter { values[$0].modulus >= largest * (1 - modulusTieTolerance) }
        return tied.max { values[$0].imaginary < values[$1].imaginary }
    }
}
