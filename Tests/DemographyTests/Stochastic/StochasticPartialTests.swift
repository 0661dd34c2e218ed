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

    @Test func sketchedSharesMergeWithinTheSketchError() throws {
        var run = try StochasticProjection(assumptions: assumptions)
        run.memoryBudget = 0
        run.blockSize = 100
        let source = TrajectorySource.model(.standard, count: 400, seed: 3)
        let whole = try run.run(source)
        let shares = try [0..<150, 150..<400].map { try run.runPartial(source, trajectories: $0) }
        let merged = try run.combine(try shares.map { try StochasticPartial(serialized: $0.serialized) }, trajectories: 400)
        #expect(!merged.isExact)
        // Means are exact sums in both; medians of the total population agree within
        // the spread of a few ranks (KLL: rank error ≤ 0.27 % at k = 1024; here every
        // value is kept since 400 < k, so the sketches are exact too).
        let a = whole.totalPopulation(statistic: 2), b = merged.totalPopulation(statistic: 2)
        for (x, y) in zip(a, b) { #expect(abs(x - y) <= 1e-9 * y) }
        let meanA = whole.totalPopulation(statistic: 5), meanB = merged.totalPopulation(statistic: 5)
        for (x, y) in zip(meanA, meanB) { #expect(abs(x - y) <= 1e-9 * y) }
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
    /// Identity: merging, writing and reading the cells' sketches on several threads
    /// changes nothing (each cell's merge is the same on any thread). 1,200 values
    /// per cell, so the sketches (k = 1,024) compact with their random coin.
    @Test func sketchedSharesMergeTheSameOnAnyNumberOfThreads() throws {
        var run = try StochasticProjection(assumptions: assumptions)
        run.memoryBudget = 0
        run.blockSize = 100
        let source = TrajectorySource.model(.standard, count: 1_200, seed: 9)
        let a = try run.runPartial(source, trajectories: 0..<700), b = try run.runPartial(source, trajectories: 700..<1_200)
        let serial = try a.merged(with: b).serialized
        for threads in [2, 3, 8] {
            let parallel = try a.merged(with: b, threads: threads)
            #expect(parallel.serialized(threads: threads) == serial)
            let read = try StochasticPartial(serialized: serial, threads: threads)
            #expect(read.serialized == serial)
        }
    }

    @Test func corruptSketchLengthsAreRefused() {
        for length in [Double.nan, -1, 1e300, 2.5] {
            #expect(throws: DemographyError.self) { try StochasticPartial(serialized: [0, 10, 0, 1, 5, 5, length, 1]) }
            #expect(throws: DemographyError.self) { try StochasticPartial(serialized: [0, length, 1, 1, 5]) }
            #expect(throws: DemographyError.self) { try QuantileSketch(serialized: [1, 1024, 3, 0, 0, 1, 0, 0, length, 1]) }
        }
        #expect(throws: DemographyError.self) { try StochasticPartial(serialized: [0, 1e18, 1, 4, 5]) }
    }
}
