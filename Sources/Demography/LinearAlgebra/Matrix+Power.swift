extension Matrix {
    /// Aᵖ — the p-th power of a square matrix by repeated squaring through OpenBLAS DGEMM.
    ///
    /// Writes p in binary and multiplies the squares A, A², A⁴, … whose bit is set,
    /// so Aᵖ costs about 2·log₂(p) products instead of p − 1. A⁰ = I.
    ///
    /// - Throws: ``LinearAlgebraError/notSquare(rows:columns:)`` or
    ///   ``LinearAlgebraError/undefined(quantity:reason:)`` for a negative exponent.
    /// - Complexity: O(n³·log p).
    public func power(_ exponent: Int) throws(LinearAlgebraError) -> Matrix {
        guard isSquare else { throw .notSquare(rows: rows, columns: columns) }
        guard exponent >= 0 else {
            throw .undefined(quantity: "matrix power \(exponent)", reason: "the exponent must be 0 or more")
        }
        return Matrix.power(self, exponent, afterEachProduct: { _ in })
    }

    /// Repeated squaring with a hook applied to every intermediate product (used by
    /// the zero-pattern powers of ``PerronFrobenius``, which clamp entries to 0/1).
    static func power(_ base: Matrix, _ exponent: Int, afterEachProduct normalise: (inout Matrix) -> Void) -> Matrix {
        var result = Matrix.identity(base.rows)
        var square = base
        var p = exponent
        var first = true
        while p > 0 {
            if p & 1 == 1 {
                if first {
                    result = square
                    first = false
                } else {
                    result = result.multiply(square)
                    normalise(&result)
                }
            }
            p >>= 1
            if p > 0 {
                square = square.multiply(square)
                normalise(&square)
            }
        }
        return result
    }
}
