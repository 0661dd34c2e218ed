import CLinAlg

/// Matrix products through OpenBLAS (CBLAS, row-major).
extension Matrix {
    /// y = A·x (DGEMV).
    public func multiply(_ x: [Double]) -> [Double] {
        precondition(x.count == columns, "matrix-vector product: \(columns) columns, vector of \(x.count)")
        var y = [Double](repeating: 0, count: rows)
        guard rows > 0, columns > 0 else { return y }
        entries.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { xv in
                y.withUnsafeMutableBufferPointer { yv in
                    cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(rows), Int32(columns), 1.0,
                                a.baseAddress, Int32(columns), xv.baseAddress, 1, 0.0, yv.baseAddress, 1)
                }
            }
        }
        return y
    }

    /// C = A·B (DGEMM).
    public func multiply(_ b: Matrix) -> Matrix {
        precondition(columns == b.rows, "matrix product: \(rows)x\(columns) times \(b.rows)x\(b.columns)")
        var c = Matrix(rows: rows, columns: b.columns)
        guard rows > 0, b.columns > 0, columns > 0 else { return c }
        entries.withUnsafeBufferPointer { a in
            b.entries.withUnsafeBufferPointer { bv in
                c.entries.withUnsafeMutableBufferPointer { cv in
                    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(b.columns), Int32(columns),
                                1.0, a.baseAddress, Int32(columns), bv.baseAddress, Int32(b.columns),
                                0.0, cv.baseAddress, Int32(b.columns))
                }
            }
        }
        return c
    }
}

/// OpenBLAS's own thread pool, process-wide.
public enum LinearAlgebraThreads {
    /// The number of threads OpenBLAS uses for one call.
    public static var count: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(max(1, newValue))) }
    }

    /// Runs `body` with OpenBLAS on one thread, then restores the count. OpenBLAS's
    /// threaded LU rounds differently from its one-thread LU, so results that must
    /// not depend on the thread setting (the multiregional life table and step)
    /// are computed this way; the cores are then shared by the caller, if at all.
    public static func one<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let saved = count
        if saved != 1 { count = 1 }
        defer { if saved != 1 { count = saved } }
        return try body()
    }
}
