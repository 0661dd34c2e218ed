import Testing
import Foundation
import DemographyIO

/// The embedded WPP 2024 (``EmbeddedDatasets/wpp2024``) holds, for every location,
/// the rows of data/wpp2024 of that location, byte for byte: the identity with the
/// folder split by `LocationSplit` (each file read once, lines dealt by code).
@Suite struct LocationArchiveTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data/wpp2024")

    static func files(_ source: DatasetSource) -> [String: String] {
        if case .embedded(_, let files) = source { return files }
        return [:]
    }

    @Test func everyLocationIsItsRowsOfTheFolder() throws {
        let archive = EmbeddedDatasets.wpp2024
        let folder = DatasetSource.directory(Self.folder)
        #expect(archive.codes == (try LocationTable.read(folder)).map(\.code))
        #expect(archive.locations == (try LocationTable.names(folder)))
        #expect(archive.codes.count == 236)
        let split = try LocationSplit.split(folder, files: archive.files, locations: archive.codes, name: "wpp2024")
        let locations = try folder.text("locations.csv")
        let units = try folder.text("units.csv")
        for code in archive.codes {
            let embedded = Self.files(try archive.source(for: code))
            let expected = Self.files(try #require(split[code]))
            #expect(Set(embedded.keys) == Set(expected.keys).union(["locations.csv", "units.csv"]), "\(code)")
            for file in archive.files { #expect(embedded[file] == expected[file], "\(code) \(file)") }
            #expect(embedded["locations.csv"] == locations, "\(code)")
            // The archive declares the folder's units, byte for byte (population in thousands).
            #expect(embedded["units.csv"] == units, "\(code)")
        }
    }

    @Test func anUnknownCodeIsRefusedNamingIt() throws {
        do {
            _ = try EmbeddedDatasets.wpp2024.source(for: "999")
            Issue.record("location 999 was decoded")
        } catch {
            #expect(error.oneLine.contains("\"999\""), "\(error.oneLine)")
            #expect(error.oneLine.contains("wpp2024"))
        }
    }
}
