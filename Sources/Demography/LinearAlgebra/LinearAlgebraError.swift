/// Why a matrix computation was refused or failed: one plain sentence per case.
///
/// LAPACK's `info` return code is translated into this type in exactly one place,
/// `LinearAlgebraError.check(info:routine:)`, which runs in release builds too.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// LAPACK rejected its argument number `position` (1-based, as LAPACK counts).
    case illegalArgument(routine: String, position: Int)
    /// The QR algorithm of DGEEV did not converge; eigenvalues `info`… are valid, the others not.
    case didNotConverge(routine: String, info: Int)
    /// DGESV met an exactly zero pivot U(i,i) at (1-based) `pivot`: the matrix is singular.
    case singular(routine: String, pivot: Int)
    /// LAPACKE could not allocate its workspace.
    case outOfMemory(routine: String)
    /// The matrix has `rows` ≠ `columns`.
    case notSquare(rows: Int, columns: Int)
    /// The matrix has no entries.
    case empty
    /// Entry (row, column) is NaN or infinite (0-based indices).
    case nonFinite(row: Int, column: Int, value: Double)
    /// Entry (row, column) of a projection matrix is below zero (0-based indices).
    case negativeEntry(row: Int, column: Int, value: Double)
    /// Two operands do not fit together (a vector's length, a second matrix's shape).
    case dimensionMismatch(expected: Int, found: Int)
    /// The spectral radius is 0 (a nilpotent matrix, e.g. no reproduction): λ, r and
    /// the stable distribution are undefined.
    case zeroSpectralRadius
    /// An iteration stopped after `iterations` steps without meeting its tolerance
    /// (an imprimitive matrix cycles for ever).
    case iterationDidNotConverge(iterations: Int)
    /// A quantity that needs a condition the matrix does not meet (named in `reason`).
    case undefined(quantity: String, reason: String)

    public var description: String {
        switch self {
        case .illegalArgument(let routine, let position):
            return "\(routine) rejected its argument \(position) (a bug in the caller, please report it)"
        case .didNotConverge(let routine, let info):
            return "\(routine) did not converge: only eigenvalues \(info + 1) and above were computed"
        case .singular(let routine, let pivot):
            return "\(routine): the matrix is singular (zero pivot at position \(pivot))"
        case .outOfMemory(let routine):
            return "\(routine) could not allocate its workspace"
        case .notSquare(let rows, let columns):
            return "the matrix has \(rows) rows and \(columns) columns, expected a square matrix"
        case .empty:
            return "the matrix is empty, expected at least one row and column"
        case .nonFinite(let row, let column, let value):
            return "matrix entry (\(row + 1), \(column + 1)) is \(value), expected a finite number"
        case .negativeEntry(let row, let column, let value):
            return "matrix entry (\(row + 1), \(column + 1)) is \(value), expected a rate or count of 0 or more"
        case .dimensionMismatch(let expected, let found):
            return "the operands do not fit: expected size \(expected), found \(found)"
        case .zeroSpectralRadius:
            return "the matrix has spectral radius 0 (no reproduction?), so λ and the stable distribution are undefined"
        case .iterationDidNotConverge(let iterations):
            return "the iteration did not converge in \(iterations) steps (an imprimitive matrix cycles instead of converging)"
        case .undefined(let quantity, let reason):
            return "\(quantity) is undefined: \(reason)"
        }
    }

    /// The LAPACK routines we call, for messages and for the meaning of `info > 0`.
    enum Routine: String {
        case dgeev = "LAPACKE_dgeev"
        case dgesv = "LAPACKE_dgesv"
    }

    /// Translates LAPACKE's `info` (0 = success) into an error; the only place that reads it.
    ///
    /// `info < 0`: argument −info was illegal (LAPACKE's −1010/−1011: out of memory);
    /// `info > 0`: DGEEV failed to converge, DGESV found a zero pivot.
    static func check(info: Int32, routine: Routine) throws(LinearAlgebraError) {
        let info = Int(info)
        if info == 0 { return }
        if info == -1010 || info == -1011 { throw .outOfMemory(routine: routine.rawValue) }
        if info < 0 { throw .illegalArgument(routine: routine.rawValue, position: -info) }
        switch routine {
        case .dgeev: throw .didNotConverge(routine: routine.rawValue, info: info)
        case .dgesv: throw .singular(routine: routine.rawValue, pivot: info)
        }
    }

    /// A square matrix of finite entries (validates once, before any LAPACK call).
    static func requireSquareFinite(_ a: Matrix) throws(LinearAlgebraError) {
        guard a.rows > 0, a.columns > 0 else { throw .empty }
        guard a.isSquare else { throw .notSquare(rows: a.rows, columns: a.columns) }
        for (index, value) in a.entries.enumerated() where !value.isFinite {
            throw .nonFinite(row: index / a.columns, column: index % a.columns, value: value)
        }
    }

    /// A square matrix of finite, non-negative entries (a projection matrix).
    static func requireProjectionMatrix(_ a: Matrix) throws(LinearAlgebraError) {
        try requireSquareFinite(a)
        for (index, value) in a.entries.enumerated() where value < 0 {
            throw .negativeEntry(row: index / a.columns, column: index % a.columns, value: value)
        }
    }
}
