import Foundation

/// `transform` of each of `items`, computed on up to `threads` threads (each
/// takes the next item when it is done with one), returned in the order of
/// `items`. When any item fails, the error of the first failing item in that
/// order is thrown, so a run reports the same error however the work was shared.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                                           _ transform: @escaping @Sendable (T) throws -> R) throws -> [R] {
    let slots = ParallelSlots<R>(count: items.count)
    let workers = max(1, min(threads, items.count))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while let i = slots.next() {
            let result = Result { try transform(items[i]) }
            slots.store(result, at: i)
        }
    }
    return try slots.results.map { try $0.get() }
}

/// The shared state of ``parallelMap(_:threads:_:)``: the next item to take and
/// the result of each, under one lock.
private final class ParallelSlots<R: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = 0
    private var failed = false
    private var slots: [Result<R, Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// The index of the next item, nil when all are taken (or one failed).
    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard !failed, taken < slots.count else { return nil }
        taken += 1
        return taken - 1
    }

    func store(_ result: Result<R, Error>, at index: Int) {
        lock.lock(); defer { lock.unlock() }
        if case .failure = result { failed = true }
        slots[index] = result
    }

    /// Every result up to the first failure (the items after it may not have run).
    var results: [Result<R, Error>] {
        lock.lock(); defer { lock.unlock() }
        var out: [Result<R, Error>] = []
        for slot in slots {
            guard let slot else { break }
            out.append(slot)
            if case .failure = slot { break }
        }
        return out
    }
}
