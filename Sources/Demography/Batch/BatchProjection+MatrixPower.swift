// Design note. With constant rates and no net outflow, the step is affine,
// n(t+1) = A·n(t) + c (``LeslieMatrix``), so T steps are one product with the
// augmented matrix  L = [[A, c], [0, 1]]  raised to the power T:
//
//     L^T = [[A^T, c_T], [0, 1]],   n(T) = A^T·n(0) + c_T
//
// L^T costs ⌊log₂T⌋ + popcount(T) − 1 DGEMMs of order 2n+1 (repeated squaring,
// ``Matrix/power(_:)``), then one DGEMM of (2n × 2n)·(2n × K) applies it to every
// population — the `[sex][age][K]` layout is that 2n × K matrix. Source: Caswell
// (2001), §2.2 for the affine form; the cost model is in ``BatchFormChoice``.
//
// The last product reads A^T inside L^T and writes into the caller's layout, so
// it needs leading dimensions, which the friendly `Matrix.multiply` cannot
// express: it goes through `BufferBlas.gemm(…lda:ldb:ldc:)` in LinearAlgebra/.

extension BatchProjection {
    /// n(T) = A^T·n(0) + c_T for every population, through OpenBLAS with `threads` threads.
    func runMatrixPower(state: inout [Double], steps: Int, step: ProjectionStep, sink: some BatchSink) {
        let rows = 2 * ages.count, order = rows + 1, k = count
        let leslie = step.leslieMatrix()
        var augmented = Matrix(rows: order, columns: order)
        for i in 0..<rows {
            for j in 0..<rows { augmented[i, j] = leslie.matrix[i, j] }
            augmented[i, rows] = leslie.migrationTerm[i]
        }
        augmented[rows, rows] = 1
        let saved = LinearAlgebraThreads.count
        LinearAlgebraThreads.count = threads
        defer { LinearAlgebraThreads.count = saved }
        // Matrix.power is only fallible for non-square matrices or negative exponents.
        let power = (try? augmented.power(steps)) ?? Matrix.identity(order)
        var next = [Double](repeating: 0, count: rows * k)
        power.entries.withUnsafeBufferPointer { lt in
            state.withUnsafeBufferPointer { p in
                next.withUnsafeMutableBufferPointer { q in
                    // Start from c_T in every column, then add A^T·n(0) (β = 1).
                    for i in 0..<rows {
                        let c = lt[i * order + rows]
                        let row = q.baseAddress! + i * k
                        row.update(repeating: c, count: k)
                    }
                    BufferBlas.gemm(rows: rows, columns: k, inner: rows, alpha: 1,
                                    lt.baseAddress!, lda: order, p.baseAddress!, ldb: k,
                                    beta: 1, q.baseAddress!, ldc: k)
                }
            }
        }
        state = next
        sink.prepare(BatchRunShape(ageGroups: ages.count, count: k, steps: steps, workers: 1, tileWidth: min(tileWidth, k)))
        if sink.recording == .finalStep || steps == 1 {
            state.withUnsafeBufferPointer { p in
                sink.record(BatchTileView(step: steps - 1, columns: 0..<k, worker: 0, ageGroups: ages.count,
                                          base: p.baseAddress!, stride: k, births: nil))
            }
        }
        sink.finish()
    }
}
