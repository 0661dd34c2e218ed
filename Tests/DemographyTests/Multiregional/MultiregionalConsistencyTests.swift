import Testing
import Foundation
@testable import Demography
import DemographyIO

/// Invariants of the multiregional projection on the Washington counties
/// (`Tests/Fixtures/washington`, partly synthetic teaching data) and on random rates.
@Suite struct MultiregionalConsistencyTests {
    static func washington(internalRate: Double = 0.02) throws -> MultiregionalDataset {
        try CountyDatasetReader(internalOutMigrationRate: internalRate).read(directory: Fixture.url("washington"))
    }

    @Test func internalFlowsSumToZeroOverThirtyYears() throws {
        let data = try Self.washington()
        #expect(data.start.regionCount == 39)
        let result = try MultiregionalProjection(start: data.start, startYear: data.startYear, step: try data.step(), count: 30).run()
        #expect(result.steps.count == 30)
        var worst = 0.0
        for step in result.steps {
            for sex in Sex.allCases {
                for x in 0..<data.start.ages.count {
                    let flows = step.flows(sex: sex, ageIndex: x)
                    let gross = flows.entries.reduce(0, +)
                    let net = step.internalNetMigrants(sex: sex, ageIndex: x).reduce(0, +)
                    #expect(gross > 0)
                    worst = max(worst, abs(net) / gross)
                }
            }
        }
        #expect(worst <= 1e-9, "largest |Σ net| / gross flow: \(worst)")
    }

    @Test func calibratedNetMigrationMatchesPublishedCounts() throws {
        let data = try Self.washington()
        let first = try data.step().apply(to: data.start)
        let table = try CSVTable.read(Fixture.url("washington/mig_counts.csv"))
        let locations = try CSVTable.read(Fixture.url("washington/locations.csv"))
        let names = Dictionary(uniqueKeysWithValues: locations.rows.map { ($0[0], $0[1]) })
        let internalNet = first.internalNetMigrantsByRegion
        var published = 0.0
        for row in table.rows where row[0] != "53" {
            let i = try #require(data.start.regionIndex(names[row[0]]!))
            let external = Sex.allCases.reduce(0.0) { $0 + first.externalMigrants(region: i, sex: $1).reduce(0, +) }
            let target = Double(row[2])!
            published += target
            if !first.adjustments.contains(where: { $0.region == i }) {
                #expect(abs(internalNet[i] + external - target) <= 1e-6 * max(1, abs(target)), "\(row)")
            }
        }
        // The state's net migration is the sum of the county counts (69,092 in 2023).
        #expect(abs(published - 69_092) < 1)
        #expect(abs(internalNet.reduce(0, +)) < 1e-6)
    }

    @Test(arguments: [MigrationTiming.endOfStep, .evenlyDuringStep])
    func noInternalMigrationEqualsRegionsProjectedOneByOne(timing: MigrationTiming) throws {
        let data = try Self.washington(internalRate: 0)
        #expect(data.rates.migration.isZero)
        let step = try MultiregionalStep(rates: data.rates, externalMigrants: { region, sex in
            let a = data.start.ages.count, r = data.start.regionCount, s = sex == .female ? 0 : 1
            return (0..<a).map { data.externalMigrants![(s * a + $0) * r + region] }
        }, migrationTiming: timing, openAgeGroup: .mergedWithLastClosedGroup)
        let result = try MultiregionalProjection(start: data.start, startYear: data.startYear, step: step, count: 30).run()
        let ages = data.start.ages, a = ages.count
        var worst = 0.0
        for i in 0..<data.start.regionCount {
            let survival = BySex<[Double]> { (sex: Sex) -> [Double] in (0..<a).map { x in step.transition(sex: sex, into: x)[i, i] } }
            let single = try ProjectionStep(
                ages: ages, survivalRatios: survival, fertilityRates: data.rates.fertilityRates(region: i),
                sexRatioAtBirth: data.rates.sexRatioAtBirth,
                netMigrants: BySex<[Double]> { (sex: Sex) -> [Double] in step.externalMigrants(region: i, sex: sex) }, migrationTiming: timing)
            let alone = try Projection(start: data.start.population(region: i), startYear: data.startYear,
                                       steps: Array(repeating: single, count: 30)).run()
            for (k, population) in alone.populations.enumerated() {
                let multi = result.populations[k].population(region: i)
                for sex in Sex.allCases {
                    for x in 0..<a {
                        let expected = population.counts[sex][x]
                        worst = max(worst, abs(multi.counts[sex][x] - expected) / max(1, abs(expected)))
                    }
                }
            }
        }
        #expect(worst <= 1e-12, "largest relative difference: \(worst)")
    }

