import ArgumentParser
import Demography
import DemographyIO
import Foundation

/// The options that choose what to project, shared by `project` and `variants`.
struct ScenarioOptions: ParsableArguments {
    @Option(name: .long, help: "A dataset directory, e.g. data/wpp2024 (default: the embedded UN WPP 2024, 236 countries and areas).", completion: .directory)
    var data: String?

    @OptionGroup var wideTables: WideTableOptions

    @Option(name: .long, help: "The base year (1 July) of a folder of UN WPP portal files (default: the latest population year up to the first projected year the files show; the Medium files alone run from 1950: give 2024 for WPP 2024).")
    var baseYear: Int?

    @Option(name: .long, help: "One location: a UN code (404), an ISO3 code (KEN) or a name (kenya, \"cote d'ivoire\"); default: the world, the sum of every location.")
    var location: String?

    @Option(name: .long, help: "Several locations, each projected apart (split across MPI ranks under mpirun): all, or a comma-separated list of codes, ISO3 codes or names.")
    var locations: String?

    @Option(name: .long, help: "The UN variant: \(ProjectionVariant.allCases.map(\.rawValue).joined(separator: ", ")).")
    var variant: ProjectionVariant = .medium

    @Option(name: .long, help: "Several variants side by side: all, or a comma-separated list.")
    var variants: String?

    @Option(name: .long, help: "Age pattern of net migration: un-family:family|male-labor|female-labor, rogers-castro, residual, or a CSV file (sex,age,value).")
    var migrationPattern: String = "un-family:family"

    @Option(name: .long, help: "Migration timing: end or even (default: what the data say; WPP assumptions: even).")
    var timing: MigrationTiming?

    @Option(name: .long, help: "Age and time grid of WPP assumptions: 5x5 (five-year ages and steps, the data's own) or 1x1 (single ages, annual steps: the UN's single-year method emulated from the five-year inputs and the annual TFR, SRB, e0 and migration; medium, low and high variants).")
    var grid: ProjectionGrid = .fiveByFive

    @Option(name: .long, help: "Survival ratios of full-rate data: given (Sx of life_table.csv) or recompute (from mx).")
    var survival: SurvivalSource = .given

    @Option(name: .long, help: "When pop_base.csv and mx.csv end at different open ages: regroup (sum down to the lower) or extend (the rates' open age raised by a Kannisto law fitted from age 60). Default: refuse, naming both grids.")
    var ages: AgeGridReconciliation?

    @Option(name: .long, help: "End year of the projection: the rates of the last given period are held constant up to it; a year before the data's end cuts the projection short.")
    var until: Int?

    @Flag(name: .long, help: "List every problem in the data, grouped by file, instead of the first one.")
    var allProblems = false

    @Option(name: .customLong("unit"), help: ArgumentHelp("The unit of a quantity of the data, over the dataset's units.csv (repeatable): \(DatasetUnits.allowedText). Without either, the canonical units (the first of each); the embedded WPP 2024 and data/wpp2024 declare population,thousands.", valueName: "quantity=unit"))
    var units: [String] = []

    /// `--unit` declarations, checked.
    func unitDeclarations() throws(ValidationError) -> [DatasetUnits.Declaration] {
        try units.map { (text: String) throws(ValidationError) -> DatasetUnits.Declaration in
            switch DatasetUnits.Declaration.parse(option: text) {
            case .success(let d): return d
            case .failure(let problem): throw ValidationError(problem.description)
            }
        }
    }

    func validate() throws {
        if grid == .oneByOne, try !chosenVariants().allSatisfy({ [.medium, .low, .high].contains($0) }) {
            throw ValidationError("--grid 1x1 runs the medium, low and high variants (the annual TFR, e0 and migration the UN publishes are the medium's; low and high move its TFR by the UN's 0.25, 0.4 then 0.5 child); use --grid 5x5 for the others")
        }
        _ = try chosenVariants()
        _ = try chosenLocations()
        _ = try unitDeclarations()
        _ = try wideTables.layouts(data: data)
    }

    /// The variants asked for: `--variant`, or the items of `--variants` (all, or a
    /// list naming each variant at most once, in any case).
    func chosenVariants() throws(ValidationError) -> [ProjectionVariant] {
        guard let variants else { return [variant] }
        let names = ProjectionVariant.allCases.map(\.rawValue).joined(separator: ", ")
        let expected = "all or a comma-separated list of variants (\(names))"
        if variants.lowercased() == "all" { return ProjectionVariant.allCases }
        var chosen: [ProjectionVariant] = []
        for name in try OptionBounds.items("--variants", variants, expected: expected) {
            guard let v = ProjectionVariant(argument: name) else {
                throw ValidationError("--variants: found \"\(name)\", expected all or some of \(names)")
            }
            chosen.append(v)
        }
        return chosen
    }

