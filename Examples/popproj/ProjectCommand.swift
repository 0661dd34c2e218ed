import ArgumentParser
import Demography
import DemographyIO
import Foundation

/// `popproj project`: project a dataset (or the embedded WPP 2024: the world, or one location).
struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Project a population by the cohort-component method.",
        discussion: """
            Without --data, projects the embedded UN World Population Prospects 2024
            (236 countries and areas, 1 July 2020 to 2100 in 5-year steps, the UN's net
            migrants by age and sex), medium variant. Without --location the run is the
            world: every location projected and the projections added up (populations,
            births, deaths, migrants; the world's TFR is its births over its women's
            person-years, and it has no e0). --location takes a UN code (404), an ISO3
            code (KEN) or a name, in any case and with or without accents (kenya,
            "cote d'ivoire"); `popproj locations` lists them. --data data/wpp2024 reads
            the same numbers from the repository's folder (gzip CSV).

            --data takes either full rates (pop_base.csv, life_table.csv or mx.csv, asfr.csv,
            srb.csv, mig_net_count.csv, mig_parameter.csv) or UN WPP summary assumptions
            (pop_base.csv, mx.csv, tfr.csv + pasfr.csv or asfr.csv, srb.csv, mig_net_total.csv,
            optional hist_*.csv); the second can be run as any UN variant. Full rates with
            mx.csv and no life_table.csv need --survival recompute. Columns: year,sex,age,
            open_age,value (pop_base, mx, mig_net_count; life_table with Sx for value),
            year,age,open_age,value (asfr, pasfr), year,value (srb, tfr, mig_net_total),
            with a country_code column when a file holds several locations; age is the
            group's first age, open_age 1 on the last group. Units below.

            Files whose ages disagree (pop_base.csv to 100+, mx.csv to 85+; single years
            beside five-year groups) are refused, naming each file and its grid, unless
            --ages says what to do: regroup sums counts (and averages rates) down to the
            coarser grid or lower open age; extend raises the rates' open age with a
            Kannisto law fitted from age 60, or graduates five-year groups into single
            years (Sprague, group totals kept). --until YEAR projects to YEAR: the rates
            of the last given period are held constant after it (the header says "rates
            held constant after YYYY"); a YEAR before the data's end cuts the projection.

            Units: a dataset's units.csv (quantity,unit) declares them, and --unit
            quantity=unit (repeatable) over it: population persons|thousands (every count),
            srb per female|per 100 females, asfr per woman|per 1000 women, mx per
            person-year|per 1000, mig_net_total per period|per year. Declared units are
            converted; counts stay as given and the outputs say their unit. Without a
            declaration, the first of each (population in persons); data/wpp2024 and the
            embedded WPP 2024 declare thousands. Numbers that look like another unit
            (SRB 105.9, migrants in persons next to thousands) are refused, naming it.

            --data also takes a folder of Human Mortality Database and Human Fertility
            Database files as they come (recognised by their header lines; columns Year
            Age Female Male Total, "." missing): Mx_1x1.txt (deaths per person-year) or
            Deaths_1x1.txt + Exposures_1x1.txt (deaths, person-years; mx = D/E),
            Population.txt (persons on 1 January; the YYYY+ figure after a territorial
            change), the HFD's asfrRR.txt (Year Age ASFR, births per woman; 12- at age
            12, 55+ at 55) and optional Births.txt (SRB = male/female births, else
            1.05). It is one annual step on ages 0..110+, in persons, from the last year
            all files share: population on 1 January Y, rates of calendar year Y, result
            1 January Y+1. Use --survival recompute (the HMD gives rates, not Sx).

            --data also takes a folder of the UN's WPP portal CSV downloads as they
            come (population by age, life tables, fertility by age, demographic
            indicators; WPP 2019 to 2024 headers; any file names, .csv or .csv.gz).
            Columns read: Time, AgeGrp, PopMale, PopFemale (thousands, 1 July); Sex,
            AgeGrp, mx (deaths per person-year); AgeGrp, PASFR (per cent); TFR, SRB
            (males per 100 females, divided by 100), NetMigrations (thousands a year),
            LEx. One location at a time is translated into the summary layout:
            five-year periods from the base year (1 July; --base-year; by default the
            first projected year, from the Estimates rows or the WPP20YY_ file names)
            made of the years t..t+4, rates averaged and net migrants summed, Medium
            variant. It runs on both grids; without --location, the sum of its countries.

            --wide FILE=INPUT,years[,SEX] or FILE=INPUT,sexes,YEAR (repeatable) reads a
            table of the --data folder as a spreadsheet exports it: the first column the
            age groups (0, 1-4, 5-9 ... 85+, "85 and over"; a Total row is skipped), the
            others years (2020, or a period 2020-2025) or sexes (Female, Male; Total
            skipped); comma, semicolon (with decimal commas) or tab separated. It stands
            for the tidy file INPUT (pop_base, mx, life_table, asfr, pasfr,
            mig_net_count, mig_net_rate), in the dataset's units, and problems are
            reported at the table's line and column.

            --trajectories N or --trajectories-from DIR runs a probabilistic projection
            around the medium variant instead and writes population_quantiles.csv,
            summary_quantiles.csv and population_fan.svg (see StochasticRunner.swift).

            --out writes population.csv, births.csv, births_by_age.csv, deaths.csv,
            summary.csv, summary.json, units.csv (the counts' unit: population,persons or
            population,thousands) and pyramid.svg (and total_population.svg when several
            variants run); a run that fails writes nothing. Missing parent folders are
            created; an existing folder that is not empty is refused unless --overwrite
            is given, which replaces its contents whole.

            Examples:
              popproj
              popproj project --location kenya
              popproj project --location IND --out out/india
              popproj project --location nigeria --variants all --out out/nigeria-variants
              popproj project --data data/wpp2024 --location 404
              popproj project --locations KEN,UGA,TZA --out out/east-africa
              popproj project --data Tests/Fixtures/sweden1993 --out out/sweden
              popproj project --data Tests/Fixtures/sweden1993 --until 2020
              popproj project --data Tests/Fixtures/wpp2017 --location 840 --migration-pattern residual
              popproj project --data my-wpp2022 --location 620 --unit srb="per 100 females"
              popproj project --data Tests/Fixtures/wpp-portal/wpp2024 --location SWE
              popproj project --data Tests/Fixtures/wide/sweden1993 \\
                --wide "Population 1993.csv=pop_base,sexes,1993" \\
                --wide "Survival ratios.csv=life_table,sexes,1993" \\
                --wide "fertility.txt=asfr,years" \\
                --wide "Net migrants 1993.csv=mig_net_count,sexes,1993"
            """)

    @OptionGroup var scenario: ScenarioOptions

    @Option(name: .long, help: OutputHelp.folder, completion: .directory)
    var out: String?

    @Flag(name: .long, help: OutputHelp.overwrite)
    var overwrite = false

    @Option(name: .long, help: "What to print: table, csv or json.")
    var format: OutputFormat = .table

    @Option(name: .long, parsing: .upToNextOption, help: "Years of the pyramid (default: the first and the last).")
    var pyramidYears: [Int] = []

    @Flag(name: .long, help: "Print nothing but errors (no table, no progress).")
    var quiet = false

    @Option(name: .long, parsing: .unconditional, help: .hidden)
    var progressDelay: Double = 1

    @Option(name: .long, parsing: .unconditional,
            help: "Probabilistic run: this many trajectories (1 to 1000000) of the built-in model around the medium paths.")
    var trajectories: Int?

    @Option(name: .long, help: "Probabilistic run from trajectory files (tfr.csv, e0_female.csv, e0_male.csv, mig_net_total.csv: trajectory,year,value).",
            completion: .directory)
    var trajectoriesFrom: String?

    @Option(name: .long, parsing: .unconditional,
            help: "Seed of the built-in stochastic model, 0 to 18446744073709551615 (same seed, same output, any thread count).")
    var seed: UInt64 = 1

    @Option(name: .long, parsing: .unconditional, help: "Worker threads of a probabilistic run (1 to 1024).")
    var threads: Int = 2

    @Flag(name: .long, help: "Probabilistic run: print the wall time of each phase (read, set-up, project, summarise, write) to standard error.")
    var timings = false

    func validate() throws {
        if scenario.grid == .oneByOne && (trajectories != nil || trajectoriesFrom != nil) {
            throw ValidationError("--grid 1x1 is a deterministic run of the medium variant; a probabilistic run (--trajectories, --trajectories-from) uses --grid 5x5")
        }
        if scenario.grid == .oneByOne && scenario.locations != nil {
            throw ValidationError("--grid 1x1 takes one --location or none (the world); --locations runs the five-year grid")
        }
        if scenario.until != nil && (trajectories != nil || trajectoriesFrom != nil) {
            throw ValidationError("--until sets the horizon of a deterministic run; a probabilistic run (--trajectories, --trajectories-from) ends with its trajectories")
        }
        try OptionBounds.check("--threads", threads, in: OptionBounds.threads)
        try OptionBounds.check("--trajectories", trajectories, in: OptionBounds.trajectories,
                               why: "each trajectory is a whole projection; a million already take minutes and leave the quantiles' sampling error far below their spread")
        try OptionBounds.check("--progress-delay", progressDelay, in: OptionBounds.progressDelay, unit: "seconds")
        for year in pyramidYears { try OptionBounds.check("--pyramid-years", year, in: OptionBounds.years) }
    }

    func run() throws {
        if trajectories != nil || trajectoriesFrom != nil {
            try StochasticRunner(scenario: scenario, out: out, overwrite: overwrite, trajectories: trajectories, trajectoriesFrom: trajectoriesFrom,
                                 seed: seed, threads: threads, quiet: quiet, timings: timings).run()
            return
        }
        if scenario.locations != nil {
            try LocationsRunner(scenario: scenario, out: out, overwrite: overwrite, quiet: quiet).run()
            return
        }
        try ProjectRunner(scenario: scenario, out: out, overwrite: overwrite, format: format, pyramidYears: pyramidYears,
                          quiet: quiet, progressDelay: progressDelay).run()
    }
}

