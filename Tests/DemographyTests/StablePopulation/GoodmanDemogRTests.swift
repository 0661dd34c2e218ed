import Testing
import Foundation
import Demography
import DemographyIO

/// Keyfitz & Flieger female data (Goodman, Keyfitz & Pullum 1974) against demogR 0.6.0.
///
/// Source values: `goodman/expected_demogR.csv`, **computed** by rerunning demogR's
/// `life.table`, `leslie.matrix`, `eigen.analysis`, `calc.ro` and `gen.time`, printed
/// to 2 (e0), 5 (λ, r), 3 (R0) and 1 (T) decimals. Tolerance: half a unit of the last
/// printed decimal, as printed (for λ, r and R0 that is tighter than the 1e-3 relative
/// the issue suggests; for T, 0.05 years is 1.9e-3 relative, the rounding of the print).
/// Measured with this code: every figure agrees to within that half unit; the
/// largest gaps are R0 USA 1.21244 vs 1.212 and e0 Madagascar 38.5373 vs 38.54.
///
/// Conventions shared with demogR (cran/demogR `R/life.table.R`, `R/leslie.matrix.R`):
/// - life table `type = "kf"`: nMx = nDx/nKx; a0 = 0.07 + 1.7·M0, 4a1 = 1.5, nax = 2.5
///   for the other closed groups, open group nax = 1/M, nqx = n·M/(1 + (n − a)·M);
/// - Leslie matrix from nLx (L(0-4) = 1L0 + 4L1), px = L(x+5)/L(x), fertility
///   mx = births (both sexes)/nKx, Fx = L(0-4)·(mx + px·mx+1)/2/(1 + SRB), SRB = 1.05;
///   that is our ``FemaleLeslieMatrix`` (S(0)·z = L(0-4)/l0).
/// Differences that do not change λ, R0 or T: demogR truncates the matrix after the
/// last age with births (no post-reproductive ages, no open group).
/// One difference that does (a demogR quirk): its last fertile column is `mx[k]/(1+SRB)`,
/// not L(0-4)·mx[k]/2/(1+SRB) (`Fx <- c(Fx, mx[k])` in `leslie.matrix`). The test applies
/// the same quirk to match. Without it, λ differs from demogR by at most 1.6e-4
/// relative (Madagascar), but r for the USA (0.0073890 vs 0.00738) misses the printed
/// digit, so the quirk is needed to reproduce the table.
@Suite struct GoodmanDemogRTests {
    struct Expected { let code: String; let year: Int; let e0, lambda, r, r0, generationTime: Double }

    static let populations: [Expected] = {
        // location,e0,lambda_5y,r,R0,generation_time (goodman/expected_demogR.csv)
        let codes = ["venezuela_1965": ("862", 1965), "madagascar_1966": ("450", 1966), "usa_1967": ("840", 1967)]
        guard let table = try? CSVTable.read(Fixture.url("goodman/expected_demogR.csv")) else { return [] }
        return table.rows.compactMap { row in
            guard let (code, year) = codes[row[0]], let e0 = Double(row[1]), let lambda = Double(row[2]),
                  let r = Double(row[3]), let r0 = Double(row[4]), let t = Double(row[5]) else { return nil }
            return Expected(code: code, year: year, e0: e0, lambda: lambda, r: r, r0: r0, generationTime: t)
        }
    }()

    struct Computed { let e0: Double; let leslie: FemaleLeslieMatrix }

