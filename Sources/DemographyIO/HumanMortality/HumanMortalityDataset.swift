import Foundation
import Demography

/// A folder of Human Mortality Database and Human Fertility Database files read
/// as a dataset of full rates, translated into the tidy layout of
/// ``DatasetReader`` (in memory, as ``DatasetSource/translated(description:files:)``).
///
/// The folder holds, each recognised by its header lines (``HumanMortalityText``)
/// and told apart by its name's ending (a country prefix is fine) or else by its
/// title:
///
/// | role | file | |
/// |---|---|---|
/// | death rates | `Mx_1x1.txt`, or `Deaths_1x1.txt` and `Exposures_1x1.txt` (mx = D/E) | required; Mx_1x1 is used when both are there |
/// | population | `Population.txt` | required; 1 January; the `YYYY+` figure after a territorial change |
/// | fertility | HFD `asfrRR.txt` | required; `12-` at age 12, `55+` at age 55 |
/// | sex ratio at birth | `Births.txt` | optional; male over female births; without it 1.05 |
///
/// The translation is one annual step of the cohort-component method on single
/// ages 0 ... 110+ (the HMD's grid), from the **base year** Y: the last year with
/// a population, death rates and fertility rates (and births, when `Births.txt`
/// is there), or `baseYear` when given. Files written:
///
/// - `pop_base.csv`: year Y, the population on **1 January Y** (persons);
/// - `mx.csv`: the death rates of calendar year Y (deaths per person-year);
/// - `asfr.csv`: the fertility rates of calendar year Y (births per woman per year);
/// - `srb.csv`: the sex ratio at birth of calendar year Y (males per female birth);
/// - `units.csv`: `population,persons`.
///
/// The projected population labelled Y+1 is then that of 1 January Y+1. No
/// migration file is written: the step has none (the HMD publishes no migration).
/// The 1.05 without `Births.txt` is the usual human sex ratio at birth, the value
/// near which national sex ratios at birth lie (Preston, Heuveline & Guillot 2001, chapter 5).
public enum HumanMortalityDataset {
    /// What each file of the folder is.
    public enum Role: String, Sendable, CaseIterable {
        case deathRates = "Mx_1x1.txt", deaths = "Deaths_1x1.txt", exposures = "Exposures_1x1.txt"
        case population = "Population.txt", births = "Births.txt", fertilityRates = "asfrRR.txt"

        /// A word of the title line that names the statistic (the fallback when the name does not).
        var titleWords: [String] {
            switch self {
            case .deathRates: return ["death rates (period 1x1)"]
            case .deaths: return ["deaths (period 1x1)"]
            case .exposures: return ["exposure to risk (period 1x1)"]
            case .population: return ["population size (1-year)"]
            case .births: return ["births (1-year)"]
            case .fertilityRates: return ["age-specific fertility rate"]
            }
        }
    }

