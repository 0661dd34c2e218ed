import Foundation
import Testing

/// `popproj` on a folder of UN WPP portal files (Tests/Fixtures/wpp-portal):
/// the folder is recognised by its files' headers and projected like the tidy
/// layout of the same data.
@Suite struct PortalRunTests {
    /// The CLI accepts the folder's location by ISO3, name and code alike and
    /// projects one 5-year step from 2020 (the equality of the numbers with the
    /// tidy layout is Tests/DemographyIOTests/Portal's).
    @Test(arguments: ["SWE", "sweden", "752"])
    func projectsAPortalFolder(_ location: String) throws {
        let run = try PopProjRunner.run(["project", "--data", PopProjRunner.fixture("wpp-portal/wpp2024").path, "--location", location])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Sweden, medium from 2020") == true)
        // The 2020 population is the fixture's: 10,354 thousand (data/wpp2024 pop_base, Sweden).
        #expect(lines.contains { $0.hasPrefix("2020") && $0.contains("10,354") })
        #expect(lines.contains { $0.hasPrefix("2025") })
    }

    @Test func listsTheLocationsOfAPortalFolder() throws {
        let run = try PopProjRunner.run(["locations", "--data", PopProjRunner.fixture("wpp-portal/wpp2019").path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("752") && run.stdout.contains("Sweden"))
    }

    @Test func namesTheMissingDownload() throws {
        let folder = PopProjRunner.temporaryDirectory()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = PopProjRunner.fixture("wpp-portal/wpp2024")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where !name.contains("Fertility") && name.hasPrefix("WPP") {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let run = try PopProjRunner.run(["project", "--data", folder.path, "--location", "SWE"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("fertility by age of mother") && run.stderr.contains("WPP2024_Fertility_by_Age5.csv.gz"))
    }

    /// --base-year picks the base population's year of a portal folder; a year
    /// its population file lacks is refused naming the years it has, and the
    /// option is refused for data that are not portal files.
    @Test func baseYearIsAPortalOption() throws {
        let folder = PopProjRunner.fixture("wpp-portal/wpp2024").path
        let ok = try PopProjRunner.run(["project", "--data", folder, "--location", "SWE", "--base-year", "2020"])
        #expect(ok.status == 0 && ok.stdout.hasPrefix("Sweden, medium from 2020"), "\(ok.stderr)")
        let absent = try PopProjRunner.run(["project", "--data", folder, "--location", "SWE", "--base-year", "2015"])
        #expect(absent.status != 0 && absent.stderr.contains("WPP2024_PopulationByAge5GroupSex_Medium.csv, column Time: found \"2015\", expected a base year the population file has: 2020"))
        let tidy = try PopProjRunner.run(["project", "--location", "SWE", "--base-year", "2020"])
        #expect(tidy.status != 0 && tidy.stderr.contains("--base-year 2020: applies to a --data folder of UN WPP portal files only"))
    }
}
