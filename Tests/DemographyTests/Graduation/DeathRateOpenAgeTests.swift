import Testing
import Foundation
@testable import Demography

/// Moving the open age group of death rates down (life-table regrouping) and up
/// (Kannisto extension), and of counts down (summing).
@Suite struct DeathRateOpenAgeTests {
    /// Single-year rates 0.001 below 60 and those of the Kannisto law a, b from 60 on
    /// (the law's scaled age x′ = x − 59), the open group at `openAge`.
    static func kannistoRates(openAge: Int, a: Double = 0.05, b: Double = 0.11) throws -> (AgeStructure, [Double]) {
        let ages = try AgeStructure.singleYear(openAge: openAge)
        return (ages, ages.startAges.map { x in
            let e = a * exp(b * Double(x - 59))
            return x >= 60 ? e / (1 + e) : 0.001
        })
    }

    /// Identity: summing the groups from 85 up keeps every group below and the total exactly.
    @Test func summingTheOpenGroupKeepsGroupTotals() throws {
        let ages = try AgeStructure.fiveYear(openAge: 100)
        let counts = ages.startAges.map { Double(1000 - 7 * $0) + 0.25 }
        let lowered = try ages.summingOpenGroup(counts, at: 85)
        #expect(try ages.closed(at: 85) == AgeStructure.fiveYear(openAge: 85))
        #expect(Array(lowered.dropLast()) == Array(counts[..<17]))
        #expect(lowered.last == counts[17...].reduce(0, +))
        #expect(lowered.reduce(0, +) == counts.reduce(0, +))
    }

    /// Identity: rates combined with population weights give the events of that population.
    @Test func weightedOpenGroupKeepsTheEvents() throws {
        let ages = try AgeStructure.fiveYear(openAge: 100)
        let rates = ages.startAges.map { 0.01 + Double($0) / 1000 }
        let weights = ages.startAges.map { Double(200 - $0) }
        let lowered = try ages.weightedOpenGroup(rates, weights: weights, at: 85)
        let events = zip(rates[17...], weights[17...]).reduce(0.0) { $0 + $1.0 * $1.1 }
        #expect(abs(lowered[17] * weights[17...].reduce(0, +) - events) < 1e-12 * events)
        #expect(Array(lowered.dropLast()) == Array(rates[..<17]))
    }

    /// A constant hazard M above 85 gives back M as the rate of 85+: in the
    /// stationary population every group's deaths are M times its person-years
    /// (ndx = nMx·nLx, Preston et al. 2001, ch. 3), so l(85) / T(85) = M.
    @Test func loweringConstantRatesGivesTheSameRate() throws {
        let ages = try AgeStructure.abridged(openAge: 100)
        let rates = ages.startAges.map { $0 >= 85 ? 0.2 : 0.001 * (1 + Double($0) / 10) }
        for sex in Sex.allCases {
            let lowered = try DeathRateOpenAge.lowered(rates, on: ages, sex: sex, to: 85)
            #expect(lowered.ages == (try AgeStructure.abridged(openAge: 85)))
            #expect(Array(lowered.rates.dropLast()) == Array(rates[..<(lowered.ages.count - 1)]))
            #expect(abs(lowered.rates[lowered.ages.count - 1] / 0.2 - 1) < 1e-12)
        }
    }

    /// The extension keeps every rate below the old open age exactly; the new
    /// single-year rates lie on the fitted Kannisto law, whose logit is linear in
    /// age with slope b (Thatcher, Kannisto & Vaupel 1998), and a fit to rates
    /// drawn from a law gives back the law (as KannistoClosureTests, to R's tolerance).
    @Test func kannistoExtensionKeepsRatesBelowAndFollowsTheLaw() throws {
        let (ages, rates) = try Self.kannistoRates(openAge: 85)
        let extended = try DeathRateOpenAge.kannistoExtended(rates, on: ages, to: 100)
        #expect(extended.ages == (try AgeStructure.singleYear(openAge: 100)))
        #expect(Array(extended.rates[..<85]) == Array(rates[..<85]))
        #expect(abs(extended.fit.a / 0.05 - 1) < 1e-2)
        #expect(abs(extended.fit.b / 0.11 - 1) < 1e-2)
        func logit(_ m: Double) -> Double { log(m / (1 - m)) }
        for x in 85..<99 {
            let slope = logit(extended.rates[x + 1]) - logit(extended.rates[x])
            #expect(abs(slope - extended.fit.b) < 1e-9)
        }
        // The open group 100+: deaths over person-years of the law's tail, 1/e(100).
        let e100 = KannistoClosure.expectancy(from: 100, to: 130, hazard: extended.fit.hazard(atAge:))
        #expect(abs(extended.rates[100] * e100 - 1) < 1e-12)
    }

    /// Abridged rates to 85+ extended to 100+ in five-year groups: the groups below
    /// 85 are kept exactly, the new ones rise with age, and the fitted law's range
    /// is graduated from the groups (DeathRateGraduation keeps each group's mean).
    @Test func abridgedRatesExtendInFiveYearGroups() throws {
        let (_, rates) = try Self.kannistoRates(openAge: 110)
        let ages = try AgeStructure.abridged(openAge: 85)
        // Group means of the law (plain means: enough for a check of the structure).
        let grouped: [Double] = (0..<ages.count).map { g in
            let from = ages.startAges[g], to = ages.width(at: g).map { from + $0 } ?? from + 1
            return (from..<to).reduce(0.0) { $0 + rates[$1] } / Double(to - from)
        }
        let extended = try DeathRateOpenAge.kannistoExtended(grouped, on: ages, to: 100)
        #expect(extended.ages == (try AgeStructure.abridged(openAge: 100)))
        #expect(Array(extended.rates[..<(ages.count - 1)]) == Array(grouped.dropLast()))
        let top = Array(extended.rates[(ages.count - 1)...])
        #expect(zip(top, top.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func refusesAnOpenAgeOffTheGrid() throws {
        let ages = try AgeStructure.fiveYear(openAge: 100)
        #expect(throws: DemographyError.self) { try ages.closed(at: 82) }
        let (single, rates) = try Self.kannistoRates(openAge: 85)
        #expect(throws: DemographyError.self) { try DeathRateOpenAge.kannistoExtended(rates, on: single, to: 80) }
    }

    @Test func summaryNamesTheKindOfGrid() throws {
        #expect(try AgeStructure.fiveYear(openAge: 100).summary == "0-4, 5-9, 10-14 ... 100+ (5-year, open 100+)")
        #expect(try AgeStructure.abridged(openAge: 85).summary == "0, 1-4, 5-9 ... 85+ (abridged, open 85+)")
        #expect(try AgeStructure.singleYear(openAge: 100).summary == "0, 1, 2 ... 100+ (single years, open 100+)")
    }
}
