import Foundation
import Demography

/// Reads a multiregional dataset directory in the tidy layout of the
/// Willekens & Rogers (1978) example (`Tests/Fixtures/multiregional`), or a
/// county dataset in the layout of the PAA 2025 workshop (``CountyDatasetReader``).
///
/// Multiregional layout (`region` names are kept as written):
///
/// | file | columns | content |
/// |---|---|---|
/// | `pop_base.csv` | year,region,sex,age,open_age,value | start population (females only, or both sexes) |
/// | `deaths.csv` or `mx.csv` | year,region,sex,age,open_age,value | deaths in one year, or annual death rates |
/// | `births.csv` or `asfr.csv` | year,region,age,open_age,value | births in one year by age of mother, or annual rates (daughters with females only) |
/// | `mig_flows.csv`, `mig_rates.csv`, or `outmig_rates.csv` + `destination_shares.csv` | year,origin,destination,sex,age,open_age,value; region,sex,age,…; origin,destination,value | internal moves in one year, origin–destination rates, or out-migration rates and destination shares (none: no internal migration) |
/// | `net_migration.csv` (optional) | year,region,sex,age,open_age,value | annual external net migrants |
/// | `srb.csv` (optional) | value | sex ratio at birth, one row (absent: 1.05, both sexes only) |
///
/// Counts are turned into annual rates by dividing by the start population of
/// the same region, sex and age (of women, for births), as Willekens & Rogers do.
///
/// Every file is checked, each problem located by file, line, column and value
/// (``InputProblem``), all reported together:
/// - numbers are plain decimals (``DecimalNumber``) within the limits of their
///   ``Quantity`` (unusual values are read and warned about, ``MultiregionalDataset/warnings``);
/// - each file holds one year (`year`, when the column is there, is the same on
///   every row; `pop_base.csv` must have it: it is the start year);
/// - every key is listed once: a repeated (region, sex, age), (origin,
///   destination, sex, age) or (origin, destination) is refused, in the count
///   files too (a second row is a conflict to resolve, not a part to add);
/// - `open_age`, when present, is 1 on the last age group and 0 elsewhere;
/// - the schedules of `pop_base.csv`, the mortality file, `outmig_rates.csv` and
///   `net_migration.csv` have every region, sex and age group; the fertility file
///   has every region, its ages without a gap (ages outside the rows listed are 0);
///   the origin–destination files list the cells they have (the others are 0);
/// - counts divide into rates within the limits, and no events are counted in a
///   group with no population;
/// - the destination shares of every origin sum to 1 and the death rate of the
///   open group is above 0;
/// - the rates give a non-negative linear transition matrix
///   (``NegativeLinearTransition``), reported at the line of the rate to lower.
public enum MultiregionalReader {
    /// Reads `directory`, choosing the layout by its files (see
    /// ``MultiregionalDataset/read(directory:internalOutMigrationRate:)``).
    public static func read(directory: URL) throws(DatasetError) -> MultiregionalDataset {
        try MultiregionalDataset.read(directory: directory)
    }

    /// Reads `directory` in the multiregional layout.
    static func readMultiregional(directory: URL) throws(DatasetError) -> MultiregionalDataset {
        var reading = MultiregionalReading(directory: directory)
        return try reading.read()
    }
}

/// One reading of a multiregional directory: the problems and warnings found so far.
private struct MultiregionalReading {
    let directory: URL
    var problems: [InputProblem] = []
    var warnings: [InputProblem] = []
    /// The rows of pop_base.csv, for messages about rates derived from counts.
    var population = Grid.Schedules()

    init(directory: URL) { self.directory = directory }

    /// "pop_base.csv line 19": where the population of a group is, for a message.
    func populationPlace(region: Int, sex: Sex, ageIndex x: Int) -> String {
        guard let cell = population.cells[Grid.Key(region: region, sex: sex)]?[x] else { return "pop_base.csv" }
        return "pop_base.csv line \(cell.line)"
    }

