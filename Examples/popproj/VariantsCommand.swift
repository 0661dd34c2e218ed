import ArgumentParser
import Demography
import DemographyIO
import Foundation

/// `popproj variants`: every UN variant side by side.
struct VariantsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variants",
        abstract: "Project every UN WPP variant and compare their totals.",
        discussion: """
            Same as `popproj project --variants all`: medium, high, low, constant-fertility,
            instant-replacement, momentum, zero-migration, constant-mortality and no-change,
            of the embedded UN World Population Prospects 2024: the world (the sum of the
            236 countries and areas, each variant projected for each) without --location.

            Examples:
              popproj variants
              popproj variants --location germany --out out/germany-variants
              popproj variants --data data/wpp2024 --location KEN
            """)

    @OptionGroup var scenario: ScenarioOptions

    @Option(name: .long, help: OutputHelp.folder, completion: .directory)
    var out: String?

    @Flag(name: .long, help: OutputHelp.overwrite)
    var overwrite = false

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        var all = scenario
        all.variants = all.variants ?? "all"
        try ProjectRunner(scenario: all, out: out, overwrite: overwrite, quiet: quiet).run()
    }
}
