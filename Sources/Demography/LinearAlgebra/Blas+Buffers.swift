import CLinAlg

/// BLAS products on raw row-major buffers, for kernels that own their storage
/// (the multiregional exchange, the batched matrix power). Callers check the
/// sizes; nothing is validated here.
enum BufferBlas {
    /// C = α·A·B + β·C with A (m×k), B (k×n), C (m×n), all row-major and packed (DGEMM,
    /// or DGEMV when n = 1).
    @inline(__always)
    static func gemm(
        rows m: Int, columns n: Int, inner k: Int, alpha: Double,
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
        beta: Double, _ c: UnsafeMutablePointer<Double>
    ) {
        if n == 1 {
            cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(m), Int32(k), alpha, a, Int32(k), b, 1, beta, c, 1)
        } else {
            gemm(rows: m, columns: n, inner: k, alpha: alpha, a, lda: k, b, ldb: n, beta: beta, c, ldc: n)
        }
    }

    /// C = α·A·B + β·C with A (m×k), B (k×n), C (m×n), all row-major, where row i
    /// of each starts `lda`, `ldb`, `ldc` entries after row i − 1 (DGEMM always).
    ///
    /// The leading dimensions let A, B or C be the upper-left block of a larger
    /// row-major matrix (lda ≥ k, ldb ≥ n, ldc ≥ n), e.g. A^T inside the augmented
    /// matrix [[A^T, c_T], [0, 1]] of ``BatchProjection``'s matrix-power form.
    @inline(__always)
    static func gemm(
        rows m: Int, columns n: Int, inner k: Int, alpha: Double,
        _ a: UnsafePointer<Double>, lda: Int, _ b: UnsafePointer<Double>, ldb: Int,
        beta: Double, _ c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                    alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