/// Runs the scenarios and writes and prints the results (shared by `project` and `variants`).
struct ProjectRunner {
    var scenario: ScenarioOptions
    var out: String?
    var overwrite = false
    var format: OutputFormat = .table
    var pyramidYears: [Int] = []
    var quiet = false
    var progressDelay: Double = 1

    func run() throws {
        let loaded = try scenario.load()
        let progress = ProgressBar(enabled: !quiet, delay: progressDelay)
        let totalSteps = loaded.totalSteps
        let results: [ScenarioResult]
        do {
            results = try loaded.run { done, label in progress.update(done, of: totalSteps, label: label) }
        } catch {
            progress.finish()
            throw error
        }
        progress.finish()
        guard let first = results.first, !first.result.steps.isEmpty else {
            throw CommandFailure("the data hold no complete period from their base year: each rate file needs rows for it")
        }
        // Everything that can fail comes before the write: the files, then the report.
        let files = try out.map { _ in try outputFiles(results, loaded: loaded) }
        let report = quiet ? "" : try self.report(results, loaded: loaded, written: files.map { Array($0.keys) })
        if let out, let files { try PopProj.write(files, to: out, overwrite: overwrite) }
        print(report, terminator: "")
    }

    /// What the run prints (`--format`), ending with the files written when there are any.
    func report(_ results: [ScenarioResult], loaded: LoadedScenarios, written: [String]?) throws -> String {
        switch format {
        case .csv: return try SummaryTables.csv(results)
        case .json: return try SummaryTables.json(results, metadata: loaded.metadata)
        case .table:
            guard let first = results.first else { return "" }
            var lines = [loaded.heading, try SummaryTables.text(first)]
            if results.count > 1 {
                lines.append("\nTotal population by variant (\(loaded.unit)):")
                lines.append(try SummaryTables.totalsByScenario(results))
            }
            lines += try loaded.comparisons(results)
            let adjusted = results.reduce(0) { $0 + $1.result.steps.reduce(0) { $0 + $1.adjustments.count } }
            if adjusted > 0 {
                lines.append("note: the UN safeguards changed \(adjusted) cells (migration guard or floor at 0.0005)")
            }
            if let out, let written { lines.append("wrote \(written.sorted().joined(separator: ", ")) to \(out)") }
            return lines.map { $0 + "\n" }.joined()
        }
    }

