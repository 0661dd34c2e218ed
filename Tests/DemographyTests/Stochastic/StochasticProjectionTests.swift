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

    @Test func zeroVarianceEqualsDeterministicSketchPath() throws {
        var run = try StochasticProjection(assumptions: assumptions)
        run.memoryBudget = 0
        run.blockSize = 256
        let summary = try run.run(.model(.zeroVariance, count: 600, seed: 1))
        #expect(!summary.isExact)
        try expectEqualsDeterministic(summary)
    }

    @Test(arguments: [true, false])
    func bitwiseSameForOneAndTwoThreads(exact: Bool) throws {
        var run = try StochasticProjection(assumptions: assumptions)
        if !exact { run.memoryBudget = 0; run.blockSize = 300 }
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
