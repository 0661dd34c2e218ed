import Testing
import Foundation
import Demography
import DemographyIO

/// The UN's World Population Prospects 2017 medium, high and low variants for
/// eight countries (Tests/Fixtures/wpp2017), projected 5x5 from 2015 with the
/// assumptions as published: TFR and PASFR, abridged mx (Coale-Demeny a0/4a1,
/// L(100+) = l/M), SRB, total net migrants with `even` timing.
///
/// WPP 2017 publishes no age pattern of migration, so each pattern we offer is
/// checked against the acceptance bounds of the issue: median absolute error of
/// the total at most 0.3 % in 2050 and 1 % in 2100; Nigeria, Niger, Brazil and
/// India within 0.75 % in 2100; high and low variants within 2 % in 2100.
@Suite struct WPP2017Tests {
    static let countries = ["392", "566", "356", "276", "76", "752", "562", "840"]
    static let closeFour: Set<String> = ["566", "562", "76", "356"]

    static func published(_ file: String) throws -> [String: [Int: Double]] {
        let t = try CSVTable.read(Fixture.url("wpp2017/\(file)"))
        guard let c = t.header.firstIndex(of: "country_code"), let y = t.header.firstIndex(of: "year"),
              let v = t.header.firstIndex(of: "value") else { return [:] }
        var out: [String: [Int: Double]] = [:]
        for row in t.rows { out[row[c], default: [:]][Int(row[y]) ?? 0] = Double(row[v]) }
        return out
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    @Test(arguments: [("un-family", MigrationPatternChoice.unFamily(.family)),
                      ("rogers-castro", .rogersCastro()), ("residual", .residual)])
    func totalsMatchThePublishedVariants(_ name: String, _ pattern: MigrationPatternChoice) throws {
        let medium = try Self.published("expected_pop_total.csv")
        let high = try Self.published("expected_pop_total_high.csv")
        let low = try Self.published("expected_pop_total_low.csv")
        var errors2050: [Double] = [], errors2100: [Double] = []
        for code in Self.countries {
            let dataset = try AssumptionsReader(location: code).read(.directory(Fixture.url("wpp2017")), migrationPattern: pattern)
            let run = try dataset.assumptions.projection(.medium).run()
            #expect(run.years[7] == 2050 && run.years.last == 2100)
            let e2050 = abs(run.populations[7].total / (try #require(medium[code]?[2050])) - 1)
            let e2100 = abs(run.final.total / (try #require(medium[code]?[2100])) - 1)
            errors2050.append(e2050)
            errors2100.append(e2100)
            if Self.closeFour.contains(code) {
                #expect(e2100 <= 0.0075, "\(name) \(code): \(e2100)")
                for (variant, published) in [(ProjectionVariant.high, high), (.low, low)] {
                    let total = try dataset.assumptions.projection(variant).run().final.total
                    #expect(abs(total / (try #require(published[code]?[2100])) - 1) <= 0.02, "\(name) \(code) \(variant)")
                }
            }
        }
        #expect(Self.median(errors2050) <= 0.003, "\(name): \(errors2050)")
        #expect(Self.median(errors2100) <= 0.01, "\(name): \(errors2100)")
    }

    @Test func accountingIdentityHoldsInEveryVariant() throws {
        for code in Self.countries {
            let assumptions = try AssumptionsReader(location: code).read(.directory(Fixture.url("wpp2017")), migrationPattern: .default).assumptions
            for variant in ProjectionVariant.allCases {
                let result = try assumptions.projection(variant).run()
                for (k, step) in result.steps.enumerated() where !step.wasFloored {
                    #expect(abs(step.accountingResidual(from: result.populations[k])) <= 1e-9 * step.population.total)
                }
            }
        }
    }

    @Test func unknownLocationIsRefused() throws {
        #expect(throws: DatasetError.self) {
            try AssumptionsReader(location: "999").read(.directory(Fixture.url("wpp2017")), migrationPattern: .default)
        }
    }
}
