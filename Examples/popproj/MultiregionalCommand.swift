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

    @Option(name: .long, help: "Write the results into this new folder (all files or none; see --overwrite).", completion: .directory)
    var out: String

    @Flag(name: .long, help: OutputHelp.overwrite)
    var overwrite = false

    @Option(name: .long, parsing: .unconditional, help: "The number of steps, 0 to 1000 (default: 8 for the multiregional layout, 30 for counties).")
    var steps: Int?

    @Option(name: .long, parsing: .unconditional, help: "Write flows.csv for the first N steps only (default: all).")
    var flowSteps: Int?

    @Option(name: .long, help: "The open age group: last-closed (Willekens & Rogers) or merged (UN); default: the dataset's.")
    var openAge: OpenAgeGroupRule?

    @Option(name: .long, help: "The form of the step: automatic, structured or denseBlock.")
    var form: MultiregionalForm = .automatic

    @Option(name: .long, parsing: .unconditional,
            help: "County datasets: the state's crude annual rate of moving between counties, from 0 up to 1 (default 0.02).")
    var internalRate: Double = 0.02

    @Flag(name: .long, help: "Also write stable.csv, the stable-equivalent age distribution within each region.")
    var stable = false

    @Flag(name: .long, help: "List every problem in the data, grouped by file, instead of the first one.")
    var allProblems = false

    func validate() throws {
        try OptionBounds.check("--steps", steps, in: OptionBounds.multiregionalSteps,
                               why: "every step's populations and flows are held in memory until written")
        try OptionBounds.check("--flow-steps", flowSteps, in: OptionBounds.multiregionalSteps)
        try OptionBounds.checkRate("--internal-rate", internalRate)
    }

    func run() throws {
        let dataset: MultiregionalDataset
        do {
            dataset = try MultiregionalDataset.read(directory: URL(fileURLWithPath: data), internalOutMigrationRate: internalRate)
        } catch {
            throw error.failure(allProblems: allProblems)
        }
        printWarnings(dataset.warnings)
        try checkSize(dataset)
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
                let equivalent: MultiregionalStableEquivalent
                do { equivalent = try MultiregionalStableEquivalent(step: step) } catch {
                    throw CommandFailure("stable equivalent: \(error.description)")
                }
                files["stable.csv"] = try MultiregionalTables.stable(equivalent)
            }
        } catch let error as DemographyError {
            throw CommandFailure(error.description)
        }
        files["population.csv"] = try MultiregionalTables.population(result)
        files["population_total.csv"] = try MultiregionalTables.populationTotal(result)
        files["flows.csv"] = try MultiregionalTables.flows(result, steps: flowSteps)
        let first = result.start.total, last = result.final.total
        let ranks = split ? "; regions split across \(communicator.size) MPI ranks" : ""
        // Render before writing: a run that cannot print leaves no files.
        var lines = [dataset.title]
        lines += dataset.assumptions.map { "assumption: \($0)" }
        lines.append("form: \(result.form.rawValue); \(result.steps.count) steps of \(result.width) years, \(result.startYear)-\(result.years.last ?? result.startYear)\(ranks)")
        lines.append(String(format: "population: %.0f -> %.0f", first, last))
        lines.append("wrote \(files.keys.sorted().joined(separator: ", ")) to \(out)")
        try PopProj.write(files, to: out, overwrite: overwrite)
        print(lines.map { $0 + "\n" }.joined(), terminator: "")
    }

    /// Refuses a run whose result or flows.csv would not fit in memory: every step
    /// keeps its origin-destination flows (regions² cells per age and sex), and
    /// flows.csv has regions × (regions − 1) rows per age, sex and step.
    func checkSize(_ dataset: MultiregionalDataset) throws {
        let start = dataset.start
        let count = steps ?? dataset.defaultSteps
        let regions = start.regionCount, cellsPerAge = start.ages.count * start.sexes.count
        let heldPerStep = regions * regions * cellsPerAge
        if count * heldPerStep > Self.heldFlowCells {
            throw CommandFailure("--steps \(count): \(regions) regions, \(start.ages.count) age groups and \(start.sexes.count) sexes "
                + "keep \(SummaryTables.grouped(Double(count * heldPerStep))) flow cells in memory, above the bound of "
                + "\(SummaryTables.grouped(Double(Self.heldFlowCells))) (2 GB); give at most --steps \(Self.heldFlowCells / heldPerStep)")
        }
        let rowsPerStep = regions * (regions - 1) * cellsPerAge
        let written = min(flowSteps ?? count, count)
        if written * rowsPerStep > OptionBounds.flowRows {
            throw CommandFailure("flows.csv of \(written) steps would have \(SummaryTables.grouped(Double(written * rowsPerStep))) rows "
                + "(\(regions) regions, \(start.ages.count) age groups, \(start.sexes.count) sexes), above the bound of "
                + "\(SummaryTables.grouped(Double(OptionBounds.flowRows))) (about 1 GB, built in memory); "
                + "give --flow-steps N with N at most \(OptionBounds.flowRows / max(1, rowsPerStep)) to write the flows of the first N steps only")
        }
    }

    /// The most flow cells (8 bytes each) a run may keep: 2 GB.
    static let heldFlowCells = 250_000_000
}
