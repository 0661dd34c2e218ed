import ArgumentParser
import Demography
import DemographyIO
import Foundation

/// `popproj lifetable`: a life table from an mx file.
struct LifeTableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lifetable",
        abstract: "Compute life tables from death rates (nMx), death probabilities (nqx) or survivors (lx).",
        discussion: """
            Reads a tidy file year,sex,age,open_age,value of central death rates on single,
            five-year or abridged (0, 1-4, 5-9, ...) ages, prints the table of one year and
            writes every year and sex with --out (a new file, or an existing one with
            --overwrite; a device, pipe or folder is never replaced).

            Human Mortality Database files are read as they come, recognised by their
            header lines (title with "Last modified", a blank line, Year Age Female Male
            Total): --mx takes Mx_1x1.txt (ages 0..109, 110+) or Mx_5x1.txt (0, 1-4, ...,
            110+), deaths per person-year, "." refused in the years used; --deaths
            Deaths_1x1.txt with --exposures Exposures_1x1.txt gives mx = D/E (same years
            and ages; "." or a zero exposure refused below --last-age, whose open group
            sums D and E).

            Examples:
              popproj lifetable --mx Tests/Fixtures/canada1x1/mx.csv --year 2019 --sex female
              popproj lifetable --mx Tests/Fixtures/canada1x1/mx.csv --a0 un-wpp2019 --open-age kannisto --out lt.csv
              popproj lifetable --mx Tests/Fixtures/wpp2017/mx.csv --location 566 --a0 coale-demeny
              popproj lifetable --mx Tests/Fixtures/canada1x1/mx.csv --extend-to 110 --law kannisto --fit-ages 80-99
              popproj lifetable --mx Tests/Fixtures/canada1x1/mx.csv --sex both --population Tests/Fixtures/canada1x1/pop_base.csv
              popproj lifetable --mx Tests/Fixtures/hmd/Mx_1x1.txt --year 2019
              popproj lifetable --deaths Tests/Fixtures/hmd/Deaths_1x1.txt --exposures Tests/Fixtures/hmd/Exposures_1x1.txt --last-age 100

            Tables: --closed-groups pas (n/2), un (Greville with MORTPAK's bounds,
            DemoTools axmethod "un"), un-mortpak (the same with 2.5 at 5-14),
            greville (UN 1982) or iterated; default greville for abridged ages,
            n/2 otherwise. --law and --extend-to replace the rates from the open
            age on by a law fitted at --fit-ages (default: 60 to the last closed
            group, or the 20 years before it when it starts below 85), extend
            them to 130 and close the table at --extend-to (default: the input's
            open age); without --law, Kannisto from an open age of 90, Makeham
            below. --qx and --lx files have the --mx layout; their open group's
            rate is that law's fitted value. --sex both combines the sexes'
            rates weighted by --population (the same year, or its only year),
            with a0 and 4a1 weighted by a sex ratio at birth of 1.05.
            """)

    @Option(name: .long, help: "The death-rate file: tidy (year,sex,age,open_age,value) or an HMD Mx_1x1.txt / Mx_5x1.txt as it comes; or give --qx, --lx or --deaths with --exposures.", completion: .file())
    var mx: String?

    @Option(name: .long, help: "A file of death probabilities nqx instead of --mx (tidy layout).", completion: .file())
    var qx: String?

    @Option(name: .long, help: "A file of survivors lx instead of --mx (tidy layout, any radix).", completion: .file())
    var lx: String?

    @Option(name: .long, help: "An HMD Deaths_1x1.txt (with --exposures): mx = deaths / exposures.", completion: .file())
    var deaths: String?

    @Option(name: .long, help: "An HMD Exposures_1x1.txt (person-years; with --deaths).", completion: .file())
    var exposures: String?

    @Option(name: .long, help: "With --deaths/--exposures: the open age group AGE+ (deaths and exposures above summed; default: the files' 110+).")
    var lastAge: Int?

    @Option(name: .long, help: "With --sex both: the population by sex and age weighting the sexes' rates.", completion: .file())
    var population: String?

    /// The values' source (``LifeTableInput``).
    var input: LifeTableInput { LifeTableInput(mx: mx, qx: qx, lx: lx, deaths: deaths, exposures: exposures, lastAge: lastAge) }

    @Option(name: .long, parsing: .unconditional, help: "The year to print (default: the first).")
    var year: Int?

    @Option(name: .long, help: "female, male or both (sexes combined; default: female and male).")
    var sex: LifeTableSexChoice?

    @Option(name: .long, help: "The location code, when the file holds several.")
    var location: String?

    @Option(name: .long, help: "a0 rule: andreev-kingkade, un-wpp2019, demotools, coale-demeny, mid-interval.")
    var a0: SeparationFactorRule = .andreevKingkade

    @Option(name: .long, help: "Open age group: reciprocal (L = l/M) or kannisto (UN WPP 2019, single years).")
    var openAge: LifeTableOptions.OpenAgeClosure = .reciprocalOfRate

    @Option(name: .long, help: "nax of closed groups: pas, un, un-mortpak, greville, mid-interval, iterated.")
    var closedGroups: LifeTableOptions.ClosedGroupSeparation?

    @Option(name: .long, help: "Extend old-age rates by this mortality law (fitted by DemoTools' lt_rule_m_extrapolate conventions).")
    var law: MortalityLaw?

    @Option(name: .long, help: "Open age of the extended table (e.g. 110 or 130).")
    var extendTo: Int?

    @Option(name: .long, help: "Ages whose rates the law is fitted to, e.g. 80-99.")
    var fitAges: AgeRange?

    @Option(name: .long, help: "Write every year and sex as CSV to this new file (parent folders are created; see --overwrite).", completion: .file())
    var out: String?

    @Flag(name: .long, help: "List every problem in the death-rate file instead of the first one.")
    var allProblems = false

    func validate() throws {
        try OptionBounds.check("--year", year, in: OptionBounds.years)
        try OptionBounds.check("--extend-to", extendTo, in: 1...AgeStructure.maximumStartAge)
        try input.validate()
        if sex == .both, input.kind != .mx || population == nil {
            throw ValidationError("--sex both needs death rates (--mx, or --deaths with --exposures) and --population (the sexes' rates are weighted by population).")
        }
    }
    @Flag(name: .long, help: "Replace an existing --out file (never a device, pipe or folder).")
    var overwrite = false

    func run() throws {
        let (ages, rates): (AgeStructure, [Int: BySex<[Double]>])
        let kind = input.kind
        let mx = input.name
        var warnings: [InputProblem] = []
        var people: [Int: BySex<[Double]>] = [:]
        do {
            (ages, rates) = try input.read(location: location, years: out == nil ? year.map { [$0] } : nil, warnings: &warnings)
            printWarnings(warnings)
        } catch {
            throw error.failure(allProblems: allProblems, in: mx)
        }
        if let population {
            do {
                people = try TidyFile.schedulesBySex(URL(fileURLWithPath: population), grid: ages, location: location,
                                                     quantity: .population(), warnings: &warnings).values
            } catch { throw error.failure(allProblems: allProblems, in: population) }
        }
        let recipe = LifeTableRecipe(kind: kind, ages: ages, a0: a0, closedGroups: closedGroups, openAge: openAge,
                                     law: law, extendTo: extendTo, fitAges: fitAges?.range)
        let years = rates.keys.sorted()
        guard let shown = year ?? years.first, rates[shown] != nil else {
            throw CommandFailure("\(mx) has no rows for \(year.map(String.init) ?? "any year"); years: \(years.first ?? 0)-\(years.last ?? 0)")
        }
        var all: [(year: Int, table: LifeTable)] = []
        for y in (out == nil ? [shown] : years) {
            guard let m = rates[y] else { continue }
            if sex == .both {
                let combined = try LifeTableRecipe.combined(m, population: people, year: y, ages: ages, file: population ?? "")
                do { all.append((y, try recipe.table(sex: nil, ages: ages, values: combined))) } catch {
                    throw CommandFailure("\(mx) with \(population ?? ""), year \(y), both sexes: \(error)")
                }
            }
            for s in Sex.allCases where sex == nil || sex?.rawValue == s.rawValue {
                do { all.append((y, try recipe.table(sex: s, ages: ages, values: m[s]))) } catch {
                    throw CommandFailure("\(mx), year \(y), \(s.rawValue): \(error)")
                }
            }
        }
        // Render before writing: a run that cannot print leaves no file.
        var report = ""
        for (y, table) in all where y == shown {
            report += "\(table.sexLabel.capitalized), \(y): e0 = \(String(format: "%.2f", table.lifeExpectancyAtBirth)) years\n"
            report += try LifeTableTables.text(table) + "\n\n"   // refuses inf or a negative value before anything is printed
        }
        if let out, PopProj.communicator.isRoot {
            let csv = try LifeTableTables.csv(all, width: ages.uniformWidth ?? 5, file: out)
            report += "wrote \(all.count) life tables to \(out)\n"
            do { try OutputDirectory.writeFile(csv, to: out, overwrite: overwrite) } catch {
                throw CommandFailure(error.description)
            }
        }
        print(report, terminator: "")
    }
}
