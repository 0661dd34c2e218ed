import Testing
import Foundation

/// `popproj check` and `--all-problems`: every problem of a dataset, grouped by file.
@Suite struct CheckCommandTests {
    /// Sweden 1993 with three bad asfr.csv values and a negative SRB.
    static func damagedSweden() throws -> URL {
        let dir = PopProjRunner.temporaryDirectory()
        try FileManager.default.copyItem(at: PopProjRunner.fixture("sweden1993"), to: dir)
        func damage(_ name: String, lines: [Int], value: String) throws {
            let url = dir.appendingPathComponent(name)
            var rows = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
            for i in lines {
                var fields = rows[i].components(separatedBy: ",")
                fields[fields.count - 1] = value
                rows[i] = fields.joined(separator: ",")
            }
            try rows.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        try damage("asfr.csv", lines: [1, 2, 3], value: "abc")
        try damage("srb.csv", lines: [1], value: "-1")
        return dir
    }

    @Test func cleanDatasetsHaveNoProblems() throws {
        for (name, layout, extra) in [("sweden1993", "full rates", [String]()),
                                      ("wpp2017", "UN WPP summary assumptions", ["--location", "752"]),
                                      ("multiregional", "multiregional, Willekens & Rogers", [])] {
            let path = PopProjRunner.fixture(name).path
            let run = try PopProjRunner.run(["check", "--data", path] + extra)
            #expect(run.status == 0, "\(name): \(run.stderr)")
            #expect(run.stdout == "no problems found in \(path) (layout: \(layout))\n")
        }
    }

    @Test func everyProblemIsListedByFile() throws {
        let dir = try Self.damagedSweden()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try PopProjRunner.run(["check", "--data", dir.path])
        #expect(run.status == 1)
        #expect(run.stdout == """
            \(dir.path) (layout: full rates): 4 problems in 2 files
            asfr.csv: 3 problems
              line 2, column value: found "abc", expected an age-specific fertility rate in births per woman: a plain decimal number such as 12, 0.25 or 1.5e-3
              line 3, column value: found "abc", expected an age-specific fertility rate in births per woman: a plain decimal number such as 12, 0.25 or 1.5e-3
              line 4, column value: found "abc", expected an age-specific fertility rate in births per woman: a plain decimal number such as 12, 0.25 or 1.5e-3
            srb.csv: 1 problem
              line 2, column value: found "-1", expected a sex ratio at birth in males per female from 0.5 to 2

            """)
        #expect(run.stderr == "popproj: 4 problems in \(dir.path); the list is above\n")
    }

    @Test func oneLineSummaryPointsToTheWholeList() throws {
        let dir = try Self.damagedSweden()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try PopProjRunner.run(["project", "--data", dir.path])
        #expect(run.status == 1)
        #expect(run.stderr == "popproj: 4 problems in the data; the first: asfr.csv, line 2, column value: found \"abc\", expected an age-specific fertility rate in births per woman: a plain decimal number such as 12, 0.25 or 1.5e-3; run with --all-problems or `popproj check` to see them all\n")
    }

    @Test func allProblemsPrintsTheGroupedList() throws {
        let dir = try Self.damagedSweden()
        defer { try? FileManager.default.removeItem(at: dir) }
        for arguments in [["project", "--data", dir.path], ["stable", "--data", dir.path, "--year", "1993"]] {
            let run = try PopProjRunner.run(arguments + ["--all-problems"])
            #expect(run.status == 1)
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.first == "popproj: 4 problems in 2 files", "\(arguments)")
            #expect(lines.contains("asfr.csv: 3 problems") && lines.contains("srb.csv: 1 problem"))
            #expect(lines.count == 7)
        }
    }

    // F13: "/dev/null" gave "You don't have permission"; a directory "NSCocoaErrorDomain error 256".
    @Test func specialFilesAreRefusedByKind() throws {
        let dir = PopProjRunner.temporaryDirectory()
        try FileManager.default.copyItem(at: PopProjRunner.fixture("sweden1993"), to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let srb = dir.appendingPathComponent("srb.csv")
        try FileManager.default.removeItem(at: srb)
        try FileManager.default.createDirectory(at: srb, withIntermediateDirectories: false)
        let directory = try PopProjRunner.run(["project", "--data", dir.path])
        #expect(directory.status == 1)
        #expect(directory.stderr == "popproj: srb.csv: expected a CSV file, but \(srb.path) is a directory\n")
        try FileManager.default.removeItem(at: srb)
        try FileManager.default.createSymbolicLink(atPath: srb.path, withDestinationPath: "/dev/null")
        let device = try PopProjRunner.run(["project", "--data", dir.path])
        #expect(device.status == 1)
        #expect(device.stderr == "popproj: srb.csv: expected a CSV file, but \(srb.path) is a character device\n")
        try FileManager.default.removeItem(at: srb)
        #expect(mkfifo(srb.path, 0o600) == 0)
        let fifo = try PopProjRunner.run(["project", "--data", dir.path])
        #expect(fifo.status == 1)
        #expect(fifo.stderr.contains("is not a regular file"))
    }
}