    func has(_ name: String) -> Bool { FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path) }

    func table(_ name: String) throws(DatasetError) -> KeyedTable {
        try KeyedTable(CSVTable.read(directory.appendingPathComponent(name)))
    }

    /// Throws every problem found so far, if any.
    func stopOnProblems() throws(DatasetError) {
        if problems.contains(where: { $0.severity == .error }) { throw DatasetError(problems) }
    }

    mutating func read() throws(DatasetError) -> MultiregionalDataset {
        // The grid: regions, sexes and ages of pop_base.csv.
        let pop = try table("pop_base.csv")
        if !pop.table.hasColumn("year") {
            problems.append(InputProblem(file: "pop_base.csv", line: 1, column: "year", value: pop.table.header.joined(separator: ","),
                                         expected: "a column named \"year\" (the year of the start population)"))
        }
        let cells = pop.cells(keys: ["region", "sex", "age"], quantity: .population(), problems: &problems, warnings: &warnings)
        let startYear = KeyedTable.oneYear(cells, file: "pop_base.csv", problems: &problems) ?? 0
        try stopOnProblems()
        var regions: [String] = []
        var known = Set<String>()
        for cell in cells where known.insert(cell.keys[0]).inserted { regions.append(cell.keys[0]) }
        let sexes: [Sex] = cells.contains { $0.keys[1].lowercased() == "male" } ? [.female, .male] : [.female]
        var startAges = Set<Int>()
        for cell in cells {
            if let age = DecimalNumber.wholeNumber(cell.keys[2]) { startAges.insert(age) } else {
                problems.append(InputProblem(file: "pop_base.csv", line: cell.line, column: "age", value: cell.keys[2],
                                             expected: "an age: a whole number of years"))
            }
        }
        try stopOnProblems()
        let ages: AgeStructure
        do { ages = try AgeStructure(startAges: startAges.sorted()) } catch {
            throw DatasetError([InputProblem(file: "pop_base.csv", column: "age", value: startAges.sorted().map(String.init).joined(separator: ","),
                                             expected: "age groups starting at 0 (\(error))")])
        }
        guard let width = ages.uniformWidth, ages.count >= 3 else {
            throw DatasetError([InputProblem(file: "pop_base.csv", column: "age", value: startAges.sorted().map(String.init).joined(separator: ","),
                                             expected: "at least three age groups of one width (the width is the projection step)")])
        }
        let grid = Grid(regions: regions, ages: ages, sexes: sexes)
        population = grid.values(cells, file: "pop_base.csv", problems: &problems)
        try stopOnProblems()
        let start: MultiregionalPopulation
        do {
            start = try MultiregionalPopulation(regions: regions, ages: ages, sexes: sexes) { i, sex in population.values[grid.key(i, sex)] ?? [] }
        } catch { throw DatasetError([InputProblem(file: "pop_base.csv", expected: error.description)]) }

        // Mortality.
        let mortalityFile = has("mx.csv") ? "mx.csv" : "deaths.csv"
        let deathsAreCounts = mortalityFile == "deaths.csv"
        var deaths = Grid.Schedules()
        do {
            let t = try table(mortalityFile)
            let c = t.cells(keys: ["region", "sex", "age"], quantity: deathsAreCounts ? .eventCount : .deathRate,
                            problems: &problems, warnings: &warnings)
            _ = KeyedTable.oneYear(c, file: mortalityFile, problems: &problems)
            deaths = grid.values(c, file: mortalityFile, problems: &problems)
        } catch { problems += error.problems }
        var deathRates = deaths.values
        if deathsAreCounts {
            deathRates = rates(of: deaths, file: mortalityFile, events: "deaths", quantity: .deathRate, grid: grid) { i, sex in
                start.counts(region: i, sex: sex)
            }
        }
        for (key, schedule) in deathRates where schedule.last == 0 {
            let cell = deaths.cells[key]?.last
            problems.append(InputProblem(file: mortalityFile, line: cell?.line, column: "value", value: cell?.text,
                                         expected: "\(deathsAreCounts ? "deaths" : "a death rate") above 0 in the open age group \(ages.openAge)+ of \(regions[key.region]), \(key.sex.rawValue) (everyone in it dies eventually)"))
        }

        // Fertility (no sex column: by age of mother).
        let fertilityFile = has("asfr.csv") ? "asfr.csv" : "births.csv"
        let fertilityAreCounts = fertilityFile == "births.csv"
        var fertility: [Int: [Double]] = [:]
        do {
            let t = try table(fertilityFile)
            let c = t.cells(keys: ["region", "age"], quantity: fertilityAreCounts ? .eventCount : .fertilityRate,
                            problems: &problems, warnings: &warnings)
            _ = KeyedTable.oneYear(c, file: fertilityFile, problems: &problems)
            let byRegion = grid.fertility(c, file: fertilityFile, problems: &problems)
            fertility = byRegion.values.reduce(into: [:]) { $0[$1.key.region] = $1.value }
            if fertilityAreCounts {
                fertility = rates(of: byRegion, file: fertilityFile, events: "births", quantity: .fertilityRate, grid: grid) { i, _ in
                    start.counts(region: i, sex: .female)
                }.reduce(into: [:]) { $0[$1.key.region] = $1.value }
            }
        } catch { problems += error.problems }

        let migration = readMigration(start: start, grid: grid)
        var external: [Double]?
        if has("net_migration.csv") {
            do {
                let t = try table("net_migration.csv")
                let c = t.cells(keys: ["region", "sex", "age"], quantity: .netMigrants(), problems: &problems, warnings: &warnings)
                _ = KeyedTable.oneYear(c, file: "net_migration.csv", problems: &problems)
                let values = grid.values(c, file: "net_migration.csv", problems: &problems).values
                var packed = [Double](repeating: 0, count: start.counts.count)
                for (s, sex) in sexes.enumerated() {
                    for i in 0..<regions.count {
                        for (x, v) in (values[grid.key(i, sex)] ?? []).enumerated() {
                            packed[(s * ages.count + x) * regions.count + i] = Double(width) * v
                        }
                    }
                }
                external = packed
            } catch { problems += error.problems }
        }
        let srb = SexRatioFile.read(directory: directory, problems: &problems, warnings: &warnings) ?? 1.05
        try stopOnProblems()
        guard let migration else { throw DatasetError(problems) }

        let rates: MultiregionalRates
        do {
            rates = try MultiregionalRates(
                regions: regions, ages: ages, sexes: sexes,
                deathRate: { i, sex in deathRates[grid.key(i, sex)] ?? [] },
                migration: migration.matrix,
                fertilityRate: { i in fertility[i] ?? [Double](repeating: 0, count: ages.count) },
                sexRatioAtBirth: srb)
        } catch { throw DatasetError([InputProblem(file: mortalityFile, expected: error.description)]) }
        try checkLinearTransitions(rates, mortalityFile: mortalityFile, deaths: deaths, migration: migration)

        var assumptions: [String] = []
        if deathsAreCounts || fertilityAreCounts || has("mig_flows.csv") {
            assumptions.append("Rates are one year of counts divided by the start population of the same region, sex and age (Willekens & Rogers 1978).")
        }
        if sexes == [.female] { assumptions.append("Females only: fertility counts daughters, as in the source.") }
        return MultiregionalDataset(
            title: "\(regions.count) regions (\(regions.joined(separator: ", "))), \(ages), \(sexes.count == 1 ? "females" : "both sexes"), from \(startYear)",
            start: start, startYear: startYear, rates: rates, externalMigrants: external, migrationTiming: .endOfStep,
            openAgeGroup: .lastClosedGroupOnly, defaultSteps: 8, assumptions: assumptions, warnings: warnings)
    }

    /// Counts divided by the start population of their group: a located problem for
    /// events in a group with no population, or a rate beyond `quantity`'s limits.
    mutating func rates(
        of counts: Grid.Schedules, file: String, events: String, quantity: Quantity, grid: Grid,
        population: (Int, Sex) -> [Double]
    ) -> [Grid.Key: [Double]] {
        var out: [Grid.Key: [Double]] = [:]
        for (key, schedule) in counts.values {
            let exposure = population(key.region, key.sex)
            var rates = [Double](repeating: 0, count: schedule.count)
            for x in schedule.indices where schedule[x] != 0 {
                let cell = counts.cells[key]?[x]
                let who = "\(grid.regions[key.region]), \(key.sex.rawValue), age \(grid.ages.startAges[x])"
                guard x < exposure.count, exposure[x] > 0 else {
                    problems.append(InputProblem(file: file, line: cell?.line, column: "value", value: cell?.text,
                                                 expected: "no \(events) in a group with no population (pop_base.csv has 0 for \(who))"))
                    continue
                }
                rates[x] = schedule[x] / exposure[x]
                let place = "\(who), population in \(populationPlace(region: key.region, sex: key.sex, ageIndex: x))"
                if let cell, let refusal = quantity.refusal(of: rates[x], text: cell.text, file: file, line: cell.line, column: "value") {
                    var p = refusal
                    p.expected = "\(events) that make \(refusal.expected) (here \(cell.text) / \(exposure[x]) = \(rates[x]) for \(place))"
                    problems.append(p)
                } else if let cell, var warning = quantity.warning(for: rates[x], text: cell.text, file: file, line: cell.line, column: "value") {
                    warning.expected = "\(events) that make \(warning.expected) (here \(rates[x]) for \(place))"
                    warnings.append(warning)
                }
            }
            out[key] = rates
        }
        return out
    }

    /// The internal migration, with the place of each origin's rates for messages; nil after a problem.
    mutating func readMigration(start: MultiregionalPopulation, grid: Grid) -> ReadMigration? {
        let regions = start.regions, ages = start.ages, sexes = start.sexes
        do {
            if has("mig_flows.csv") || has("mig_rates.csv") {
                let file = has("mig_flows.csv") ? "mig_flows.csv" : "mig_rates.csv"
                let flows = file == "mig_flows.csv"
                let t = try table(file)
                let c = t.cells(keys: ["origin", "destination", "sex", "age"], quantity: flows ? .eventCount : .transitionRate,
                                problems: &problems, warnings: &warnings)
                _ = KeyedTable.oneYear(c, file: file, problems: &problems)
                let od = grid.originDestination(c, file: file, problems: &problems)
                var values = od.values
                if flows {
                    for (key, count) in od.values where count != 0 {
                        let exposure = start.count(region: key.origin, sex: key.sex, ageIndex: key.age)
                        let cell = od.cells[key]
                        let who = "\(regions[key.origin]) to \(regions[key.destination]), \(key.sex.rawValue), age \(ages.startAges[key.age])"
                        guard exposure > 0 else {
                            problems.append(InputProblem(file: file, line: cell?.line, column: "value", value: cell?.text,
                                                         expected: "no moves out of a group with no population (pop_base.csv has 0 for \(who))"))
                            continue
                        }
                        values[key] = count / exposure
                        let place = "\(who), population in \(populationPlace(region: key.origin, sex: key.sex, ageIndex: key.age))"
                        if let cell, Quantity.transitionRate.refusal(of: count / exposure, text: cell.text, file: file, line: cell.line, column: "value") != nil {
                            problems.append(InputProblem(file: file, line: cell.line, column: "value", value: cell.text,
                                                         expected: "moves that make \(Quantity.transitionRate.expectation) (here \(cell.text) / \(exposure) = \(count / exposure) from \(place))"))
                        }
                    }
                }
                guard !problems.contains(where: { $0.severity == .error }) else { return nil }
                let matrix = try MigrationFlowMatrix(regions: regions, ages: ages, sexes: sexes) { i, j, sex, x in values[ODKey(i, j, sex, x)] ?? 0 }
                var places: [ReadMigration.Key: Grid.Cell] = [:]
                for (key, cell) in od.cells {
                    let k = ReadMigration.Key(region: key.origin, sex: key.sex, age: key.age)
                    if let other = places[k], other.value >= cell.value { continue }
                    places[k] = cell
                }
                return ReadMigration(matrix: matrix, file: file, places: places)
            }
            if has("outmig_rates.csv") {
                let t = try table("outmig_rates.csv")
                let c = t.cells(keys: ["region", "sex", "age"], quantity: .transitionRate, problems: &problems, warnings: &warnings)
                _ = KeyedTable.oneYear(c, file: "outmig_rates.csv", problems: &problems)
                let out = grid.values(c, file: "outmig_rates.csv", problems: &problems)
                let shares = try readDestinationShares(regions: regions)
                guard let shares, !problems.contains(where: { $0.severity == .error }) else { return nil }
                let matrix = try MigrationFlowMatrix(regions: regions, ages: ages, sexes: sexes,
                                                     outMigrationRate: { i, sex, x in out.values[grid.key(i, sex)]?[x] ?? 0 },
                                                     destinationShares: shares)
                var places: [ReadMigration.Key: Grid.Cell] = [:]
                for (key, cells) in out.cells {
                    for (x, cell) in cells.enumerated() { places[ReadMigration.Key(region: key.region, sex: key.sex, age: x)] = cell }
                }
                return ReadMigration(matrix: matrix, file: "outmig_rates.csv", places: places)
            }
            return ReadMigration(matrix: try MigrationFlowMatrix.none(regions: regions, ages: ages, sexes: sexes), file: nil, places: [:])
        } catch let error as DatasetError {
            problems += error.problems
        } catch {
            problems.append(InputProblem(file: directory.lastPathComponent, expected: "\(error)"))
        }
        return nil
    }

    /// destination_shares.csv: origin,destination,value; each origin's shares sum to 1.
    mutating func readDestinationShares(regions: [String]) throws(DatasetError) -> Matrix? {
        let file = "destination_shares.csv"
        let t = try table(file)
        let c = t.cells(keys: ["origin", "destination"], quantity: .destinationShare, problems: &problems, warnings: &warnings)
        _ = KeyedTable.oneYear(c, file: file, problems: &problems)
        var shares = Matrix(rows: regions.count, columns: regions.count)
        var seen: [Int: Int] = [:]
        var listed = [Bool](repeating: false, count: regions.count)
        let before = problems.count
        for cell in c {
            guard let i = regions.firstIndex(of: cell.keys[0]), let j = regions.firstIndex(of: cell.keys[1]) else {
                problems.append(InputProblem(file: file, line: cell.line, column: "origin,destination", value: cell.keys.joined(separator: ","),
                                             expected: "regions of pop_base.csv: \(regions.prefix(8).joined(separator: ", "))"))
                continue
            }
            if let first = seen[i * regions.count + j] {
                problems.append(InputProblem(file: file, line: cell.line, column: "origin,destination", value: cell.keys.joined(separator: ","),
                                             expected: "one row for the share of \(regions[i]) going to \(regions[j]), but line \(first) has it already"))
                continue
            }
            seen[i * regions.count + j] = cell.line
            if i == j && cell.value != 0 {
                problems.append(InputProblem(file: file, line: cell.line, column: "value", value: cell.text,
                                             expected: "0 for a region to itself (the shares are of those who leave \(regions[i]))"))
                continue
            }
            shares[j, i] = cell.value
            listed[i] = true
        }
        guard problems.count == before, !c.contains(where: \.refused) else { return nil }
        for i in regions.indices where regions.count > 1 {
            let sum = (0..<regions.count).reduce(0.0) { $0 + ($1 == i ? 0 : shares[$1, i]) }
            if abs(sum - 1) > 1e-9 {
                problems.append(InputProblem(file: file, column: "origin", value: regions[i],
                                             expected: listed[i] ? "destination shares of \(regions[i]) summing to 1, found \(sum)"
                                                                 : "rows for the destinations of \(regions[i]), summing to 1"))
            }
        }
        return shares
    }

    /// Refuses rates too high for the linear method, at the line of the rate to lower:
    /// the out-migration rate's when it is the larger and has one line, else the death rate's.
    func checkLinearTransitions(_ rates: MultiregionalRates, mortalityFile: String, deaths: Grid.Schedules,
                                migration: ReadMigration) throws(DatasetError) {
        let found: [NegativeLinearTransition]
        do { found = try rates.negativeLinearTransitions() } catch {
            throw DatasetError([InputProblem(file: mortalityFile, expected: "rates whose life table can be computed (\(error.description))")])
        }
        guard !found.isEmpty else { return }
        let expected = NegativeLinearTransition.expectation(width: rates.width)
        throw DatasetError(found.map { n in
            let place = ReadMigration.Key(region: n.region, sex: n.sex, age: n.ageIndex)
            if n.outMigrationRate > n.deathRate, let file = migration.file, let cell = migration.places[place] {
                return InputProblem(file: file, line: cell.line, column: "value", value: cell.text,
                                    expected: "\(expected) (here \(n.finding), with the death rates of \(mortalityFile))")
            }
            let cell = deaths.cells[Grid.Key(region: n.region, sex: n.sex)]?[n.ageIndex]
            let counts = mortalityFile == "deaths.csv"
                ? ", the deaths divided by the population in \(populationPlace(region: n.region, sex: n.sex, ageIndex: n.ageIndex))" : ""
            return InputProblem(file: mortalityFile, line: cell?.line, column: "value", value: cell?.text,
                                expected: "\(expected) (here \(n.finding)\(counts)\(migration.file.map { ", with the migration rates of \($0)" } ?? ""))")
        })
    }
}

