import ArgumentParser
import Demography
import DemographyIO
import Foundation

/// `popproj check`: every problem of a dataset at once, grouped by file.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "List every problem in a dataset, grouped by file.",
        discussion: """
            Reads a dataset directory the way `project` or `multiregional` would (the
            layout is chosen by its files: full rates, UN WPP summary assumptions, the
            Willekens & Rogers multiregional layout or the county layout) and prints every
            problem found, grouped by file with a count per file. Exits 1 when there is any
            problem, 0 with "no problems found" otherwise.

            Examples:
              popproj check --data Tests/Fixtures/sweden1993
              popproj check --data Tests/Fixtures/wpp2017 --location 752
              popproj check --data Tests/Fixtures/wide/sweden1993 --wide "Population 1993.csv=pop_base,sexes,1993" ...

            --wide declares the folder's wide tables as for `popproj project`; a folder of
            Human Mortality Database files is checked as the dataset it is read into.
            """)

    @Option(name: .long, help: "The dataset directory.", completion: .directory)
    var data: String

    @Option(name: .long, help: "The location, when the files hold several: a code, or an ISO3 code or name of locations.csv.")
    var location: String?

    @Option(name: .customLong("unit"), help: ArgumentHelp("The unit of a quantity of the data, over the dataset's units.csv (repeatable), as for `popproj project`.", valueName: "quantity=unit"))
    var units: [String] = []

    @OptionGroup var wideTables: WideTableOptions

    @Option(name: .long, help: "Reconcile files whose age grids disagree, as `popproj project --ages` does: regroup or extend (default: report them).")
    var ages: AgeGridReconciliation?

    func run() throws {
        let declared = try units.map { (text: String) throws -> DatasetUnits.Declaration in
            switch DatasetUnits.Declaration.parse(option: text) {
            case .success(let d): return d
            case .failure(let problem): throw CommandFailure(problem.description)
            }
        }
        // Wide tables and Human Mortality Database folders are checked as the tidy
        // files they are read into.
        let translated = try wideTables.source(data: data, allProblems: true) ?? HumanMortalityData.source(data)
        let source = try translated ?? ScenarioData.directory(data)
        // A name or ISO3 code of locations.csv is taken as its code; anything else is
        // read as given, so that the readers report it with the rest.
        let location = self.location.map { value in (try? ScenarioData.folder(source).code(of: value, option: "--location")) ?? value }
        let directory = URL(fileURLWithPath: data)
        let layout = translated == nil ? DatasetLayout(directory) : AssumptionsReader.looksLikeAssumptions(source) ? .assumptions : .fullRates
        var problems: [InputProblem] = []
        var warnings: [InputProblem] = []
        var omitted = 0
        do {
            switch layout {
            case .county, .multiregional:
                warnings = try MultiregionalDataset.read(directory: directory).warnings
            case .assumptions:
                let dataset = try AssumptionsReader(location: location, units: declared, ageGrids: ages).read(source, migrationPattern: .unFamily(.family))
                warnings = dataset.warnings
                // The checks the projection makes on the assumptions themselves.
                do { _ = try dataset.assumptions.scenario(.medium) } catch {
                    problems.append(InputProblem(file: "the assumptions", expected: "a projection to be possible (\(error))"))
                }
            case .fullRates:
                let dataset = try DatasetReader(location: location, units: declared, ageGrids: ages).read(source)
                warnings = dataset.warnings
                if dataset.inputs.survivalRatios.isEmpty && !dataset.inputs.deathRates.isEmpty {
                    print("note: " + ScenarioOptions.deathRatesOnly(source))
                }
            }
        } catch {
            let located = wideTables.located(error, data: data)
            problems = located.problems + problems
            omitted = located.omittedProblems
        }
        if !warnings.isEmpty {
            // Warnings are values read as given: listed, never fatal.
            print("\(data) (layout: \(layout.name)), warnings: " + DatasetError(warnings).grouped())
        }
        guard !problems.isEmpty else {
            print("no problems found in \(data) (layout: \(layout.name))"
                  + (warnings.isEmpty ? "" : "; \(warnings.count) warning\(warnings.count == 1 ? "" : "s") above"))
            return
        }
        let report = DatasetError(problems, omitted: omitted)
        print("\(data) (layout: \(layout.name)): " + report.grouped())
        throw CommandFailure("\(report.problemCount) problem\(report.problemCount == 1 ? "" : "s") in \(data); the list is above")
    }
}

/// The layouts a dataset directory can have, told apart by their files.
enum DatasetLayout {
    case fullRates, assumptions, multiregional, county

    init(_ directory: URL) {
        let has = { (name: String) in FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path) }
        if has("mig_counts.csv") && !has("pop_base.csv") {
            self = .county
        } else if ["mig_flows.csv", "mig_rates.csv", "outmig_rates.csv"].contains(where: has) {
            self = .multiregional
        } else if AssumptionsReader.looksLikeAssumptions(.directory(directory)) {
            self = .assumptions
        } else {
            self = .fullRates
        }
    }

    var name: String {
        switch self {
        case .fullRates: return "full rates"
        case .assumptions: return "UN WPP summary assumptions"
        case .multiregional: return "multiregional, Willekens & Rogers"
        case .county: return "counties, PAA 2025 workshop"
        }
    }
}
