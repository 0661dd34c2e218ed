import Testing
import Foundation
import Demography
import DemographyIO

/// `popproj project --until YEAR`, the message of death rates without survival
/// ratios, and `--ages` on the command line.
@Suite struct HorizonCommandTests {
    /// Sweden 1993 (one period, 1993–1998) to 2008: the header and summary.json say
    /// that the rates are held constant after 1998, and the written population of
    /// 2008 is the library's projection of the held inputs.
    @Test func untilHoldsTheLastRatesAndSaysSo() throws {
        let out = PopProjRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let data = PopProjRunner.fixture("sweden1993")
        let run = try PopProjRunner.run(["project", "--data", data.path, "--until", "2008", "--out", out.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let table = try PopProjRunner.run(["project", "--data", data.path, "--until", "2008"])
        #expect(table.stdout.split(separator: "\n").first?.contains("rates held constant after 1998") == true, "\(table.stdout)")
        let json = try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8)
        #expect(json.contains("rates held constant after 1998"))
        let inputs = try DatasetReader().read(directory: data).inputs
        let expected = try inputs.horizon(until: 2008, survival: .given).inputs.projection(survival: .given).run()
        let population = try TidyFile.schedulesBySex(out.appendingPathComponent("population.csv")).values
        #expect(population[2008] == expected.final.counts)
    }

    @Test func untilOffTheProjectionDatesIsOneLine() throws {
        let run = try PopProjRunner.run(["project", "--data", PopProjRunner.fixture("sweden1993").path, "--until", "2000"])
        #expect(run.status != 0)
        #expect(run.stderr.hasPrefix("popproj: --until 2000: "))
        #expect(run.stderr.contains("1998, 2003"))
    }

    /// Full rates with mx.csv and no life_table.csv under the default --survival given.
    @Test func deathRatesWithoutLifeTableNameTheFileAndTheOption() throws {
        let dir = PopProjRunner.temporaryDirectory()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fixture = PopProjRunner.fixture("sweden1993")
        for file in ["pop_base.csv", "asfr.csv", "srb.csv"] {
            try FileManager.default.copyItem(at: fixture.appendingPathComponent(file), to: dir.appendingPathComponent(file))
        }
        var mx = ["year,sex,age,open_age,value"]
        for sex in ["female", "male"] {
            for age in stride(from: 0, through: 85, by: 5) { mx.append("1993,\(sex),\(age),\(age == 85 ? 1 : 0),\(0.0005 * exp(Double(age) / 12))") }
        }
        try (mx.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("mx.csv"), atomically: true, encoding: .utf8)
        let run = try PopProjRunner.run(["project", "--data", dir.path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("no life_table.csv") && run.stderr.contains("give --survival recompute"), "\(run.stderr)")
        let check = try PopProjRunner.run(["check", "--data", dir.path])
        #expect(check.stdout.contains("give --survival recompute"), "\(check.stdout)")
        let recompute = try PopProjRunner.run(["project", "--data", dir.path, "--survival", "recompute", "--until", "2003"])
        #expect(recompute.status == 0, "\(recompute.stderr)")
    }

    @Test func helpListsAgesAndUntil() throws {
        let run = try PopProjRunner.run(["project", "--help"])
        #expect(run.stdout.contains("--ages") && run.stdout.contains("--until"))
    }
    /// WPP 2017 (Tests/Fixtures/wpp2017) with mx.csv and hist_mx.csv cut to 85+:
    /// `check` reports the two grids, and with `--ages` the files are reconciled as
    /// `project` reconciles them (the readers' results: AgeGridReconciliationTests).
    @Test func agesOptionReconcilesInCheckAndProject() throws {
        let source = PopProjRunner.fixture("wpp2017")
        let dir = PopProjRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name.hasSuffix(".csv") {
            var text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
            if name == "mx.csv" || name == "hist_mx.csv" {
                text = text.split(whereSeparator: \.isNewline).compactMap { line -> String? in
                    let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                    guard f.count == 6, let age = Int(f[3]) else { return String(line) }
                    return age < 85 ? String(line) : age == 85 ? "\(f[0]),\(f[1]),\(f[2]),85,1,\(f[5])" : nil
                }.joined(separator: "\n") + "\n"
            }
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let refused = try PopProjRunner.run(["check", "--data", dir.path, "--location", "752"])
        #expect(refused.status != 0 && refused.stdout.contains("give --ages regroup"), "\(refused.stdout)")
        let regrouped = try PopProjRunner.run(["check", "--data", dir.path, "--location", "752", "--ages", "regroup"])
        #expect(regrouped.status == 0 && regrouped.stdout.hasPrefix("no problems found"), "\(regrouped.stdout)\(regrouped.stderr)")
        let run = try PopProjRunner.run(["project", "--data", dir.path, "--location", "752", "--ages", "extend", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
    }
}
