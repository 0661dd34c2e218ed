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
///
/// Every file is checked, each problem located by file, line, column and value
/// and all reported together: numbers in plain decimal (``DecimalNumber``) within
/// their ``Quantity`` (population counts, death rates, TFR, net migrant counts,
/// percentages; unusual values warned about in ``MultiregionalDataset/warnings``);
/// years and ages whole numbers; every key (county, year, sex, age; county, year;
/// age) once; `open_age` 1 on age 100 only (and, in `pasfr.csv`, on no group but
/// the last, 45); `pasfr.csv` with every group 15–45 and percentages summing to
/// 100 (±0.5); a base year in `tfr.csv` and `mig_counts.csv` for every county.
/// `srb.csv` is optional: absent, the SRB is 1.05 (nothing printed); present, it
/// must hold one readable `value`. Rates too high for the linear method
/// (``NegativeLinearTransition``) are refused at the `mx.csv` line, or as the
/// internal out-migration rate when migration makes most of the rate.
public struct CountyDatasetReader: Sendable {
    /// The state's crude annual rate of migration between its counties (default 0.02).
    public var internalOutMigrationRate: Double

    /// A reader with the given internal migration level.
    public init(internalOutMigrationRate: Double = 0.02) {
        self.internalOutMigrationRate = internalOutMigrationRate
    }

    /// What a problem with ``internalOutMigrationRate`` names in place of a file
    /// (the rate is no file's; a command line can name its option instead).
    public static let internalRateSource = "the internal out-migration rate"

    /// Reads and assembles the dataset in `directory`.
    public func read(directory: URL) throws(DatasetError) -> MultiregionalDataset {
        var reading = CountyReading(directory: directory)
        return try reading.read(internalRate: internalOutMigrationRate)
    }
}

/// One reading of a county directory: the problems and warnings found so far.
private struct CountyReading {
    let directory: URL
    var problems: [InputProblem] = []
    var warnings: [InputProblem] = []
    /// The codes of locations.csv's other rows (the state, regions): their data rows are not read.
    var otherLocations: Set<String> = []

    init(directory: URL) { self.directory = directory }

    func table(_ name: String) throws(DatasetError) -> CSVTable { try CSVTable.read(directory.appendingPathComponent(name)) }

    var hasErrors: Bool { problems.contains { $0.severity == .error } }

