import Foundation
import Testing
@testable import Demography

/// The UN's complete life tables for Canada, WPP 2019 (ccmppWPP,
/// `canada_wpp_1950_2020_ccmpp_inputs_1x1`), read from
/// Tests/Fixtures/canada1x1/life_table.csv (10 significant digits; see SOURCE.md there).
private struct CanadaLifeTables {
    struct Table {
        var mx: [Double] = []
        var ax: [Double] = []
        var nLx: [Double] = []
        var ex: [Double] = []
    }

    let tables: [String: Table]

    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // LifeTable
        .deletingLastPathComponent()  // DemographyTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fixtures/canada1x1/life_table.csv")

    /// Parsed once for the whole suite.
    static let shared = Result { try CanadaLifeTables() }

    static func key(_ year: Int, _ sex: Sex) -> String { "\(year) \(sex.rawValue)" }

    init() throws {
        let text = try String(contentsOf: Self.url, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("#") }
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        func column(_ name: String) throws -> Int {
            guard let i = header.firstIndex(of: name) else { throw FixtureError.missingColumn(name) }
            return i
        }
        let year = try column("year"), sex = try column("sex"), age = try column("age")
        let mx = try column("mx"), ax = try column("ax"), nLx = try column("Lx"), ex = try column("ex")
        var tables: [String: Table] = [:]
        for line in lines {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let k = "\(cells[year]) \(cells[sex])"
            var table = tables[k] ?? Table()
            guard Int(cells[age]) == table.mx.count,
                  let m = Double(cells[mx]), let a = Double(cells[ax]),
                  let l = Double(cells[nLx]), let e = Double(cells[ex]) else {
                throw FixtureError.badRow(String(line))
            }
            table.mx.append(m)
            table.ax.append(a)
            table.nLx.append(l)
            table.ex.append(e)
            tables[k] = table
        }
        self.tables = tables
    }

    enum FixtureError: Error { case missingColumn(String), badRow(String), missingTable(String) }

    func table(_ year: Int, _ sex: Sex) throws -> Table {
        guard let t = tables[Self.key(year, sex)] else { throw FixtureError.missingTable(Self.key(year, sex)) }
        return t
    }

    /// Our table with the UN's a0 and the Kannisto closure.
    static func lifeTable(for table: Table, sex: Sex) throws -> LifeTable {
        let ages = try AgeStructure.singleYear(openAge: table.mx.count - 1)
        let options = LifeTableOptions(infantSeparation: .given(a0: table.ax[0]), openAgeClosure: .kannisto())
        return try LifeTable(sex: sex, ages: ages, deathRates: table.mx, options: options)
    }
}

@Suite struct KannistoClosureTests {
    /// |value / expected − 1|.
    private static func relativeError(_ value: Double, _ expected: Double) -> Double { abs(value / expected - 1) }
    // MARK: Published numbers

    /// L100+ and e0 of the UN's tables. The UN's inputs are printed to 10
    /// significant digits, which bounds agreement at ~5e-10; 1e-8 leaves room for
    /// that rounding propagating through the fit, not for a different convention
    /// (the true optimum instead of R's Nelder-Mead stop is off by ~7e-4 in L100+).
    @Test(arguments: [1950, 1980, 2019], Sex.allCases)
    func reproducesUNOpenAgeGroupOfCanada(year: Int, sex: Sex) throws {
        let un = try CanadaLifeTables.shared.get().table(year, sex)
        let table = try CanadaLifeTables.lifeTable(for: un, sex: sex)
        let last = un.mx.count - 1
        #expect(Self.relativeError(table.personYearsLived[last], un.nLx[last]) < 1e-8)
        #expect(Self.relativeError(table.lifeExpectancy[0], un.ex[0]) < 1e-8)
        #expect(Self.relativeError(table.separationFactors[last], un.ax[last]) < 1e-8)
        #expect(table.deathRates[last] == un.mx[last])
    }

    /// The same check over all 70 years and both sexes of the fixture.
    @Test func reproducesUNOpenAgeGroupOfCanadaEveryYear() throws {
        let fixture = try CanadaLifeTables.shared.get()
        var worstL = 0.0, worstE0 = 0.0, count = 0
        for year in 1950...2019 {
            for sex in Sex.allCases {
                let un = try fixture.table(year, sex)
                let table = try CanadaLifeTables.lifeTable(for: un, sex: sex)
                let last = un.mx.count - 1
                worstL = max(worstL, Self.relativeError(table.personYearsLived[last], un.nLx[last]))
                worstE0 = max(worstE0, Self.relativeError(table.lifeExpectancy[0], un.ex[0]))
                count += 1
            }
        }
        #expect(count == 140)
        #expect(worstL < 1e-8, "largest relative error of L100+: \(worstL)")
        #expect(worstE0 < 1e-8, "largest relative error of e0: \(worstE0)")
    }

