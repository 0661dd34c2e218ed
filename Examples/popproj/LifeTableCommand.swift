import ArgumentParser
import Demography
import DemographyIO
import Foundation

/// `popproj lifetable`: a life table from an mx file.
struct LifeTableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lifetable",
        abstract: "Compute life tables from death rates (nMx).",
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
              popproj lifetable --mx Tests/Fixtures/hmd/Mx_1x1.txt --year 2019
              popproj lifetable --deaths Tests/Fixtures/hmd/Deaths_1x1.txt --exposures Tests/Fixtures/hmd/Exposures_1x1.txt --last-age 100
            """)

    @Option(name: .long, help: "The death-rate file: tidy (year,sex,age,open_age,value) or an HMD Mx_1x1.txt / Mx_5x1.txt as it comes.", completion: .file())
    var mx: String?

    @Option(name: .long, help: "An HMD Deaths_1x1.txt (with --exposures): mx = deaths / exposures.", completion: .file())
    var deaths: String?

    @Option(name: .long, help: "An HMD Exposures_1x1.txt (person-years; with --deaths).", completion: .file())
    var exposures: String?

    @Option(name: .long, help: "With --deaths/--exposures: the open age group AGE+ (deaths and exposures above summed; default: the files' 110+).")
    var lastAge: Int?

    /// The rates' source (``LifeTableInput``).
    var input: LifeTableInput { LifeTableInput(mx: mx, deaths: deaths, exposures: exposures, lastAge: lastAge) }

    @Option(name: .long, parsing: .unconditional, help: "The year to print (default: the first).")
    var year: Int?

    @Option(name: .long, help: "female or male (default: both).")
    var sex: Sex?

    @Option(name: .long, help: "The location code, when the file holds several.")
    var location: String?

    @Option(name: .long, help: "a0 rule: andreev-kingkade, un-wpp2019, coale-demeny, mid-interval.")
    var a0: SeparationFactorRule = .andreevKingkade

    @Option(name: .long, help: "Open age group: reciprocal (L = l/M) or kannisto (UN WPP 2019, single years).")
    var openAge: LifeTableOptions.OpenAgeClosure = .reciprocalOfRate

    @Option(name: .long, help: "Write every year and sex as CSV to this new file (parent folders are created; see --overwrite).", completion: .file())
    var out: String?

    @Flag(name: .long, help: "List every problem in the death-rate file instead of the first one.")
    var allProblems = false

    func validate() throws {
        try OptionBounds.check("--year", year, in: OptionBounds.years)
        try input.validate()
    }
    @Flag(name: .long, help: "Replace an existing --out file (never a device, pipe or folder).")
    var overwrite = false

    func run() throws {
        let (ages, rates): (AgeStructure, [Int: BySex<[Double]>])
        var warnings: [InputProblem] = []
        let mx = input.name
        do {
            (ages, rates) = try input.read(location: location, years: out == nil ? year.map { [$0] } : nil, warnings: &warnings)
            printWarnings(warnings)
        } catch {
            throw error.failure(allProblems: allProblems, in: mx)
        }
        let options = LifeTableOptions(infantSeparation: a0,
                                       closedGroups: ages.isAbridged ? .greville : .midInterval,
                                       openAgeClosure: openAge)
        let years = rates.keys.sorted()
        guard let shown = year ?? years.first, rates[shown] != nil else {
            throw CommandFailure("\(mx) has no rows for \(year.map(String.init) ?? "any year"); years: \(years.first ?? 0)-\(years.last ?? 0)")
        }
        var all: [(year: Int, table: LifeTable)] = []
        do {
            for y in (out == nil ? [shown] : years) {
                for s in Sex.allCases where sex == nil || sex == s {
                    guard let m = rates[y] else { continue }
                    all.append((y, try LifeTable(sex: s, ages: ages, deathRates: m[s], options: options)))
                }
            }
        } catch {
            throw CommandFailure("\(mx): \(error)")
        }
        // Render before writing: a run that cannot print leaves no file.
        var report = ""
        for (y, table) in all where y == shown {
            report += "\(table.sex.rawValue.capitalized), \(y): e0 = \(String(format: "%.2f", table.lifeExpectancyAtBirth)) years\n"
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