/// The internal migration read, and where each origin's rates come from.
private struct ReadMigration {
    struct Key: Hashable { var region: Int; var sex: Sex; var age: Int }
    var matrix: MigrationFlowMatrix
    /// The file of the rates (nil: no internal migration).
    var file: String?
    /// For each origin, sex and age group, the line of its largest (or only) rate.
    var places: [Key: Grid.Cell]
}

/// `srb.csv`: one row with a `value` column, the sex ratio at birth.
enum SexRatioFile {
    /// The value of `srb.csv` in `directory`, nil when the file is absent (the
    /// caller's documented default applies then, silently) or has a problem
    /// (appended, located).
    static func read(directory: URL, problems: inout [InputProblem], warnings: inout [InputProblem]) -> Double? {
        let url = directory.appendingPathComponent("srb.csv")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let t: CSVTable
        do { t = try CSVTable.read(url) } catch { problems += error.problems; return nil }
        guard let v = t.header.firstIndex(of: "value") else {
            problems.append(InputProblem(file: t.file, line: 1, column: "value", value: t.header.joined(separator: ","),
                                         expected: "a column named \"value\""))
            return nil
        }
        guard t.rows.count == 1, let row = t.rows.first else {
            problems.append(InputProblem(file: t.file, line: t.lines.dropFirst().first, expected:
                t.rows.isEmpty ? "one row with the sex ratio at birth" : "one row with the sex ratio at birth, found \(t.rows.count)"))
            return nil
        }
        let text = row[v]
        guard let value = DecimalNumber.parse(text) else {
            problems.append(InputProblem(file: t.file, line: t.lines[0], column: "value", value: text,
                                         expected: "a number (\(Quantity.sexRatioAtBirth.expectation))"))
            return nil
        }
        if let refusal = Quantity.sexRatioAtBirth.refusal(of: value, text: text, file: t.file, line: t.lines[0], column: "value") {
            problems.append(refusal)
            return nil
        }
        if let warning = Quantity.sexRatioAtBirth.warning(for: value, text: text, file: t.file, line: t.lines[0], column: "value") {
            warnings.append(warning)
        }
        return value
    }
}

