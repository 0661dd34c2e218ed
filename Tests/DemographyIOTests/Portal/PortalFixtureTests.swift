import Demography
import Foundation
import Testing
@testable import DemographyIO

/// The committed portal fixtures (Tests/Fixtures/wpp-portal, SOURCE.md): Sweden,
/// the first period 2020-2025 of data/wpp2024 written as WPP 2024 portal files
/// (years 2020 … 2024, one file gzip-compressed) and as WPP 2019 files (short
/// header, `Time` 2020-2025). Both project the first five-year step to the
/// numbers of the tidy layout of the same data (data/wpp2024's 2020 rows,
/// total net migration only), to 1e-12 relative.
@Suite struct PortalFixtureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/wpp-portal")

    /// data/wpp2024's Sweden, the 2020 rows of the five-year files.
    static func tidyFirstPeriod() throws -> DatasetSource {
        let archive = try EmbeddedDatasets.wpp2024.source(for: "752")
        var files: [String: String] = [:]
        for f in ["pop_base.csv", "mx.csv", "pasfr.csv", "tfr.csv", "srb.csv", "mig_net_total.csv", "locations.csv", "units.csv"] {
            let lines = try archive.text(f).split(separator: "\n", omittingEmptySubsequences: true)
            let kept = ["locations.csv", "units.csv"].contains(f) ? lines : [lines[0]] + lines.dropFirst().filter { $0.split(separator: ",")[1] == "2020" }
            files[f] = kept.joined(separator: "\n") + "\n"
        }
        return .embedded(name: "Sweden 2020", files: files)
    }

    @Test(arguments: ["wpp2024", "wpp2019"])
    func fixtureProjectsAsTheTidyLayout(_ generation: String) throws {
        let folder = Self.root.appendingPathComponent(generation)
        #expect(PortalDataset.isPortalFolder(folder))
        let portal = try PortalDataset.open(folder)
        #expect(Set(portal.files.map(\.kind)) == Set(PortalFileKind.allCases))
        #expect(portal.locations == [LocationName(code: "752", name: "Sweden", iso3: generation == "wpp2024" ? "SWE" : nil)])
        let translated = try portal.source(for: "Sweden")
        // WPP 2024's files give the annual series, which mark the WPP 2024 life-table
        // conventions; the WPP 2019 period files keep those of the total-migration layout.
        #expect(AssumptionsReader.defaultLifeTableOptions(for: translated) == (generation == "wpp2024" ? .wpp2024 : .wpp2017))
        let ours = try AssumptionsReader().read(translated, migrationPattern: .default).assumptions
        let tidy = try AssumptionsReader().read(try Self.tidyFirstPeriod(), migrationPattern: .default,
                                                lifeTableOptions: AssumptionsReader.defaultLifeTableOptions(for: translated)).assumptions
        #expect(ours.baseYear == 2020 && ours.periodStartYears == [2020] && tidy.periodStartYears == [2020])
        PortalAcceptanceTests.expectSame(try ours.projection(.medium).run(), try tidy.projection(.medium).run(), generation)
        // The units: SRB 105.7 per 100 females is 1.057 per female; NetMigrations
        // 51.6862 thousand a year over five years (2024 files) or 258.431 for the
        // period (2019 file) is data/wpp2024's 258.431 thousand.
        #expect(abs((ours.sexRatioAtBirth[2020] ?? 0) - 1.057) < 1e-12)
        #expect(abs((ours.netMigration[2020] ?? 0) - 258.431) < 1e-9)
    }

    /// Recognition is by header: every fixture file's kind, whatever its name.
    @Test func kindsAreRecognisedByHeader() throws {
        for generation in ["wpp2024", "wpp2019"] {
            for url in PortalDataset.csvFiles(Self.root.appendingPathComponent(generation)) {
                let file = try PortalSourceFile.read(url)
                let name = url.lastPathComponent
                let expected: PortalFileKind = name.contains("Population") ? .population : name.contains("Fertility") ? .fertility
                    : name.contains("Life_Table") ? .lifeTable : .indicators
                #expect(file.kind == expected, "\(name)")
            }
        }
        #expect(!PortalDataset.isPortalFolder(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/wpp2017")))
    }
}
