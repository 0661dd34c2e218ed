import CLinAlg

/// LAPACK on raw column-major buffers, for kernels that own their storage (the
/// blocks of the multiregional step). Callers check the sizes and the entries;
/// nothing is validated or copied here.
enum BufferLapack {
    /// Solves A·X = B in place by DGESV (LU with partial pivoting, then two
    /// triangular solves): A (n×n) is overwritten by its LU factors, B (n×m) by X,
    /// both column-major and packed (leading dimension n); `pivots` holds n entries.
    ///
    /// The call goes straight to LAPACK's `dgesv` (LAPACKE's `_work` entry point in
    /// column-major order: no transposes, no copies, no NaN scan). It gives the
    /// numbers of ``Matrix/solve(_:)``, whose row-major LAPACKE call transposes its
    /// operands into exactly these column-major buffers before calling the same routine.
    ///
    /// - Returns: LAPACK's `info`: 0, or i > 0 when U(i, i) is exactly zero.
    @inline(__always)
    static func solve(
        order n: Int, rightHandSides m: Int, _ a: UnsafeMutablePointer<Double>,
        pivots: UnsafeMutablePointer<Int32>, _ b: UnsafeMutablePointer<Double>
    ) -> Int32 {
        LAPACKE_dgesv_work(LAPACK_COL_MAJOR, Int32(n), Int32(m), a, Int32(n), pivots, b, Int32(n))
    }
}
