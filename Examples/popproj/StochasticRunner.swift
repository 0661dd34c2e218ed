import Demography
import DemographyMPI
import DemographyIO
import Foundation

/// `popproj project --trajectories N | --trajectories-from DIR`: a probabilistic
/// projection around the scenario's medium variant, summarised as quantiles.
///
/// Writes into --out: population_quantiles.csv (year,sex,age,open_age,quantile,value),
/// summary_quantiles.csv (year,indicator,quantile,value) and population_fan.svg
/// (median total population with its 80 % and 95 % intervals). Quantiles are the
/// exact sample quantiles: all values at once while they fit 512 MB, else block by
/// block, each cell keeping only the values near its wanted ranks (StochasticProjection).
struct StochasticRunner {
    var scenario: ScenarioOptions
    var out: String?
    var overwrite: Bool
    var trajectories: Int?
    var trajectoriesFrom: String?
    var seed: UInt64
    var threads: Int
    var quiet: Bool
    var timings: Bool

    func run() throws {
        if trajectories != nil && trajectoriesFrom != nil {
            throw CommandFailure("give either --trajectories N (built-in model) or --trajectories-from DIR (files), not both")
        }
        guard scenario.variants == nil, scenario.variant == .medium else {
            throw CommandFailure("a probabilistic run is centred on the medium variant; drop --variant/--variants")
        }
        let phases = RunPhases(), started = DispatchTime.now().uptimeNanoseconds
        let (assumptions, loaded) = try phases.measure("read") { try scenario.loadAssumptions() }
        let source: TrajectorySource
        if let trajectoriesFrom {
            do {
                let contents = try TrajectoryFiles.readWithWarnings(directory: URL(fileURLWithPath: trajectoriesFrom))
                printWarnings(contents.warnings)
                source = .given(contents.paths)
            } catch {
                throw error.failure(allProblems: scenario.allProblems, in: "the trajectory files")
            }
        } else {
            source = .model(.standard, count: trajectories ?? 1000, seed: seed)
        }
        var projection: StochasticProjection
        do {
            // The same refusal as a deterministic run: no people to project, or a single closed age group.
            try ProjectionInputs.checkBasePopulation(assumptions.basePopulation)
            projection = try StochasticProjection(assumptions: assumptions)
        } catch { throw CommandFailure(error.description) }
        projection.threads = threads
        let communicator = PopProj.communicator
        let progress = ProgressBar(enabled: !quiet && communicator.isRoot, delay: 1)
        let clock = ContinuousClock.now
        let summary: StochasticSummary
        do {
            if communicator.isDistributed {
                guard let merged = try projection.run(source, across: communicator, progress: { done, all in
                    progress.update(done, of: all, label: "trajectories (rank 0's share)")
                }) else { return }
                summary = merged
            } else {
                summary = try projection.run(source, progress: { done, all in progress.update(done, of: all, label: "trajectories") },
                                             phases: phases)
            }
        } catch let error as DemographyError {
            progress.finish()
            throw CommandFailure(error.description)
        } catch let failure as DistributedFailure {
            progress.finish()
            throw PopProj.report(failure)
        }
        progress.finish()
        let elapsed = ContinuousClock.now - clock
        // Render before writing: a run that cannot print leaves no files.
        let writing = DispatchTime.now().uptimeNanoseconds
        let files = try out.map { _ in [
            "population_quantiles.csv": try QuantileTables.population(summary),
            "summary_quantiles.csv": try QuantileTables.summary(summary),
            "population_fan.svg": try QuantileTables.fanChart(
                summary, title: "\(loaded.title): total population, median with 80 % and 95 % intervals",
                unitLabel: loaded.chartUnit, caption: loaded.caption, divisor: loaded.chartDivisor),
        ] }
        var lines: [String] = []
        if !quiet {
            // The printed totals are in summary_quantiles.csv: refuse what it refuses.
            _ = try QuantileTables.summary(summary)
            let method = summary.isExact ? "exact quantiles" : "exact quantiles, summarised in blocks"
            lines.append("\(loaded.title), \(summary.trajectories) trajectories from \(summary.years.first ?? 0) (population in \(loaded.unit); \(method))")
            lines.append("year      2.5%       10%    median       90%     97.5%")
            let step = max(1, (summary.years.count - 1) / 8)
            var shown = Array(stride(from: 0, to: summary.years.count, by: step))
            if shown.last != summary.years.count - 1 { shown.append(summary.years.count - 1) }
            for t in shown {
                let row = (0..<5).map { summary.totalPopulation(statistic: $0)[t] }
                lines.append(String(format: "%d", summary.years[t]) + row.map { String(format: " %9.0f", $0) }.joined())
            }
            let ranks = communicator.isDistributed ? " on each of \(communicator.size) MPI ranks" : ""
            lines.append(String(format: "projected in %.2f s with %d thread(s)", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18, threads) + ranks)
            if let out { lines.append("wrote population_quantiles.csv, summary_quantiles.csv, population_fan.svg to \(out)") }
        }
        if let out, let files { try PopProj.write(files, to: out, overwrite: overwrite) }
        print(lines.map { $0 + "\n" }.joined(), terminator: "")
        if timings {
            fflush(nil)   // every stream: the table first, then the phases, also when both go to one file
            let now = DispatchTime.now().uptimeNanoseconds
            phases.add("write", seconds: Double(now - writing) / 1e9)
            let total = Double(now - started) / 1e9
            let parts = zip(phases.names, phases.seconds).map { String(format: "%@ %.3f s (%.0f %%)", $0, $1, 100 * $1 / total) }
            FileHandle.standardError.write(Data(("phases: " + parts.joined(separator: ", ")
                + String(format: "; total %.3f s\n", total)).utf8))
        }
    }
}
