import Foundation
import Demography

/// Builds a multiregional dataset of the counties of a state from the layout of
/// the PAA 2025 workshop on subnational projections (PPgp/PAA2025workshop
/// `data/`, as in `Tests/Fixtures/washington`): `locations.csv`, `pop.csv`,
/// `mx.csv`, `tfr.csv`, `mig_counts.csv`, plus `pasfr.csv` and `srb.csv`.
///
/// The source has no county-to-county migration, so it is built from documented
/// assumptions (the numbers are partly synthetic teaching material, not official
/// statistics):
///
/// 1. **Base.** The latest year of `pop.csv` with `mx.csv`, `tfr.csv` and
///    `mig_counts.csv` for it; single years 0–99 and 100+; one-year steps.
/// 2. **Fertility.** ASFR of county i at single age x in five-year group g:
///    TFRᵢ · pasfr_g / 100 / 5 (the percentage distribution of fertility by age,
///    `pasfr.csv`, spread evenly within each group). SRB from `srb.csv`.
/// 3. **Internal out-migration.** Oᵢ(x) = ``internalOutMigrationRate`` · g(x) / ḡ
///    for every county and both sexes, where g is the standard Rogers–Castro
///    schedule (``RogersCastroSchedule/standard``) and ḡ its mean over the
///    state's population, so that the state's crude rate of moving between its
///    counties is ``internalOutMigrationRate`` a year.
/// 4. **Destinations.** The leavers of county i go to county j ≠ i in proportion
///    to j's population (a gravity model without distance,
///    ``MigrationFlowMatrix/destinationShares(proportionalTo:)``).
/// 5. **External migration, calibrated.** Each county's external (international
///    and other-state) net migrants Eᵢ = Nᵢ − Iᵢ, where Nᵢ is its published net
///    migration count of the base year and Iᵢ its internal net migration in the
///    first step, spread over age and sex with the standard Rogers–Castro
///    pattern (half male). So internal + external net migration matches the
///    published count of every county in the first step, and the state's net
///    migration is the sum of the county counts (``ExternalMigrationCalibration``).
/// 6. Rates and external migrants are held constant; migrants enter at the end
///    of each step; the open group follows the UN's merge
///    (``OpenAgeGroupRule/mergedWithLastClosedGroup``).
public struct CountyDatasetReader: Sendable {
    /// The state's crude annual rate of migration between its counties (default 0.02).
    public var internalOutMigrationRate: Double

    /// A reader with the given internal migration level.
    public init(internalOutMigrationRate: Double = 0.02) {
        self.internalOutMigrationRate = internalOutMigrationRate
    }

    /// Reads and assembles the dataset in `directory`.
    public func read(directory: URL) throws(DatasetError) -> MultiregionalDataset {
        func table(_ name: String) throws(DatasetError) -> CSVTable { try CSVTable.read(directory.appendingPathComponent(name)) }
        let locations = try table("locations.csv")
        guard let codeColumn = locations.header.firstIndex(of: "reg_code"), let nameColumn = locations.header.firstIndex(of: "name"),
              let typeColumn = locations.header.firstIndex(of: "location_type") else {
            throw DatasetError([InputProblem(file: "locations.csv", line: 1, expected: "columns reg_code,name,location_type")])
        }
        let counties = locations.rows.filter { $0[typeColumn] == "4" }.map { (code: $0[codeColumn], name: $0[nameColumn]) }
        guard counties.count >= 2 else {
            throw DatasetError([InputProblem(file: "locations.csv", column: "location_type", expected: "at least two counties (type 4)")])
        }
        let codes = counties.map(\.code)
        let pop = try table("pop.csv"), mx = try table("mx.csv")
        let years = Set(try column(pop, "year").compactMap(Int.init)).intersection(try column(mx, "year").compactMap(Int.init))
        guard let base = years.max() else {
            throw DatasetError([InputProblem(file: "mx.csv", column: "year", expected: "a year that pop.csv also has")])
        }
        let ages: AgeStructure
        do { ages = try AgeStructure.singleYear(openAge: 100) } catch {
            throw DatasetError([InputProblem(file: "pop.csv", expected: error.description)])
        }
        var problems: [InputProblem] = []
        let population = bySexAndAge(pop, year: base, codes: codes, ages: ages, problems: &problems)
        let deathRates = bySexAndAge(mx, year: base, codes: codes, ages: ages, problems: &problems)
        let tfr = byCode(try table("tfr.csv"), year: base, codes: codes, problems: &problems)
        let netCounts = byCode(try table("mig_counts.csv"), year: base, codes: codes, problems: &problems)
        let pasfr = try readPasfr(try table("pasfr.csv"))
        var srb = 1.05
        if let t = try? table("srb.csv"), let v = t.header.firstIndex(of: "value"), let row = t.rows.first, let value = Double(row[v]) {
            srb = value
        }
        guard problems.isEmpty else { throw DatasetError(problems) }

        let regions = counties.map(\.name)
        do {
            let start = try MultiregionalPopulation(regions: regions, ages: ages) { i, sex in population[codes[i]]![sex] }
            let profile = try RogersCastroSchedule.standard.groupValues(on: ages)
            let state = start.aggregate()
            let stateTotal = state.total
            let meanProfile = (0..<ages.count).reduce(0.0) { $0 + profile[$1] * (state.counts.female[$1] + state.counts.male[$1]) } / stateTotal
            let level = internalOutMigrationRate / meanProfile
            let migration = try MigrationFlowMatrix(
                regions: regions, ages: ages,
                outMigrationRate: { _, _, x in level * profile[x] },
                destinationShares: MigrationFlowMatrix.destinationShares(proportionalTo: (0..<regions.count).map(start.total(region:))))
            let rates = try MultiregionalRates(
                regions: regions, ages: ages,
                deathRate: { i, sex in deathRates[codes[i]]![sex] },
                migration: migration,
                fertilityRate: { i in ages.startAges.map { x in
                    guard let share = pasfr[x / 5 * 5], x >= 15, x < 50 else { return 0 }
                    return tfr[codes[i]]! * share / 100 / 5
                } },
                sexRatioAtBirth: srb)
            let step = try MultiregionalStep(rates: rates, migrationTiming: .endOfStep, openAgeGroup: .mergedWithLastClosedGroup)
            let calibrated = try ExternalMigrationCalibration.calibrate(
                step, population: start, netMigrationTotals: codes.map { netCounts[$0]! },
                pattern: MigrationAgePattern(rogersCastro: .standard, on: ages))
            return MultiregionalDataset(
                title: "\(regions.count) counties of Washington State, single years 0-100+, both sexes, from \(base) (partly synthetic teaching data, PPgp/PAA2025workshop)",
                start: start, startYear: base, rates: rates, externalMigrants: calibrated.step.externalMigrants,
                migrationTiming: .endOfStep, openAgeGroup: .mergedWithLastClosedGroup, defaultSteps: 30,
                assumptions: [
                    "Fertility: each county's \(base) TFR times the percentage distribution by age in pasfr.csv, spread evenly within five-year groups; SRB \(srb).",
                    "Internal migration (assumed, not in the data): every county loses \(internalOutMigrationRate) of its population a year to the other counties on average, by age as the standard Rogers-Castro schedule, the same for both sexes.",
                    "Destinations (assumed): leavers go to the other counties in proportion to their population in \(base) (gravity without distance).",
                    "External net migration = each county's published \(base) net migration count minus its modelled internal net migration in the first step, spread by the standard Rogers-Castro pattern (half male); held constant.",
                    "The data are partly synthetic teaching material (mx is synthetic); the results are not official statistics.",
                ])
        } catch {
            throw DatasetError([InputProblem(file: directory.lastPathComponent, expected: error.description)])
        }
    }

