import Testing
import Foundation

/// The population unit the outputs say is the one the dataset declares
/// (units.csv or `--unit`), not guessed from its files.
@Suite struct UnitLabelTests {
    /// A copy of Tests/Fixtures/wpp2017 (thousands, declared in its units.csv).
    static func copy() throws -> URL {
        let dir = PopProjRunner.temporaryDirectory()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let target = dir.appendingPathComponent("wpp2017")
        try FileManager.default.copyItem(at: PopProjRunner.fixture("wpp2017"), to: target)
        return target
    }

    /// Multiplies the value (last column) of every data row of `file` by `factor`.
    static func rescale(_ dir: URL, _ file: String, by factor: Double) throws {
        let url = dir.appendingPathComponent(file)
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        var out = [lines[0]]
        for line in lines.dropFirst() {
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let last = try #require(fields.last)
            let value = try #require(Double(last), "\(file): \(line)")
            fields[fields.count - 1] = String(format: "%.15g", value * factor)
            out.append(fields.joined(separator: ","))
        }
        try (out.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    static func populations(_ summary: String) -> [Double] {
        summary.split(separator: "\n").dropFirst().compactMap { Double($0.split(separator: ",", omittingEmptySubsequences: false)[2]) }
    }

    static func metadataUnit(_ out: URL) throws -> String? {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any]
        return (json?["metadata"] as? [String: String])?["unit"]
    }

    /// The WPP 2017 counts in thousands, then the same counts times 1000 declared
    /// `--unit population=persons`: each run says its unit in the heading, in
    /// summary.json and in the chart, and by population accounting the second
    /// run's populations are the first's times 1000.
    @Test func headingMetadataAndChartSayTheDeclaredUnit() throws {
        let data = try Self.copy()
        defer { try? FileManager.default.removeItem(at: data.deletingLastPathComponent()) }
        let thousandsOut = data.deletingLastPathComponent().appendingPathComponent("out-thousands")
        let thousands = try PopProjRunner.run(["project", "--data", data.path, "--location", "752", "--variants", "medium,low",
                                               "--out", thousandsOut.path])
        #expect(thousands.status == 0, "\(thousands.stderr)")
        #expect(thousands.stdout.hasPrefix("Sweden, medium from 2015 (population in thousands)\n"), "\(thousands.stdout)")
        #expect(try Self.metadataUnit(thousandsOut) == "thousands")

        for file in ["pop_base.csv", "hist_pop.csv", "mig_net_total.csv", "hist_mig_net_total.csv", "expected_pop_total.csv",
                     "expected_pop_total_low.csv", "expected_pop_total_high.csv"] {
            try Self.rescale(data, file, by: 1000)
        }
        try FileManager.default.removeItem(at: data.appendingPathComponent("units.csv"))
        let personsOut = data.deletingLastPathComponent().appendingPathComponent("out-persons")
        let persons = try PopProjRunner.run(["project", "--data", data.path, "--location", "752", "--variants", "medium,low",
                                             "--unit", "population=persons", "--out", personsOut.path])
        #expect(persons.status == 0, "\(persons.stderr)")
        #expect(persons.stdout.hasPrefix("Sweden, medium from 2015 (population in persons)\n"), "\(persons.stdout)")
        #expect(try Self.metadataUnit(personsOut) == "persons")
        for (out, unit) in [(thousandsOut, "thousands"), (personsOut, "persons")] {
            let written = try String(contentsOf: out.appendingPathComponent("units.csv"), encoding: .utf8)
            #expect(written == "quantity,unit\npopulation,\(unit)\n")
        }

        let a = Self.populations(try String(contentsOf: thousandsOut.appendingPathComponent("summary.csv"), encoding: .utf8))
        let b = Self.populations(try String(contentsOf: personsOut.appendingPathComponent("summary.csv"), encoding: .utf8))
        #expect(a.count == b.count && a.count > 10)
        for (x, y) in zip(a, b) { #expect(abs(1000 * x - y) <= 1e-6 * y, "\(x) thousand vs \(y) persons") }
        // Both charts show millions: the same text, whichever unit the counts are in.
        let chartA = try String(contentsOf: thousandsOut.appendingPathComponent("total_population.svg"), encoding: .utf8)
        let chartB = try String(contentsOf: personsOut.appendingPathComponent("total_population.svg"), encoding: .utf8)
        #expect(chartA.contains("Total population (millions)"))
        #expect(chartA == chartB)
    }

    @Test func anUnknownUnitOptionIsRefusedWithTheAllowedOnes() throws {
        let run = try PopProjRunner.run(["project", "--data", PopProjRunner.fixture("wpp2017").path, "--location", "752",
                                         "--unit", "population=millions"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--unit: found \"population=millions\", expected a unit of population: persons or thousands"), "\(run.stderr)")
    }

    /// Without its units.csv, the WPP files' thousands are refused, not labelled persons.
    @Test func undeclaredThousandsAreRefused() throws {
        let data = try Self.copy()
        defer { try? FileManager.default.removeItem(at: data.deletingLastPathComponent()) }
        try FileManager.default.removeItem(at: data.appendingPathComponent("units.csv"))
        let run = try PopProjRunner.run(["project", "--data", data.path, "--location", "752"])
        #expect(run.status != 0)
        #expect(run.stderr.hasPrefix("popproj: pop_base.csv, line "), "\(run.stderr)")
        #expect(run.stderr.contains("these look like thousands"), "\(run.stderr)")
        #expect(run.stderr.contains("declare population,thousands in units.csv (or --unit population=thousands)"), "\(run.stderr)")
    }

    /// `popproj check` reports the undeclared thousands, and takes `--unit` as `project` does.
    @Test func checkTakesTheDeclaredUnit() throws {
        let data = try Self.copy()
        defer { try? FileManager.default.removeItem(at: data.deletingLastPathComponent()) }
        try FileManager.default.removeItem(at: data.appendingPathComponent("units.csv"))
        let refused = try PopProjRunner.run(["check", "--data", data.path, "--location", "752"])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("these look like thousands"), "\(refused.stdout)")
        let declared = try PopProjRunner.run(["check", "--data", data.path, "--location", "752", "--unit", "population=thousands"])
        #expect(declared.status == 0, "\(declared.stdout)\(declared.stderr)")
        #expect(declared.stdout.hasPrefix("no problems found"), "\(declared.stdout)")
    }
}
