import Foundation
import Demography

/// Reads a multiregional dataset directory in the tidy layout of the
/// Willekens & Rogers (1978) example (`Tests/Fixtures/multiregional`), or a
/// county dataset in the layout of the PAA 2025 workshop (``CountyDatasetReader``).
///
/// Multiregional layout (`region` names are kept as written; `year` columns are ignored
/// except in `pop_base.csv`):
///
/// | file | columns | content |
/// |---|---|---|
/// | `pop_base.csv` | year,region,sex,age,open_age,value | start population (females only, or both sexes) |
/// | `deaths.csv` or `mx.csv` | year,region,sex,age,open_age,value | deaths in one year, or annual death rates |
/// | `births.csv` or `asfr.csv` | year,region,age,open_age,value | births in one year by age of mother, or annual rates (daughters with females only) |
/// | `mig_flows.csv`, `mig_rates.csv`, or `outmig_rates.csv` + `destination_shares.csv` | year,origin,destination,sex,age,open_age,value; region,sex,age,…; origin,destination,value | internal moves in one year, origin–destination rates, or out-migration rates and destination shares (none: no internal migration) |
/// | `net_migration.csv` (optional) | year,region,sex,age,open_age,value | annual external net migrants |
/// | `srb.csv` (optional) | value | sex ratio at birth (default 1.05, both sexes only) |
///
/// Counts are turned into annual rates by dividing by the start population of
/// the same region, sex and age (of women, for births), as Willekens & Rogers do.
public enum MultiregionalReader {
    /// Reads `directory`, choosing the layout by its files (see
    /// ``MultiregionalDataset/read(directory:internalOutMigrationRate:)``).
    public static func read(directory: URL) throws(DatasetError) -> MultiregionalDataset {
        try MultiregionalDataset.read(directory: directory)
    }

