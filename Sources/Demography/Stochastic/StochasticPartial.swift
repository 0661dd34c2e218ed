/// One process's share of a probabilistic projection (trajectories `trajectories`
/// of the run), not yet summarised: every value of every cell when the whole run
/// is exact, else one quantile sketch per cell with the sums for the mean.
///
/// ``serialized`` and ``init(serialized:)`` turn it into one array of doubles to
/// send between processes (MPI ranks); ``StochasticProjection/combine(_:trajectories:)``
/// merges shares given in trajectory order.
public struct StochasticPartial: Sendable {
    /// The trajectories of the share.
    public let trajectories: Range<Int>
    /// Whether the whole run keeps every value (exact quantiles).
    public let exact: Bool
    /// Output cells (rows).
    public let rows: Int
    /// Exact runs: `rows × trajectories.count` values, row by row.
    let values: [Double]
    /// Sketched runs: one sketch per row.
    let sketches: [QuantileSketch]
    /// Sketched runs: per row, the value the sums are taken from and Σ(v − shift).
    let shift: [Double]
    let shiftedSum: [Double]

    init(trajectories: Range<Int>, exact: Bool, rows: Int, values: [Double],
         sketches: [QuantileSketch], shift: [Double], shiftedSum: [Double]) {
        self.trajectories = trajectories
        self.exact = exact
        self.rows = rows
        self.values = values
        self.sketches = sketches
        self.shift = shift
        self.shiftedSum = shiftedSum
    }

    /// This share followed by `next` (which must start where this one ends): the
    /// values of each cell side by side (exact), or the sketches merged and the
    /// sums for the mean rebased. Shares can be merged in any tree as long as the
    /// order is kept: the exact result does not depend on it.
    public func merged(with next: StochasticPartial) throws(DemographyError) -> StochasticPartial {
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
                                     sketches: [], shift: [], shiftedSum: [])
        }
        var sketches = self.sketches, sums = shiftedSum
        for r in 0..<rows {
            sketches[r].merge(next.sketches[r])
            sums[r] += next.shiftedSum[r] + (next.shift[r] - shift[r]) * Double(b)
        }
        return StochasticPartial(trajectories: range, exact: false, rows: rows, values: [],
                                 sketches: sketches, shift: shift, shiftedSum: sums)
    }

    /// `[lower, upper, exact, rows]` then the values (exact) or, per row,
    /// `[shift, shiftedSum, length, sketch…]` (sketched).
    public var serialized: [Double] {
        var out: [Double] = [Double(trajectories.lowerBound), Double(trajectories.upperBound), exact ? 1 : 0, Double(rows)]
        if exact || trajectories.isEmpty {
            out += values
        } else {
            for r in 0..<rows {
                let s = sketches[r].serialized
                out += [shift[r], shiftedSum[r], Double(s.count)]
                out += s
            }
        }
        return out
    }

    /// A share from ``serialized`` output.
    public init(serialized s: [Double]) throws(DemographyError) {
        guard s.count >= 4, s[0] >= 0, s[1] >= s[0], s[3] >= 0 else {
            throw .invalidParameter(name: "serialised share header", value: s.first ?? .nan, expected: "[lower, upper, exact, rows]")
        }
        let range = Int(s[0])..<Int(s[1]), exact = s[2] == 1, rows = Int(s[3])
        if exact || range.isEmpty {
            guard s.count == 4 + rows * range.count else {
                throw .lengthMismatch(schedule: "serialised exact share", expected: 4 + rows * range.count, found: s.count)
            }
            self.init(trajectories: range, exact: exact, rows: rows, values: Array(s[4...]), sketches: [], shift: [], shiftedSum: [])
            return
        }
        var sketches: [QuantileSketch] = [], shift: [Double] = [], sums: [Double] = []
        var i = 4
        for _ in 0..<rows {
            guard i + 3 <= s.count else { throw .lengthMismatch(schedule: "serialised sketched share", expected: i + 3, found: s.count) }
            let length = Int(s[i + 2])
            guard length >= 0, i + 3 + length <= s.count else {
                throw .lengthMismatch(schedule: "serialised sketch", expected: i + 3 + length, found: s.count)
            }
            shift.append(s[i])
            sums.append(s[i + 1])
            sketches.append(try QuantileSketch(serialized: Array(s[(i + 3)..<(i + 3 + length)])))
            i += 3 + length
        }
        self.init(trajectories: range, exact: false, rows: rows, values: [], sketches: sketches, shift: shift, shiftedSum: sums)
    }
}
