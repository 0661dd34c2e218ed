import ArgumentParser
import Demography
import DemographyIO
import Foundation

/// `popproj locations`: the locations of the embedded WPP 2024 (or of a dataset).
struct LocationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "locations",
        abstract: "List the locations of the embedded UN WPP 2024 or of a dataset.",
        discussion: """
            Prints the code, name and ISO3 code of each location. Any of the three
            selects it with --location or --locations (names in any case, with or
            without accents). No location is a default: without --location, `popproj`
            projects the world, the sum of them all.

            Examples:
              popproj locations
              popproj locations --data data/wpp2024
              popproj locations --data Tests/Fixtures/wpp2017
              popproj locations --data Tests/Fixtures/wpp-portal/wpp2024   (UN portal files)
            """)

    @Option(name: .long, help: "A dataset directory with locations.csv, or of UN WPP portal CSV files.", completion: .directory)
    var data: String?

    func run() throws {
        let scenarioData = try ScenarioData.open(data: data)
        let locations = try scenarioData.locations()
        guard !locations.isEmpty else { throw CommandFailure("\(scenarioData.locationsSource) has no locations.csv") }
        var rows = [["code", "name", "iso3"]]
        for location in locations { rows.append([location.code, location.name, location.iso3 ?? ""]) }
        print(TextTable.render(rows, leftAligned: [0, 1, 2]))
        let aggregate = (try? scenarioData.aggregateCodes()) != nil
        let whole = scenarioData.isWPP2024Locations ? "the world, the sum of all \(locations.count)" : "the sum of all \(locations.count)"
        print(aggregate ? "\(locations.count) locations; without --location, popproj projects \(whole)."
                        : "\(locations.count) location\(locations.count == 1 ? "" : "s").")
    }
}
