/// A dense real matrix in row-major order, the storage handed to OpenBLAS and LAPACKE.
public struct Matrix: Sendable, Hashable {
    /// The number of rows.
    public let rows: Int
    /// The number of columns.
    public let columns: Int
    /// Entries row by row: element (i, j) is `entries[i * columns + j]`.
    public var entries: [Double]

    /// A matrix of zeros.
    ///
    /// - Precondition: `rows` and `columns` are 0 or more and their product fits
    ///   an `Int` (the library's own sizes always do). Sizes read from outside
    ///   go through ``zeros(rows:columns:)``, which throws instead.
    public init(rows: Int, columns: Int) {
        let count = Matrix.entryCount(rows: rows, columns: columns)
        precondition(count != nil, "Matrix(rows: \(rows), columns: \(columns)): expected dimensions of 0 or more whose product fits an Int")
        self.rows = rows
        self.columns = columns
        self.entries = [Double](repeating: 0, count: count ?? 0)
    }

    /// A matrix of zeros of a size that comes from outside the library (a file, a
    /// command line): refuses a negative dimension or a product rows × columns
    /// that overflows, where ``init(rows:columns:)`` would trap.
    public static func zeros(rows: Int, columns: Int) throws(DemographyError) -> Matrix {
        try checkDimensions(rows: rows, columns: columns)
        return Matrix(rows: rows, columns: columns)
    }

    /// A matrix from row-major entries; their count must be rows × columns, with
    /// both dimensions 0 or more.
    public init(rows: Int, columns: Int, entries: [Double]) throws(DemographyError) {
        let expected = try Matrix.checkDimensions(rows: rows, columns: columns)
        guard entries.count == expected else {
            throw .lengthMismatch(schedule: "matrix entries (\(rows)x\(columns))", expected: expected, found: entries.count)
        }
        self.rows = rows
        self.columns = columns
        self.entries = entries
    }

    /// rows × columns, or nil when a dimension is negative or the product overflows.
    static func entryCount(rows: Int, columns: Int) -> Int? {
        guard rows >= 0, columns >= 0 else { return nil }
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        return overflow ? nil : count
    }

    /// The number of entries of a rows × columns matrix, or the reason there is none.
    @discardableResult
    static func checkDimensions(rows: Int, columns: Int) throws(DemographyError) -> Int {
        for (name, value) in [("matrix rows", rows), ("matrix columns", columns)] where value < 0 {
            throw .invalidParameter(name: name, value: Double(value), expected: "a count of 0 or more")
        }
        guard let count = entryCount(rows: rows, columns: columns) else {
            throw .invalidParameter(name: "matrix size \(rows)x\(columns)", value: Double(rows) * Double(columns),
                                    expected: "at most \(Int.max) entries")
        }
        return count
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