/// (origin, destination, sex, age index).
struct ODKey: Hashable {
    var origin: Int, destination: Int, sex: Sex, age: Int
    init(_ origin: Int, _ destination: Int, _ sex: Sex, _ age: Int) {
        self.origin = origin; self.destination = destination; self.sex = sex; self.age = age
    }
}

/// A CSV table read as key columns and a value column, one row per cell.
struct KeyedTable {
    let table: CSVTable

    init(_ table: CSVTable) { self.table = table }

    /// One row: its keys as written, its value, and where it is.
    struct Cell {
        var keys: [String]
        var value: Double
        /// The value as written.
        var text: String
        var line: Int
        /// The `year`, when the file has the column.
        var year: Int?
        /// The `open_age` flag (0 or 1), when the file has the column.
        var openFlag: Int?
        /// Whether the row has a problem already reported (its value is then 0):
        /// it still counts as present, so that it is not reported missing too.
        var refused = false
    }

    /// The key columns and the value of every row (a missing `sex` column reads
    /// as female): values in plain decimal within `quantity`'s limits (unusual
    /// ones warned about), `year` and `open_age` whole numbers when present. Rows
    /// with a problem are left out and the problem appended.
    func cells(keys: [String], quantity: Quantity, problems: inout [InputProblem], warnings: inout [InputProblem]) -> [Cell] {
        var columns: [Int?] = []
        for key in keys {
            if let c = table.header.firstIndex(of: key) { columns.append(c) }
            else if key == "sex" { columns.append(nil) }
            else {
                problems.append(InputProblem(file: table.file, line: 1, column: key, value: table.header.joined(separator: ","),
                                             expected: "a column named \"\(key)\""))
                return []
            }
        }
        guard let v = table.header.firstIndex(of: "value") else {
            problems.append(InputProblem(file: table.file, line: 1, column: "value", value: table.header.joined(separator: ","),
                                         expected: "a column named \"value\""))
            return []
        }
        if table.rows.isEmpty {
            problems.append(InputProblem(file: table.file, expected: "at least one data row"))
        }
        let yearColumn = table.header.firstIndex(of: "year"), openColumn = table.header.firstIndex(of: "open_age")
        var out: [Cell] = []
        for (row, line) in zip(table.rows, table.lines) {
            var ok = true
            var year: Int?
            if let yearColumn {
                year = DecimalNumber.wholeNumber(row[yearColumn])
                if year == nil {
                    problems.append(InputProblem(file: table.file, line: line, column: "year", value: row[yearColumn], expected: "a year: a whole number"))
                    ok = false
                }
            }
            var flag: Int?
            if let openColumn {
                flag = DecimalNumber.wholeNumber(row[openColumn])
                if flag != 0 && flag != 1 {
                    problems.append(InputProblem(file: table.file, line: line, column: "open_age", value: row[openColumn],
                                                 expected: "0, or 1 on the open age group"))
                    flag = nil
                    ok = false
                }
            }
            let text = row[v]
            let keyValues = columns.map { $0.map { row[$0] } ?? "female" }
            guard let value = DecimalNumber.parse(text) else {
                problems.append(InputProblem(file: table.file, line: line, column: "value", value: text,
                                             expected: "a number (\(quantity.expectation))"))
                out.append(Cell(keys: keyValues, value: 0, text: text, line: line, year: year, openFlag: flag, refused: true))
                continue
            }
            if let refusal = quantity.refusal(of: value, text: text, file: table.file, line: line, column: "value")
                ?? Self.subnormalRefusal(of: value, text: text, quantity: quantity, file: table.file, line: line) {
                problems.append(refusal)
                ok = false
            } else if let warning = quantity.warning(for: value, text: text, file: table.file, line: line, column: "value") {
                warnings.append(warning)
            }
            out.append(Cell(keys: keyValues, value: ok ? value : 0, text: text, line: line, year: year, openFlag: flag, refused: !ok))
        }
        return out
    }

