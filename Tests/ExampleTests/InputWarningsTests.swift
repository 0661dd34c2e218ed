import Testing
import Foundation

/// Values legal but unusual are read and the run goes on; the warning reaches
/// standard error, and a refused value stops the run with its place.
@Suite struct InputWarningsTests {
    static func damagedSweden(srb: String) throws -> URL {
        let dir = PopProjRunner.temporaryDirectory()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let data = dir.appendingPathComponent("sweden1993")
        try FileManager.default.copyItem(at: PopProjRunner.fixture("sweden1993"), to: data)
        try "year,value\n1993,\(srb)\n".write(to: data.appendingPathComponent("srb.csv"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func unusualValueIsWarnedOnStandardErrorAndTheRunGoesOn() throws {
        let dir = try Self.damagedSweden(srb: "1.3")
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try PopProjRunner.run(["project", "--data", dir.appendingPathComponent("sweden1993").path,
                                         "--out", dir.appendingPathComponent("out").path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("popproj: warning: srb.csv, line 2, column value: found \"1.3\""), "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/population.csv").path))
    }

    @Test func sexRatioPer100FemalesStopsTheRunWithTheHint() throws {
        let dir = try Self.damagedSweden(srb: "105.9")
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try PopProjRunner.run(["project", "--data", dir.appendingPathComponent("sweden1993").path,
                                         "--out", dir.appendingPathComponent("out").path, "--quiet"])
        #expect(run.status != 0)
        #expect(run.stderr == "popproj: srb.csv, line 2, column value: found \"105.9\", expected a sex ratio at birth in males per female from 0.5 to 2; it looks like males per 100 females; divide by 100 (1.059) or declare srb,per 100 females in units.csv\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    /// F11: deleting every age-50 row of an abridged mx file was read as a
    /// ten-year group 45–54 by `popproj lifetable`.
    @Test func lifetableRefusesAGapInTheAges() throws {
        let dir = PopProjRunner.temporaryDirectory()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOf: PopProjRunner.fixture("wpp2017/mx.csv"), encoding: .utf8)
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.split(separator: ",").dropFirst(3).first != "50" }
        #expect(kept.count < text.split(separator: "\n", omittingEmptySubsequences: false).count)
        let mx = dir.appendingPathComponent("mx.csv")
        try kept.joined(separator: "\n").write(to: mx, atomically: true, encoding: .utf8)
        let run = try PopProjRunner.run(["lifetable", "--mx", mx.path, "--location", "752"])
        #expect(run.status != 0)
        #expect(run.stderr.hasPrefix("popproj: mx.csv, line "), "\(run.stderr)")
        #expect(run.stderr.hasSuffix("column age: found \"55\", expected no gap in the age groups: ages 45 and 55 follow each other, but the grid has 5-year groups; missing age 50\n"), "\(run.stderr)")
    }
}
