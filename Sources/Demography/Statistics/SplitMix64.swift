import Foundation

/// SplitMix64 — a 64-bit counter-based random number generator (Steele, Lea &
/// Flood 2014; the seeding generator of Java's `SplittableRandom`).
///
/// The state advances by the golden-ratio constant γ = 0x9E3779B97F4A7C15 and
/// each output is a bijective mix of the state, so a stream is fully determined
/// by its start. ``init(seed:stream:channel:)`` derives a start from
/// (seed, trajectory, channel) by mixing, so every trajectory's draws are the
/// same whichever thread, block or order generates them: a run's output does not
/// depend on the thread count.
///
/// Period 2⁶⁴; passes BigCrush (Steele et al. 2014). Not cryptographic.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The counter.
    public var state: UInt64

    /// γ — the increment of the counter.
    static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// A generator starting at `seed`.
    public init(seed: UInt64) { state = seed }

    /// The independent stream of `channel` of trajectory `stream` under `seed`.
    public init(seed: UInt64, stream: UInt64, channel: UInt64) {
        state = Self.mix(seed &+ Self.mix(stream &+ Self.gamma &* (channel &+ 1)) &* Self.gamma)
    }

    /// The output function (Stafford's variant 13 of the MurmurHash3 finaliser).
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= Self.gamma
        return Self.mix(state)
    }
}

extension RandomNumberGenerator {
    /// A uniform draw in the open interval (0, 1): the top 53 bits, offset by half a step.
    @inline(__always)
    public mutating func nextUniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }

    /// A standard normal draw by the Box–Muller transform (Box & Muller 1958),
    /// one draw per two uniforms (the second normal is not kept, so a stream's
    /// n-th normal is always made from its uniforms 2n and 2n+1).
    @inline(__always)
    public mutating func nextStandardNormal() -> Double {
        let u1 = nextUniform(), u2 = nextUniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