    /// The refusal of a subnormal value (nonzero, below 2.2e-308): too small to
    /// compute with (the life table's solves would round it to flows of about
    /// −1e-320); 0 is the value to write.
    static func subnormalRefusal(of value: Double, text: String, quantity: Quantity, file: String, line: Int?) -> InputProblem? {
        guard value != 0, !value.isNormal, value.isFinite else { return nil }
        return InputProblem(file: file, line: line, column: "value", value: text,
                            expected: "\(quantity.expectation): 0 or at least \(Double.leastNormalMagnitude) (a subnormal number is too small to compute with)")
    }

    /// The one year of `cells` (nil when the file has no `year` column): a row of
    /// another year is a problem, since a file holds one year of data.
    static func oneYear(_ cells: [Cell], file: String, problems: inout [InputProblem]) -> Int? {
        guard let first = cells.first(where: { $0.year != nil }), let year = first.year else { return nil }
        for cell in cells where cell.year != nil && cell.year != year {
            problems.append(InputProblem(file: file, line: cell.line, column: "year", value: cell.year.map(String.init),
                                         expected: "\(year), the year of line \(first.line) (a file holds one year)"))
        }
        return year
    }
}

/// The regions, ages and sexes that every file must use.
struct Grid {
    let regions: [String]
    let ages: AgeStructure
    let sexes: [Sex]

