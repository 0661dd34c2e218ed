import Testing
import Foundation
import Demography
import DemographyIO

/// End to end: `popproj project` writes what the library computes, and bad
/// command lines give one line on standard error and a non-zero exit.
@Suite struct ProjectCommandTests {
    @Test func writesTheLibrarysResults() throws {
        let out = PopProjRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let data = PopProjRunner.fixture("sweden1993")
        let run = try PopProjRunner.run(["project", "--data", data.path, "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let expected = try DatasetReader().read(directory: data).inputs.projection(survival: .given).run()
        let files = try ProjectionTables.all(expected)
        for name in ["population.csv", "births.csv", "births_by_age.csv", "deaths.csv"] {
            let written = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            #expect(written == files[name], "\(name)")
        }
        // The written population reads back to the library's numbers exactly.
        let population = try TidyFile.schedulesBySex(out.appendingPathComponent("population.csv")).values
        #expect(population[1998] == expected.final.counts)
    }

    @Test func unknownOptionIsOneLine() throws {
        let run = try PopProjRunner.run(["project", "--bogus"])
        #expect(run.status != 0)
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stderr.contains("--bogus"))
    }

    @Test func missingDataDirectoryIsOneLine() throws {
        let run = try PopProjRunner.run(["project", "--data", "/nonexistent/dataset"])
        #expect(run.status != 0)
        #expect(run.stderr == "popproj: /nonexistent/dataset: expected a dataset directory\n")
    }

    @Test func unwritableOutputIsOneLineAndWritesNothing() throws {
        let data = PopProjRunner.fixture("sweden1993")
        let run = try PopProjRunner.run(["project", "--data", data.path, "--out", "/proc/popproj-out"])
        #expect(run.status != 0)
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: "/proc/popproj-out"))
    }

    @Test func failedRunWritesNothing() throws {
        // A dataset with a bad value: the run fails before anything is written.
        let data = PopProjRunner.temporaryDirectory()
        let out = PopProjRunner.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: data)
            try? FileManager.default.removeItem(at: out)
        }
        try FileManager.default.copyItem(at: PopProjRunner.fixture("sweden1993"), to: data)
        let srb = data.appendingPathComponent("srb.csv")
        try "year,value\n1993,abc\n".write(to: srb, atomically: true, encoding: .utf8)
        let run = try PopProjRunner.run(["project", "--data", data.path, "--out", out.path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("srb.csv, line 2, column value"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