    /// Reads `directory` in the multiregional layout.
    static func readMultiregional(directory: URL) throws(DatasetError) -> MultiregionalDataset {
        let has = { (name: String) in FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path) }
        return try readMultiregional(directory: directory, has: has)
    }

    private static func readMultiregional(directory: URL, has: (String) -> Bool) throws(DatasetError) -> MultiregionalDataset {
        func table(_ name: String) throws(DatasetError) -> KeyedTable {
            try KeyedTable(CSVTable.read(directory.appendingPathComponent(name)))
        }
        let pop = try table("pop_base.csv")
        var problems: [InputProblem] = []
        let cells = pop.cells(keys: ["region", "sex", "age"], problems: &problems)
        guard problems.isEmpty else { throw DatasetError(problems) }
        var regions: [String] = []
        for cell in cells where !regions.contains(cell.keys[0]) { regions.append(cell.keys[0]) }
        let sexes: [Sex] = cells.contains { $0.keys[1] == "male" } ? [.female, .male] : [.female]
        let startAges = Set(cells.compactMap { Int($0.keys[2]) }).sorted()
        let ages: AgeStructure
        do { ages = try AgeStructure(startAges: startAges) } catch {
            throw DatasetError([InputProblem(file: "pop_base.csv", column: "age", expected: "age groups starting at 0 (\(error))")])
        }
        let startYear = pop.firstYear ?? 0
        let grid = Grid(regions: regions, ages: ages, sexes: sexes)
        let population = try grid.values(cells, file: "pop_base.csv", keys: ["region", "sex", "age"])
        let start: MultiregionalPopulation
        do {
            start = try MultiregionalPopulation(regions: regions, ages: ages, sexes: sexes) { i, sex in population[grid.key(i, sex)] ?? [] }
        } catch { throw DatasetError([InputProblem(file: "pop_base.csv", expected: error.description)]) }

        // Mortality.
        let mortalityFile = has("mx.csv") ? "mx.csv" : "deaths.csv"
        let deathValues = try grid.values(try table(mortalityFile).cells(keys: ["region", "sex", "age"]), file: mortalityFile,
                                          keys: ["region", "sex", "age"])
        let deathsAreCounts = mortalityFile == "deaths.csv"
        // Fertility (no sex column: by age of mother).
        let fertilityFile = has("asfr.csv") ? "asfr.csv" : "births.csv"
        let fertilityTable = try table(fertilityFile)
        let fertilityCells = try fertilityTable.cells(keys: ["region", "age"])
        var fertility: [Int: [Double]] = [:]
        var fertilityProblems: [InputProblem] = []
        for cell in fertilityCells {
            guard let i = regions.firstIndex(of: cell.keys[0]), let x = Int(cell.keys[1]).flatMap(ages.index(ofStartAge:)) else {
                fertilityProblems.append(InputProblem(file: fertilityFile, line: cell.line, value: cell.keys.joined(separator: ","),
                                                      expected: "a region and age group of pop_base.csv"))
                continue
            }
            fertility[i, default: [Double](repeating: 0, count: ages.count)][x] += cell.value
        }
        guard fertilityProblems.isEmpty else { throw DatasetError(fertilityProblems) }
        let fertilityAreCounts = fertilityFile == "births.csv"

        let migration = try readMigration(directory: directory, has: has, start: start, grid: grid, table: table)
        var external: [Double]?
        if has("net_migration.csv") {
            let values = try grid.values(try table("net_migration.csv").cells(keys: ["region", "sex", "age"]),
                                         file: "net_migration.csv", keys: ["region", "sex", "age"], signed: true)
            let n = Double(ages.uniformWidth ?? 1)
            var packed = [Double](repeating: 0, count: start.counts.count)
            for (s, sex) in sexes.enumerated() {
                for i in 0..<regions.count {
                    for (x, v) in (values[grid.key(i, sex)] ?? []).enumerated() {
                        packed[(s * ages.count + x) * regions.count + i] = n * v
                    }
                }
            }
            external = packed
        }
        var srb = 1.05
        if has("srb.csv"), let t = try? table("srb.csv"), let c = t.table.header.firstIndex(of: "value"),
           let first = t.table.rows.first, let v = Double(first[c]) { srb = v }

        let rates: MultiregionalRates
        do {
            rates = try MultiregionalRates(
                regions: regions, ages: ages, sexes: sexes,
                deathRate: { i, sex in
                    let d = deathValues[grid.key(i, sex)] ?? []
                    guard deathsAreCounts else { return d }
                    let p = start.counts(region: i, sex: sex)
                    return zip(d, p).map { $1 > 0 ? $0 / $1 : 0 }
                },
                migration: migration,
                fertilityRate: { i in
                    let b = fertility[i] ?? [Double](repeating: 0, count: ages.count)
                    guard fertilityAreCounts else { return b }
                    let women = start.counts(region: i, sex: .female)
                    return zip(b, women).map { $1 > 0 ? $0 / $1 : 0 }
                },
                sexRatioAtBirth: srb)
        } catch { throw DatasetError([InputProblem(file: directory.lastPathComponent, expected: error.description)]) }
        var assumptions: [String] = []
        if deathsAreCounts || fertilityAreCounts || has("mig_flows.csv") {
            assumptions.append("Rates are one year of counts divided by the start population of the same region, sex and age (Willekens & Rogers 1978).")
        }
        if sexes == [.female] { assumptions.append("Females only: fertility counts daughters, as in the source.") }
        return MultiregionalDataset(
            title: "\(regions.count) regions (\(regions.joined(separator: ", "))), \(ages), \(sexes.count == 1 ? "females" : "both sexes"), from \(startYear)",
            start: start, startYear: startYear, rates: rates, externalMigrants: external, migrationTiming: .endOfStep,
            openAgeGroup: .lastClosedGroupOnly, defaultSteps: 8, assumptions: assumptions)
    }

    private static func readMigration(
        directory: URL, has: (String) -> Bool, start: MultiregionalPopulation, grid: Grid,
        table: (String) throws(DatasetError) -> KeyedTable
    ) throws(DatasetError) -> MigrationFlowMatrix {
        let regions = start.regions, ages = start.ages, sexes = start.sexes
        do {
            if has("mig_flows.csv") || has("mig_rates.csv") {
                let file = has("mig_flows.csv") ? "mig_flows.csv" : "mig_rates.csv"
                let od = try grid.originDestination(try table(file).cells(keys: ["origin", "destination", "sex", "age"]), file: file)
                if file == "mig_flows.csv" {
                    return try MigrationFlowMatrix(flows: { i, j, sex, x in od[ODKey(i, j, sex, x)] ?? 0 }, population: start)
                }
                return try MigrationFlowMatrix(regions: regions, ages: ages, sexes: sexes) { i, j, sex, x in od[ODKey(i, j, sex, x)] ?? 0 }
            }
            if has("outmig_rates.csv") {
                let out = try grid.values(try table("outmig_rates.csv").cells(keys: ["region", "sex", "age"]),
                                          file: "outmig_rates.csv", keys: ["region", "sex", "age"])
                let shareCells = try table("destination_shares.csv").cells(keys: ["origin", "destination"])
                var shares = Matrix(rows: regions.count, columns: regions.count)
                for cell in shareCells {
                    guard let i = regions.firstIndex(of: cell.keys[0]), let j = regions.firstIndex(of: cell.keys[1]) else {
                        throw DatasetError([InputProblem(file: "destination_shares.csv", line: cell.line,
                                                         value: cell.keys.joined(separator: ","), expected: "regions of pop_base.csv")])
                    }
                    shares[j, i] = cell.value
                }
                return try MigrationFlowMatrix(regions: regions, ages: ages, sexes: sexes,
                                               outMigrationRate: { i, sex, x in out[grid.key(i, sex)]?[x] ?? 0 },
                                               destinationShares: shares)
            }
            return try MigrationFlowMatrix.none(regions: regions, ages: ages, sexes: sexes)
        } catch let error as DatasetError {
            throw error
        } catch {
            throw DatasetError([InputProblem(file: directory.lastPathComponent, expected: "\(error)")])
        }
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

    struct Cell {
        var keys: [String]
        var value: Double
        var line: Int
    }

    /// The first year in a `year` column, if any.
    var firstYear: Int? {
        guard let c = table.header.firstIndex(of: "year") else { return nil }
        return table.rows.compactMap { Int($0[c]) }.min()
    }

    /// The key columns and the value of every row (a missing `sex` column reads as female).
    func cells(keys: [String]) throws(DatasetError) -> [Cell] {
        var problems: [InputProblem] = []
        let out = cells(keys: keys, problems: &problems)
        if !problems.isEmpty { throw DatasetError(problems) }
        return out
    }

    func cells(keys: [String], problems: inout [InputProblem]) -> [Cell] {
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
            problems.append(InputProblem(file: table.file, line: 1, column: "value", expected: "a column named \"value\""))
            return []
        }
        var out: [Cell] = []
        for (row, line) in zip(table.rows, table.lines) {
            guard let value = Double(row[v]), value.isFinite else {
                problems.append(InputProblem(file: table.file, line: line, column: "value", value: row[v], expected: "a number"))
                continue
            }
            out.append(Cell(keys: columns.map { $0.map { row[$0] } ?? "female" },
                            value: value, line: line))
        }
        return out
    }
}

