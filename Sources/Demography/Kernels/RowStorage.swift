/// Immutable rows with a stable address for the kernels, freed with the last copy.
final class RowStorage: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
    let count: Int

    init(_ values: [Double]) {
        count = values.count
        base = .allocate(capacity: max(1, values.count))
        values.withUnsafeBufferPointer { base.initialize(from: $0.baseAddress!, count: values.count) }
    }

    deinit { base.deallocate() }
}