    @Test func withoutMigrationTheDiagonalIsTheSingleRegionLifeTable() throws {
        let ages = try AgeStructure.fiveYear(openAge: 20)
        let m: [Double] = [0.02, 0.001, 0.002, 0.01, 0.3]
        let rates = try MultiregionalRates(
            regions: ["a", "b"], ages: ages, sexes: [.female], deathRate: { _, _ in m },
            migration: try .none(regions: ["a", "b"], ages: ages, sexes: [.female]), fertilityRate: { _ in [0, 0, 0.1, 0.05, 0] })
        let table = try MultiregionalLifeTable(rates: rates, sex: .female)
        // Single region, linear nax = n/2: q = n·m / (1 + n/2·m); open L = l/m.
        var l = 1.0
        for x in 0..<4 {
            let q = 5 * m[x] / (1 + 2.5 * m[x])
            #expect(abs(table.deathProbabilities(ageIndex: x)[1] - q) < 1e-15)
            let next = l * (1 - q)
            #expect(abs(table.personYearsLived[x][0, 0] - 2.5 * (l + next)) < 1e-14)
            #expect(table.personYearsLived[x][0, 1] == 0)
            l = next
        }
        #expect(abs(table.personYearsLived[4][1, 1] - l / m[4]) < 1e-14)
    }

    /// Random two-sex rates with 17 regions (so the exchange goes through DGEMM),
    /// outflows that trigger the guard, and even migration timing.
    static func randomStep(regions r: Int = 17) throws -> (MultiregionalStep, MultiregionalPopulation) {
        var rng = SplitMix64(seed: 42)
        let ages = try AgeStructure.fiveYear(openAge: 30)
        let names = (0..<r).map { "r\($0)" }
        let migration = try MigrationFlowMatrix(regions: names, ages: ages) { _, _, _, _ in 0.02 * rng.nextUniform() }
        let rates = try MultiregionalRates(
            regions: names, ages: ages,
            deathRate: { _, _ in (0..<7).map { 0.001 + 0.01 * Double($0) + 0.002 * rng.nextUniform() } },
            migration: migration, fertilityRate: { _ in [0, 0, 0, 0.1, 0.12, 0.05, 0].map { $0 * (0.8 + 0.4 * rng.nextUniform()) } },
            sexRatioAtBirth: 1.05)
        let step = try MultiregionalStep(
            rates: rates, externalMigrants: { _, _ in (0..<7).map { _ in 400 * rng.nextUniform() - 250 } },
            migrationTiming: .evenlyDuringStep, openAgeGroup: .mergedWithLastClosedGroup)
        let start = try MultiregionalPopulation(regions: names, ages: ages) { _, _ in (0..<7).map { _ in 1000 * rng.nextUniform() } }
        return (step, start)
    }

