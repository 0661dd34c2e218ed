import Testing
import Foundation
import Demography
import DemographyIO
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The elements of an XML file, in document order; parsing fails on malformed XML.
final class SVGElements: NSObject, XMLParserDelegate {
    struct Element { var name: String; var attributes: [String: String] }
    private var elements: [Element] = []

    static func parse(_ url: URL) throws -> [Element] {
        let parser = XMLParser(data: try Data(contentsOf: url))
        let collector = SVGElements()
        parser.delegate = collector
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
        return collector.elements
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(Element(name: name, attributes: attributes))
    }
}

/// `popproj` on one location of the embedded UN WPP 2024: the table, the files, the
/// pictures. (The default run without --location, the world, is in WorldRunTests.)
@Suite struct DefaultScenarioTests {
    /// The UN WPP 2024 medium-variant total of 2100 (expected_pop_total.csv).
    static func published2100(_ location: String) throws -> Double {
        try #require(LocationTable.publishedTotals(EmbeddedDatasets.wpp2024.source(for: location), location: location, variant: .medium)[2100])
    }

    static func medium(_ location: String) throws -> ScenarioResult {
        let dataset = try AssumptionsReader(location: location).read(EmbeddedDatasets.wpp2024.source(for: location), migrationPattern: .default)
        return try dataset.assumptions.scenario(.medium).run()
    }

    @Test func nigeria2100WithinHalfAPerCentOfTheUN() throws {
        let run = try PopProjRunner.run(["--location", "nigeria"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Nigeria, medium from 2020"))
        let row = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("2100 ") })
        let population = try #require(Double(row.split(separator: " ")[1].replacingOccurrences(of: ",", with: "")))
        // UN WPP 2024 medium variant, Nigeria 2100 (expected_pop_total.csv).
        #expect(abs(population / (try Self.published2100("566")) - 1) < 0.005)
        #expect(run.stdout.contains("UN WPP 2024 published"))
    }

    @Test func writtenFilesAreTheLibrarysResults() throws {
        let out = PopProjRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try PopProjRunner.run(["project", "--location", "356", "--out", out.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let expected = try Self.medium("356")
        for (name, text) in try ProjectionTables.all(expected.result) {
            #expect(try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8) == text, "\(name)")
        }
        #expect(try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8) == SummaryTables.csv([expected]))
        let json = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        let decoded = try JSONSerialization.jsonObject(with: json) as? [String: Any]
        let scenarios = try #require(decoded?["scenarios"] as? [[String: Any]])
        #expect(scenarios.first?["variant"] as? String == "medium")
        // 1 July 2020 to 2100 in 16 steps (data/wpp2024/SOURCE.md).
        #expect((scenarios.first?["rows"] as? [Any])?.count == 17)
    }

    @Test func jsonFormatDecodes() throws {
        let run = try PopProjRunner.run(["project", "--format", "json", "--location", "76"])
        #expect(run.status == 0, "\(run.stderr)")
        struct Row: Decodable { var year: Int; var population: Double }
        struct Scenario: Decodable { var variant: String; var rows: [Row] }
        struct Document: Decodable { var metadata: [String: String]; var scenarios: [Scenario] }
        let document = try JSONDecoder().decode(Document.self, from: Data(run.stdout.utf8))
        #expect(document.metadata["name"] == "Brazil")
        let last = try #require(document.scenarios.first?.rows.last)
        #expect(last.year == 2100)
        #expect(abs(last.population / (try Self.published2100("76")) - 1) < 0.005)
    }

    @Test func pyramidIsXMLWithBarsProportionalToShares() throws {
        let out = PopProjRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try PopProjRunner.run(["project", "--variants", "medium,high", "--location", "566", "--out", out.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        for name in ["pyramid.svg", "total_population.svg"] {
            let elements = try SVGElements.parse(out.appendingPathComponent(name))
            #expect(elements.first?.name == "svg")
        }
        let bars = try SVGElements.parse(out.appendingPathComponent("pyramid.svg")).filter { $0.attributes["class"] == "bar" }
        #expect(bars.count == 2 * 2 * 21)   // two years, two sexes, 21 age groups
        var ratios: [Double] = []
        for bar in bars {
            let width = try #require(Double(bar.attributes["width"] ?? ""))
            let share = try #require(Double(bar.attributes["data-share"] ?? ""))
            if share > 0.2 { ratios.append(width / share) }
        }
        // One scale for every bar: pixels per percentage point (widths are printed to 0.01 px).
        let lowest = try #require(ratios.min()), highest = try #require(ratios.max())
        #expect((highest - lowest) / lowest < 0.01)
        // The shares are those of the projected populations.
        let final = try Self.medium("566").result.final
        let oldest = try #require(bars.first { $0.attributes["data-layer"] == "2100"
            && $0.attributes["data-sex"] == "female" && $0.attributes["data-age"] == "0-4" })
        let share = try #require(Double(oldest.attributes["data-share"] ?? ""))
        #expect(abs(share - 100 * final.counts.female[0] / final.total) < 1e-9)
    }

    @Test func badCommandLinesAreOneLine() throws {
        let cases: [[String]] = [
            ["project", "--no-such-option"],
            ["project", "--location", "999"],
            ["project", "--data", "/nonexistent/dir"],
            ["project", "--out", "/proc/not-writable/out"],
            ["project", "--variant", "sideways"],
            ["project", "--variants", "medium,sideways"],
            ["project", "--migration-pattern", "un-family:nomads"],
            ["lifetable", "--mx", "/nonexistent.csv"],
        ]
        for arguments in cases {
            let run = try PopProjRunner.run(arguments)
            #expect(run.status != 0, "\(arguments)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(arguments): \(run.stderr)")
            #expect(run.stderr.hasPrefix("popproj: "), "\(arguments)")
        }
    }

    @Test func progressBarOnATerminalOnly() throws {
        // Under a pseudo-terminal (script(1)) the bar is drawn; through a pipe it is not.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let command = "\(PopProjRunner.executable.path) project --location 566 --variants all --progress-delay 0 --format csv"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output.contains("steps  medium"))
        let piped = try PopProjRunner.run(["project", "--location", "566", "--variants", "all", "--progress-delay", "0", "--format", "csv"])
        #expect(!piped.stderr.contains("steps"))
        #expect(piped.stdout.hasPrefix("variant,year,population"))
    }
}
