import Foundation
import Testing

/// `popproj project --wide` and `popproj check --wide`: the spreadsheet exports of
/// Tests/Fixtures/wide (Preston, Heuveline & Guillot's Sweden 1993, Box 6.2) run
/// as the tidy sweden1993 does, and a table's problem is reported at its cell.
@Suite struct WideTableCommandTests {
    static let layouts = [
        "Population 1993.csv=pop_base,sexes,1993", "Survival ratios.csv=life_table,sexes,1993",
        "fertility.txt=asfr,years", "Net migrants 1993.csv=mig_net_count,sexes,1993",
    ]
    static var wideArguments: [String] { layouts.flatMap { ["--wide", $0] } }

    @Test func wideTablesProjectAsTheTidyFiles() throws {
        let wide = try PopProjRunner.run(["project", "--data", PopProjRunner.fixture("wide/sweden1993").path] + Self.wideArguments)
        let tidy = try PopProjRunner.run(["project", "--data", PopProjRunner.fixture("sweden1993").path])
        #expect(wide.status == 0, "\(wide.stderr)")
        // The first line names the source; the table below it is the same, number for number.
        #expect(wide.stdout.split(separator: "\n").dropFirst() == tidy.stdout.split(separator: "\n").dropFirst())
        #expect(wide.stdout.hasPrefix(PopProjRunner.fixture("wide/sweden1993").path + " with the wide tables Population 1993.csv, "))
        let check = try PopProjRunner.run(["check", "--data", PopProjRunner.fixture("wide/sweden1993").path] + Self.wideArguments)
        #expect(check.status == 0 && check.stdout.hasPrefix("no problems found"), "\(check.stdout)\(check.stderr)")
    }

    @Test func badLayoutsAndMissingDataAreRefused() throws {
        let noData = try PopProjRunner.run(["project", "--wide", "mx.csv=mx,years,female"])
        #expect(noData.status != 0 && noData.stderr.contains("--wide reads tables of a --data folder: give --data DIR"), "\(noData.stderr)")
        let layout = try PopProjRunner.run(["project", "--data", PopProjRunner.fixture("wide/sweden1993").path, "--wide", "Population 1993.csv=pop_base,sexes"])
        #expect(layout.status != 0 && layout.stderr.contains("--wide Population 1993.csv: found \"pop_base,sexes\", expected the year of the table's sexes: pop_base,sexes,YEAR"), "\(layout.stderr)")
    }

    /// A survival ratio above 1 in the semicolon-separated table is reported at
    /// its line and column of that table, not of the tidy file made of it.
    @Test func aValueOutOfItsLimitsIsReportedInTheTable() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wide-cli-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: PopProjRunner.fixture("wide/sweden1993"), to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("Survival ratios.csv")
        let text = try String(contentsOf: file, encoding: .utf8)
        let row = "10-14;0,9995232712;0,9995232712"
        try text.replacingOccurrences(of: row, with: row + ";0,9").write(to: file, atomically: true, encoding: .utf8)
        let run = try PopProjRunner.run(["project", "--data", dir.path] + Self.wideArguments)
        #expect(run.status != 0)
        #expect(run.stderr.contains("Survival ratios.csv, line 4: found \"\(row);0,9\", expected at most 3 fields, as the header has, found 4"), "\(run.stderr)")
        try text.replacingOccurrences(of: row, with: "10-14;1,5;0,9995232712").write(to: file, atomically: true, encoding: .utf8)
        let located = try PopProjRunner.run(["project", "--data", dir.path] + Self.wideArguments)
        #expect(located.stderr.contains("Survival ratios.csv, line 4, column Female: found \"1.5\", expected a survival ratio from 0 to 1"), "\(located.stderr)")
    }
}