    mutating func read(internalRate: Double) throws(DatasetError) -> MultiregionalDataset {
        guard internalRate.isFinite, internalRate >= 0, internalRate < 1, internalRate == 0 || internalRate.isNormal else {
            throw DatasetError([InputProblem(file: CountyDatasetReader.internalRateSource, value: "\(internalRate)",
                                             expected: "a crude annual rate of moving between counties from 0 to below 1 (0, or at least \(Double.leastNormalMagnitude))")])
        }
        let counties = try readCounties()
        let codes = counties.map(\.code)
        let pop = try table("pop.csv"), mx = try table("mx.csv")
        let popYears = years(pop), mxYears = years(mx)
        guard !hasErrors else { throw DatasetError(problems) }
        guard let base = popYears.intersection(mxYears).max() else {
            throw DatasetError([InputProblem(file: "mx.csv", column: "year", value: mxYears.sorted().prefix(8).map(String.init).joined(separator: ","),
                                             expected: "a year that pop.csv also has (pop.csv has \(popYears.sorted().prefix(8).map(String.init).joined(separator: ",")))")])
        }
        let ages: AgeStructure
        do { ages = try AgeStructure.singleYear(openAge: 100) } catch {
            throw DatasetError([InputProblem(file: "pop.csv", expected: error.description)])
        }
        let population = bySexAndAge(pop, quantity: .population(), year: base, codes: codes, ages: ages)
        let deathRates = bySexAndAge(mx, quantity: .deathRate, year: base, codes: codes, ages: ages)
        var tfr: [String: Double] = [:], netCounts: [String: Double] = [:], pasfr: [Int: Double] = [:]
        do { tfr = byCode(try table("tfr.csv"), quantity: .totalFertility, year: base, codes: codes) } catch { problems += error.problems }
        do { netCounts = byCode(try table("mig_counts.csv"), quantity: .netMigrants(), year: base, codes: codes) } catch { problems += error.problems }
        do { pasfr = readPasfr(try table("pasfr.csv")) } catch { problems += error.problems }
        let srb = SexRatioFile.read(directory: directory, problems: &problems, warnings: &warnings) ?? 1.05
        for (code, sexes) in deathRates.values {
            for sex in Sex.allCases where sexes[sex].last == 0 {
                let cell = deathRates.cells[CellKey(code: code, sex: sex, age: ages.count - 1)]
                problems.append(InputProblem(file: "mx.csv", line: cell?.line, column: "value", value: cell?.text,
                                             expected: "a death rate above 0 in the open age group 100+ (everyone in it dies eventually)"))
            }
        }
        guard !hasErrors else { throw DatasetError(problems) }

        let regions = counties.map(\.name)
        func value(_ table: [String: BySex<[Double]>], _ i: Int, _ sex: Sex) -> [Double] { table[codes[i]]?[sex] ?? [] }
        let start: MultiregionalPopulation
        let profile: [Double]
        do {
            start = try MultiregionalPopulation(regions: regions, ages: ages) { i, sex in value(population.values, i, sex) }
            profile = try RogersCastroSchedule.standard.groupValues(on: ages)
        } catch {
            throw DatasetError([InputProblem(file: "pop.csv", expected: error.description)])
        }
        let state = start.aggregate()
        let meanProfile = (0..<ages.count).reduce(0.0) { $0 + profile[$1] * (state.counts.female[$1] + state.counts.male[$1]) } / state.total
        guard meanProfile > 0, meanProfile.isFinite else {
            throw DatasetError([InputProblem(file: "pop.csv", column: "value", expected: "a state population above 0 in \(base)")])
        }
        let level = internalRate / meanProfile
        let migration: MigrationFlowMatrix
        do {
            migration = try MigrationFlowMatrix(
                regions: regions, ages: ages,
                outMigrationRate: { _, _, x in level * profile[x] },
                destinationShares: MigrationFlowMatrix.destinationShares(proportionalTo: (0..<regions.count).map(start.total(region:))))
        } catch {
            throw DatasetError([InputProblem(file: CountyDatasetReader.internalRateSource, value: "\(internalRate)",
                                             expected: "0 or a rate that gives every county and age a usable rate of moving (\(error.description))")])
        }
        let rates: MultiregionalRates
        do {
            rates = try MultiregionalRates(
                regions: regions, ages: ages,
                deathRate: { i, sex in value(deathRates.values, i, sex) },
                migration: migration,
                fertilityRate: { i in ages.startAges.map { x in
                    guard x >= 15, x < 50, let share = pasfr[x / 5 * 5], let t = tfr[codes[i]] else { return 0 }
                    return t * share / 100 / 5
                } },
                sexRatioAtBirth: srb)
        } catch {
            throw DatasetError([InputProblem(file: "mx.csv", expected: error.description)])
        }
        try checkLinearTransitions(rates, codes: codes, deathRates: deathRates, internalRate: internalRate)
        do {
            let step = try MultiregionalStep(rates: rates, migrationTiming: .endOfStep, openAgeGroup: .mergedWithLastClosedGroup)
            let calibrated = try ExternalMigrationCalibration.calibrate(
                step, population: start, netMigrationTotals: codes.map { netCounts[$0] ?? 0 },
                pattern: MigrationAgePattern(rogersCastro: .standard, on: ages))
            return MultiregionalDataset(
                title: "\(regions.count) counties of Washington State, single years 0-100+, both sexes, from \(base) (partly synthetic teaching data, PPgp/PAA2025workshop)",
                start: start, startYear: base, rates: rates, externalMigrants: calibrated.step.externalMigrants,
                migrationTiming: .endOfStep, openAgeGroup: .mergedWithLastClosedGroup, defaultSteps: 30,
                assumptions: [
                    "Fertility: each county's \(base) TFR times the percentage distribution by age in pasfr.csv, spread evenly within five-year groups; SRB \(srb).",
                    "Internal migration (assumed, not in the data): every county loses \(internalRate) of its population a year to the other counties on average, by age as the standard Rogers-Castro schedule, the same for both sexes.",
                    "Destinations (assumed): leavers go to the other counties in proportion to their population in \(base) (gravity without distance).",
                    "External net migration = each county's published \(base) net migration count minus its modelled internal net migration in the first step, spread by the standard Rogers-Castro pattern (half male); held constant.",
                    "The data are partly synthetic teaching material (mx is synthetic); the results are not official statistics.",
                ],
                warnings: warnings)
        } catch {
            throw DatasetError([InputProblem(file: directory.lastPathComponent, expected: error.description)])
        }
    }

