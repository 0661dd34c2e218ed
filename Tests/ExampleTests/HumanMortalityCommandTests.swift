import Testing
import Foundation

/// `popproj lifetable` and `popproj project` on Human Mortality and Fertility
/// Database files as they come (Tests/Fixtures/hmd, Tests/Fixtures/hfd).
@Suite struct HumanMortalityCommandTests {
    static func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// An HMD Mx_1x1.txt and the same rates in the tidy layout write the same life tables.
    @Test func lifetableReadsAnHMDFileAsTheTidyOne() throws {
        let dir = PopProjRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let hmd = dir.appendingPathComponent("hmd.csv"), tidy = dir.appendingPathComponent("tidy.csv")
        let a = try PopProjRunner.run(["lifetable", "--mx", PopProjRunner.fixture("hmd/Mx_1x1.txt").path, "--out", hmd.path])
        let b = try PopProjRunner.run(["lifetable", "--mx", PopProjRunner.fixture("hmd/mx_tidy.csv").path, "--out", tidy.path])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        #expect(try Self.read(hmd) == (try Self.read(tidy)))
        #expect(a.stdout.hasPrefix("Female, 2018: e0 = "))
    }

    /// --deaths and --exposures give the life tables of their quotient, which is Mx_1x1.txt.
    @Test func lifetableFromDeathsAndExposures() throws {
        let dir = PopProjRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let de = dir.appendingPathComponent("de.csv"), mx = dir.appendingPathComponent("mx.csv")
        let a = try PopProjRunner.run(["lifetable", "--deaths", PopProjRunner.fixture("hmd/Deaths_1x1.txt").path,
                                       "--exposures", PopProjRunner.fixture("hmd/Exposures_1x1.txt").path, "--out", de.path])
        let b = try PopProjRunner.run(["lifetable", "--mx", PopProjRunner.fixture("hmd/Mx_1x1.txt").path, "--out", mx.path])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        #expect(try Self.read(de) == (try Self.read(mx)))
        let alone = try PopProjRunner.run(["lifetable", "--deaths", PopProjRunner.fixture("hmd/Deaths_1x1.txt").path])
        #expect(alone.status != 0)
        #expect(alone.stderr.contains("--deaths and --exposures go together (mx = D/E)"), "\(alone.stderr)")
    }

    /// The HMD/HFD folder as --data: one annual step whose population changes by
    /// births minus deaths (no migration), read back from the written files.
    @Test func projectFromAnHMDFolder() throws {
        let data = PopProjRunner.temporaryDirectory(), out = PopProjRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data); try? FileManager.default.removeItem(at: out) }
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for name in ["Deaths_1x1.txt", "Exposures_1x1.txt", "Population.txt", "Births.txt"] {
            try FileManager.default.copyItem(at: PopProjRunner.fixture("hmd/" + name), to: data.appendingPathComponent(name))
        }
        try FileManager.default.copyItem(at: PopProjRunner.fixture("hfd/asfrRR.txt"), to: data.appendingPathComponent("asfrRR.txt"))
        let run = try PopProjRunner.run(["project", "--data", data.path, "--survival", "recompute", "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("base year 2019: population on 1 January 2019"), "\(run.stdout)")
        /// Each year's sum over sexes (and ages) of a written file; `both` rows left out.
        func sums(_ file: String) throws -> [String: Double] {
            var total: [String: Double] = [:]
            for line in try Self.read(out.appendingPathComponent(file)).split(separator: "\n").dropFirst() {
                let f = line.split(separator: ",")
                if f[1] == "both" { continue }
                total[String(f[0]), default: 0] += Double(f[f.count - 1]) ?? .nan
            }
            return total
        }
        let population = try sums("population.csv"), births = try sums("births.csv"), deaths = try sums("deaths.csv")
        let p0 = try #require(population["2019"]), p1 = try #require(population["2020"])
        let b = try #require(births["2019"]), d = try #require(deaths["2019"])
        #expect(abs(p1 - (p0 + b - d)) <= 1e-6 * p0, "\(p1 - (p0 + b - d))")
    }
}
