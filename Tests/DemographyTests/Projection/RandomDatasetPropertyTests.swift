import Testing
import Demography

/// Properties of one cohort-component step on random valid inputs (a seeded
/// generator, so every run sees the same 200 cases): population ≥ 0,
/// 0 ≤ Sx ≤ 1, ASFR in [0, 0.5], SRB in [1.0, 1.1], net migrants of either sign,
/// some outflows larger than the group they leave, net migration rates in a
/// quarter of the cases; five-year and single-year grids; both timings.
///
/// - **Accounting** (the balancing equation, Preston, Heuveline & Guillot 2001,
///   ch. 1): P(t+z) = P(t) + B − D + M, with M the migrants actually applied
///   after the migration guard (``StepResult/netMigrants``) and, where the floor
///   acted, the lift from the computed value to ``ProjectionStep/floorValue``
///   added, within 1e-9 of the largest term.
/// - **No negative counts**: end population, births and deaths.
/// - **The Leslie form**: without migration and with every group populated (so
///   neither the guard nor the floor can act), ``ProjectionStep/apply(to:)``
///   equals A·n of ``ProjectionStep/leslieMatrix()``.
@Suite struct RandomDatasetPropertyTests {
    /// One random valid step and a start population on its grid.
    struct Case {
        var step: ProjectionStep
        var start: Population
    }

    static let cases = 200

    static func uniform(_ rng: inout SplitMix64, _ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * rng.nextUniform()
    }

    /// Case `index`: its own stream, so each case is the same whatever the others do.
    static func randomCase(_ index: Int, migration: Bool = true, populated: Bool = false) throws -> Case {
        var rng = SplitMix64(seed: 20_261_202, stream: UInt64(index), channel: migration ? 1 : 2)
        let fiveYear = index % 2 == 0
        let ages = fiveYear
            ? try AgeStructure.fiveYear(openAge: 5 * (12 + Int(rng.next() % 9)))   // 60+ … 100+
            : try AgeStructure.singleYear(openAge: 40 + Int(rng.next() % 61))      // 40+ … 100+
        let n = ages.count
        func schedule(_ value: (inout SplitMix64) -> Double) -> BySex<[Double]> {
            BySex(female: (0..<n).map { _ in value(&rng) }, male: (0..<n).map { _ in value(&rng) })
        }
        // Population: mostly ordinary counts, some empty groups (unless `populated`), some tiny.
        let population = schedule { rng in
            switch rng.next() % 10 {
            case 0: return populated ? 1 : 0
            case 1: return uniform(&rng, 0.001...1)
            default: return uniform(&rng, 1...1e6)
            }
        }
        // Sx in [0, 1], with the edges themselves now and then.
        let survival = schedule { rng in
            switch rng.next() % 12 {
            case 0: return 0
            case 1: return 1
            default: return uniform(&rng, 0.3...1)
            }
        }
        let fertility = (0..<n).map { _ in rng.next() % 3 == 0 ? 0 : uniform(&rng, 0...0.5) }
        var migrants: BySex<[Double]>?
        var rates: BySex<[Double]>?
        if migration {
            // Either sign; a fifth of the outflows exceed the group they leave (the guard's case).
            func migrant(_ p: Double) -> Double {
                switch rng.next() % 5 {
                case 0: return -p * uniform(&rng, 1...3) - uniform(&rng, 0...10)
                case 1: return 0
                default: return uniform(&rng, -0.5...0.5) * (p + 100)
                }
            }
            migrants = BySex(female: population.female.map(migrant), male: population.male.map(migrant))
            if rng.next() % 4 == 0 { rates = schedule { rng in uniform(&rng, -0.05...0.05) } }
        }
        let step = try ProjectionStep(
            ages: ages, survivalRatios: survival, fertilityRates: fertility,
            sexRatioAtBirth: uniform(&rng, 1.0...1.1), netMigrants: migrants, netMigrationRates: rates,
            migrationTiming: MigrationTiming.allCases[Int(rng.next() % UInt64(MigrationTiming.allCases.count))])
        return Case(step: step, start: try Population(ages: ages, counts: population))
    }

    @Test func accountingIdentityHoldsWithTheAppliedMigrants() throws {
        var floored = 0, guarded = 0
        for index in 0..<Self.cases {
            let c = try Self.randomCase(index)
            let result = try c.step.apply(to: c.start)
            // The floor raises a cell from its computed value to the floor value: add that lift back.
            var lift = 0.0
            for adjustment in result.adjustments {
                switch adjustment.kind {
                case .floor(let computed): lift += ProjectionStep.floorValue - computed
                case .migrationGuard: guarded += 1
                }
            }
            if result.wasFloored { floored += 1 }
            let scale = max(1, c.start.total, result.totalBirths, result.totalDeaths,
                            result.netMigrants.female.map(abs).reduce(0, +) + result.netMigrants.male.map(abs).reduce(0, +))
            let residual = result.accountingResidual(from: c.start) - lift
            #expect(abs(residual) <= 1e-9 * scale, "case \(index) (\(c.step.ages), \(c.step.migrationTiming)): residual \(residual)")
        }
        // The cases reach the guard and the floor, so the identity is tested with both at work.
        #expect(guarded > 0)
        #expect(floored > 0)
    }

    @Test func populationBirthsAndDeathsAreNeverNegative() throws {
        for index in 0..<Self.cases {
            let c = try Self.randomCase(index)
            let result = try c.step.apply(to: c.start)
            for sex in Sex.allCases {
                #expect(result.population.counts[sex].allSatisfy { $0 >= 0 && $0.isFinite }, "case \(index): population")
                #expect(result.deaths[sex].allSatisfy { $0 >= 0 && $0.isFinite }, "case \(index): deaths")
                #expect(result.births[sex] >= 0 && result.births[sex].isFinite, "case \(index): births")
            }
            #expect(result.birthsByAgeOfMother.allSatisfy { $0 >= 0 }, "case \(index): births by age of mother")
        }
    }

    @Test func stepEqualsItsLeslieMatrixWithoutMigration() throws {
        for index in 0..<Self.cases {
            let c = try Self.randomCase(index, migration: false, populated: true)
            let direct = try c.step.apply(to: c.start)
            #expect(direct.adjustments.isEmpty, "case \(index): \(direct.adjustments)")
            let leslie = try c.step.leslieMatrix().apply(to: c.start)
            let difference = LeslieMatrixTests.maxRelativeDifference(leslie, direct.population)
            #expect(difference < 1e-12, "case \(index) (\(c.step.ages)): relative difference \(difference)")
        }
    }
}