    /// R's documented example (?optim): `optim(c(-1.2, 1), fr)` on the Rosenbrock
    /// function prints par 1.000260 1.000506, value 8.825241e-08, counts function 195.
    @Test func nelderMeadMatchesROnRosenbrock() {
        let rosenbrock = { (x: [Double]) -> Double in
            100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) + (1 - x[0]) * (1 - x[0])
        }
        let result = NelderMead().minimize(rosenbrock, from: [-1.2, 1])
        #expect(abs(result.point[0] - 1.000260) <= 5e-7)
        #expect(abs(result.point[1] - 1.000506) <= 5e-7)
        #expect(abs(result.value - 8.825241e-08) <= 5e-15)
        #expect(result.evaluations == 195)
        #expect(result.converged)
    }

    // MARK: Invariants

    /// Rates drawn from a Kannisto law give back its parameters (up to R's tolerance).
    @Test func fitRecoversTheLawBehindExactRates() throws {
        let ages = try AgeStructure.singleYear(openAge: 100)
        let a = 0.05, b = 0.11
        let rates = ages.startAges.map { x -> Double in
            let e = a * exp(b * Double(x - 59))
            return x >= 60 ? e / (1 + e) : 0.001
        }
        let fit = try KannistoClosure.fit(ages: ages, deathRates: rates, fitFrom: 60)
        #expect(abs(fit.a / a - 1) < 1e-2)
        #expect(abs(fit.b / b - 1) < 1e-2)
        #expect(abs(fit.hazard(atAge: 100) / rates[100] - 1) < 1e-2)
    }

    /// Another open age and fit range: closing Canada 2000 females at 90+ (fit 70–90,
    /// extend to 120) gives an e90 close to the UN's, which uses the observed rates
    /// at 90–99 and the closure only from 100. They differ by 0.07%; 1% bounds the
    /// difference between observed and fitted rates above 90, not numerical error.
    @Test func closesOtherOpenAges() throws {
        let un = try CanadaLifeTables.shared.get().table(2000, .female)
        let ages = try AgeStructure.singleYear(openAge: 90)
        let options = LifeTableOptions(openAgeClosure: .kannisto(fitFrom: 70, extrapolateTo: 120))
        let table = try LifeTable(sex: .female, ages: ages, deathRates: Array(un.mx[0...90]), options: options)
        #expect(Self.relativeError(table.lifeExpectancy[90], un.ex[90]) < 1e-2)
        #expect(Self.relativeError(table.personYearsLived[90], table.survivors[90] * table.lifeExpectancy[90]) < 1e-14)
    }

    /// With a constant hazard M and ax = 0.5 the extended tail sums to l/M, the
    /// reciprocal-of-rate closure: Lx = lx/(1 + M/2) and lx+1/lx = (1 − M/2)/(1 + M/2).
    @Test func constantHazardTailGivesReciprocalOfRate() {
        let e = KannistoClosure.expectancy(from: 100, to: 300, hazard: { _ in 0.4 })
        #expect(abs(e - 2.5) < 1e-12)
    }

    // MARK: Edge cases and errors

    /// Zero rates in the fitted range (small populations) are left out of the loss.
    @Test func zeroRatesInTheFitRangeAreSkipped() throws {
        var un = try CanadaLifeTables.shared.get().table(1950, .male)
        un.mx[97] = 0
        un.mx[100] = 0  // the open group's own rate: L = l/M would fail, Kannisto does not need it.
        let table = try CanadaLifeTables.lifeTable(for: un, sex: .male)
        let last = un.mx.count - 1
        #expect(table.personYearsLived[last].isFinite && table.personYearsLived[last] > 0)
        #expect(table.lifeExpectancy[0].isFinite)
    }

    @Test func tooFewPositiveRatesThrow() throws {
        let ages = try AgeStructure.singleYear(openAge: 100)
        var rates = [Double](repeating: 0, count: ages.count)
        rates[100] = 0.4
        rates[99] = 0.35
        #expect {
            try KannistoClosure.openAgeExpectancy(ages: ages, deathRates: rates)
        } throws: { error in
            guard case DemographyError.invalidParameter = error else { return false }
            return true
        }
    }

    @Test func abridgedGridThrows() throws {
        let ages = try AgeStructure.abridged(openAge: 100)
        let rates = [Double](repeating: 0.1, count: ages.count)
        #expect {
            try LifeTable(sex: .female, ages: ages, deathRates: rates,
                          options: LifeTableOptions(openAgeClosure: .kannisto()))
        } throws: { error in
            guard case DemographyError.invalidAgeStructure = error else { return false }
            return true
        }
    }

    @Test func openAgeBelowFitRangeThrows() throws {
        let ages = try AgeStructure.singleYear(openAge: 61)
        let rates = [Double](repeating: 0.05, count: ages.count)
        #expect(throws: DemographyError.self) {
            try KannistoClosure.openAgeExpectancy(ages: ages, deathRates: rates, fitFrom: 60)
        }
        #expect(throws: DemographyError.self) {
            try KannistoClosure.openAgeExpectancy(ages: ages, deathRates: rates, fitFrom: 80)
        }
    }

    @Test func extrapolationMustGoBeyondTheOpenAge() throws {
        let un = try CanadaLifeTables.shared.get().table(1980, .female)
        let ages = try AgeStructure.singleYear(openAge: 100)
        #expect {
            try KannistoClosure.openAgeExpectancy(ages: ages, deathRates: un.mx, extrapolateTo: 100)
        } throws: { error in
            guard case DemographyError.invalidParameter = error else { return false }
            return true
        }
    }
}