    /// The items of `--locations` as given (nil: all of the dataset's; none named
    /// twice). Names holding a comma ("China, Taiwan Province of China") are given
    /// by their code or ISO3 code here.
    func chosenLocations() throws(ValidationError) -> [String]? {
        guard let locations, locations.lowercased() != "all" else { return nil }
        return try OptionBounds.items("--locations", locations, expected: "all or a comma-separated list of location codes, ISO3 codes or names")
    }

    /// The data of the run: the embedded WPP 2024 archive, or the `--data` directory.
    func scenarioData() throws -> ScenarioData {
        if let wide = try wideTables.source(data: data, allProblems: allProblems) { return .folder(wide) }
        return try ScenarioData.open(data: data, portalBaseYear: baseYear)
    }

    /// The summary assumptions of one location (the WPP layout), with what the
    /// outputs say about them; no scenarios yet. The world, which is a sum of
    /// projections, has no assumptions of its own: it needs `--location`.
    func loadAssumptions() throws -> (Assumptions, LoadedScenarios) {
        let data = try scenarioData()
        if location == nil, let codes = try data.aggregateCodes() {
            throw CommandFailure("without --location the run is the sum of \(codes.count) locations, which has no assumptions of its own; give --location (see `popproj locations`)")
        }
        let code = try location.map { try data.code(of: $0, option: "--location") }
        return try loadAssumptions(try data.source(for: code), location: code)
    }

    /// The summary assumptions of `location` in `source`.
    /// `name`: the location's name when the caller knows it (else read from locations.csv).
    func loadAssumptions(_ source: DatasetSource, location: String?, name knownName: String? = nil,
                         warningPrefix: String = "") throws -> (Assumptions, LoadedScenarios) {
        let (assumptions, loaded, warnings) = try readAssumptions(source, location: location, name: knownName, warningPrefix: warningPrefix)
        printWarnings(warnings, prefix: warningPrefix)
        return (assumptions, loaded)
    }

    /// ``loadAssumptions(_:location:name:warningPrefix:)`` with the warnings
    /// returned rather than printed (an aggregate reads its locations in parallel
    /// and prints their warnings in order).
    func readAssumptions(_ source: DatasetSource, location: String?, name knownName: String? = nil,
                         warningPrefix: String = "") throws -> (Assumptions, LoadedScenarios, [InputProblem]) {
        guard AssumptionsReader.looksLikeAssumptions(source) else {
            throw CommandFailure("this run needs summary assumptions (tfr.csv, pasfr.csv, mx.csv, mig_net_total.csv); \(source) holds full rates")
        }
        let pattern = try migrationPatternChoice()
        var dataset: AssumptionsDataset
        let declared = try unitDeclarations()
        do {
            dataset = try AssumptionsReader(location: location, units: declared, ageGrids: ages).read(source, migrationPattern: pattern)
            if let timing {
                dataset.assumptions = dataset.assumptions.withMigrationTiming(timing)
                // The residual pattern depends on the timing: estimate it again under this one.
                if case .residual = pattern { dataset = try dataset.withResidualMigrationPattern() }
            }
        } catch {
            throw wideTables.located(error, data: data).failure(allProblems: allProblems, prefix: warningPrefix)
        }
        var name = knownName
        if name == nil {
            do { name = try LocationTable.read(source).first { $0.code == location }?.name } catch {
                throw CommandFailure(warningPrefix + error.oneLine)
            }
        }
        // The UN files (credited in the caption): those with published totals, and every location of the archive.
        var isWPP = source.contains("expected_pop_total.csv")
        if case .embedded(let dataset, _) = source, dataset == EmbeddedDatasets.wpp2024.name { isWPP = true }
        let loaded = LoadedScenarios(source: source, location: location, locationName: name, scenarios: [],
                                     unit: dataset.units.population.rawValue, isWPP: isWPP)
        return (dataset.assumptions, loaded, dataset.warnings)
    }

    /// Reads the data and builds the scenarios: those of `--location`, or, without
    /// it, those of every location of a many-location WPP dataset (the world of the
    /// embedded archive), to be projected and summed.
    func load() throws -> LoadedScenarios {
        let data = try scenarioData()
        if location == nil, let codes = try data.aggregateCodes() {
            return try withHorizon(try loadAggregate(data, codes: codes))
        }
        let code = try location.map { try data.code(of: $0, option: "--location") }
        return try withHorizon(try load(try data.source(for: code), location: code))
    }