    typealias Cell = KeyedTable.Cell
    struct Key: Hashable { var region: Int; var sex: Sex }
    func key(_ region: Int, _ sex: Sex) -> Key { Key(region: region, sex: sex) }

    /// Schedules by region and sex, with the row of each value.
    struct Schedules {
        var values: [Key: [Double]] = [:]
        /// The row of each value, by age group (all present once the schedules are complete).
        var cells: [Key: [Cell]] = [:]
    }

    /// The index of a region named in a row, or a problem.
    func region(_ name: String, cell: Cell, file: String, column: String, problems: inout [InputProblem]) -> Int? {
        if let i = regions.firstIndex(of: name) { return i }
        problems.append(InputProblem(file: file, line: cell.line, column: column, value: name,
                                     expected: "one of the regions of pop_base.csv: \(regions.prefix(8).joined(separator: ", "))"))
        return nil
    }

    /// The age group of a row, or a problem; a wrong open-age flag is a problem too.
    func ageIndex(_ text: String, cell: Cell, file: String, problems: inout [InputProblem]) -> Int? {
        guard let age = DecimalNumber.wholeNumber(text), let x = ages.index(ofStartAge: age) else {
            problems.append(InputProblem(file: file, line: cell.line, column: "age", value: text,
                                         expected: "an age group of the grid (\(ages))"))
            return nil
        }
        if let flag = cell.openFlag, flag != (x == ages.count - 1 ? 1 : 0) {
            problems.append(InputProblem(file: file, line: cell.line, column: "open_age", value: String(flag),
                                         expected: x == ages.count - 1 ? "1: age \(age) is the open age group, which must come last"
                                                                       : "0: only the last age group, \(ages.openAge)+, is open"))
        }
        return x   // a wrong flag is reported; the row still counts as present
    }

