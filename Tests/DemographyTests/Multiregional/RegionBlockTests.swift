import Testing
import Foundation
@testable import Demography

/// Regions split between processes (``MultiregionalProjection/run(owning:allGather:progress:)``):
/// the identity is the whole projection, which the split run must equal whatever
/// the split. Processes are simulated by threads sharing an in-memory all-gather.
@Suite struct RegionBlockTests {
    /// Runs `parts` processes on threads, process p owning its block of regions.
    static func split(_ projection: MultiregionalProjection, parts: Int) throws -> [MultiregionalProjectionResult] {
        let group = InMemoryGroup(size: parts)
        let results = Slots<Result<MultiregionalProjectionResult, DemographyError>>(count: parts)
        let r = projection.start.regionCount
        let threads = (0..<parts).map { p in
            Thread {
                let owned = MultiregionalProjection.regionBlock(part: p, of: parts, regions: r)
                do throws(DemographyError) {
                    results.set(p, .success(try projection.run(owning: owned) { group.allGather($0, from: p) }))
                } catch { results.set(p, .failure(error)) }
            }
        }
        threads.forEach { $0.stackSize = 8 << 20; $0.start() }
        return try (0..<parts).map { p in try results.wait(p).get() }
    }

    /// Every population, birth, entering population, applied migrant and adjustment is the same bit for bit.
    static func expectIdentical(_ a: MultiregionalProjectionResult, _ b: MultiregionalProjectionResult) {
        #expect(a.steps.count == b.steps.count)
        for (x, y) in zip(a.steps, b.steps) {
            #expect(x.population.counts == y.population.counts)
            #expect(x.births == y.births)
            #expect(x.entering == y.entering)
            #expect(x.externalMigrants == y.externalMigrants)
            // The whole run reports floors in the order it finishes the groups; the split run in cell order.
            #expect(x.adjustments.count == y.adjustments.count && Set(x.adjustments) == Set(y.adjustments))
        }
    }

    @Test(arguments: [1, 2, 3, 7])
    func washingtonCountiesSplitEqualTheWholeRun(parts: Int) throws {
        let data = try MultiregionalConsistencyTests.washington()
        let projection = try MultiregionalProjection(start: data.start, startYear: data.startYear, step: try data.step(), count: 10)
        let whole = try projection.run(form: .structured)
        for result in try Self.split(projection, parts: parts) { Self.expectIdentical(result, whole) }
    }

    /// 17 regions (the DGEMM exchange), even timing, guard and floor acting; and 5 regions (the loop).
    @Test(arguments: [(17, 2), (17, 4), (5, 2), (5, 5)])
    func randomRatesWithGuardAndEvenTimingSplitEqualTheWholeRun(regions: Int, parts: Int) throws {
        let (step, start) = try MultiregionalConsistencyTests.randomStep(regions: regions)
        let projection = try MultiregionalProjection(start: start, startYear: 0, step: step, count: 6)
        let whole = try projection.run(form: .structured)
        #expect(whole.steps.contains { !$0.adjustments.isEmpty })
        for result in try Self.split(projection, parts: parts) { Self.expectIdentical(result, whole) }
    }

    /// Willekens & Rogers (1978), Table 3.2: the split run reproduces the published projection.
    @Test func willekensRogersTable3_2WithOneRegionPerProcess() throws {
        let data = WillekensRogersTests.dataset
        let projection = try MultiregionalProjection(start: data.start, startYear: 1961, step: try data.step(), count: 8)
        let split = try Self.split(projection, parts: 2)[1]
        for row in try WillekensRogersTests.rows("expected_projection.csv") {
            let k = try #require(split.years.firstIndex(of: Int(row["year"]!)!))
            let population = split.populations[k]
            let computed = row["region"] == "total"
                ? population.aggregate().counts.female[0]
                : population.count(region: try #require(population.regionIndex(row["region"]!)), sex: .female, ageIndex: 0)
            #expect(abs(computed - Double(row["value"]!)!) <= 0.5, "\(row): \(computed)")
        }
    }

    /// The blocks are contiguous, in order, cover every region once, and start at multiples of 8 from 16 regions.
    @Test(arguments: [1, 5, 15, 16, 39, 1000])
    func regionBlocksCoverEveryRegionOnce(regions: Int) {
        for parts in [1, 2, 3, 7, 64] {
            var next = 0
            for p in 0..<parts {
                let block = MultiregionalProjection.regionBlock(part: p, of: parts, regions: regions)
                #expect(block.lowerBound == next)
                if regions >= 16 && !block.isEmpty { #expect(block.lowerBound % 8 == 0) }
                next = block.upperBound
            }
            #expect(next == regions)
        }
    }

    @Test func blocksThatDoNotCoverTheRegionsAreRefused() throws {
        let (step, start) = try MultiregionalConsistencyTests.randomStep(regions: 5)
        let projection = try MultiregionalProjection(start: start, startYear: 0, step: step, count: 1)
        #expect(throws: DemographyError.self) { try projection.run(owning: 3..<9) { [$0] } }
        // A single process that owns only two of five regions: the gathered values fall short.
        let error = #expect(throws: DemographyError.self) { try projection.run(owning: 0..<2) { [$0] } }
        #expect(error?.description.contains("each region once") == true)
    }
}

/// An all-gather between threads: round n of every participant returns the
/// values every participant gave in its round n, in participant order.
private final class InMemoryGroup: @unchecked Sendable {
    let size: Int
    private let condition = NSCondition()
    private var rounds: [Int: [Int: [Double]]] = [:]
    private var next: [Int]

    init(size: Int) {
        self.size = size
        next = [Int](repeating: 0, count: size)
    }

    func allGather(_ values: [Double], from participant: Int) -> [[Double]] {
        condition.lock()
        defer { condition.unlock() }
        let round = next[participant]
        next[participant] += 1
        rounds[round, default: [:]][participant] = values
        condition.broadcast()
        while (rounds[round]?.count ?? 0) < size { condition.wait() }
        return (0..<size).map { rounds[round]![$0]! }
    }
}

/// One result slot per thread; `wait` blocks until the slot is set.
private final class Slots<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var values: [Value?]

    init(count: Int) { values = [Value?](repeating: nil, count: count) }

    func set(_ i: Int, _ value: Value) {
        condition.lock()
        values[i] = value
        condition.broadcast()
        condition.unlock()
    }

    func wait(_ i: Int) -> Value {
        condition.lock()
        defer { condition.unlock() }
        while values[i] == nil { condition.wait() }
        return values[i]!
    }
}