    /// Whether a data row's code is a location of locations.csv; a row for a code
    /// that is not there (a county left out of locations.csv, a typo) is refused.
    mutating func isKnown(_ code: String, wanted: Set<String>, file: String, line: Int) -> Bool {
        if wanted.contains(code) || otherLocations.contains(code) { return true }
        problems.append(InputProblem(file: file, line: line, column: "reg_code", value: code,
                                     expected: "a reg_code of locations.csv (a county there, or another location listed there)"))
        return false
    }

    /// The counties (location_type 4) of locations.csv, each code and name once.
    mutating func readCounties() throws(DatasetError) -> [(code: String, name: String)] {
        let locations = try table("locations.csv")
        guard let codeColumn = locations.header.firstIndex(of: "reg_code"), let nameColumn = locations.header.firstIndex(of: "name"),
              let typeColumn = locations.header.firstIndex(of: "location_type") else {
            throw DatasetError([InputProblem(file: "locations.csv", line: 1, value: locations.header.joined(separator: ","),
                                             expected: "columns reg_code,name,location_type")])
        }
        var counties: [(code: String, name: String)] = []
        var codeLines: [String: Int] = [:], nameLines: [String: Int] = [:]
        for (row, line) in zip(locations.rows, locations.lines) {
            guard let type = DecimalNumber.wholeNumber(row[typeColumn]) else {
                problems.append(InputProblem(file: "locations.csv", line: line, column: "location_type", value: row[typeColumn],
                                             expected: "a location type: a whole number (4 for a county)"))
                continue
            }
            guard type == 4 else { otherLocations.insert(row[codeColumn]); continue }
            let code = row[codeColumn], name = row[nameColumn]
            if let first = codeLines[code] ?? nameLines[name] {
                problems.append(InputProblem(file: "locations.csv", line: line, column: codeLines[code] != nil ? "reg_code" : "name",
                                             value: codeLines[code] != nil ? code : name,
                                             expected: "each county once, but line \(first) has it already"))
                continue
            }
            codeLines[code] = line
            nameLines[name] = line
            counties.append((code, name))
        }
        guard !hasErrors else { throw DatasetError(problems) }
        guard counties.count >= 2 else {
            throw DatasetError([InputProblem(file: "locations.csv", column: "location_type", expected: "at least two counties (type 4)")])
        }
        return counties
    }

    /// Every year of the `year` column; a value that is not a whole number is a problem.
    mutating func years(_ t: CSVTable) -> Set<Int> {
        guard let y = t.header.firstIndex(of: "year") else {
            problems.append(InputProblem(file: t.file, line: 1, column: "year", value: t.header.joined(separator: ","),
                                         expected: "a column named \"year\""))
            return []
        }
        var out = Set<Int>()
        for (row, line) in zip(t.rows, t.lines) {
            if let year = DecimalNumber.wholeNumber(row[y]) { out.insert(year) } else {
                problems.append(InputProblem(file: t.file, line: line, column: "year", value: row[y], expected: "a year: a whole number"))
            }
        }
        return out
    }

    /// The value of a row through ``DecimalNumber`` and `quantity`, or a problem.
    mutating func number(_ text: String, quantity: Quantity, file: String, line: Int) -> Double? {
        guard let value = DecimalNumber.parse(text) else {
            problems.append(InputProblem(file: file, line: line, column: "value", value: text, expected: "a number (\(quantity.expectation))"))
            return nil
        }
        if let refusal = quantity.refusal(of: value, text: text, file: file, line: line, column: "value")
            ?? KeyedTable.subnormalRefusal(of: value, text: text, quantity: quantity, file: file, line: line) {
            problems.append(refusal)
            return nil
        }
        if let warning = quantity.warning(for: value, text: text, file: file, line: line, column: "value") { warnings.append(warning) }
        return value
    }

    struct CellKey: Hashable { var code: String; var sex: Sex; var age: Int }
    struct Place { var line: Int; var text: String }

