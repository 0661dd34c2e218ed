import Testing
import Foundation
@testable import Demography
import DemographyIO

/// The streaming probabilistic projection on the single-year Canada scenario, 2023–2100.
@Suite struct StochasticProjectionTests {
    let assumptions: Assumptions
    init() throws { assumptions = try CanadaScenario.assumptions() }

    /// Every statistic of every cell equals the deterministic medium projection.
    func expectEqualsDeterministic(_ summary: StochasticSummary) throws {
        let result = try assumptions.projection(.medium).run()
        #expect(result.steps.count == 77)
        let n = summary.ages.count
        var worst = 0.0
        for (t, population) in result.populations.enumerated() {
            for sex in Sex.allCases {
                for x in 0..<n {
                    for v in summary.population(date: t, sex: sex, age: x) {
                        worst = max(worst, relativeError(v, population.counts[sex][x]))
                    }
                }
            }
        }
        let e0 = try #require(assumptions.scenario(.medium).inputs.lifeExpectancies(options: assumptions.lifeTableOptions))
        let rows = SummaryIndicators.rows(of: result, steps: try assumptions.projection(.medium).steps, lifeExpectancy: e0)
        for t in 0..<result.steps.count {
            let stock = rows[t + 1], flow = try #require(rows[t].period)
            let expected: [StochasticIndicator: Double] = [
                .population: stock.population, .populationFemale: result.populations[t + 1].total(.female),
                .populationMale: result.populations[t + 1].total(.male), .medianAge: stock.medianAge,
                .percentAged65Plus: stock.percentAged65Plus!, .oldDependencyRatio: stock.oldDependencyRatio!,
                .births: flow.births, .deaths: flow.deaths, .netMigrants: flow.netMigrants, .growthRate: flow.growthRate,
                .totalFertility: flow.totalFertility, .lifeExpectancyFemale: flow.lifeExpectancyFemale!,
                .lifeExpectancyMale: flow.lifeExpectancyMale!]
            for (indicator, value) in expected {
                for v in summary.indicator(indicator, step: t) {
                    worst = max(worst, relativeError(v, value))
                }
            }
        }
        #expect(worst <= 1e-12, "worst relative difference \(worst)")
    }

    @Test func zeroVarianceEqualsDeterministicExactPath() throws {
        let run = try StochasticProjection(assumptions: assumptions)
        let summary = try run.run(.model(.zeroVariance, count: 300, seed: 1))
        #expect(summary.isExact)
        try expectEqualsDeterministic(summary)
    }

    @Test func zeroVarianceEqualsDeterministicBlockPath() throws {
        var run = try StochasticProjection(assumptions: assumptions)
        run.memoryBudget = 0
        run.blockSize = 256
        let summary = try run.run(.model(.zeroVariance, count: 600, seed: 1))
        #expect(!summary.isExact)
        try expectEqualsDeterministic(summary)
    }

    /// Identity: summarised block by block (brackets narrowed several times), every
    /// quantile of every cell is bitwise the exact one of all values held at once, and
    /// the means agree to rounding (sums taken in another grouping).
    @Test func blockSummariesEqualTheExactQuantilesBitwise() throws {
        let whole = try StochasticProjection(assumptions: assumptions).run(.model(.standard, count: 600, seed: 8))
        var run = try StochasticProjection(assumptions: assumptions)
        run.memoryBudget = 0
        run.blockSize = 60
        run.bracketFloor = 120   // narrowed from 120 values on, several times
        let blocks = try run.run(.model(.standard, count: 600, seed: 8))
        #expect(whole.isExact && !blocks.isExact)
        try expectSameQuantiles(blocks, whole)
    }

    /// Quantiles bitwise equal (NaN equal to NaN), means within 1e-12 relative.
    func expectSameQuantiles(_ a: StochasticSummary, _ b: StochasticSummary) throws {
        let s = a.statisticCount
        var differing = 0, worstMean = 0.0
        for (x, y) in [(a.population, b.population), (a.indicators, b.indicators)] {
            try #require(x.count == y.count)
            for i in x.indices {
                if i % s == s - 1 {
                    if !(x[i].isNaN && y[i].isNaN) { worstMean = max(worstMean, relativeError(x[i], y[i])) }
                } else if x[i].bitPattern != y[i].bitPattern && !(x[i].isNaN && y[i].isNaN) {
                    differing += 1
                }
            }
        }
        #expect(differing == 0)
        #expect(worstMean <= 1e-12)
    }

