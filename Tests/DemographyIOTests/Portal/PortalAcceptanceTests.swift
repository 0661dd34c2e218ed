import Demography
import Foundation
import Testing
@testable import DemographyIO

/// UN portal files built from the repository's WPP 2024 data (data/wpp2024,
/// through the embedded archive) project to the same numbers as the tidy
/// layout of the same data: an identity of the translation (the period mean of
/// a rate repeated over its years is the rate, the sum of a period total / 5
/// over five years is the total), to 1e-12 relative.
@Suite struct PortalAcceptanceTests {
    static let countries = [("752", "Sweden", "SWE"), ("566", "Nigeria", "NGA")]

    static func writer(_ code: String, _ name: String, _ iso3: String) throws -> PortalFolderWriter {
        PortalFolderWriter(tidy: try EmbeddedDatasets.wpp2024.source(for: code), code: code, name: name, iso3: iso3)
    }

    static func expectSame(_ a: ProjectionResult, _ b: ProjectionResult, _ what: String) {
        #expect(a.years == b.years, "\(what): years")
        for (k, (p, q)) in zip(a.populations, b.populations).enumerated() {
            for sex in Sex.allCases {
                for (i, (x, y)) in zip(p.counts[sex], q.counts[sex]).enumerated() {
                    #expect(abs(x - y) <= 1e-12 * max(abs(y), 1e-9), "\(what) step \(k) \(sex) age \(i): \(x) vs \(y)")
                }
            }
        }
        for (k, (s, t)) in zip(a.steps, b.steps).enumerated() {
            #expect(abs(s.births.female - t.births.female) <= 1e-12 * t.births.female, "\(what) births step \(k)")
        }
    }

    @Test(arguments: countries)
    func fiveYearProjectionEqualsTheTidyLayout(_ code: String, _ name: String, _ iso3: String) throws {
        let w = try Self.writer(code, name, iso3)
        let folder = PortalFolderWriter.temporaryFolder(code)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (e0, _) = try w.write(to: folder)
        #expect(PortalDataset.isPortalFolder(folder))
        let portal = try PortalDataset.open(folder)
        let translated = try portal.source(for: iso3)
        let reference = try w.tidyReference(e0: e0)
        let ours = try AssumptionsReader().read(translated, migrationPattern: .default).assumptions
        let tidy = try AssumptionsReader().read(reference, migrationPattern: .default).assumptions
        #expect(ours.baseYear == 2020 && ours.periodStartYears == tidy.periodStartYears)
        Self.expectSame(try ours.projection(.medium).run(), try tidy.projection(.medium).run(), "\(name) 5x5")
        Self.expectSame(try ours.projection(.low).run(), try tidy.projection(.low).run(), "\(name) 5x5 low")
    }

    @Test(arguments: countries)
    func singleYearEmulationEqualsTheTidyLayout(_ code: String, _ name: String, _ iso3: String) throws {
        let w = try Self.writer(code, name, iso3)
        let folder = PortalFolderWriter.temporaryFolder(code + "-1x1")
        defer { try? FileManager.default.removeItem(at: folder) }
        let (e0, _) = try w.write(to: folder)
        let translated = try PortalDataset.open(folder).source(for: name.lowercased())
        let reference = try w.tidyReference(e0: e0)
        let ours = try SingleYearEmulation.read(translated)
        let tidy = try SingleYearEmulation.read(reference)
        #expect(ours.inputs.width == 1 && ours.inputs.baseYear == 2020)
        Self.expectSame(try ours.projection().run(), try tidy.projection().run(), "\(name) 1x1")
    }

    /// The translated files say their unit and keep the location's name and code.
    @Test func translatedDatasetNamesItsUnitsAndLocation() throws {
        let w = try Self.writer("752", "Sweden", "SWE")
        let folder = PortalFolderWriter.temporaryFolder("units")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try w.write(to: folder)
        let portal = try PortalDataset.open(folder)
        #expect(portal.locations == [LocationName(code: "752", name: "Sweden", iso3: "SWE")])
        #expect(portal.countries.map(\.code) == ["752"])
        let source = try portal.source(for: "752")
        #expect(try source.text("units.csv") == "quantity,unit\npopulation,thousands\n")
        #expect(try LocationTable.names(source) == [LocationName(code: "752", name: "Sweden", iso3: "SWE")])
    }
}
