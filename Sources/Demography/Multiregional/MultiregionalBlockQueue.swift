import Foundation

/// The blocks of a ``MultiregionalStep`` shared by the threads that build them:
/// worker w owns the w-th of equal consecutive ranges of the blocks and takes
/// them in order; when its range is empty it takes the last block of the range
/// with the most left. A worker so moves through neighbouring age groups (up
/// its own range, down another's) and reuses one of its two rate matrices from
/// one block to the next (``MultiregionalBlockWorker``), while a worker slowed
/// by other work on the machine is helped instead of waited for.
final class MultiregionalBlockQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var front: [Int]
    private var back: [Int]

    init(tasks: Int, workers: Int) {
        front = (0..<workers).map { $0 * tasks / workers }
        back = (0..<workers).map { ($0 + 1) * tasks / workers }
    }

    /// The next block for worker `w`, or nil when all are taken.
    func next(_ w: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        if front[w] < back[w] {
            front[w] += 1
            return front[w] - 1
        }
        var most = 0, owner = -1
        for v in front.indices where back[v] - front[v] > most { (most, owner) = (back[v] - front[v], v) }
        guard owner >= 0 else { return nil }
        back[owner] -= 1
        return back[owner]
    }
}
