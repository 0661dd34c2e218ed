import Testing
import Foundation
import Demography
import DemographyIO

/// `popproj project --grid 1x1`: the UN's single-year method emulated from the
/// five-year WPP 2024 inputs (``SingleYearEmulation``), written on single ages and
/// single years like the five-year files.
@Suite struct SingleYearGridTests {
    /// population.csv rows (year,sex,age,open_age,value) summed by year.
    static func totals(_ csv: String) -> [Int: Double] {
        var out: [Int: Double] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            guard f.count == 5, let year = Int(f[0]), let value = Double(f[4]) else { continue }
            out[year, default: 0] += value
        }
        return out
    }

    @Test func canadaRunsAnnuallyOnSingleAgesKeepingTheBaseTotal() throws {
        let out = PopProjRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        // The embedded dataset (no single-age annual migration: the five-year counts spread; fast in a debug build).
        let run = try PopProjRunner.run(["project", "--location", "CAN", "--grid", "1x1", "--out", out.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let csv = try String(contentsOf: out.appendingPathComponent("population.csv"), encoding: .utf8)
        let totals = Self.totals(csv)
        #expect(totals.keys.sorted() == Array(2020...2100))
        // Ages 0..99 and 100+ for each sex and year.
        #expect(csv.split(separator: "\n").count == 1 + 81 * 2 * 101)
        // Identity: graduation keeps the five-year base (data/wpp2024 pop_base.csv, Canada 124).
        let base = try DatasetSource.directory(PopProjRunner.repository("data/wpp2024")).table("pop_base.csv")
        let code = try #require(base.header.firstIndex(of: "country_code")), value = try #require(base.header.firstIndex(of: "value"))
        let published = base.rows.filter { $0[code] == "124" }.compactMap { Double($0[value]) }.reduce(0, +)
        #expect(abs(try #require(totals[2020]) / published - 1) < 1e-12)
        // The UN's published 1 July 2100 total (expected_pop_total.csv, WPP 2024 medium): within 1 % (measured -0.07 %).
        let expected = try DatasetSource.directory(PopProjRunner.repository("data/wpp2024")).table("expected_pop_total.csv")
        let y = try #require(expected.header.firstIndex(of: "year"))
        let v = try #require(expected.header.firstIndex(of: "value"))
        let c = try #require(expected.header.firstIndex(of: "country_code"))
        let un2100 = try #require(expected.rows.first { $0[c] == "124" && $0[y] == "2100" }.flatMap { Double($0[v]) })
        #expect(abs(try #require(totals[2100]) / un2100 - 1) < 0.01)
    }

    /// Low and high on single years: the medium's annual TFR moved by the UN's
    /// phased offset (``SingleYearEmulation``). Identity: the
    /// variants differ from the medium only in fertility from 2024 (data/wpp2024
    /// SOURCE.md), so the populations up to 1 July 2023 are the medium's. Against
    /// the published annual low and high totals of Canada (expected_pop_total_1x1_low
    /// and _high, 31 December: a 1 July figure is the mean of the two around it),
    /// within 0.5 % in 2050 (measured: Canada −0.03 % low, −0.15 % high; the twelve:
    /// median 0.03 % low, 0.05 % high).
    @Test func lowAndHighFollowThePublishedVariantTotals() throws {
        var totals: [String: [Int: Double]] = [:]
        for variant in ["medium", "low", "high"] {
            let out = PopProjRunner.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: out) }
            let run = try PopProjRunner.run(["project", "--location", "124", "--grid", "1x1", "--variant", variant, "--out", out.path, "--quiet"])
            #expect(run.status == 0, "\(run.stderr)")
            totals[variant] = Self.totals(try String(contentsOf: out.appendingPathComponent("population.csv"), encoding: .utf8))
        }
        let medium = try #require(totals["medium"])
        for variant in ["low", "high"] {
            let v = try #require(totals[variant])
            for year in 2020...2023 { #expect(v[year] == medium[year], "\(variant) \(year)") }
            let published = try EmbeddedDatasets.wpp2024.source(for: "124").table("expected_pop_total_1x1_\(variant).csv")
            let y = try #require(published.header.firstIndex(of: "year")), x = try #require(published.header.firstIndex(of: "value"))
            let byYear = Dictionary(published.rows.compactMap { r in Int(r[y]).flatMap { year in Double(r[x]).map { (year, $0) } } },
                                    uniquingKeysWith: { a, _ in a })
            let un = (try #require(byYear[2049]) + (try #require(byYear[2050]))) / 2
            #expect(abs(try #require(v[2050]) / un - 1) < 0.005, "\(variant)")
        }
        #expect(try #require(totals["low"]?[2100]) < (try #require(medium[2100])))
        #expect(try #require(totals["high"]?[2100]) > (try #require(medium[2100])))
    }

    @Test func otherVariantsAndProbabilisticRunsAreRefused() throws {
        for arguments in [["--variant", "zero-migration"], ["--variants", "all"], ["--trajectories", "10"]] {
            let run = try PopProjRunner.run(["project", "--location", "kenya", "--grid", "1x1"] + arguments)
            #expect(run.status != 0)
            #expect(run.stderr.contains("--grid 1x1"), "\(arguments): \(run.stderr)")
        }
        let unknown = try PopProjRunner.run(["project", "--location", "kenya", "--grid", "2x2"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("2x2"))
    }

    @Test func fullRateDataAreRefusedWithTheirGrid() throws {
        let run = try PopProjRunner.run(["project", "--data", PopProjRunner.fixture("sweden1993").path, "--grid", "1x1"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--grid 1x1 needs WPP summary assumptions"), "\(run.stderr)")
    }
}
