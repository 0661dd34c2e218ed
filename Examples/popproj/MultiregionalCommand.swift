import ArgumentParser
import Demography
import DemographyIO
import Foundation

/// `popproj multiregional`: regions linked by migration (Rogers 1975; Willekens & Rogers 1978).
struct MultiregionalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "multiregional",
        abstract: "Multiregional projection: regions linked by origin-destination migration.",
        discussion: """
            Reads a multiregional dataset (the Willekens & Rogers 1978 layout: pop_base.csv,
            deaths.csv or mx.csv, births.csv or asfr.csv, mig_flows.csv or mig_rates.csv or
            outmig_rates.csv + destination_shares.csv, optional net_migration.csv) or a county
            dataset in the PAA 2025 workshop layout (pop.csv, mx.csv, tfr.csv, mig_counts.csv,
            locations.csv, pasfr.csv), projects it with constant rates and writes
            population.csv (year,region,sex,age,open_age,value), population_total.csv,
            flows.csv (year,origin,destination,sex,age,open_age,value) and, with --stable,
            stable.csv. The assumptions made in building the data are printed.

            Under mpirun (popproj built with the MPI trait) the regions are split across
            the ranks, which exchange births and populations every step; the files are
            those of one process, bit for bit.

            Examples:
              popproj multiregional --data Tests/Fixtures/multiregional --out out/yu --stable
              popproj multiregional --data Tests/Fixtures/washington --out out/wa --steps 30 --flow-steps 1
            """)

    @Option(name: .long, help: "The dataset directory.", completion: .directory)
    var data: String

    @Option(name: .long, help: "Write the results into this folder (all files or none).", completion: .directory)
    var out: String

    @Option(name: .long, help: "The number of steps (default: 8 for the multiregional layout, 30 for counties).")
    var steps: Int?

    @Option(name: .long, help: "Write flows.csv for the first N steps only (default: all).")
    var flowSteps: Int?

    @Option(name: .long, help: "The open age group: last-closed (Willekens & Rogers) or merged (UN); default: the dataset's.")
    var openAge: OpenAgeGroupRule?

    @Option(name: .long, help: "The form of the step: automatic, structured or denseBlock.")
    var form: MultiregionalForm = .automatic

    @Option(name: .long, help: "County datasets: the state's crude annual rate of moving between counties (default 0.02).")
    var internalRate: Double = 0.02

    @Flag(name: .long, help: "Also write stable.csv, the stable-equivalent age distribution within each region.")
    var stable = false

    func validate() throws {
        if let steps, steps < 0 || steps > 10_000 { throw ValidationError("--steps must be between 0 and 10000") }
        if let flowSteps, flowSteps < 0 { throw ValidationError("--flow-steps must be 0 or more") }
        guard internalRate.isFinite, internalRate >= 0, internalRate < 1 else {
            throw ValidationError("--internal-rate must be a rate between 0 and 1")
        }
    }

    func run() throws {
        let dataset: MultiregionalDataset
        do {
            dataset = try MultiregionalDataset.read(directory: URL(fileURLWithPath: data), internalOutMigrationRate: internalRate)
        } catch {
            throw CommandFailure(error.oneLine)
        }
        let result: MultiregionalProjectionResult
        var files: [String: String] = [:]
        let communicator = PopProj.communicator
        let regions = dataset.start.regionCount
        // Under mpirun the regions are split across the ranks (the structured form;
        // the dense form runs whole on every rank). Every rank ends with the whole result.
        let split = communicator.isDistributed
            && form.resolved(regions: regions, ages: dataset.start.ages.count, sexes: dataset.start.sexes.count) == .structured
        do {
            let step = try dataset.step(openAgeGroup: openAge)
            let projection = try MultiregionalProjection(start: dataset.start, startYear: dataset.startYear, step: step,
                                                         count: steps ?? dataset.defaultSteps)
            if split {
                let owned = MultiregionalProjection.regionBlock(part: communicator.rank, of: communicator.size, regions: regions)
                result = try projection.run(owning: owned, allGather: communicator.allGather)
            } else {
                result = try projection.run(form: form)
            }
            guard communicator.isRoot else { return }
            if stable {
                do { files["stable.csv"] = MultiregionalTables.stable(try MultiregionalStableEquivalent(step: step)) } catch {
                    throw CommandFailure("stable equivalent: \(error.description)")
                }
            }
        } catch let error as DemographyError {
            throw CommandFailure(error.description)
        }
        files["population.csv"] = MultiregionalTables.population(result)
        files["population_total.csv"] = MultiregionalTables.populationTotal(result)
        files["flows.csv"] = MultiregionalTables.flows(result, steps: flowSteps)
        try PopProj.write(files, to: out)
        print(dataset.title)
        for line in dataset.assumptions { print("assumption: \(line)") }
        let first = result.start.total, last = result.final.total
        let ranks = split ? "; regions split across \(communicator.size) MPI ranks" : ""
        print("form: \(result.form.rawValue); \(result.steps.count) steps of \(result.width) years, \(result.startYear)-\(result.years.last ?? result.startYear)\(ranks)")
        print(String(format: "population: %.0f -> %.0f", first, last))
        print("wrote \(files.keys.sorted().joined(separator: ", ")) to \(out)")
    }
}
