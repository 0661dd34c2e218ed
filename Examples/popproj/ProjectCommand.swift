import ArgumentParser
import Demography
import DemographyIO
import Foundation

/// `popproj project`: project a dataset directory (or the embedded default scenario).
struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Project a population by the cohort-component method.",
        discussion: """
            Reads a dataset directory (pop_base.csv, life_table.csv or mx.csv, asfr.csv,
            srb.csv, optional mig_net_count.csv and mig_parameter.csv) and writes
            population.csv, births.csv, births_by_age.csv and deaths.csv into --out.
            Without --data, projects the embedded default scenario.

            Examples:
              popproj project --data Tests/Fixtures/sweden1993 --out out/sweden
              popproj project --data Tests/Fixtures/canada1x1 --survival recompute --out out/canada
            """)

    @Option(name: .long, help: "A dataset directory.", completion: .directory)
    var data: String?

    @Option(name: .long, help: "Write the result files into this folder (created if needed).", completion: .directory)
    var out: String?

    @Option(name: .long, help: "The location code, when the files hold several.")
    var location: String?

    @Option(name: .long, help: "Migration timing when the data do not say it: end or even (given, it applies to every step).")
    var timing: MigrationTimingOption?

    @Option(name: .long, help: "Survival ratios: given (Sx of life_table.csv) or recompute (from mx).")
    var survival: SurvivalOption = .given

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        let source: DatasetSource
        if let data {
            source = .directory(URL(fileURLWithPath: data))
        } else {
            source = EmbeddedDatasets.defaultScenario
        }
        let dataset: Dataset
        do { dataset = try DatasetReader(location: location).read(source) } catch {
            throw CommandFailure(error.problems.count == 1 ? error.description
                                 : "\(error.problems.count) problems in the data; the first: \(error.problems[0])")
        }
        let projection: Projection
        do {
            projection = try dataset.inputs.projection(survival: survival.source, overrideTiming: timing?.timing)
        } catch {
            throw CommandFailure(error.description)
        }
        guard !projection.steps.isEmpty else {
            throw CommandFailure("the data hold no complete period from \(dataset.inputs.baseYear): each of the rate files needs rows for it")
        }
        let result = projection.run()
        if let out {
            do { try OutputDirectory.write(ProjectionTables.all(result), to: URL(fileURLWithPath: out)) } catch {
                throw CommandFailure(error.description)
            }
        }
        if !quiet {
            print(SummaryTable.text(result))
            let adjusted = result.steps.reduce(0) { $0 + $1.adjustments.count }
            if adjusted > 0 {
                print("note: the UN safeguards changed \(adjusted) cells (migration guard or floor at 0.0005)")
            }
            if let out { print("wrote population.csv, births.csv, births_by_age.csv, deaths.csv to \(out)") }
        }
    }
}

/// `--timing end|even`.
enum MigrationTimingOption: String, ExpressibleByArgument, CaseIterable {
    case end, even
    var timing: MigrationTiming { self == .end ? .endOfStep : .evenlyDuringStep }
}

/// `--survival given|recompute`.
enum SurvivalOption: String, ExpressibleByArgument, CaseIterable {
    case given, recompute
    var source: SurvivalSource { self == .given ? .given : .recompute(LifeTableOptions()) }
}