    @Test func structuredDenseAndBatchedFormsAgree() throws {
        let (step, start) = try Self.randomStep()
        let projection = try MultiregionalProjection(start: start, startYear: 0, step: step, count: 6)
        let structured = try projection.run(form: .structured)
        let dense = try projection.run(form: .denseBlock)
        #expect(structured.form == .structured && dense.form == .denseBlock)
        #expect(structured.steps.contains { !$0.adjustments.isEmpty })
        for (a, b) in zip(structured.final.counts, dense.final.counts) { #expect(abs(a - b) <= 1e-11 * max(1, abs(b))) }
        for (a, b) in zip(structured.steps[0].births, dense.steps[0].births) { #expect(abs(a - b) <= 1e-11 * max(1, abs(b))) }
        // Three columns at once: the second is the population, the others scaled copies.
        let k = 3
        var columns = [Double](repeating: 0, count: start.counts.count * k)
        for (index, v) in start.counts.enumerated() { for c in 0..<k { columns[index * k + c] = v * Double(c + 1) / 2 } }
        let batched = MultiregionalProjection.project(columns, count: k, step: step, steps: 6, form: .structured)
        for (index, v) in structured.final.counts.enumerated() { #expect(abs(batched[index * k + 1] - v) <= 1e-11 * max(1, v)) }
    }

    @Test func splittingColumnsAcrossTwoWorkersChangesNothing() throws {
        let (step, start) = try Self.randomStep()
        let k = 131
        var columns = [Double](repeating: 0, count: start.counts.count * k)
        for (index, v) in start.counts.enumerated() { for c in 0..<k { columns[index * k + c] = v * (0.5 + Double(c) / Double(k)) } }
        let one = MultiregionalProjection.project(columns, count: k, step: step, steps: 6, form: .structured, threads: 1)
        let two = MultiregionalProjection.project(columns, count: k, step: step, steps: 6, form: .structured, threads: 2)
        #expect(one.count == two.count)
        var worst = 0.0
        for (a, b) in zip(one, two) { worst = max(worst, abs(a - b) / max(1, abs(b))) }
        #expect(worst <= 1e-12)
    }

    @Test func accountsBalance() throws {
        let (step, start) = try Self.randomStep()
        let result = try step.apply(to: start)
        // End population = survivors of the entering population and births + (1 − h)·external.
        for sex in Sex.allCases {
            for x in 0..<start.ages.count {
                let moved = result.transitions(sex: sex, ageIndex: x)
                for i in 0..<start.regionCount {
                    let arrived = (0..<start.regionCount).reduce(0) { $0 + moved[i, $1] }
                    let expected = arrived + 0.5 * result.externalMigrants(region: i, sex: sex)[x]
                    let end = result.population.count(region: i, sex: sex, ageIndex: x)
                    if !result.adjustments.contains(where: { $0.region == i && $0.sex == sex && $0.ageIndex == x }) {
                        #expect(abs(end - expected) <= 1e-9 * max(1, end))
                    }
                }
            }
        }
    }

    @Test func aggregateIsTheSumOfTheRegions() throws {
        let data = try Self.washington()
        let total = data.start.aggregate()
        #expect(abs(total.total - data.start.total) <= 1e-9 * total.total)
        // The state row of pop.csv is the sum of the counties (to 3e-6, the data README).
        let state = try TidyFile.schedulesBySex(Fixture.url("washington/pop.csv"), location: "53").values[2023]!
        for sex in Sex.allCases {
            for x in 0..<total.ages.count { #expect(abs(total.counts[sex][x] - state[sex][x]) <= 1e-5 * max(1, state[sex][x])) }
        }
    }

    @Test func badInputsAreRefusedWithANamedCause() throws {
        let ages = try AgeStructure.fiveYear(openAge: 10)
        #expect(throws: DemographyError.self) {
            _ = try MigrationFlowMatrix(regions: ["a", "b"], ages: ages) { _, _, _, _ in -0.1 }
        }
        #expect(throws: DemographyError.self) {
            _ = try MultiregionalPopulation(regions: ["a", "a"], ages: ages) { _, _ in [1, 1, 1] }
        }
        let none = try MigrationFlowMatrix.none(regions: ["a", "b"], ages: ages)
        do {
            _ = try MultiregionalRates(regions: ["a", "b"], ages: ages, deathRate: { _, _ in [0.01, 0.01, 0] },
                                       migration: none, fertilityRate: { _ in [0, 0.1, 0] })
            Issue.record("a zero death rate in the open group was accepted")
        } catch {
            #expect(error.description.contains("open age group"))
        }
        var shares = MigrationFlowMatrix.destinationShares(proportionalTo: [1, 1, 1])
        shares[1, 0] = 0.9
        #expect(throws: DemographyError.self) {
            _ = try MigrationFlowMatrix(regions: ["a", "b", "c"], ages: ages, outMigrationRate: { _, _, _ in 0.1 }, destinationShares: shares)
        }
        let (step, _) = try Self.randomStep(regions: 3)
        let other = try MultiregionalPopulation(regions: ["x", "y", "z"], ages: step.ages) { _, _ in [Double](repeating: 1, count: 7) }
        #expect(throws: DemographyError.self) { _ = try step.apply(to: other) }
    }
}

extension MultiregionalConsistencyTests {
    /// Identity: the step, which builds each block from two rate matrices (spread
    /// over the cores when OpenBLAS runs one thread), holds exactly the matrices
    /// of the stored table — L(0)/n, S(x) and the open group's rule — for both
    /// sexes and both open-group rules (Washington, 39 counties).
    @Test(arguments: OpenAgeGroupRule.allCases)
    func stepBlocksAreTheLifeTableMatrices(rule: OpenAgeGroupRule) throws {
        let data = try Self.washington()
        let step = try MultiregionalStep(rates: data.rates, migrationTiming: .endOfStep, openAgeGroup: rule)
        let a = data.start.ages.count
        func same(_ m: Matrix, _ n: Matrix) -> Bool { m == n }
        for sex in Sex.allCases {
            let table = try MultiregionalLifeTable(rates: data.rates, sex: sex)
            #expect(same(step.transition(sex: sex, into: 0), table.birthSurvival))
            for x in 1..<(a - 1) { #expect(same(step.transition(sex: sex, into: x), table.survivalProportions[x - 1])) }
            switch rule {
            case .lastClosedGroupOnly:
                #expect(same(step.transition(sex: sex, into: a - 1), table.survivalProportions[a - 2]))
                #expect(step.transition(sex: sex, into: a - 1, openStayers: true).entries.allSatisfy { $0 == 0 })
            case .mergedWithLastClosedGroup:
                let merged = try table.mergedOpenGroupSurvival()
                #expect(same(step.transition(sex: sex, into: a - 1), merged))
                #expect(same(step.transition(sex: sex, into: a - 1, openStayers: true), merged))
            }
        }
    }
}
