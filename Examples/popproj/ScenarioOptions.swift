import ArgumentParser
import Demography
import DemographyIO
import Foundation

/// The options that choose what to project, shared by `project` and `variants`.
struct ScenarioOptions: ParsableArguments {
    @Option(name: .long, help: "A dataset directory (default: the embedded UN WPP 2017 scenario).", completion: .directory)
    var data: String?

    @Option(name: .long, help: "The location code, when the files hold several (default scenario: 566, Nigeria).")
    var location: String?

    @Option(name: .long, help: "Several locations, split across MPI ranks when run under mpirun: all, or a comma-separated list of codes.")
    var locations: String?

    @Option(name: .long, help: "The UN variant: \(ProjectionVariant.allCases.map(\.rawValue).joined(separator: ", ")).")
    var variant: ProjectionVariant = .medium

    @Option(name: .long, help: "Several variants side by side: all, or a comma-separated list.")
    var variants: String?

    @Option(name: .long, help: "Age pattern of net migration: un-family:family|male-labor|female-labor, rogers-castro, residual, or a CSV file (sex,age,value).")
    var migrationPattern: String = "un-family:family"

    @Option(name: .long, help: "Migration timing: end or even (default: what the data say; WPP assumptions: even).")
    var timing: MigrationTiming?

    @Option(name: .long, help: "Survival ratios of full-rate data: given (Sx of life_table.csv) or recompute (from mx).")
    var survival: SurvivalSource = .given

    @Flag(name: .long, help: "List every problem in the data, grouped by file, instead of the first one.")
    var allProblems = false

    func validate() throws {
        _ = try chosenVariants()
        _ = try chosenLocations()
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

    /// The location codes of `--locations` (nil: all of the dataset's; none named twice).
    func chosenLocations() throws(ValidationError) -> [String]? {
        guard let locations, locations != "all" else { return nil }
        return try OptionBounds.items("--locations", locations, expected: "all or a comma-separated list of location codes")
    }

    /// The dataset directory named by `--data` (which must exist), or the embedded default scenario.
    static func source(data: String?) throws -> DatasetSource {
        guard let data else { return EmbeddedDatasets.wpp2017 }
        do { return try .existingDirectory(URL(fileURLWithPath: data)) } catch { throw CommandFailure(error.oneLine) }
    }

    /// The summary assumptions of the chosen dataset (the WPP layout), with what
    /// the outputs say about them; no scenarios yet.
    func loadAssumptions() throws -> (Assumptions, LoadedScenarios) {
        let source = try Self.source(data: data)
        guard AssumptionsReader.looksLikeAssumptions(source) else {
            throw CommandFailure("this run needs summary assumptions (tfr.csv, pasfr.csv, mx.csv, mig_net_total.csv); \(source) holds full rates")
        }
        let location = self.location ?? (data == nil ? "566" : nil)
        let pattern = try migrationPatternChoice()
        var dataset: AssumptionsDataset
        do {
            dataset = try AssumptionsReader(location: location).read(source, migrationPattern: pattern)
            printWarnings(dataset.warnings)
            if let timing {
                dataset.assumptions = dataset.assumptions.withMigrationTiming(timing)
                // The residual pattern depends on the timing: estimate it again under this one.
                if case .residual = pattern { dataset = try dataset.withResidualMigrationPattern() }
            }
        } catch {
            throw error.failure(allProblems: allProblems)
        }
        let name = try LocationTable.read(source).first { $0.code == location }?.name
        let isWPP = data == nil || source.contains("expected_pop_total.csv")
        let loaded = LoadedScenarios(source: source, location: location, locationName: name, scenarios: [],
                                     unit: isWPP ? "thousands" : "persons", isWPP: isWPP)
        return (dataset.assumptions, loaded)
    }

    /// Reads the data and builds the scenarios.
    func load() throws -> LoadedScenarios {
        let source = try Self.source(data: data)
        let wanted = try chosenVariants()
        if AssumptionsReader.looksLikeAssumptions(source) {
            let (assumptions, assumptionsLoaded) = try loadAssumptions()
            var loaded = assumptionsLoaded
            for variant in wanted {
                do { loaded.scenarios.append(try assumptions.scenario(variant)) } catch {
                    throw CommandFailure("the \(variant.rawValue) variant: \(error)")
                }
            }
            return loaded
        }
        if variants != nil || variant != .medium {
            throw CommandFailure("variants need summary assumptions (tfr.csv, pasfr.csv, mig_net_total.csv); \(source) holds full rates")
        }
        var inputs: ProjectionInputs
        do {
            let dataset = try DatasetReader(location: location).read(source)
            printWarnings(dataset.warnings)
            inputs = dataset.inputs
        } catch {
            throw error.failure(allProblems: allProblems)
        }
        if let timing { inputs = inputs.withMigrationTiming(timing) }
        let scenario = Scenario(name: "projection", inputs: inputs, survival: survival)
        return LoadedScenarios(source: source, location: location, locationName: nil, scenarios: [scenario],
                               unit: "persons", isWPP: false)
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
    var scenarios: [Scenario]
    var unit: String
    var isWPP: Bool

    var title: String { locationName ?? location.map { "Location \($0)" } ?? "\(source)" }
    var heading: String {
        let first = scenarios.first
        let years = first.map { "\($0.inputs.baseYear)" } ?? ""
        return "\(title), \(first?.name ?? "") from \(years) (population in \(unit))"
    }
    var caption: String {
        isWPP ? "Source: UN DESA Population Division, World Population Prospects 2017 (CC BY 3.0 IGO); projected with Demography (cohort-component method)."
              : "Source: \(source); projected with Demography (cohort-component method)."
    }
    var chartDivisor: Double { unit == "thousands" ? 1000 : 1_000_000 }
    var chartUnit: String { "Total population (millions)" }
    var metadata: [String: String] {
        ["location": location ?? "", "name": locationName ?? "", "unit": unit, "source": "\(source)"]
    }

    /// "UN published …" lines for the variants that have published totals.
    func comparisons(_ results: [ScenarioResult]) throws -> [String] {
        try results.compactMap { r in
            guard let variant = ProjectionVariant(rawValue: r.name), let last = r.indicators.last,
                  let published = try LocationTable.publishedTotals(source, location: location, variant: variant)[last.year] else { return nil }
            // A published total of 0 (or not finite) has no relative difference.
            let difference = published > 0 && published.isFinite
                ? String(format: "%+.2f %%", 100 * (last.population / published - 1)) : "n/a"
            return String(format: "%@ %d: %@ %@; UN WPP 2017 published %@ (difference %@)", r.name, last.year,
                          SummaryTables.grouped(last.population), unit, SummaryTables.grouped(published), difference)
        }
    }
}
