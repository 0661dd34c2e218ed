import Testing
import Foundation

/// `popproj multiregional`: the Willekens & Rogers example and the Washington counties.
@Suite struct MultiregionalCommandTests {
    static func rows(_ url: URL) throws -> [[String]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    }

    @Test func willekensRogersWritesTheProjectionAndFlows() throws {
        let out = PopProjRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try PopProjRunner.run(["multiregional", "--data", PopProjRunner.fixture("multiregional").path,
                                         "--out", out.path, "--stable"])
        #expect(run.status == 0, "\(run.stderr)")
        let population = try Self.rows(out.appendingPathComponent("population.csv"))
        #expect(population[0] == ["year", "region", "sex", "age", "open_age", "value"])
        // Table 3.2: Slovenia 0-4 in 2001, 81,001 (whole numbers).
        let cell = try #require(population.first { $0[0] == "2001" && $0[1] == "slovenia" && $0[3] == "0" })
        #expect(abs(Double(cell[5])! - 81_001) <= 0.5)
        let flows = try Self.rows(out.appendingPathComponent("flows.csv"))
        #expect(flows[0] == ["year", "origin", "destination", "sex", "age", "open_age", "value"])
        #expect(flows.count == 1 + 8 * 2 * 18)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("stable.csv").path))
    }

    @Test func washingtonCountiesRun() throws {
        let out = PopProjRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try PopProjRunner.run(["multiregional", "--data", PopProjRunner.fixture("washington").path,
                                         "--out", out.path, "--steps", "2", "--flow-steps", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("assumption: Internal migration"))
        let population = try Self.rows(out.appendingPathComponent("population.csv"))
        #expect(population.count == 1 + 3 * 39 * 2 * 101)
        #expect(population.contains { $0[1] == "King" })
        let flows = try Self.rows(out.appendingPathComponent("flows.csv"))
        #expect(flows.count == 1 + 39 * 38 * 2 * 101)
    }

    @Test func aFailedRunWritesNothing() throws {
        let out = PopProjRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let bad = PopProjRunner.temporaryDirectory()
        try FileManager.default.createDirectory(at: bad, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: bad) }
        let source = PopProjRunner.fixture("multiregional")
        for name in ["pop_base.csv", "deaths.csv", "births.csv"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: bad.appendingPathComponent(name))
        }
        try "year,origin,destination,sex,age,open_age,value\n1961,slovenia,croatia,female,0,0,5\n"
            .write(to: bad.appendingPathComponent("mig_flows.csv"), atomically: true, encoding: .utf8)
        let run = try PopProjRunner.run(["multiregional", "--data", bad.path, "--out", out.path])
        #expect(run.status != 0)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("mig_flows.csv"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