    func outputFiles(_ results: [ScenarioResult], loaded: LoadedScenarios) throws -> [String: String] {
        var files: [String: String] = [:]
        if results.count == 1, let r = results.first {
            files = try ProjectionTables.all(r.result)
        } else {
            files = try ProjectionTables.all(results.map { ($0.name, $0.result) })
        }
        files["summary.csv"] = try SummaryTables.csv(results)
        files["summary.json"] = try SummaryTables.json(results, metadata: loaded.metadata)
        // The unit of every count written (population, births, deaths, migrants), as a dataset declares it.
        files["units.csv"] = "quantity,unit\npopulation,\(loaded.unit)\n"
        if let first = results.first {
            let years = pyramidYears.isEmpty ? [first.result.years.first, first.result.years.last].compactMap { $0 } : pyramidYears
            var layers: [PopulationPyramid.Layer] = []
            for year in years {
                guard let k = first.result.years.firstIndex(of: year) else {
                    throw CommandFailure("--pyramid-years: \(year) is not a projection date (\(first.result.years.first ?? 0) to \(first.result.years.last ?? 0) every \(first.result.width) years)")
                }
                layers.append(.init(label: String(year), population: first.result.populations[k]))
            }
            files["pyramid.svg"] = try PopulationPyramid.svg(layers, title: "\(loaded.title): population by age and sex (\(first.name))",
                                                         caption: loaded.caption)
        }
        if results.count > 1 {
            let series = results.map { r in
                LineChart.Series(label: r.name, points: r.indicators.map { (Double($0.year), $0.population / loaded.chartDivisor) })
            }
            files["total_population.svg"] = try LineChart.svg(series, title: "\(loaded.title): total population by variant",
                                                              unitLabel: loaded.chartUnit, caption: loaded.caption,
                                                              file: "total_population.svg")
        }
        return files
    }
}

/// `--format`.
enum OutputFormat: String, CaselessArgument {
    case table, csv, json
    init?(argument: String) { self.init(caseless: argument) }
}