    /// The sex of a row, or a problem.
    func sex(_ text: String, cell: Cell, file: String, problems: inout [InputProblem]) -> Sex? {
        if let sex = Sex(rawValue: text.lowercased()), sexes.contains(sex) { return sex }
        problems.append(InputProblem(file: file, line: cell.line, column: "sex", value: text,
                                     expected: sexes.map(\.rawValue).joined(separator: " or ")))
        return nil
    }

    /// region,sex,age cells into one schedule per region and sex; every cell present once.
    func values(_ cells: [Cell], file: String, problems: inout [InputProblem]) -> Schedules {
        var out = Schedules()
        var seen: [Key: [Int?]] = [:]
        for cell in cells {
            guard let i = region(cell.keys[0], cell: cell, file: file, column: "region", problems: &problems),
                  let sex = sex(cell.keys[1], cell: cell, file: file, problems: &problems),
                  let x = ageIndex(cell.keys[2], cell: cell, file: file, problems: &problems) else { continue }
            let k = key(i, sex)
            var lines = seen[k] ?? [Int?](repeating: nil, count: ages.count)
            if let first = lines[x] {
                problems.append(InputProblem(file: file, line: cell.line, column: "age", value: cell.keys[2],
                                             expected: "one row for \(regions[i]), \(sex.rawValue), age \(ages.startAges[x]), but line \(first) has it already"))
                continue
            }
            lines[x] = cell.line
            seen[k] = lines
            out.values[k, default: [Double](repeating: .nan, count: ages.count)][x] = cell.value
            out.cells[k, default: [Cell](repeating: cell, count: ages.count)][x] = cell
        }
        for i in 0..<regions.count {
            for sex in sexes {
                let lines = seen[key(i, sex)] ?? [Int?](repeating: nil, count: ages.count)
                let missing = lines.indices.filter { lines[$0] == nil }.map { String(ages.startAges[$0]) }
                if !missing.isEmpty {
                    problems.append(InputProblem(file: file, column: "age", value: missing.prefix(8).joined(separator: ", ") + (missing.count > 8 ? ", ..." : ""),
                                                 expected: "a row for every age group of \(regions[i]), \(sex.rawValue)"))
                }
            }
        }
        return out
    }