    /// The scenarios projected to `--until` (``ProjectionHorizon``): the last
    /// given period's rates held constant after the data end, or cut short.
    func withHorizon(_ loaded: LoadedScenarios) throws -> LoadedScenarios {
        guard until != nil else { return loaded }
        var out = loaded
        var held: Int?
        out.scenarios = try out.scenarios.map { try horizon($0, &held) }
        out.parts = try out.parts.map { part in
            .init(code: part.code, scenarios: try part.scenarios.map { try horizon($0, &held, prefix: "location \(part.code): ") })
        }
        out.heldConstantAfter = held
        return out
    }

    /// One scenario projected to `--until` (unchanged without it); `heldAfter`
    /// gets the year after which its rates are held constant, if any.
    func horizon(_ s: Scenario, _ heldAfter: inout Int?, prefix: String = "") throws -> Scenario {
        guard let until else { return s }
        do {
            let horizon = try s.inputs.horizon(until: until, survival: s.survival)
            heldAfter = horizon.heldConstantAfter
            return Scenario(name: s.name, inputs: horizon.inputs, survival: s.survival)
        } catch {
            if case .invalidParameter(_, _, let expected) = error { throw CommandFailure("--until \(until): \(prefix)expected \(expected)") }
            throw CommandFailure("--until \(until): \(prefix)\(error)")
        }
    }

