import Testing
import Foundation

/// `popproj lifetable` with the table options of DemoTools, checked against the
/// DemoTools 01.13.77 reference tables (Tests/Fixtures/lifetable-demotools).
@Suite struct LifeTableCommandTests {
    static func reference(_ name: String, column: String, age: Int) throws -> Double {
        let text = try String(contentsOf: PopProjRunner.fixture("lifetable-demotools/tables.csv"), encoding: .utf8)
        let prefix = "\(name),\(column),\(age),"
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix(prefix) })
        return try #require(Double(line.dropFirst(prefix.count)))
    }

    /// `--extend-to 110 --law kannisto --fit-ages 80-99` is DemoTools'
    /// `lt_single_mx(extrapLaw = "kannisto", extrapFit = 80:99, OAnew = 110)`.
    @Test func extendedTableIsDemoToolsSingleYearTable() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("lt-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try PopProjRunner.run(["lifetable", "--mx", PopProjRunner.fixture("canada1x1/mx.csv").path, "--year", "2019",
                                         "--sex", "female", "--extend-to", "110", "--law", "kannisto", "--fit-ages", "80-99",
                                         "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",") }
        for age in [0, 65, 100, 110] {
            let row = try #require(rows.first { $0.count > 11 && $0[0] == "2019" && $0[1] == "female" && $0[2] == "\(age)"[...] })
            let ex = try #require(Double(row[11]))
            let expected = try Self.reference("canada2019_female_single_kannisto_110", column: "ex", age: age)
            #expect(abs(ex - expected) / expected < 1e-6, "e\(age): \(ex) vs \(expected)")
        }
    }

    /// `--sex both --population` weights the sexes' rates by population (DemoTools, Sex = "b").
    @Test func bothSexesTableIsDemoToolsBothSexesTable() throws {
        let run = try PopProjRunner.run(["lifetable", "--mx", PopProjRunner.fixture("canada1x1/mx.csv").path, "--year", "1950",
                                         "--sex", "both", "--population", PopProjRunner.fixture("canada1x1/pop_base.csv").path,
                                         "--law", "kannisto", "--fit-ages", "80-99"])
        #expect(run.status == 0, "\(run.stderr)")
        let expected = try Self.reference("canada1950_both_sexes_single", column: "ex", age: 0)
        #expect(run.stdout.hasPrefix("Both, 1950: e0 = \(String(format: "%.2f", expected)) years"), "\(run.stdout.prefix(80))")
    }

    @Test func inputsAreExclusiveAndBothSexesNeedsPopulation() throws {
        let mx = PopProjRunner.fixture("canada1x1/mx.csv").path
        let two = try PopProjRunner.run(["lifetable", "--mx", mx, "--qx", mx])
        #expect(two.status != 0 && two.stderr.contains("exactly one of --mx, --qx and --lx"), "\(two.stderr)")
        let both = try PopProjRunner.run(["lifetable", "--mx", mx, "--sex", "both"])
        #expect(both.status != 0 && both.stderr.contains("--sex both needs death rates (--mx, or --deaths with --exposures) and --population"), "\(both.stderr)")
        let law = try PopProjRunner.run(["lifetable", "--mx", mx, "--law", "weibull"])
        #expect(law.status != 0 && law.stderr.contains("kannisto-makeham"), "\(law.stderr)")
    }
}

extension LifeTableCommandTests {
    static func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lt-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func badDeathProbabilitiesAreRefusedWithFileLineAndValue() throws {
        let file = try Self.write("year,sex,age,open_age,value\n2000,female,0,0,0.01\n2000,female,1,0,1.5\n2000,female,5,1,1\n"
                                  + "2000,male,0,0,0.01\n2000,male,1,0,0.01\n2000,male,5,1,1\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try PopProjRunner.run(["lifetable", "--qx", file.path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("line 3, column value: found \"1.5\", expected a proportion from 0 to 1"), "\(run.stderr)")
    }

    @Test func certainDeathBeforeTheOpenAgeNamesYearSexAndAge() throws {
        let file = try Self.write("year,sex,age,open_age,value\n2000,female,0,0,0.01\n2000,female,1,0,1\n2000,female,5,1,1\n"
                                  + "2000,male,0,0,0.01\n2000,male,1,0,0.01\n2000,male,5,1,1\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try PopProjRunner.run(["lifetable", "--qx", file.path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("year 2000, female: female death probability nqx at age 1-4"), "\(run.stderr)")
    }

    @Test func populationOfAnotherYearIsRefused() throws {
        let mx = try Self.write("year,sex,age,open_age,value\n1999,female,0,0,0.01\n1999,female,1,1,0.1\n1999,male,0,0,0.01\n1999,male,1,1,0.1\n")
        let pop = try Self.write("year,sex,age,open_age,value\n2000,female,0,0,10\n2000,female,1,1,100\n2000,male,0,0,10\n2000,male,1,1,100\n"
                                 + "2001,female,0,0,10\n2001,female,1,1,100\n2001,male,0,0,10\n2001,male,1,1,100\n")
        defer { try? FileManager.default.removeItem(at: mx); try? FileManager.default.removeItem(at: pop) }
        let run = try PopProjRunner.run(["lifetable", "--mx", mx.path, "--sex", "both", "--population", pop.path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("has no population for 1999 (years: 2000, 2001)"), "\(run.stderr)")
    }
}