    /// reg_code,year,sex,age,open_age,value rows: every row checked (number,
    /// quantity, sex, age, open-age flag, one row per county, year, sex and
    /// age); the values of `year` by county and sex, every age present.
    mutating func bySexAndAge(_ t: CSVTable, quantity: Quantity, year: Int, codes: [String], ages: AgeStructure)
        -> (values: [String: BySex<[Double]>], cells: [CellKey: Place]) {
        let h = t.header
        guard let c = h.firstIndex(of: "reg_code"), let y = h.firstIndex(of: "year"), let s = h.firstIndex(of: "sex"),
              let a = h.firstIndex(of: "age"), let v = h.firstIndex(of: "value") else {
            problems.append(InputProblem(file: t.file, line: 1, value: h.joined(separator: ","), expected: "columns reg_code,year,sex,age,value"))
            return ([:], [:])
        }
        let openColumn = h.firstIndex(of: "open_age")
        let wanted = Set(codes)
        struct Key: Hashable { var code: String; var year: Int; var sex: Sex; var age: Int }
        var seen: [Key: Int] = [:]
        var out: [String: BySex<[Double]>] = [:]
        var cells: [CellKey: Place] = [:]
        for (row, line) in zip(t.rows, t.lines) {
            guard let rowYear = DecimalNumber.wholeNumber(row[y]) else { continue }   // reported by years(_:)
            guard let sex = Sex(rawValue: row[s]) else {
                problems.append(InputProblem(file: t.file, line: line, column: "sex", value: row[s], expected: "female or male"))
                continue
            }
            guard let age = DecimalNumber.wholeNumber(row[a]), let x = ages.index(ofStartAge: age) else {
                problems.append(InputProblem(file: t.file, line: line, column: "age", value: row[a], expected: "an age from 0 to 100"))
                continue
            }
            if let openColumn {
                let flag = DecimalNumber.wholeNumber(row[openColumn])
                let expected = x == ages.count - 1 ? 1 : 0
                if flag != expected {
                    problems.append(InputProblem(file: t.file, line: line, column: "open_age", value: row[openColumn],
                                                 expected: expected == 1 ? "1: age 100 is the open age group, which must come last"
                                                                         : "0: only the last age group, 100+, is open"))
                    continue
                }
            }
            // A refused value still counts as present (0), so that it is not reported missing too.
            let value = number(row[v], quantity: quantity, file: t.file, line: line) ?? 0
            let key = Key(code: row[c], year: rowYear, sex: sex, age: age)
            if let first = seen[key] {
                problems.append(InputProblem(file: t.file, line: line, column: "age", value: row[a],
                                             expected: "one row for \(row[c]), \(rowYear), \(sex.rawValue), age \(age), but line \(first) has it already"))
                continue
            }
            seen[key] = line
            guard isKnown(row[c], wanted: wanted, file: t.file, line: line) else { continue }
            guard rowYear == year, wanted.contains(row[c]) else { continue }
            out[row[c], default: BySex(both: [Double](repeating: .nan, count: ages.count))][sex][x] = value
            cells[CellKey(code: row[c], sex: sex, age: x)] = Place(line: line, text: row[v])
        }
        for code in codes {
            let values = out[code] ?? BySex(both: [Double](repeating: .nan, count: ages.count))
            for sex in Sex.allCases {
                let missing = values[sex].indices.filter { values[sex][$0].isNaN }.map { String(ages.startAges[$0]) }
                guard !missing.isEmpty else { continue }
                problems.append(InputProblem(file: t.file, column: "age", value: missing.prefix(8).joined(separator: ", ") + (missing.count > 8 ? ", ..." : ""),
                                             expected: "a row for every age 0-100 of \(code), \(sex.rawValue), in \(year)"))
            }
        }
        return (out, cells)
    }

    /// reg_code,year,value rows: every row checked, one per county and year; the values of `year` by county.
    mutating func byCode(_ t: CSVTable, quantity: Quantity, year: Int, codes: [String]) -> [String: Double] {
        let h = t.header
        guard let c = h.firstIndex(of: "reg_code"), let y = h.firstIndex(of: "year"), let v = h.firstIndex(of: "value") else {
            problems.append(InputProblem(file: t.file, line: 1, value: h.joined(separator: ","), expected: "columns reg_code,year,value"))
            return [:]
        }
        struct Key: Hashable { var code: String; var year: Int }
        let counties = Set(codes)
        var seen: [Key: Int] = [:]
        var out: [String: Double] = [:]
        for (row, line) in zip(t.rows, t.lines) {
            guard let rowYear = DecimalNumber.wholeNumber(row[y]) else {
                problems.append(InputProblem(file: t.file, line: line, column: "year", value: row[y], expected: "a year: a whole number"))
                continue
            }
            let value = number(row[v], quantity: quantity, file: t.file, line: line) ?? 0   // refused: present, 0
            let key = Key(code: row[c], year: rowYear)
            if let first = seen[key] {
                problems.append(InputProblem(file: t.file, line: line, column: "reg_code,year", value: "\(row[c]),\(row[y])",
                                             expected: "one row for \(row[c]) in \(rowYear), but line \(first) has it already"))
                continue
            }
            seen[key] = line
            guard isKnown(row[c], wanted: counties, file: t.file, line: line) else { continue }
            if rowYear == year { out[row[c]] = value }
        }
        for code in codes where out[code] == nil {
            problems.append(InputProblem(file: t.file, column: "reg_code", value: code, expected: "a value for \(year)"))
        }
        return out
    }

