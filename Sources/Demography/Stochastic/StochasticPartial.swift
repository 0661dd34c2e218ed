import Dispatch

/// One process's share of a probabilistic projection (trajectories `trajectories`
/// of the run), not yet summarised: every value of every cell when the whole run
/// is exact in memory, else per cell the values kept around the wanted ranks
/// (``RankBrackets``) with the sums for the mean.
///
/// ``serialized`` and ``init(serialized:)`` turn it into one array of doubles to
/// send between processes (MPI ranks); ``StochasticProjection/combine(_:trajectories:source:)``
/// merges shares given in trajectory order.
public struct StochasticPartial: Sendable {
    /// The trajectories of the share.
    public let trajectories: Range<Int>
    /// Whether the whole run keeps every value in memory (else brackets; both exact).
    public let exact: Bool
    /// Output cells (rows).
    public let rows: Int
    /// Exact runs: `rows × trajectories.count` values, row by row.
    let values: [Double]
    /// Bracketed runs: the kept values of each row.
    let brackets: [RankBrackets]
    /// Bracketed runs: per row, the value the sums are taken from and Σ(v − shift).
    let shift: [Double]
    let shiftedSum: [Double]

    init(trajectories: Range<Int>, exact: Bool, rows: Int, values: [Double],
         brackets: [RankBrackets], shift: [Double], shiftedSum: [Double]) {
        self.trajectories = trajectories
        self.exact = exact
        self.rows = rows
        self.values = values
        self.brackets = brackets
        self.shift = shift
        self.shiftedSum = shiftedSum
    }

    /// This share followed by `next` (which must start where this one ends): the
    /// values of each cell side by side (exact), or the brackets intersected
    /// (``RankBrackets/merged(with:)``) and the sums for the mean rebased. Shares
    /// can be merged in any tree as long as the order is kept: the result does not depend on it.
    ///
    /// With `threads` > 1 the cells are merged in parallel (each cell's
    /// merge is the same whatever the thread, so the result is too).
    public func merged(with next: StochasticPartial, threads: Int = 1) throws(DemographyError) -> StochasticPartial {
        guard trajectories.upperBound == next.trajectories.lowerBound, rows == next.rows, exact == next.exact else {
            throw .invalidParameter(name: "start of the next share of trajectories", value: Double(next.trajectories.lowerBound),
                                    expected: "\(trajectories.upperBound), with the same cells and method")
        }
        if trajectories.isEmpty { return next }
        if next.trajectories.isEmpty { return self }
        let a = trajectories.count, b = next.trajectories.count
        let range = trajectories.lowerBound..<next.trajectories.upperBound
        if exact {
            var values = [Double]()
            values.reserveCapacity(rows * (a + b))
            for r in 0..<rows {
                values += self.values[(r * a)..<((r + 1) * a)]
                values += next.values[(r * b)..<((r + 1) * b)]
            }
            return StochasticPartial(trajectories: range, exact: true, rows: rows, values: values,
                                     brackets: [], shift: [], shiftedSum: [])
        }
        var sums = shiftedSum
        for r in 0..<rows { sums[r] += next.shiftedSum[r] + (next.shift[r] - shift[r]) * Double(b) }
        let brackets = StochasticPartial.perRow(rows, threads: threads) { self.brackets[$0].merged(with: next.brackets[$0]) }
        return StochasticPartial(trajectories: range, exact: false, rows: rows, values: [],
                                 brackets: brackets, shift: shift, shiftedSum: sums)
    }

    /// `[lower, upper, exact, rows]` then the values (exact) or, per row,
    /// `[shift, shiftedSum, length, brackets…]` (``RankBrackets/serialized``).
    public var serialized: [Double] { serialized(threads: 1) }

    /// ``serialized``, the cells serialised in parallel.
    public func serialized(threads: Int) -> [Double] {
        var out: [Double] = [Double(trajectories.lowerBound), Double(trajectories.upperBound), exact ? 1 : 0, Double(rows)]
        if exact || trajectories.isEmpty {
            out += values
        } else {
            let parts = StochasticPartial.perRow(rows, threads: threads) { brackets[$0].serialized }
            out.reserveCapacity(out.count + parts.reduce(0) { $0 + 3 + $1.count })
            for r in 0..<rows {
                out += [shift[r], shiftedSum[r], Double(parts[r].count)]
                out += parts[r]
            }
        }
        return out
    }

    /// `body(r)` for every row, in parallel over `threads` contiguous blocks of rows.
    static func perRow<T>(_ rows: Int, threads: Int, _ body: (Int) -> T) -> [T] {
        let workers = max(1, min(threads, rows / 64))
        if workers == 1 { return (0..<rows).map(body) }
        let slots = ResultSlots<T>(count: rows)
        withoutActuallyEscaping(body) { body in
            let work = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                for r in (rows * w / workers)..<(rows * (w + 1) / workers) { slots[r] = work.value(r) }
            }
        }
        return (0..<rows).map { slots[$0] ?? body($0) }   // every slot is set; no row can go missing
    }

    /// A share from ``serialized`` output.
    public init(serialized s: [Double]) throws(DemographyError) {
        try self.init(serialized: s, threads: 1)
    }

    /// A share from ``serialized`` output, the cells read in parallel.
    public init(serialized s: [Double], threads: Int) throws(DemographyError) {
        guard s.count >= 4, let lower = wholeCount(s[0], atMost: Int.max >> 2),
              let upper = wholeCount(s[1], atMost: Int.max >> 2), upper >= lower,
              let rows = wholeCount(s[3], atMost: s.count) else {
            throw .invalidParameter(name: "serialised share header", value: s.first ?? .nan, expected: "[lower, upper, exact, rows]")
        }
        let range = lower..<upper, exact = s[2] == 1
        if exact || range.isEmpty {
            let (cells, overflow) = rows.multipliedReportingOverflow(by: range.count)
            guard !overflow, s.count == 4 + cells else {
                throw .lengthMismatch(schedule: "serialised exact share", expected: overflow ? Int.max : 4 + cells, found: s.count)
            }
            self.init(trajectories: range, exact: exact, rows: rows, values: Array(s[4...]), brackets: [], shift: [], shiftedSum: [])
            return
        }
        var shift: [Double] = [], sums: [Double] = [], spans: [Range<Int>] = []
        var i = 4
        for _ in 0..<rows {
            guard i + 3 <= s.count else { throw .lengthMismatch(schedule: "serialised bracketed share", expected: i + 3, found: s.count) }
            let length = s[i + 2]
            guard length >= 0, length <= Double(s.count - i - 3), length == length.rounded() else {
                throw .invalidParameter(name: "length of a serialised cell", value: length,
                                        expected: "a whole number of values within the \(s.count - i - 3) left")
            }
            shift.append(s[i])
            sums.append(s[i + 1])
            spans.append((i + 3)..<(i + 3 + Int(length)))
            i += 3 + Int(length)
        }
        let read = StochasticPartial.perRow(rows, threads: threads) { r -> Result<RankBrackets, DemographyError> in
            do throws(DemographyError) { return .success(try RankBrackets(serialized: s[spans[r]])) } catch {
                return .failure(error)
            }
        }
        var brackets: [RankBrackets] = []
        brackets.reserveCapacity(rows)
        for result in read {
            switch result {
            case .success(let cell): brackets.append(cell)
            case .failure(let error): throw error
            }
        }
        self.init(trajectories: range, exact: false, rows: rows, values: [], brackets: brackets, shift: shift, shiftedSum: sums)
    }
}

/// A value handed to worker threads that only read it.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