    /// The scenarios of every location of `codes`, each dataset read once, the
    /// locations read in parallel (their warnings printed in order after).
    func loadAggregate(_ data: ScenarioData, codes: [String]) throws -> LoadedScenarios {
        let wanted = try chosenVariants()
        let sources = try data.sources(for: codes, singleYear: grid == .oneByOne)
        let names = Dictionary(try data.locations().map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let options = self
        let read = try parallelMap(codes) { code -> (LoadedScenarios.Part, [InputProblem], LoadedScenarios) in
            guard let source = sources[code] else { throw CommandFailure("location \(code): no data") }
            let (assumptions, one, warnings) = try options.readAssumptions(source, location: code, name: names[code],
                                                                          warningPrefix: "location \(code): ")
            var scenarios: [Scenario] = []
            if options.grid == .oneByOne {
                scenarios = try wanted.map {
                    try options.singleYearScenario(source, fiveYear: assumptions, location: code, variant: $0, prefix: "location \(code): ")
                }
            } else {
                for variant in wanted {
                    do { scenarios.append(try assumptions.scenario(variant)) } catch {
                        throw CommandFailure("location \(code): the \(variant.rawValue) variant: \(error)")
                    }
                }
            }
            return (.init(code: code, scenarios: scenarios), warnings, one)
        }
        for (part, warnings, _) in read { printWarnings(warnings, prefix: "location \(part.code): ") }
        let isWPP = read.allSatisfy(\.2.isWPP)
        let unit = read.first?.2.unit ?? DatasetUnits().population.rawValue
        let title = data.isWPP2024Locations ? "World (sum of \(codes.count) countries and areas)"
                                            : "Sum of the \(codes.count) locations of \(data.locationsSource)"
        return LoadedScenarios(source: data.locationsSource, location: nil, locationName: title, scenarios: [],
                               unit: unit, isWPP: isWPP, parts: read.map(\.0))
    }

    /// The scenarios of one location's dataset (`location` nil: the only one there).
    func load(_ source: DatasetSource, location: String?) throws -> LoadedScenarios {
        let wanted = try chosenVariants()
        if AssumptionsReader.looksLikeAssumptions(source) {
            let (assumptions, assumptionsLoaded) = try loadAssumptions(source, location: location)
            var loaded = assumptionsLoaded
            if grid == .oneByOne {
                loaded.scenarios = try wanted.map {
                    try singleYearScenario(source, fiveYear: assumptions, location: location, variant: $0)
                }
                return loaded
            }
            for variant in wanted {
                do { loaded.scenarios.append(try assumptions.scenario(variant)) } catch {
                    throw CommandFailure("the \(variant.rawValue) variant: \(error)")
                }
            }
            return loaded
        }
        if grid == .oneByOne {
            throw CommandFailure("--grid 1x1 needs WPP summary assumptions in five-year groups (tfr.csv, pasfr.csv, mx.csv, mig_net_count.csv); \(source) holds full rates, projected on their own grid")
        }
        if variants != nil || variant != .medium {
            throw CommandFailure("variants need summary assumptions (tfr.csv, pasfr.csv, mig_net_total.csv); \(source) holds full rates")
        }
        var inputs: ProjectionInputs
        var unit = DatasetUnits().population.rawValue
        let declared = try unitDeclarations()
        do {
            let dataset = try DatasetReader(location: location, units: declared, ageGrids: ages).read(source)
            printWarnings(dataset.warnings)
            (inputs, unit) = (dataset.inputs, dataset.units.population.rawValue)
        } catch {
            throw wideTables.located(error, data: data).failure(allProblems: allProblems)
        }
        if survival == .given, inputs.survivalRatios.isEmpty, !inputs.deathRates.isEmpty {
            throw CommandFailure(Self.deathRatesOnly(source))
        }
        if let timing { inputs = inputs.withMigrationTiming(timing) }
        let scenario = Scenario(name: "projection", inputs: inputs, survival: survival)
        return LoadedScenarios(source: source, location: location, locationName: nil, scenarios: [scenario],
                               unit: unit, isWPP: false)
    }

    /// A variant (medium, low or high) on single ages and annual steps (`--grid 1x1`):
    /// ``SingleYearEmulation`` of the five-year WPP inputs, with `--timing` when given.
    func singleYearScenario(_ source: DatasetSource, fiveYear: Assumptions, location: String?,
                            variant: ProjectionVariant = .medium, prefix: String = "") throws -> Scenario {
        let declared = try unitDeclarations()
        do {
            let emulation = try SingleYearEmulation.read(source, fiveYear: fiveYear, location: location,
                                                         migrationTiming: timing ?? SingleYearEmulation.defaultMigrationTiming,
                                                         variant: variant, units: declared)
            return Scenario(name: variant.rawValue, inputs: emulation.inputs,
                            survival: .recompute(emulation.lifeTableOptions))
        } catch {
            throw error.failure(allProblems: allProblems, prefix: prefix)
        }
    }

    /// The message of full rates with death rates but no survival ratios under `--survival given`.
    static func deathRatesOnly(_ source: DatasetSource) -> String {
        "\(source) has death rates (mx.csv) but no life_table.csv with survival ratios (Sx), which --survival given (the default) projects with: give --survival recompute to compute Sx from mx.csv with a life table, or add life_table.csv"
    }

    func migrationPatternChoice() throws -> MigrationPatternChoice {
        switch migrationPattern {
        case "rogers-castro": return .rogersCastro()
        case "residual": return .residual
        case let s where s.hasPrefix("un-family:"):
            let name = String(s.dropFirst("un-family:".count))
            guard let family = try? UNMigrationFamily(name: name) else {
                let families = UNMigrationFamily.allCases.map { "un-family:" + $0.rawValue.replacingOccurrences(of: "_", with: "-") }
                throw CommandFailure("--migration-pattern: found \"\(s)\", expected a UN family: \(families.joined(separator: ", "))")
            }
            return .unFamily(family)
        default:
            let url = URL(fileURLWithPath: migrationPattern)
            do { return .given(try MigrationPatternFile.read(url)) } catch {
                throw error.failure(allProblems: allProblems, in: "the migration pattern file", prefix: "--migration-pattern: ")
            }
        }
    }
}

/// What `load()` built, with what the outputs need to say about it.
struct LoadedScenarios {
    var source: DatasetSource
    var location: String?
    var locationName: String?
    /// The scenarios of one location (empty for an aggregate: see ``parts``).
    var scenarios: [Scenario]
    var unit: String
    var isWPP: Bool
    /// `--until`: the year after which the last given period's rates are held constant.
    var heldConstantAfter: Int?
    /// An aggregate: the same variants, in the same order, for each location; the
    /// run projects them all and sums each variant (`ProjectionResult.sum`).
    var parts: [Part] = []

    /// One location of an aggregate.
    struct Part {
        var code: String
        var scenarios: [Scenario]
    }

    /// The scenarios whose names and dates the outputs show.
    var shown: [Scenario] { parts.first?.scenarios ?? scenarios }

