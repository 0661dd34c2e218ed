import Testing
import Foundation

/// Audit F1, F9 and F13 through the command line: no trap on huge totals, no NaN or
/// inf written with exit 0, and messages that say what is wrong.
@Suite struct NumericOutputTests {
    /// A copy of fixture `name` with every `value` of `file` replaced.
    static func copy(_ name: String, setting file: String, to value: String) throws -> URL {
        let dir = PopProjRunner.temporaryDirectory()
        try FileManager.default.copyItem(at: PopProjRunner.fixture(name), to: dir)
        let url = dir.appendingPathComponent(file)
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        let header = lines[0].components(separatedBy: ",")
        let column = try #require(header.firstIndex(of: "value"))
        for i in 1..<lines.count where !lines[i].isEmpty {
            var fields = lines[i].components(separatedBy: ",")
            fields[column] = value
            lines[i] = fields.joined(separator: ",")
        }
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return dir
    }

    // F1: signal 4 in the printed table; the folder was written before the crash.
    // 3e17 persons a cell is now beyond a population count's limit (1e11) and is
    // refused where it is read; the printing of such totals is TableFormattingTests'.
    @Test func totalsAbove2To63AreRefusedWhereRead() throws {
        let dir = try Self.copy("sweden1993", setting: "pop_base.csv", to: "3e17")
        let out = dir.appendingPathComponent("out")
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try PopProjRunner.run(["project", "--data", dir.path, "--out", out.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("pop_base.csv, line 2, column value: found \"3e17\", expected a population count from 0 to 1e11"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    // F2: signal 4 in the tick labels of total_population.svg. 1e22 a cell is now
    // refused where it is read; huge ticks are drawn in TableFormattingTests.
    @Test func hugeVariantsPopulationIsRefusedWhereRead() throws {
        let dir = try Self.copy("wpp2017", setting: "pop_base.csv", to: "1e22")
        let out = dir.appendingPathComponent("out")
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try PopProjRunner.run(["project", "--data", dir.path, "--location", "752", "--variants", "medium,high", "--out", out.path, "--quiet"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("pop_base.csv, line "), "\(run.stderr)")
        // Tests/Fixtures/wpp2017 declares thousands: the limit is 1e8 thousand (1e11 persons).
        #expect(run.stderr.contains("found \"1e22\", expected a population count in thousands from 0 to 1e8"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    // F9: all-zero pop_base.csv wrote growth_rate = inf, median_age = nan, "medianAge" : "nan".
    @Test func allZeroBasePopulationIsRefused() throws {
        for name in ["sweden1993", "wpp2017"] {
            let dir = try Self.copy(name, setting: "pop_base.csv", to: "0")
            let out = dir.appendingPathComponent("out")
            defer { try? FileManager.default.removeItem(at: dir) }
            let run = try PopProjRunner.run(["project", "--data", dir.path, "--location", "752", "--out", out.path])
            #expect(run.status == 1, "\(name)")
            #expect(run.stderr.contains("expected people to project (it is 0 in every age group and sex)"), "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
    }

    // F9: 1e308 in asfr.csv wrote inf populations with exit 0.
    @Test func overflowIsRefusedAndNothingWritten() throws {
        let dir = try Self.copy("sweden1993", setting: "asfr.csv", to: "1e308")
        let out = dir.appendingPathComponent("out")
        defer { try? FileManager.default.removeItem(at: dir) }
        for arguments in [["--out", out.path, "--quiet"], ["--format", "csv"], []] {
            let run = try PopProjRunner.run(["project", "--data", dir.path] + arguments)
            #expect(run.status == 1, "\(arguments)")
            #expect(run.stderr.contains("asfr.csv, line 2, column value: found \"1e308\", expected an age-specific fertility rate"), "\(run.stderr)")
            #expect(!run.stdout.contains("inf") && !run.stdout.contains("nan"))
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    // F13: "net reproduction rate of the schedule to rescale is 0.0" without the variant's name.
    @Test func failingVariantIsNamed() throws {
        let dir = try Self.copy("wpp2017", setting: "tfr.csv", to: "0")
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try PopProjRunner.run(["project", "--data", dir.path, "--location", "752", "--variants", "all", "--quiet"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\npopproj: the instant-replacement variant: "), "\(run.stderr)")
    }

    // F9: a published total of 0 printed "difference +inf %".
    @Test func differenceFromAPublishedZeroIsNotApplicable() throws {
        let dir = PopProjRunner.temporaryDirectory()
        try FileManager.default.copyItem(at: PopProjRunner.fixture("wpp2017"), to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("expected_pop_total.csv")
        let text = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n").map { line in
            line.hasPrefix("752,") ? line.components(separatedBy: ",").prefix(2).joined(separator: ",") + ",0" : line
        }.joined(separator: "\n")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let run = try PopProjRunner.run(["project", "--data", dir.path, "--location", "752"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("published 0 (difference n/a)"))
        #expect(!run.stdout.contains("inf"))
    }

    // F13: "the data have periods starting in" followed by nothing.
    @Test func stableDataWithoutFullRatesSaysWhy() throws {
        let wpp = try PopProjRunner.run(["stable", "--data", PopProjRunner.fixture("wpp2017").path, "--year", "2015", "--location", "752"])
        #expect(wpp.status == 1)
        #expect(wpp.stderr.contains("holds UN WPP summary assumptions"))
        let dir = PopProjRunner.temporaryDirectory()
        try FileManager.default.copyItem(at: PopProjRunner.fixture("canada1x1"), to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("life_table.csv"))
        let mx = try PopProjRunner.run(["stable", "--data", dir.path, "--year", "1950"])
        #expect(mx.status == 1)
        #expect(mx.stderr.contains("because they hold no survival ratios"), "\(mx.stderr)")
        let sweden = try PopProjRunner.run(["stable", "--data", PopProjRunner.fixture("sweden1993").path, "--year", "1800"])
        #expect(sweden.stderr.hasPrefix("popproj: no period starts in 1800; the data have periods starting in 1993"))
    }
}
