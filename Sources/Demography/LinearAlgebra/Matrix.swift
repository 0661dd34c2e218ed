/// A dense real matrix in row-major order, the storage handed to OpenBLAS and LAPACKE.
public struct Matrix: Sendable, Hashable {
    /// The number of rows.
    public let rows: Int
    /// The number of columns.
    public let columns: Int
    /// Entries row by row: element (i, j) is `entries[i * columns + j]`.
    public var entries: [Double]

    /// A matrix of zeros.
    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        self.entries = [Double](repeating: 0, count: rows * columns)
    }

    /// A matrix from row-major entries; their count must be rows × columns.
    public init(rows: Int, columns: Int, entries: [Double]) throws(DemographyError) {
        guard entries.count == rows * columns else {
            throw .lengthMismatch(schedule: "matrix entries (\(rows)x\(columns))", expected: rows * columns, found: entries.count)
        }
        self.rows = rows
        self.columns = columns
        self.entries = entries
    }

    /// The identity matrix of order `order`.
    public static func identity(_ order: Int) -> Matrix {
        var m = Matrix(rows: order, columns: order)
        for i in 0..<order { m.entries[i * order + i] = 1 }
        return m
    }

    /// Element (row, column).
    public subscript(row: Int, column: Int) -> Double {
        get { entries[row * columns + column] }
        set { entries[row * columns + column] = newValue }
    }

    /// Whether the matrix is square.
    public var isSquare: Bool { rows == columns }
}