    /// age,open_age,value percentages by start age of the five-year groups 15–45:
    /// every group once, no other age, summing to 100 (±0.5).
    mutating func readPasfr(_ t: CSVTable) -> [Int: Double] {
        guard let a = t.header.firstIndex(of: "age"), let v = t.header.firstIndex(of: "value") else {
            problems.append(InputProblem(file: t.file, line: 1, value: t.header.joined(separator: ","), expected: "columns age,value"))
            return [:]
        }
        let openColumn = t.header.firstIndex(of: "open_age")
        let groups = Array(stride(from: 15, through: 45, by: 5))
        var out: [Int: Double] = [:]
        var seen: [Int: Int] = [:]
        let before = problems.count
        for (row, line) in zip(t.rows, t.lines) {
            guard let age = DecimalNumber.wholeNumber(row[a]), groups.contains(age) else {
                problems.append(InputProblem(file: t.file, line: line, column: "age", value: row[a],
                                             expected: "the start of a five-year group of mothers' ages: 15, 20, ..., 45"))
                continue
            }
            if let openColumn {
                let flag = DecimalNumber.wholeNumber(row[openColumn])
                if flag != 0 && !(flag == 1 && age == 45) {
                    problems.append(InputProblem(file: t.file, line: line, column: "open_age", value: row[openColumn],
                                                 expected: "0 (or 1 on the last group, 45)"))
                    continue
                }
            }
            guard let value = number(row[v], quantity: .percentage, file: t.file, line: line) else { continue }
            if let first = seen[age] {
                problems.append(InputProblem(file: t.file, line: line, column: "age", value: row[a],
                                             expected: "one row for age \(age), but line \(first) has it already"))
                continue
            }
            seen[age] = line
            out[age] = value
        }
        guard problems.count == before else { return out }
        let missing = groups.filter { out[$0] == nil }
        if !missing.isEmpty {
            problems.append(InputProblem(file: t.file, column: "age", value: missing.map(String.init).joined(separator: ", "),
                                         expected: "a row for every five-year group 15-45"))
        } else {
            let sum = out.values.reduce(0, +)
            if abs(sum - 100) > 0.5 {
                problems.append(InputProblem(file: t.file, column: "value", value: "\(sum)",
                                             expected: "percentages of fertility by age summing to 100"))
            }
        }
        return out
    }

    /// Refuses rates too high for the linear method: at the mx.csv line, or as the
    /// internal out-migration rate when migration makes the larger part.
    func checkLinearTransitions(_ rates: MultiregionalRates, codes: [String],
                                deathRates: (values: [String: BySex<[Double]>], cells: [CellKey: Place]),
                                internalRate: Double) throws(DatasetError) {
        let found: [NegativeLinearTransition]
        do { found = try rates.negativeLinearTransitions() } catch {
            throw DatasetError([InputProblem(file: "mx.csv", expected: "rates whose life table can be computed (\(error.description))")])
        }
        guard !found.isEmpty else { return }
        let expected = NegativeLinearTransition.expectation(width: rates.width)
        if let first = found.first(where: { $0.outMigrationRate > $0.deathRate }) {
            throw DatasetError([InputProblem(
                file: CountyDatasetReader.internalRateSource, value: "\(internalRate)",
                expected: "\(expected) (here \(first.finding), the out-migration rate from the internal out-migration rate by the standard Rogers-Castro schedule); a lower internal out-migration rate")])
        }
        throw DatasetError(found.map { n in
            let place = deathRates.cells[CellKey(code: codes[n.region], sex: n.sex, age: n.ageIndex)]
            return InputProblem(file: "mx.csv", line: place?.line, column: "value", value: place?.text,
                                expected: "\(expected) (here \(n.finding))")
        })
    }
}