    /// region,age cells of a fertility file into one schedule per region (keyed
    /// as female): every region, each age once, no gap between the ages listed
    /// (the ages outside them are 0).
    func fertility(_ cells: [Cell], file: String, problems: inout [InputProblem]) -> Schedules {
        var out = Schedules()
        var seen: [Int: [Int?]] = [:]
        for cell in cells {
            guard let i = region(cell.keys[0], cell: cell, file: file, column: "region", problems: &problems),
                  let x = ageIndex(cell.keys[1], cell: cell, file: file, problems: &problems) else { continue }
            var lines = seen[i] ?? [Int?](repeating: nil, count: ages.count)
            if let first = lines[x] {
                problems.append(InputProblem(file: file, line: cell.line, column: "age", value: cell.keys[1],
                                             expected: "one row for \(regions[i]), age \(ages.startAges[x]), but line \(first) has it already"))
                continue
            }
            lines[x] = cell.line
            seen[i] = lines
            let k = key(i, .female)
            out.values[k, default: [Double](repeating: 0, count: ages.count)][x] = cell.value
            out.cells[k, default: [Cell](repeating: cell, count: ages.count)][x] = cell
        }
        for i in 0..<regions.count {
            guard let lines = seen[i] else {
                problems.append(InputProblem(file: file, column: "region", value: regions[i],
                                             expected: "rows for every region of pop_base.csv (0 where no births)"))
                continue
            }
            let listed = lines.indices.filter { lines[$0] != nil }
            guard let low = listed.first, let high = listed.last else { continue }
            let gaps = (low...high).filter { lines[$0] == nil }.map { String(ages.startAges[$0]) }
            if !gaps.isEmpty {
                problems.append(InputProblem(file: file, column: "age", value: gaps.prefix(8).joined(separator: ", "),
                                             expected: "rows for every age group of \(regions[i]) from \(ages.startAges[low]) to \(ages.startAges[high]), without a gap"))
            }
        }
        return out
    }

    /// Origin–destination cells, each (origin, destination, sex, age) at most once;
    /// cells not listed are 0, a region to itself must be 0.
    func originDestination(_ cells: [Cell], file: String, problems: inout [InputProblem]) -> (values: [ODKey: Double], cells: [ODKey: Cell]) {
        var values: [ODKey: Double] = [:]
        var rows: [ODKey: Cell] = [:]
        for cell in cells {
            guard let i = region(cell.keys[0], cell: cell, file: file, column: "origin", problems: &problems),
                  let j = region(cell.keys[1], cell: cell, file: file, column: "destination", problems: &problems),
                  let sex = sex(cell.keys[2], cell: cell, file: file, problems: &problems),
                  let x = ageIndex(cell.keys[3], cell: cell, file: file, problems: &problems) else { continue }
            let k = ODKey(i, j, sex, x)
            if let first = rows[k] {
                problems.append(InputProblem(file: file, line: cell.line, column: "origin,destination,sex,age",
                                             value: cell.keys.joined(separator: ","),
                                             expected: "one row per origin, destination, sex and age, but line \(first.line) has it already"))
                continue
            }
            if i == j && cell.value != 0 {
                problems.append(InputProblem(file: file, line: cell.line, column: "value", value: cell.text,
                                             expected: "0 from \(regions[i]) to itself (moves within a region are not migration)"))
                continue
            }
            rows[k] = cell
            values[k] = cell.value
        }
        return (values, rows)
    }
}
