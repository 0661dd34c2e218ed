import ArgumentParser
import Demography
import DemographyIO
import Foundation

/// `popproj locations`: the locations of the embedded scenario (or of a dataset).
struct LocationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "locations",
        abstract: "List the locations of the embedded scenario or of a dataset.",
        discussion: """
            Examples:
              popproj locations
              popproj locations --data Tests/Fixtures/wpp2017
            """)

    @Option(name: .long, help: "A dataset directory with locations.csv.", completion: .directory)
    var data: String?

    func run() throws {
        let source = try ScenarioOptions.source(data: data)
        let locations = try LocationTable.read(source)
        guard !locations.isEmpty else { throw CommandFailure("\(source) has no locations.csv") }
        var rows = [["code", "name"]]
        for (code, name) in locations {
            rows.append([code, name + (data == nil && code == "566" ? " (default)" : "")])
        }
        print(TextTable.render(rows, leftAligned: [0, 1]))
    }
}
