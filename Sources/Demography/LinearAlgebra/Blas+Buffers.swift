import CLinAlg

/// BLAS products on raw row-major buffers, for kernels that own their storage
/// (the multiregional exchange). Callers check the sizes; nothing is validated here.
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
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                        alpha, a, Int32(k), b, Int32(n), beta, c, Int32(n))
        }
    }
}
