import Testing
import Foundation
@testable import Demography
import DemographyIO

/// F8: the linear transition matrix (I + n/2·M)⁻¹(I − n/2·M) has negative entries
/// once n/2·(death + out-migration rate) exceeds 1; such rates gave negative
/// migration flows. They are refused, naming region, sex and age; subnormal rates
/// (which gave flows of −7.7e-320) are refused; no block of a step from
/// accepted rates is negative; a run that overflows throws, naming the step.
@Suite struct LinearTransitionTests {
    static func willekensRogers() throws -> MultiregionalDataset {
        try MultiregionalReader.read(directory: Fixture.url("multiregional"))
    }

    /// The Willekens–Rogers rates with the death rate of one cell, or every fertility rate, replaced.
    static func rates(_ data: MultiregionalDataset, deathRate: (region: Int, age: Int, value: Double)? = nil,
                      fertility: ((Int, Int) -> Double)? = nil) throws -> MultiregionalRates {
        let r = data.rates
        return try MultiregionalRates(
            regions: r.regions, ages: r.ages, sexes: r.sexes,
            deathRate: { i, sex in
                var m = r.deathRates(region: i, sex: sex)
                if let deathRate, deathRate.region == i { m[deathRate.age] = deathRate.value }
                return m
            },
            migration: r.migration,
            fertilityRate: { i in
                guard let fertility else { return r.fertilityRates(region: i) }
                return r.ages.startAges.indices.map { fertility(i, $0) }
            })
    }

    /// mx = 5 for Slovenia's women aged 5–9 (audit F8: 8 negative flows, exit 0).
    @Test func deathRateOfFiveIsRefusedNamingTheCell() throws {
        let data = try Self.willekensRogers()
        let rates = try Self.rates(data, deathRate: (region: 0, age: 1, value: 5))
        let found = try rates.negativeLinearTransitions()
        #expect(found.count == 1)
        let cell = try #require(found.first)
        #expect(cell.regionName == "slovenia" && cell.sex == .female && cell.startAge == 5 && cell.deathRate == 5)
        #expect(cell.entry < 0 && cell.load > 12)
        let error = #expect(throws: DemographyError.self) {
            try MultiregionalStep(rates: rates, migrationTiming: .endOfStep, openAgeGroup: .lastClosedGroupOnly)
        }
        #expect(error?.description.contains("female death plus out-migration rate of slovenia at age 5") == true)
        #expect(error?.description.contains("linear survival/transition matrix") == true)
        #expect(throws: DemographyError.self) { try MultiregionalLifeTable(rates: rates, sex: .female) }
    }

    /// A death rate at the limit of the linear method (n/2·m just under 1) is accepted.
    @Test func deathRateAtTheEdgeIsAccepted() throws {
        let data = try Self.willekensRogers()
        let rates = try Self.rates(data, deathRate: (region: 0, age: 1, value: 0.39))
        #expect(try rates.negativeLinearTransitions().isEmpty)
        let step = try MultiregionalStep(rates: rates, migrationTiming: .endOfStep, openAgeGroup: .lastClosedGroupOnly)
        #expect(step.transitions.allSatisfy { $0 >= 0 })
    }

    /// `--internal-rate 0.9999999` (audit F8: negative flows) is refused, naming the rate.
    @Test func washingtonNearlyOneInternalRateIsRefused() throws {
        let error = #expect(throws: DatasetError.self) {
            try CountyDatasetReader(internalOutMigrationRate: 0.9999999).read(directory: Fixture.url("washington"))
        }
        let problem = try #require(error?.problems.first)
        #expect(error?.problems.count == 1)
        #expect(problem.file == CountyDatasetReader.internalRateSource && problem.value == "0.9999999")
        #expect(problem.expected.contains("linear survival/transition matrix"))
    }

    /// `--internal-rate 1e-320` gave flows of −7.7e-320: a subnormal rate is refused,
    /// by the reader and by the library.
    @Test func subnormalInternalRateIsRefused() throws {
        let subnormal = Double.leastNormalMagnitude / 2.2e12   // about 1e-320, as on the command line
        #expect(subnormal > 0 && !subnormal.isNormal)
        let error = #expect(throws: DatasetError.self) {
            try CountyDatasetReader(internalOutMigrationRate: subnormal).read(directory: Fixture.url("washington"))
        }
        #expect(error?.problems.first?.file == CountyDatasetReader.internalRateSource)
        let data = try Self.willekensRogers()
        let r = data.rates
        #expect(throws: DemographyError.self) {
            try MigrationFlowMatrix(regions: r.regions, ages: r.ages, sexes: r.sexes) { i, j, _, _ in i != j ? subnormal : 0 }
        }
    }

    /// The smallest normal rates move persons in the right direction: no negative flow.
    @Test func tinyNormalRatesGiveNoNegativeFlow() throws {
        let data = try Self.willekensRogers()
        let r = data.rates
        let migration = try MigrationFlowMatrix(regions: r.regions, ages: r.ages, sexes: r.sexes) { i, j, _, _ in
            i != j ? 1e-300 : 0
        }
        let rates = try MultiregionalRates(regions: r.regions, ages: r.ages, sexes: r.sexes,
                                           deathRate: { r.deathRates(region: $0, sex: $1) }, migration: migration,
                                           fertilityRate: { r.fertilityRates(region: $0) })
        let step = try MultiregionalStep(rates: rates, migrationTiming: .endOfStep)
        #expect(step.transitions.allSatisfy { $0 >= 0 })
        let result = try MultiregionalProjection(start: data.start, startYear: 1961, step: step, count: 8).run()
        for s in result.steps {
            for x in 0..<r.ages.count { #expect(s.flows(sex: .female, ageIndex: x).entries.allSatisfy { $0 >= 0 }) }
        }
    }

    /// With an internal rate of 0.5 the merged open group, computed as
    /// L(ω)·(L(ω−n) + L(ω))⁻¹ from a nearly singular l, had entries of −55; its
    /// closed form has none.
    @Test func mergedOpenGroupOfStrongMigrationIsNotNegative() throws {
        let data = try CountyDatasetReader(internalOutMigrationRate: 0.5).read(directory: Fixture.url("washington"))
        let step = try data.step()
        #expect(step.transitions.allSatisfy { $0 >= 0 })
    }

    /// Valid rates that grow for thousands of steps overflow a Double: the run throws, naming the step.
    @Test func overflowingRunThrowsNamingTheStep() throws {
        let data = try Self.willekensRogers()
        let ages = data.rates.ages
        let rates = try Self.rates(data, fertility: { _, x in (15...45).contains(ages.startAges[x]) ? 0.9 : 0 })
        let step = try MultiregionalStep(rates: rates, migrationTiming: .endOfStep, openAgeGroup: .lastClosedGroupOnly)
        let projection = try MultiregionalProjection(start: data.start, startYear: 1961, step: step, count: 10_000)
        let error = #expect(throws: DemographyError.self) { try projection.run() }
        #expect(error?.description.contains("projection step") == true)
        #expect(error?.description.contains("beyond the largest number") == true)
    }
}