    /// Projects the scenarios: each one, or for an aggregate each variant of every
    /// location, summed. `progress` gets (steps done, label).
    func run(progress: @escaping (Int, String) -> Void = { _, _ in }) throws -> [ScenarioResult] {
        guard !parts.isEmpty else {
            var done = 0
            return try scenarios.map { s in
                let before = done
                let result: ScenarioResult
                do { result = try s.run { step, _ in progress(before + step, s.name) } } catch {
                    throw CommandFailure("\(error)")
                }
                done = before + result.result.steps.count
                return result
            }
        }
        // Each location's variants on one thread, the locations in parallel; the
        // progress counts the steps done by all.
        let counter = StepCounter(progress)
        let parts = self.parts
        let byLocation = try parallelMap(parts) { part -> [ScenarioResult] in
            try part.scenarios.map { s in
                var reported = 0
                do {
                    return try s.run { step, _ in
                        counter.add(step - reported, label: s.name)
                        reported = step
                    }
                } catch {
                    throw CommandFailure("location \(part.code): \(error)")
                }
            }
        }
        return try shown.indices.map { i in
            do { return try ScenarioResult.sum(byLocation.map { $0[i] }, name: shown[i].name) } catch {
                throw CommandFailure("the sum of \(parts.count) locations (\(shown[i].name)): \(error)")
            }
        }
    }

    /// The steps ``run(progress:)`` takes in all.
    var totalSteps: Int {
        (parts.isEmpty ? scenarios : parts.flatMap(\.scenarios)).reduce(0) {
            $0 + $1.inputs.periodStartYears(survival: $1.survival).count
        }
    }

    var title: String { locationName ?? location.map { "Location \($0)" } ?? "\(source)" }
    var heading: String {
        let first = shown.first
        let years = first.map { "\($0.inputs.baseYear)" } ?? ""
        let held = heldConstantAfter.map { "; rates held constant after \($0)" } ?? ""
        return "\(title), \(first?.name ?? "") from \(years) (population in \(unit)\(held))"
    }

    /// The revision of World Population Prospects the data come from, told by
    /// their base year: 2015 for WPP 2017 (Tests/Fixtures/wpp2017), 2020 for WPP
    /// 2024 (the embedded archive, data/wpp2024). nil for other base years.
    var revision: String? {
        switch shown.first?.inputs.baseYear {
        case 2015: return "2017"
        case 2020: return "2024"
        default: return nil
        }
    }
    var caption: String {
        guard isWPP else { return "Source: \(source); projected with Demography (cohort-component method)." }
        let name = revision.map { "World Population Prospects \($0)" } ?? "World Population Prospects"
        return "Source: UN DESA Population Division, \(name) (CC BY 3.0 IGO); projected with Demography (cohort-component method)."
    }
    var chartDivisor: Double { unit == "thousands" ? 1000 : 1_000_000 }
    var chartUnit: String { "Total population (millions)" }
    var metadata: [String: String] {
        var m = ["location": location ?? (parts.isEmpty ? "" : "world"), "name": locationName ?? "", "unit": unit, "source": "\(source)"]
        if let heldConstantAfter { m["horizon"] = "rates held constant after \(heldConstantAfter)" }
        return m
    }

    /// "UN published …" lines for the variants that have published totals (one
    /// location's; an aggregate has none).
    func comparisons(_ results: [ScenarioResult]) throws -> [String] {
        guard parts.isEmpty else { return [] }
        let wpp = revision.map { "UN WPP \($0)" } ?? "UN WPP"
        return try results.compactMap { r in
            guard let variant = ProjectionVariant(rawValue: r.name), let last = r.indicators.last,
                  let published = try LocationTable.publishedTotals(source, location: location, variant: variant)[last.year] else { return nil }
            // A published total of 0 (or not finite) has no relative difference.
            let difference = published > 0 && published.isFinite
                ? String(format: "%+.2f %%", 100 * (last.population / published - 1)) : "n/a"
            return String(format: "%@ %d: %@ %@; %@ published %@ (difference %@)", r.name, last.year,
                          SummaryTables.grouped(last.population), unit, wpp, SummaryTables.grouped(published), difference)
        }
    }
}

/// The steps done by the threads of an aggregate run, passed on to the progress
/// callback one update at a time.
private final class StepCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let progress: (Int, String) -> Void

    init(_ progress: @escaping (Int, String) -> Void) { self.progress = progress }

    func add(_ steps: Int, label: String) {
        lock.lock(); defer { lock.unlock() }
        done += steps
        progress(done, label)
    }
}

/// `--grid`: the age groups and step of a WPP-assumptions run.
enum ProjectionGrid: String, CaselessArgument {
    /// Five-year age groups and five-year steps, as the five-year WPP files are.
    case fiveByFive = "5x5"
    /// Single ages 0..99, 100+ and annual steps (``SingleYearEmulation``).
    case oneByOne = "1x1"
    init?(argument: String) { self.init(caseless: argument) }
}