    static func compute(_ code: String, year: Int) throws -> Computed {
        let pop = try values("goodman/pop.csv", code: code, year: year)
        let deaths = try values("goodman/deaths.csv", code: code, year: year)
        let births = try values("goodman/births.csv", code: code, year: year)
        let abridged = try AgeStructure.abridged(openAge: 85)
        let mx = zip(deaths, pop).map { $0 / $1 }
        let options = LifeTableOptions(
            infantSeparation: .given(a0: 0.07 + 1.7 * mx[0], a1: 1.5),
            closedGroups: .midInterval, openAgeClosure: .reciprocalOfRate, radix: 1)
        let table = try LifeTable(sex: .female, ages: abridged, deathRates: mx, options: options)
        let sx = try table.survivalRatios(width: 5).values
        // Fertility on 0-4, 5-9, ...: the abridged 0 and 1-4 groups have no births.
        let grid = try AgeStructure.fiveYear(openAge: 85)
        var fertility = [(births[0] + births[1]) / (pop[0] + pop[1])]
        for i in 2..<abridged.count { fertility.append(births[i] / pop[i]) }
        let leslie = try FemaleLeslieMatrix(ages: grid, survivalRatios: sx, fertilityRates: fertility, sexRatioAtBirth: 1.05)
        return Computed(e0: table.lifeExpectancyAtBirth, leslie: leslie)
    }

    /// The `value` column of a location's rows, in file order (ages 0, 1, 5, ..., 85+).
    static func values(_ path: String, code: String, year: Int) throws -> [Double] {
        let table = try CSVTable.read(Fixture.url(path))
        let codeColumn = try #require(table.header.firstIndex(of: "country_code"))
        let yearColumn = try #require(table.header.firstIndex(of: "year"))
        let valueColumn = try #require(table.header.firstIndex(of: "value"))
        let rows = table.rows.filter { $0[codeColumn] == code && $0[yearColumn] == String(year) }
        return try rows.map { try #require(Double($0[valueColumn])) }
    }

    /// demogR's last fertile column: mx[k]/(1+SRB) instead of L(0-4)·mx[k]/2/(1+SRB).
    static func demogRQuirk(_ leslie: FemaleLeslieMatrix) -> Matrix {
        var a = leslie.matrix
        let f = leslie.fertilityRates
        guard let last = f.indices.last(where: { f[$0] > 0 && $0 < f.count - 1 }) else { return a }
        a[0, last] = f[last] / (1 + leslie.sexRatioAtBirth)
        return a
    }

    static func within(_ value: Double, _ expected: Double, decimals: Int) -> Bool {
        abs(value - expected) <= 0.5 * pow(10, -Double(decimals)) * (1 + 1e-9)
    }

    @Test(arguments: populations.map(\.code))
    func reproducesDemogR(_ code: String) throws {
        let expected = try #require(Self.populations.first { $0.code == code })
        let computed = try Self.compute(code, year: expected.year)
        let stable = try StablePopulation(matrix: Self.demogRQuirk(computed.leslie), width: 5)
        let r0 = try stable.netReproductiveRate()
        let t = try stable.generationTime()
        #expect(Self.within(computed.e0, expected.e0, decimals: 2))
        #expect(Self.within(stable.dominantEigenvalue, expected.lambda, decimals: 5))
        #expect(Self.within(stable.intrinsicRate, expected.r, decimals: 5))
        #expect(Self.within(r0, expected.r0, decimals: 3))
        #expect(Self.within(t, expected.generationTime, decimals: 1))
    }

    /// Without demogR's last-column quirk, λ still agrees to 1e-3 relative (the tolerance),
/// R0 only to 2e-3.
    @Test(arguments: populations.map(\.code))
    func unmodifiedMatrixAgreesWithDemogRToOnePerMille(_ code: String) throws {
        let expected = try #require(Self.populations.first { $0.code == code })
        let computed = try Self.compute(code, year: expected.year)
        let stable = try computed.leslie.stablePopulation()
        #expect(relativeError(stable.dominantEigenvalue, expected.lambda) < 1e-3)
        // R0 moves more (Madagascar 1.8842 vs 1.881, 1.7e-3): the quirk is in every generation's births.
        #expect(relativeError(try stable.netReproductiveRate(), expected.r0) < 2e-3)
        // e0 implied by the matrix's Sx equals the life table's.
        #expect(abs(try computed.leslie.lifeExpectancyAtBirth() - computed.e0) < 1e-9)
    }
}
