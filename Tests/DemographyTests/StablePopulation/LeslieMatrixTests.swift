import Testing
import Foundation
import Demography
import DemographyIO

/// Identity: the two-sex Leslie matrix plus its migration term, applied through
/// OpenBLAS, equals the direct cohort-component step (Leslie 1945; the UN step).
@Suite struct LeslieMatrixTests {
    static func maxRelativeDifference(_ a: Population, _ b: Population) -> Double {
        var worst = 0.0
        for sex in Sex.allCases {
            for (x, y) in zip(a.counts[sex], b.counts[sex]) {
                worst = max(worst, abs(x - y) / max(abs(y), 1))
            }
        }
        return worst
    }

    @Test(arguments: MigrationTiming.allCases)
    func swedenLeslieEqualsDirectStep(_ timing: MigrationTiming) throws {
        let inputs = try Fixture.dataset("sweden1993").inputs
        let step = try #require(try inputs.projection(survival: .given, overrideTiming: timing).steps.first)
        let direct = try step.apply(to: inputs.basePopulation)
        #expect(direct.adjustments.isEmpty)
        let leslie = try step.leslieMatrix().apply(to: inputs.basePopulation)
        #expect(Self.maxRelativeDifference(leslie, direct.population) < 1e-12)
    }

    @Test(arguments: MigrationTiming.allCases)
    func canadaLeslieEqualsDirectStep(_ timing: MigrationTiming) throws {
        let inputs = try Fixture.dataset("canada1x1").inputs
        let projection = try inputs.projection(survival: .given, overrideTiming: timing, through: 1990)
        // The 1989 step, from the projected 1989 population.
        let run = projection.run()
        let start = run.populations[39], step = projection.steps[39]
        let direct = try step.apply(to: start)
        #expect(direct.adjustments.isEmpty)
        let leslie = try step.leslieMatrix().apply(to: start)
        #expect(Self.maxRelativeDifference(leslie, direct.population) < 1e-12)
    }

    @Test func matrixHasTheLeslieShape() throws {
        let inputs = try Fixture.dataset("sweden1993").inputs
        let step = try #require(try inputs.projection(survival: .given).steps.first)
        let a = step.leslieMatrix().matrix
        let k = step.ages.count
        #expect(a.rows == 2 * k && a.columns == 2 * k)
        // Subdiagonal: Sx; open group: S(ω) twice; no survival across sexes.
        #expect(a[3, 2] == step.survivalRatios.female[3])
        #expect(a[k - 1, k - 1] == step.survivalRatios.female[k - 1])
        #expect(a[k - 1, k - 2] == step.survivalRatios.female[k - 1])
        #expect(a[k + 1, 0] == 0 && a[1, k] == 0)
        // Male births come from female columns only.
        for j in k..<(2 * k) { #expect(a[k, j] == 0) }
    }
}
