extension QuantileSketch {
    /// The format version written first in ``serialized``.
    public static let serializationVersion = 1.0

    /// The whole state as doubles, for sending between processes (MPI ranks) or files:
    ///
    ///     [version, k, n, sum, min, max, coin (bit pattern), level0Sorted, H,
    ///      size of level 0 … size of level H−1, items of level 0, …, items of level H−1]
    ///
    /// ``init(serialized:)`` reads it back to an equal sketch.
    public var serialized: [Double] {
        var sortedLevels = levels
        sortedLevels[0].sort()
        var out: [Double] = [Self.serializationVersion, Double(k), Double(count), sum, minimum, maximum,
                             Double(bitPattern: coin), 1, Double(sortedLevels.count)]
        out += sortedLevels.map { Double($0.count) }
        for level in sortedLevels { out += level }
        return out
    }

    /// A sketch from ``serialized`` output.
    public init(serialized s: [Double]) throws(DemographyError) {
        guard s.count >= 9, s[0] == Self.serializationVersion else {
            throw .invalidParameter(name: "serialised quantile sketch version", value: s.first ?? .nan,
                                    expected: "version \(Self.serializationVersion) and a 9-value header")
        }
        guard let h = wholeCount(s[8], atMost: s.count - 9), h >= 1 else {
            throw .invalidParameter(name: "serialised quantile sketch levels", value: s[8], expected: "at least one level")
        }
        let sizes = s[9..<(9 + h)].map { wholeCount($0, atMost: s.count) ?? -1 }
        guard sizes.allSatisfy({ $0 >= 0 }), s.count == 9 + h + sizes.reduce(0, +),
              let k = wholeCount(s[1], atMost: 1 << 30), k >= 8, wholeCount(s[2], atMost: Int.max >> 1) != nil else {
            throw .lengthMismatch(schedule: "serialised quantile sketch", expected: 9 + h + sizes.reduce(0, +), found: s.count)
        }
        self.init(k: k, seed: s[6].bitPattern)
        var levels: [[Double]] = []
        var offset = 9 + h
        for size in sizes {
            levels.append(Array(s[offset..<(offset + size)]))
            offset += size
        }
        restore(count: Int(s[2]), sum: s[3], minimum: s[4], maximum: s[5], levels: levels)
    }
}

/// `value` as a count when it is a whole number from 0 to `limit`, else nil
/// (serialised data from another process is checked, never trapped on).
func wholeCount(_ value: Double, atMost limit: Int) -> Int? {
    guard value >= 0, value == value.rounded(), value <= Double(limit) else { return nil }
    return Int(value)
}
