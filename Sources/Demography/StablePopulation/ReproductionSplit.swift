/// How a projection matrix splits into transitions of survivors and new individuals,
/// A = U + F (Caswell 2001, §5.3.4).
public enum ReproductionSplit: Sendable, Hashable {
    /// F is the first row of A (Leslie and Lefkovitch matrices with one newborn
    /// stage); U is the rest.
    case firstRow
    /// F is given (same shape as A, 0 ≤ F ≤ A); U = A − F. For example, teasel's
    /// flowering plants produce seeds and rosettes of three sizes (Caswell 2001, Example 5.2).
    case given(Matrix)

    /// (U, F) for `a`.
    func parts(of a: Matrix) throws(LinearAlgebraError) -> (survival: Matrix, reproduction: Matrix) {
        var u = a
        var f = Matrix(rows: a.rows, columns: a.columns)
        switch self {
        case .firstRow:
            for j in 0..<a.columns {
                f[0, j] = a[0, j]
                u[0, j] = 0
            }
        case .given(let given):
            guard given.rows == a.rows, given.columns == a.columns else {
                throw .dimensionMismatch(expected: a.rows * a.columns, found: given.rows * given.columns)
            }
            for index in a.entries.indices {
                let value = given.entries[index]
                guard value.isFinite else {
                    throw .nonFinite(row: index / a.columns, column: index % a.columns, value: value)
                }
                guard value >= 0, value <= a.entries[index] else {
                    throw .undefined(quantity: "the reproduction matrix F",
                                     reason: "entry (\(index / a.columns + 1), \(index % a.columns + 1)) is \(value), expected 0 ≤ F ≤ A")
                }
                f.entries[index] = value
                u.entries[index] = a.entries[index] - value
            }
        }
        return (u, f)
    }
}
