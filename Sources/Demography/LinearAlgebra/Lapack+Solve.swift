import CLinAlg

extension Matrix {
    /// X = A⁻¹·B, by LAPACK's DGESV (LU with partial pivoting).
    ///
    /// - Throws: ``LinearAlgebraError/singular(routine:pivot:)`` when A is singular, or
    ///   a shape or finiteness error found before LAPACK is called.
    /// - Complexity: O(n³ + n²·m) for m right-hand sides.
    public func solve(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        try LinearAlgebraError.requireSquareFinite(self)
        guard b.rows == rows else { throw .dimensionMismatch(expected: rows, found: b.rows) }
        guard b.columns > 0 else { return b }
        var lu = entries
        var x = b.entries
        var pivots = [Int32](repeating: 0, count: rows)
        let info = LAPACKE_dgesv(LAPACK_ROW_MAJOR, Int32(rows), Int32(b.columns), &lu, Int32(rows),
                                 &pivots, &x, Int32(b.columns))
        try LinearAlgebraError.check(info: info, routine: .dgesv)
        var result = Matrix(rows: b.rows, columns: b.columns)
        result.entries = x
        return result
    }

    /// A⁻¹, by DGESV against the identity.
    public func inverse() throws(LinearAlgebraError) -> Matrix {
        try solve(.identity(rows))
    }
}
