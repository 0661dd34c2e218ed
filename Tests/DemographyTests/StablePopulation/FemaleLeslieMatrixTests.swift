import Testing
import Foundation
import Demography
import DemographyIO

/// The female-dominant Leslie matrix of a projection step, and the structured
/// (characteristic-equation) eigen solver against DGEEV.
@Suite struct FemaleLeslieMatrixTests {
    static func swedenStep() throws -> ProjectionStep {
        try #require(try Fixture.dataset("sweden1993").inputs.projection(survival: .given).steps.first)
    }

    /// Preston, Heuveline & Guillot (2001), Box 6.2 female rates (Sx, ASFR, SRB 1.05,
    /// z = 5): λ = 1.001113 per five years, to 1e-6.
    @Test func swedenFemalesGrowAsPrestonBox6_2() throws {
        let leslie = try Self.swedenStep().femaleLeslieMatrix()
        #expect(leslie.sexRatioAtBirth == 1.05 && leslie.width == 5)
        let stable = try leslie.stablePopulation()
        #expect(abs(stable.dominantEigenvalue - 1.001113) < 1e-6)
        #expect(abs(try leslie.dominantEigenpair().eigenvalue - 1.001113) < 1e-6)
        #expect(abs(stable.intrinsicRate - log(1.001113) / 5) < 1e-6)
    }

    @Test func matrixHasTheFemaleDominantForm() throws {
        let step = try Self.swedenStep()
        let leslie = step.femaleLeslieMatrix()
        let a = leslie.matrix, s = step.survivalRatios.female, f = step.fertilityRates
        let k = step.ages.count
        #expect(a.rows == k && a.columns == k)
        for x in 1..<(k - 1) { #expect(a[x, x - 1] == s[x]) }
        #expect(a[k - 1, k - 1] == s[k - 1] && a[k - 1, k - 2] == s[k - 1])
        // First row: π_f·S(0)·(z/2)·(F(x) + F(x+1)·S(x+1)), F zero in the first and open groups.
        let x = 6   // 30-34
        let expected = s[0] / 2.05 * 2.5 * (f[x] + f[x + 1] * s[x + 1])
        #expect(abs(a[0, x] - expected) < 1e-15)
        #expect(a[0, k - 1] == 0)
        // It is the female block of the two-sex matrix.
        let twoSex = step.leslieMatrix().matrix
        for i in 0..<k { for j in 0..<k { #expect(twoSex[i, j] == a[i, j]) } }
    }

    @Test func ratesAreValidated() throws {
        let ages = try AgeStructure.fiveYear(openAge: 15)
        #expect(throws: DemographyError.negativeValue(schedule: "female survival ratios", age: 5, value: -0.9)) {
            try FemaleLeslieMatrix(ages: ages, survivalRatios: [0.9, -0.9, 0.8, 0.5], fertilityRates: [0, 0.1, 0.1, 0], sexRatioAtBirth: 1.05)
        }
        #expect(throws: DemographyError.lengthMismatch(schedule: "fertility rates", expected: 4, found: 3)) {
            try FemaleLeslieMatrix(ages: ages, survivalRatios: [0.9, 0.9, 0.8, 0.5], fertilityRates: [0, 0.1, 0.1], sexRatioAtBirth: 1.05)
        }
    }

    /// A closed population projected with constant rates for 500 steps of the
    /// cohort-component step converges to w and grows by λ per step (the strong
    /// ergodic theorem; Caswell 2001, ch. 4).
    @Test func longProjectionConvergesToTheStablePopulation() throws {
        let given = try Self.swedenStep()
        let closed = try ProjectionStep(ages: given.ages, survivalRatios: given.survivalRatios,
                                        fertilityRates: given.fertilityRates, sexRatioAtBirth: given.sexRatioAtBirth, migrationTiming: .endOfStep)
        let stable = try closed.femaleLeslieMatrix().stablePopulation()
        var population = try Fixture.dataset("sweden1993").inputs.basePopulation
        var previous = population.total(.female)
        var ratio = 0.0
        for _ in 0..<500 {
            population = try closed.apply(to: population).population
            ratio = population.total(.female) / previous
            previous = population.total(.female)
        }
        #expect(abs(ratio - stable.dominantEigenvalue) < 1e-12)
        let female = population.counts.female
        let total = female.reduce(0, +)
        for (n, w) in zip(female, stable.stableDistribution) { #expect(abs(n / total - w) < 1e-10) }
    }

    /// The O(k) solver agrees with DGEEV to 1e-10: λ, w and v (scaled alike).
    static func expectAgreement(_ fast: DominantEigenpair, _ dense: DominantEigenpair) {
        #expect(relativeError(fast.eigenvalue, dense.eigenvalue) < 1e-10)
        for (a, b) in zip(fast.stableDistribution, dense.stableDistribution) { #expect(abs(a - b) < 1e-10) }
        let scale = dense.reproductiveValues.map(abs).max() ?? 1
        for (a, b) in zip(fast.reproductiveValues, dense.reproductiveValues) { #expect(abs(a - b) < 1e-10 * scale) }
    }

    @Test func structuredSolverAgreesWithDgeevForFemales() throws {
        let leslie = try Self.swedenStep().femaleLeslieMatrix()
        Self.expectAgreement(try leslie.dominantEigenpair(), try DominantEigen(of: leslie.matrix).eigenpair)
    }

    /// The 202 × 202 two-sex matrix of the UN's Canada 1x1 inputs (1989 rates).
    @Test func structuredSolverAgreesWithDgeevForTwoSexCanada() throws {
        let inputs = try Fixture.dataset("canada1x1").inputs
        let step = try inputs.projection(survival: .given, through: 1990).steps[39]
        let leslie = step.leslieMatrix()
        #expect(leslie.matrix.rows == 202)
        let fast = try leslie.dominantEigenpair()
        Self.expectAgreement(fast, try DominantEigen(of: leslie.matrix).eigenpair)
        // Males have no reproductive value in the female-dominant form.
        #expect(fast.reproductiveValues[101...].allSatisfy { $0 == 0 })
    }

    /// When the open group outlives the reproductive root (λ1 = S(ω)), the solver
    /// falls back to DGEEV instead of returning a wrong root.
    @Test func structuredSolverFallsBackWhenTheOpenGroupDominates() throws {
        let ages = try AgeStructure.fiveYear(openAge: 20)
        let leslie = try FemaleLeslieMatrix(ages: ages, survivalRatios: [0.9, 0.95, 0.9, 0.9, 0.95],
                                            fertilityRates: [0, 0.001, 0.001, 0.001, 0], sexRatioAtBirth: 1.05)
        let fast = try leslie.dominantEigenpair()
        #expect(abs(fast.eigenvalue - 0.95) < 1e-12)
        Self.expectAgreement(fast, try DominantEigen(of: leslie.matrix).eigenpair)
    }
}
