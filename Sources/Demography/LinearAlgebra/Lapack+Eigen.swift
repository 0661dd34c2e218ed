import CLinAlg
import Foundation

/// One eigenvalue λ = re + i·im of a real matrix.
public struct Eigenvalue: Sendable, Hashable, CustomStringConvertible {
    /// Re λ.
    public var real: Double
    /// Im λ.
    public var imaginary: Double

    /// λ = real + i·imaginary.
    public init(real: Double, imaginary: Double = 0) {
        self.real = real
        self.imaginary = imaginary
    }

    /// |λ| — the modulus.
    public var modulus: Double { hypot(real, imaginary) }

    /// θ = atan2(Im λ, Re λ) — the argument, in (−π, π].
    public var argument: Double { atan2(imaginary, real) }

    /// Whether Im λ is exactly 0 (LAPACK returns real eigenvalues with Im = 0).
    public var isReal: Bool { imaginary == 0 }

    public var description: String {
        imaginary == 0 ? "\(real)" : "\(real) \(imaginary < 0 ? "-" : "+") \(abs(imaginary))i"
    }
}

/// Which eigenvectors DGEEV computes.
public enum EigenvectorSides: Sendable, Hashable {
    /// Eigenvalues only.
    case none
    /// Right eigenvectors A·w = λ·w.
    case right
    /// Left eigenvectors vᴴ·A = λ·vᴴ.
    case left
    /// Both.
    case both
}

/// The eigenvalues and (optionally) eigenvectors of a real square matrix, from LAPACK's DGEEV.
///
/// Vectors are kept in LAPACK's packed real form: for a real eigenvalue j, column j
/// is its eigenvector; for a complex pair (j, j+1), columns j and j+1 hold the real
/// and imaginary parts of the vector of eigenvalue j. Each vector has Euclidean norm 1.
public struct EigenDecomposition: Sendable {
    /// n — the order of the matrix.
    public let order: Int
    /// The eigenvalues in LAPACK's order (complex pairs adjacent, positive Im first).
    public let eigenvalues: [Eigenvalue]
    let right: [Double]?
    let left: [Double]?

    /// The right eigenvector w (A·w = λ·w) of eigenvalue `index`, or nil when λ is
    /// complex or the right vectors were not computed.
    public func rightVector(ofRealEigenvalue index: Int) -> [Double]? {
        column(index, of: right)
    }

    /// The left eigenvector v (vᵀ·A = λ·vᵀ) of eigenvalue `index`, or nil when λ is
    /// complex or the left vectors were not computed.
    public func leftVector(ofRealEigenvalue index: Int) -> [Double]? {
        column(index, of: left)
    }

    private func column(_ index: Int, of storage: [Double]?) -> [Double]? {
        guard let storage, eigenvalues.indices.contains(index), eigenvalues[index].isReal else { return nil }
        return (0..<order).map { storage[$0 * order + index] }
    }
}

extension Matrix {
    /// Eigenvalues and eigenvectors by LAPACK's DGEEV (Hessenberg reduction and the
    /// shifted QR algorithm; Anderson et al. 1999, *LAPACK Users' Guide*, §2.4.5).
    ///
    /// - Throws: ``LinearAlgebraError`` when the matrix is empty, not square or has a
    ///   non-finite entry (checked before LAPACK is called), or when DGEEV fails.
    /// - Complexity: O(n³).
    public func eigenDecomposition(vectors: EigenvectorSides = .both) throws(LinearAlgebraError) -> EigenDecomposition {
        try LinearAlgebraError.requireSquareFinite(self)
        let n = rows
        let wantLeft = vectors == .left || vectors == .both
        let wantRight = vectors == .right || vectors == .both
        var a = entries
        var wr = [Double](repeating: 0, count: n)
        var wi = [Double](repeating: 0, count: n)
        var vl = [Double](repeating: 0, count: wantLeft ? n * n : 1)
        var vr = [Double](repeating: 0, count: wantRight ? n * n : 1)
        let job = { (on: Bool) in CChar(UInt8(ascii: on ? "V" : "N")) }
        let info = LAPACKE_dgeev(
            LAPACK_ROW_MAJOR, job(wantLeft), job(wantRight), Int32(n), &a, Int32(n), &wr, &wi,
            &vl, wantLeft ? Int32(n) : 1, &vr, wantRight ? Int32(n) : 1)
        try LinearAlgebraError.check(info: info, routine: .dgeev)
        return EigenDecomposition(
            order: n,
            eigenvalues: zip(wr, wi).map { Eigenvalue(real: $0, imaginary: $1) },
            right: wantRight ? vr : nil,
            left: wantLeft ? vl : nil)
    }
}
