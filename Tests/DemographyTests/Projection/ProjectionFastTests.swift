import Testing
import Foundation
import Demography
import DemographyIO

/// The allocation-free one-population path gives the friendly path's numbers.
@Suite struct ProjectionFastTests {
    @Test(arguments: ["canada1x1", "sweden1993"])
    func runFastEqualsRun(_ name: String) throws {
        let dataset = try Fixture.dataset(name)
        for timing in [MigrationTiming.endOfStep, .evenlyDuringStep] {
            let projection = try dataset.inputs.projection(survival: .given, overrideTiming: timing)
            let slow = projection.run()
            let fast = projection.runFast()
            var worst = 0.0, worstBirths = 0.0
            let populations = slow.populations
            for t in 0...projection.steps.count {
                let a = fast.population(at: t), b = populations[t]
                for sex in Sex.allCases {
                    for (x, y) in zip(a.counts[sex], b.counts[sex]) { worst = max(worst, abs(x - y) / max(abs(y), 1)) }
                }
            }
            for (t, step) in slow.steps.enumerated() {
                worstBirths = max(worstBirths, relativeError(fast.births[2 * t], step.births.female),
                                  relativeError(fast.births[2 * t + 1], step.births.male))
            }
            #expect(worst <= 1e-12)
            #expect(worstBirths < 1e-12)
        }
    }

    @Test func guardAndFloorAsInTheFriendlyPath() throws {
        let dataset = try Fixture.dataset("canada1x1")
        let projection = try dataset.inputs.projection(survival: .given)
        let steps = BatchProjectionTests.withOutflows(Array(projection.steps.prefix(20)))
        let start = BatchProjectionTests.starts(projection.start, count: 5)[4]
        let p = try Projection(start: start, startYear: 0, steps: steps)
        let slow = p.run()
        #expect(slow.steps.contains { !$0.adjustments.isEmpty })
        let fast = p.runFast()
        let populations = slow.populations
        var worst = 0.0
        for t in 0...steps.count {
            for sex in Sex.allCases {
                for (x, y) in zip(fast.population(at: t).counts[sex], populations[t].counts[sex]) {
                    worst = max(worst, abs(x - y) / max(abs(y), 1))
                }
            }
        }
        #expect(worst <= 1e-12)
    }
}