    private func column(_ t: CSVTable, _ name: String) throws(DatasetError) -> [String] {
        guard let c = t.header.firstIndex(of: name) else {
            throw DatasetError([InputProblem(file: t.file, line: 1, column: name, expected: "a column named \"\(name)\"")])
        }
        return t.rows.map { $0[c] }
    }

    /// reg_code,year,sex,age,open_age,value rows of `year` by code and sex.
    private func bySexAndAge(_ t: CSVTable, year: Int, codes: [String], ages: AgeStructure,
                             problems: inout [InputProblem]) -> [String: BySex<[Double]>] {
        let h = t.header
        guard let c = h.firstIndex(of: "reg_code"), let y = h.firstIndex(of: "year"), let s = h.firstIndex(of: "sex"),
              let a = h.firstIndex(of: "age"), let v = h.firstIndex(of: "value") else {
            problems.append(InputProblem(file: t.file, line: 1, expected: "columns reg_code,year,sex,age,value"))
            return [:]
        }
        let wanted = Set(codes), yearText = String(year)
        var out: [String: BySex<[Double]>] = [:]
        for (row, line) in zip(t.rows, t.lines) where row[y] == yearText && wanted.contains(row[c]) {
            guard let sex = Sex(rawValue: row[s]), let age = Int(row[a]), let x = ages.index(ofStartAge: age),
                  let value = Double(row[v]), value.isFinite, value >= 0 else {
                problems.append(InputProblem(file: t.file, line: line, value: row.joined(separator: ","),
                                             expected: "a sex, an age 0-100 and a number of 0 or more"))
                continue
            }
            out[row[c], default: BySex(both: [Double](repeating: .nan, count: ages.count))][sex][x] = value
        }
        for code in codes {
            guard let values = out[code], !(values.female + values.male).contains(where: \.isNaN) else {
                problems.append(InputProblem(file: t.file, column: "reg_code", value: code,
                                             expected: "every sex and age 0-100 in \(year)"))
                continue
            }
        }
        return out
    }

    /// reg_code,year,value rows of `year` by code.
    private func byCode(_ t: CSVTable, year: Int, codes: [String], problems: inout [InputProblem]) -> [String: Double] {
        let h = t.header
        guard let c = h.firstIndex(of: "reg_code"), let y = h.firstIndex(of: "year"), let v = h.firstIndex(of: "value") else {
            problems.append(InputProblem(file: t.file, line: 1, expected: "columns reg_code,year,value"))
            return [:]
        }
        var out: [String: Double] = [:]
        for row in t.rows where row[y] == String(year) { if let value = Double(row[v]) { out[row[c]] = value } }
        for code in codes where out[code] == nil {
            problems.append(InputProblem(file: t.file, column: "reg_code", value: code, expected: "a value for \(year)"))
        }
        return out
    }

    /// age,value percentages by start age of five-year groups.
    private func readPasfr(_ t: CSVTable) throws(DatasetError) -> [Int: Double] {
        guard let a = t.header.firstIndex(of: "age"), let v = t.header.firstIndex(of: "value") else {
            throw DatasetError([InputProblem(file: t.file, line: 1, expected: "columns age,value")])
        }
        var out: [Int: Double] = [:]
        for row in t.rows { if let age = Int(row[a]), let value = Double(row[v]) { out[age] = value } }
        return out
    }
}
