import Testing
import Foundation
@testable import Demography

/// The quantiles kept by brackets are the sample's exact type-7 quantiles (identity with a
/// full sort), however the stream is cut into blocks, merged or sent between processes.
@Suite struct RankBracketsTests {
    static let probabilities = QuantileLevels.standard.probabilities

    func sample(_ n: Int, seed: UInt64, _ draw: (inout SplitMix64) -> Double) -> [Double] {
        var rng = SplitMix64(seed: seed)
        return (0..<n).map { _ in draw(&rng) }
    }

    /// The reference: type-7 quantiles of the sorted sample (Hyndman & Fan 1996).
    func sortedQuantiles(_ values: [Double]) -> [Double] {
        let sorted = values.sorted()
        return sorted.withUnsafeBufferPointer { s in
            Self.probabilities.map { sampleQuantile(sorted: s.baseAddress!, count: s.count, probability: $0) }
        }
    }

    /// The values in blocks of `block`, refined when due, as the projection does.
    func streamed(_ values: [Double], block: Int, total: Int? = nil) -> RankBrackets {
        var brackets = RankBrackets()
        var work: RankSelectionWork? = nil
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: block)
        defer { scratch.deallocate() }
        for start in stride(from: 0, to: values.count, by: block) {
            let part = Array(values[start..<min(values.count, start + block)])
            part.withUnsafeBufferPointer { brackets.insert($0.baseAddress!, count: $0.count, scratch: scratch) }
            brackets.refineIfDue(probabilities: Self.probabilities, total: total ?? values.count, work: &work)
        }
        return brackets
    }

    @Test(arguments: ["normal", "lognormal", "ties"])
    func blockStreamGivesTheSortedQuantilesBitwise(distribution: String) throws {
        let values = sample(60_000, seed: 11) { rng in
            switch distribution {
            case "normal": return 4e7 + 2e6 * rng.nextStandardNormal()
            case "lognormal": return exp(rng.nextStandardNormal())
            default: return (rng.nextStandardNormal() * 3).rounded()
            }
        }
        let reference = sortedQuantiles(values)
        for block in [500, 2048] {
            let brackets = streamed(values, block: block)
            var work: RankSelectionWork? = nil
            let q = try #require(brackets.quantiles(Self.probabilities, work: &work))
            #expect(q.map(\.bitPattern) == reference.map(\.bitPattern), "block \(block)")
            // Far fewer values kept than seen: the brackets were narrowed (with heavy ties
            // every value equal to a bound is kept, by design).
            if distribution != "ties" { #expect(brackets.keptCount < values.count / 4, "kept \(brackets.keptCount)") }
            #expect(brackets.count == values.count)
        }
    }

    @Test func mergedSharesAndTheirWireFormatGiveTheWholeQuantiles() throws {
        let values = sample(30_000, seed: 5) { 1e5 + 1e3 * $0.nextStandardNormal() }
        let reference = sortedQuantiles(values)
        // Each share refined against the whole run's size, as an MPI rank's share is.
        let a = streamed(Array(values[..<9_000]), block: 1000, total: values.count)
        let b = streamed(Array(values[9_000...]), block: 1000, total: values.count)
        let merged = try RankBrackets(serialized: a.serialized[...]).merged(with: RankBrackets(serialized: b.serialized[...]))
        var work: RankSelectionWork? = nil
        let q = try #require(merged.quantiles(Self.probabilities, work: &work))
        #expect(q.map(\.bitPattern) == reference.map(\.bitPattern))
        #expect(try RankBrackets(serialized: merged.serialized[...]) == merged)
    }

    /// A stream in ascending order defeats the brackets (what comes later is not like what
    /// came first): the miss is reported, never a wrong value.
    @Test func sortedStreamIsReportedNotMisread() {
        let values = (0..<20_000).map(Double.init)
        let brackets = streamed(values, block: 1000)
        var work: RankSelectionWork? = nil
        #expect(brackets.quantiles(Self.probabilities, work: &work) == nil)
    }

    @Test func notANumberGivesNotANumber() throws {
        var values = sample(5_000, seed: 2) { $0.nextStandardNormal() }
        values[4_321] = .nan
        let brackets = streamed(values, block: 1000)
        var work: RankSelectionWork? = nil
        let q = try #require(brackets.quantiles(Self.probabilities, work: &work))
        #expect(q.allSatisfy { $0.isNaN })
    }

    @Test func corruptSerialisedBracketsAreRefused() {
        for s: [Double] in [[], [10, 0], [10, 0, 1, 5, 4, 0, 0], [10, 0, 1, 1, 2, 11, 0], [10, 0, 1, 1, 2, 0, 3, 1.5]] {
            #expect(throws: DemographyError.self) { try RankBrackets(serialized: s[...]) }
        }
    }
}