/// The regions, ages and sexes that every file must use.
struct Grid {
    let regions: [String]
    let ages: AgeStructure
    let sexes: [Sex]

    struct Key: Hashable { var region: Int; var sex: Sex }
    func key(_ region: Int, _ sex: Sex) -> Key { Key(region: region, sex: sex) }

    /// region,sex,age cells into one schedule per region and sex; every cell present once.
    func values(_ cells: [KeyedTable.Cell], file: String, keys: [String], signed: Bool = false) throws(DatasetError) -> [Key: [Double]] {
        var out: [Key: [Double]] = [:]
        var problems: [InputProblem] = []
        for cell in cells {
            guard let i = regions.firstIndex(of: cell.keys[0]) else {
                problems.append(InputProblem(file: file, line: cell.line, column: keys[0], value: cell.keys[0],
                                             expected: "one of the regions of pop_base.csv: \(regions.prefix(8).joined(separator: ", "))"))
                continue
            }
            guard let sex = Sex(rawValue: cell.keys[1].lowercased()), sexes.contains(sex) else {
                problems.append(InputProblem(file: file, line: cell.line, column: "sex", value: cell.keys[1],
                                             expected: sexes.map(\.rawValue).joined(separator: " or ")))
                continue
            }
            guard let age = Int(cell.keys[2]), let x = ages.index(ofStartAge: age) else {
                problems.append(InputProblem(file: file, line: cell.line, column: "age", value: cell.keys[2],
                                             expected: "an age group of the grid (\(ages))"))
                continue
            }
            if !signed && cell.value < 0 {
                problems.append(InputProblem(file: file, line: cell.line, column: "value", value: "\(cell.value)",
                                             expected: "a number of 0 or more"))
                continue
            }
            var schedule = out[key(i, sex)] ?? [Double](repeating: .nan, count: ages.count)
            guard schedule[x].isNaN else {
                problems.append(InputProblem(file: file, line: cell.line, column: "age", value: cell.keys[2],
                                             expected: "one row for \(regions[i]), \(sex.rawValue), age \(age)"))
                continue
            }
            schedule[x] = cell.value
            out[key(i, sex)] = schedule
        }
        for i in 0..<regions.count {
            for sex in sexes {
                let schedule = out[key(i, sex)] ?? [Double](repeating: .nan, count: ages.count)
                let missing = schedule.indices.filter { schedule[$0].isNaN }.map { String(ages.startAges[$0]) }
                if !missing.isEmpty {
                    problems.append(InputProblem(file: file, column: "age", value: missing.prefix(8).joined(separator: ", "),
                                                 expected: "a row for every age group of \(regions[i]), \(sex.rawValue)"))
                }
            }
        }
        if !problems.isEmpty { throw DatasetError(problems) }
        return out
    }

    /// origin,destination,sex,age cells by key (absent cells are zero).
    func originDestination(_ cells: [KeyedTable.Cell], file: String) throws(DatasetError) -> [ODKey: Double] {
        var out: [ODKey: Double] = [:]
        var problems: [InputProblem] = []
        for cell in cells {
            guard let i = regions.firstIndex(of: cell.keys[0]), let j = regions.firstIndex(of: cell.keys[1]),
                  let sex = Sex(rawValue: cell.keys[2].lowercased()), sexes.contains(sex),
                  let x = Int(cell.keys[3]).flatMap(ages.index(ofStartAge:)) else {
                problems.append(InputProblem(file: file, line: cell.line, value: cell.keys.joined(separator: ","),
                                             expected: "an origin and destination of pop_base.csv, a sex and an age group of the grid"))
                continue
            }
            guard cell.value >= 0 else {
                problems.append(InputProblem(file: file, line: cell.line, column: "value", value: "\(cell.value)",
                                             expected: "a number of 0 or more"))
                continue
            }
            out[ODKey(i, j, sex, x), default: 0] += cell.value
        }
        if !problems.isEmpty { throw DatasetError(problems) }
        return out
    }
}
