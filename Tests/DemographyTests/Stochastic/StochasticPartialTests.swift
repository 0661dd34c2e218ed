import Testing
import Foundation
@testable import Demography

/// Shares of a probabilistic run (as MPI ranks compute them) merge to the whole run.
@Suite struct StochasticPartialTests {
    let assumptions: Assumptions
    init() throws { assumptions = try CanadaScenario.assumptions() }

    @Test func exactSharesMergeBitwiseToTheWholeRun() throws {
        let run = try StochasticProjection(assumptions: assumptions)
        let source = TrajectorySource.model(.standard, count: 120, seed: 7)
        let whole = try run.run(source)
        #expect(whole.isExact)
        for cuts in [[0, 120], [0, 61, 120], [0, 40, 41, 120]] {
            let shares = try zip(cuts, cuts.dropFirst()).map { try run.runPartial(source, trajectories: $0..<$1) }
            // Through the wire format, as between processes.
            let received = try shares.map { try StochasticPartial(serialized: $0.serialized) }
            let merged = try run.combine(received, trajectories: 120)
            #expect(merged.population == whole.population, "\(cuts)")
            #expect(merged.indicators.elementsEqual(whole.indicators) { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(cuts)")
        }
    }

    @Test func blockSharesMergeToTheWholeQuantilesBitwise() throws {
        var run = try StochasticProjection(assumptions: assumptions)
        run.memoryBudget = 0
        run.blockSize = 50
        run.bracketFloor = 100
        let source = TrajectorySource.model(.standard, count: 600, seed: 3)
        let whole = try run.run(source)
        let shares = try [0..<250, 250..<600].map { try run.runPartial(source, trajectories: $0) }
        let merged = try run.combine(try shares.map { try StochasticPartial(serialized: $0.serialized) },
                                     trajectories: 600, source: source)
        #expect(!merged.isExact)
        let s = whole.statisticCount
        for (a, b) in [(whole.population, merged.population), (whole.indicators, merged.indicators)] {
            for i in a.indices {
                if i % s == s - 1 {
                    #expect(a[i].isNaN && b[i].isNaN || abs(a[i] - b[i]) <= 1e-12 * abs(a[i]))
                } else {
                    #expect(a[i].bitPattern == b[i].bitPattern || (a[i].isNaN && b[i].isNaN))
                }
            }
        }
    }

    @Test func sharesMustCoverTheRunInOrder() throws {
        let run = try StochasticProjection(assumptions: assumptions)
        let source = TrajectorySource.model(.standard, count: 20, seed: 1)
        let a = try run.runPartial(source, trajectories: 0..<10), b = try run.runPartial(source, trajectories: 10..<20)
        #expect(throws: DemographyError.self) { try run.combine([b, a], trajectories: 20) }
        #expect(throws: DemographyError.self) { try run.combine([a], trajectories: 20) }
        #expect(throws: DemographyError.self) { try StochasticPartial(serialized: [3, 1, 1, 5]) }
    }
}

extension StochasticPartialTests {
    @Test func pairwiseMergesInAnyTreeGiveTheWholeExactRun() throws {
        let run = try StochasticProjection(assumptions: assumptions)
        let source = TrajectorySource.model(.standard, count: 90, seed: 5)
        let whole = try run.run(source)
        let s = try [0..<20, 20..<45, 45..<70, 70..<90].map { try run.runPartial(source, trajectories: $0) }
        // ((s0 s1)(s2 s3)) as a binary tree of four ranks would merge them.
        let tree = try s[0].merged(with: s[1]).merged(with: s[2].merged(with: s[3]))
        let merged = try run.combine([tree], trajectories: 90)
        #expect(merged.population == whole.population)
        #expect(throws: DemographyError.self) { try s[0].merged(with: s[2]) }
    }
}

extension StochasticPartialTests {
    /// Identity: merging, writing and reading the cells on several threads changes
    /// nothing (each cell's merge is the same on any thread).
    @Test func blockSharesMergeTheSameOnAnyNumberOfThreads() throws {
        var run = try StochasticProjection(assumptions: assumptions)
        run.memoryBudget = 0
        run.blockSize = 100
        run.bracketFloor = 150
        let source = TrajectorySource.model(.standard, count: 800, seed: 9)
        let a = try run.runPartial(source, trajectories: 0..<450), b = try run.runPartial(source, trajectories: 450..<800)
        let serial = try a.merged(with: b).serialized
        for threads in [2, 3, 8] {
            let parallel = try a.merged(with: b, threads: threads)
            #expect(parallel.serialized(threads: threads) == serial)
            let read = try StochasticPartial(serialized: serial, threads: threads)
            #expect(read.serialized == serial)
        }
    }

    @Test func corruptCellLengthsAreRefused() {
        for length in [Double.nan, -1, 1e300, 2.5] {
            #expect(throws: DemographyError.self) { try StochasticPartial(serialized: [0, 10, 0, 1, 5, 5, length, 1]) }
            #expect(throws: DemographyError.self) { try StochasticPartial(serialized: [0, length, 1, 1, 5]) }
            #expect(throws: DemographyError.self) { try QuantileSketch(serialized: [1, 1024, 3, 0, 0, 1, 0, 0, length, 1]) }
        }
        #expect(throws: DemographyError.self) { try StochasticPartial(serialized: [0, 1e18, 1, 4, 5]) }
    }
}