    /// Trajectories given in ascending order of their TFR defeat the brackets of the
    /// cells that follow fertility (later values are unlike the first): those cells are
    /// found and recomputed from every value in a second pass, so the result is still
    /// the exact one.
    @Test func cellsMissedByTheirBracketsAreRecomputedExactly() throws {
        let run0 = try StochasticProjection(assumptions: assumptions)
        let years = run0.periods, count = 500
        var tfr: [Double] = []
        for k in 0..<count {
            for t in years.indices { tfr.append(run0.medium.totalFertility[t] * (0.6 + 0.8 * Double(k) / Double(count))) }
        }
        let source = TrajectorySource.given(try TrajectoryPaths(years: years, count: count, channels: [.totalFertility: tfr]))
        let whole = try run0.run(source)
        var run = run0
        run.memoryBudget = 0
        run.blockSize = 50
        run.bracketFloor = 100   // narrowed from the first 100 trajectories, the lowest TFRs
        let partial = try run.runPartial(source, trajectories: 0..<count)
        var results = [Double](repeating: .nan, count: run.rowCount * (run.levels.probabilities.count + 1))
        let rows = run.finishBrackets(partial.brackets, rows: run.rowCount, total: count, results: &results,
                                      shift: partial.shift, shiftedSum: partial.shiftedSum)
        #expect(rows.count > 0, "some cells must miss for the second pass to be tested")
        #expect(throws: DemographyError.self) { _ = try run.combine([partial], trajectories: count) }
        try expectSameQuantiles(try run.combine([partial], trajectories: count, source: source), whole)
    }

    /// Identity: timing the phases changes nothing, and each phase of the run is reported once.
    @Test func phasesAreReportedWithoutChangingTheResult() throws {
        var run = try StochasticProjection(assumptions: assumptions)
        run.memoryBudget = 0
        run.blockSize = 100
        let phases = RunPhases()
        let timed = try run.run(.model(.standard, count: 200, seed: 4), phases: phases)
        let plain = try run.run(.model(.standard, count: 200, seed: 4))
        #expect(timed.population.map(\.bitPattern) == plain.population.map(\.bitPattern))
        #expect(phases.names == ["set-up", "project", "summarise"])
        #expect(phases.seconds.allSatisfy { $0 >= 0 })
    }

    @Test(arguments: [true, false])
    func bitwiseSameForOneAndTwoThreads(exact: Bool) throws {
        var run = try StochasticProjection(assumptions: assumptions)
        if !exact { run.memoryBudget = 0; run.blockSize = 100; run.bracketFloor = 150 }
        run.threads = 1
        let one = try run.run(.model(.standard, count: 700, seed: 42))
        run.threads = 2
        let two = try run.run(.model(.standard, count: 700, seed: 42))
        #expect(one.isExact == exact)
        #expect(one.population.map(\.bitPattern) == two.population.map(\.bitPattern))
        #expect(one.indicators.map(\.bitPattern) == two.indicators.map(\.bitPattern))
        let other = try run.run(.model(.standard, count: 700, seed: 43))
        #expect(other.population != two.population)
    }

    @Test func standardModelIntervalsAreOrderedAndWidenOverTime() throws {
        let run = try StochasticProjection(assumptions: assumptions)
        let summary = try run.run(.model(.standard, count: 2000, seed: 7))
        // TFR 2099: the long-run 80 % interval of the AR(1) is ±1.2816·0.219 = ±0.28 (with the
        // sampling error of 2,000 draws, ±0.03).
        let tfr = summary.indicator(.totalFertility, step: 76)
        #expect(abs((tfr[3] - tfr[1]) / 2 - 0.2807) < 0.03)
        #expect(abs((tfr[4] - tfr[0]) / 2 - 0.4293) < 0.04)
        for t in [10, 40, 76] {
            let p = summary.indicator(.population, step: t)
            #expect(p[0] < p[1] && p[1] < p[2] && p[2] < p[3] && p[3] < p[4])
        }
        let early = summary.indicator(.population, step: 10), late = summary.indicator(.population, step: 76)
        #expect((late[4] - late[0]) / late[2] > 2 * (early[4] - early[0]) / early[2])
    }

    @Test func givenPathsMustCoverEveryPeriod() throws {
        let run = try StochasticProjection(assumptions: assumptions)
        let paths = try TrajectoryPaths(years: [2023, 2024], count: 2, channels: [.totalFertility: [1.5, 1.5, 1.6, 1.6]])
        #expect(throws: DemographyError.self) { _ = try run.run(.given(paths)) }
    }

    /// Identity: the scan of e0 ranges draws only the e0 streams, and gets the same e0
    /// paths, bit for bit, as the full draw of every channel.
    @Test func lifeExpectancyScanDrawsTheSamePathsAsTheFullDraw() throws {
        let run = try StochasticProjection(assumptions: assumptions)
        let source = TrajectorySource.model(.standard, count: 500, seed: 5)
        let range = 100..<400, steps = run.medium.years.count, size = TrajectoryChannel.allCases.count * steps * range.count
        var full = [Double](repeating: 0, count: size), scan = [Double](repeating: .nan, count: size)
        full.withUnsafeMutableBufferPointer { run.fillPaths(source, range: range, periodIndex: Array(0..<steps), into: $0.baseAddress!) }
        scan.withUnsafeMutableBufferPointer { run.fillLifeExpectancy(source, range: range, periodIndex: Array(0..<steps), into: $0.baseAddress!) }
        for channel in [TrajectoryChannel.lifeExpectancyFemale, .lifeExpectancyMale] {
            let rows = (channel.rawValue * steps * range.count)..<((channel.rawValue + 1) * steps * range.count)
            #expect(full[rows].map(\.bitPattern) == scan[rows].map(\.bitPattern))
        }
        #expect(full[0..<(steps * range.count)] != scan[0..<(steps * range.count)])
    }
}