    /// The HMD and HFD files of `directory` by role; empty when there are none.
    public static func files(in directory: URL) -> [Role: [URL]] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var out: [Role: [URL]] = [:]
        for name in names.sorted() where name.lowercased().hasSuffix(".txt") {
            let url = directory.appendingPathComponent(name)
            guard HumanMortalityText.recognises(fileAt: url) else { continue }
            let lower = name.lowercased()
            var role = Role.allCases.first { lower.hasSuffix($0.rawValue.lowercased()) }
            if role == nil, let title = try? String(contentsOf: url, encoding: .utf8).prefix(400).lowercased() {
                role = Role.allCases.first { r in r.titleWords.contains { title.contains($0) } }
            }
            if let role { out[role, default: []].append(url) }
        }
        return out
    }

    /// Whether `directory` holds an HMD dataset: a population file and death rates
    /// (Mx_1x1, or Deaths_1x1 and Exposures_1x1).
    public static func recognises(_ directory: URL) -> Bool {
        let found = files(in: directory)
        return found[.population] != nil && (found[.deathRates] != nil || found[.deaths] != nil || found[.exposures] != nil)
    }

    /// The tidy dataset of the HMD and HFD files of `directory` (see the type's
    /// description), or nil when the folder holds none (``recognises(_:)``).
    public static func translate(_ directory: URL, baseYear: Int? = nil) throws(DatasetError) -> DatasetSource? {
        let found = files(in: directory)
        guard recognises(directory) else { return nil }
        var problems: [InputProblem] = []
        for (role, urls) in found where urls.count > 1 {
            problems.append(InputProblem(file: urls.map(\.lastPathComponent).joined(separator: ", "),
                                         expected: "one \(role.rawValue) file in \(directory.path)"))
        }
        if found[.fertilityRates] == nil {
            problems.append(InputProblem(file: Role.fertilityRates.rawValue,
                                         expected: "the Human Fertility Database's asfrRR.txt (Year Age ASFR) in \(directory.path), for the births of the projection"))
        }
        if found[.deathRates] == nil && (found[.deaths] == nil || found[.exposures] == nil) {
            problems.append(InputProblem(file: found[.deaths] == nil ? Role.deaths.rawValue : Role.exposures.rawValue,
                                         expected: "Mx_1x1.txt, or Deaths_1x1.txt with Exposures_1x1.txt, in \(directory.path)"))
        }
        guard problems.isEmpty else { throw DatasetError(problems) }
        func first(_ role: Role) -> URL? { found[role]?.first }

        // Each file read apart, so that every file's problems are reported together.
        var population: HumanMortalitySchedules?
        var mortality: HumanMortalityCells?
        var rates: HumanMortalitySchedules?
        var fertility: HumanFertilityRates?
        var srb: [Int: Double]?
        func collect(_ body: () throws(DatasetError) -> Void) {
            do { try body() } catch { problems += error.problems }
        }
        collect { () throws(DatasetError) in
            if let url = first(.population) { population = try HumanMortalityDatabase.population(url) }
        }
        collect { () throws(DatasetError) in
            if let url = first(.deathRates) {
                let text = try HumanMortalityText.read(url, columns: HumanMortalityCells.columns)
                try text.check(.deathRates)
                mortality = try HumanMortalityCells.read(text, quantity: .deathRate)
            } else if let d = first(.deaths), let e = first(.exposures) {
                rates = try HumanMortalityDatabase.deathRates(deaths: d, exposures: e)
            }
        }
        collect { () throws(DatasetError) in
            if let url = first(.fertilityRates) { fertility = try HumanFertilityRates.read(url) }
        }
        collect { () throws(DatasetError) in
            if let url = first(.births) {
                srb = try HumanMortalityDatabase.sexRatioAtBirth(HumanMortalityText.read(url, columns: HumanMortalityDatabase.birthColumns))
            }
        }
        guard problems.isEmpty, let population, let fertility else { throw DatasetError(problems) }
        let mortalityAges = mortality?.ages ?? rates?.ages
        let mortalityYears = Set(mortality.map { Array($0.cells.keys) } ?? rates.map(\.years) ?? [])
        let mortalityFile = mortality?.file ?? rates?.file ?? ""
        if let ages = mortalityAges, ages != population.ages {
            throw DatasetError([InputProblem(file: mortalityFile, column: "Age", value: "\(ages)",
                                             expected: "the ages of \(population.file) (\(population.ages))")])
        }

        // The base year: the last year every file has (or the one asked for).
        var common = Set(population.years).intersection(mortalityYears).intersection(fertility.values.keys)
        if let srb { common.formIntersection(srb.keys) }
        let spans = [(population.file, population.years), (mortalityFile, mortalityYears.sorted()),
                     (fertility.file, fertility.values.keys.sorted())] + (srb.map { [(first(.births)?.lastPathComponent ?? "", $0.keys.sorted())] } ?? [])
        let spanText = spans.map { "\($0.0) \($0.1.first.map(String.init) ?? "none")-\($0.1.last.map(String.init) ?? "none")" }.joined(separator: ", ")
        guard let year = baseYear ?? common.max() else {
            throw DatasetError([InputProblem(file: directory.lastPathComponent, expected: "a year that every file has (their years: \(spanText))")])
        }
        guard common.contains(year) else {
            throw DatasetError([InputProblem(file: directory.lastPathComponent, value: "\(year)",
                                             expected: "a base year that every file has (their years: \(spanText))")])
        }
        let ages = population.ages
        let deathRates: BySex<[Double]>
        if let mortality {
            guard let m = try mortality.complete("the projection's base year \(year) needs the death rate of every age", years: [year]).values[year] else {
                throw DatasetError([InputProblem(file: mortalityFile, value: "\(year)", expected: "death rates of the base year")])
            }
            deathRates = m
        } else if let m = rates?.values[year] {
            deathRates = m
        } else {
            throw DatasetError([InputProblem(file: mortalityFile, value: "\(year)", expected: "death rates of the base year")])
        }
        guard let base = population.values[year], let asfr = try fertility.schedule(year, on: ages) else {
            throw DatasetError([InputProblem(file: population.file, value: "\(year)", expected: "the population and fertility of the base year")])
        }

        func bySexFile(_ values: BySex<[Double]>) -> String {
            var text = "year,sex,age,open_age,value\n"
            for sex in Sex.allCases {
                for (i, v) in values[sex].enumerated() {
                    text += "\(year),\(sex.rawValue),\(ages.startAges[i]),\(i == ages.count - 1 ? 1 : 0),\(v)\n"
                }
            }
            return text
        }
        var asfrText = "year,age,open_age,value\n"
        for (i, v) in asfr.enumerated() { asfrText += "\(year),\(ages.startAges[i]),\(i == ages.count - 1 ? 1 : 0),\(v)\n" }
        let files: [String: String] = [
            "pop_base.csv": bySexFile(base),
            "mx.csv": bySexFile(deathRates),
            "asfr.csv": asfrText,
            "srb.csv": "year,value\n\(year),\(srb?[year] ?? defaultSexRatioAtBirth)\n",
            "units.csv": "quantity,unit\npopulation,persons\n",
        ]
        let description = "Human Mortality and Fertility Database files in \(directory.path) (base year \(year): population on 1 January \(year), rates of calendar year \(year))"
        return .translated(description: description, files: files)
    }

    /// The sex ratio at birth used without `Births.txt`: 1.05 males per female birth.
    public static let defaultSexRatioAtBirth = 1.05
}
