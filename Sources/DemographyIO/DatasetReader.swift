import Foundation
import Demography

/// A dataset directory read into projection inputs.
public struct Dataset: Sendable {
    /// The inputs, period by period.
    public var inputs: ProjectionInputs
    /// The location the rows were selected for, if the files hold several.
    public var location: String?
    /// The files that were read, by name.
    public var filesRead: [String]
}

/// Reads a dataset directory in the tidy layout of the UN-style reference data.
///
/// Files (extra columns such as `country_code` are allowed; a location column
/// selects rows when `location` is given):
///
/// | file | columns | |
/// |---|---|---|
/// | `pop_base.csv` | year,sex,age,open_age,value | required; sets the age grid and base year |
/// | `life_table.csv` | year,sex,age,open_age,Sx(,mx) | survival ratios (and death rates) |
/// | `mx.csv` | year,sex,age,open_age,value | death rates (any grid with the same open age) |
/// | `asfr.csv` | year,age,open_age,value | required; ages without a row have no births |
/// | `srb.csv` | year,value | required; males per female birth |
/// | `mig_net_count.csv` | year,sex,age,open_age,value | optional; net migrants in the period |
/// | `mig_parameter.csv` | year,mig_type,mig_assumption | optional; `counts` or `rates`, `end` or `even` (a period without a row: `MigrationTiming.unWPP`) |
/// | `mig_net_rate.csv` | year,sex,age,open_age,value | with `rates`: net migrants per person per year |
///
/// At least one of `life_table.csv` (with Sx) and `mx.csv` must be there. Every
/// problem is collected, file by file, and thrown together as a ``DatasetError``.
public struct DatasetReader: Sendable {
    /// The location to select in files that hold several.
    public var location: String?

    /// A reader for `location` (nil: the files must hold one location).
    public init(location: String? = nil) { self.location = location }

    /// Reads `directory`.
    public func read(directory: URL) throws(DatasetError) -> Dataset {
        try read(DatasetSource.directory(directory))
    }

    /// Reads a dataset from a directory or from files held in memory.
    public func read(_ source: DatasetSource) throws(DatasetError) -> Dataset {
        if case .directory(let directory) = source { _ = try DatasetSource.existingDirectory(directory) }
        var problems: [InputProblem] = []
        var files: [String] = []
        func table(_ name: String, required: Bool) -> TidyRows? {
            guard required || source.contains(name) else { return nil }
            do {
                let t = try source.table(name)
                files.append(name)
                return TidyRows(t, location: location, problems: &problems)
            } catch {
                problems += error.problems
                return nil
            }
        }

        // The base population sets the grid and the base year.
        var grid: AgeStructure?
        var base: AgeTableReader.Values = [:]
        if let rows = table("pop_base.csv", required: true) {
            (grid, base) = AgeTableReader().read(rows, grid: nil, problems: &problems)
        }
        let baseYears = base.keys.sorted()
        if baseYears.count > 1 {
            problems.append(InputProblem(file: "pop_base.csv", column: "year", value: baseYears.map(String.init).joined(separator: ","),
                                         expected: "a single base year"))
        }
        guard let grid, let baseYear = baseYears.first, let width = grid.uniformWidth else {
            if problems.isEmpty {
                problems.append(InputProblem(file: "pop_base.csv", column: "age",
                                             expected: "age groups of equal width (single years or five-year groups) and an open group"))
            }
            throw DatasetError(problems)
        }

        var survival: AgeTableReader.Values = [:]
        var deathRates: AgeTableReader.Values = [:]
        var deathRateAges: AgeStructure?
        let lifeTable = table("life_table.csv", required: false)
        if let lifeTable, lifeTable.table.hasColumn("Sx") {
            survival = AgeTableReader(valueColumn: "Sx").read(lifeTable, grid: grid, problems: &problems).1
        }
        if let mx = table("mx.csv", required: false) {
            (deathRateAges, deathRates) = AgeTableReader().read(mx, grid: nil, problems: &problems)
        } else if let lifeTable, lifeTable.table.hasColumn("mx") {
            (deathRateAges, deathRates) = AgeTableReader(valueColumn: "mx").read(lifeTable, grid: grid, problems: &problems)
        }
        if lifeTable == nil && deathRates.isEmpty && !files.contains("mx.csv") {
            problems.append(InputProblem(file: "life_table.csv", expected: "life_table.csv with an Sx column, or mx.csv, in \(source)"))
        }
        if let mxAges = deathRateAges, mxAges.openAge != grid.openAge {
            problems.append(InputProblem(file: "mx.csv", column: "age", value: "\(mxAges.openAge)+",
                                         expected: "the open age group of pop_base.csv, \(grid.openAge)+"))
        }
        var fertility: AgeTableReader.Values = [:]
        if let rows = table("asfr.csv", required: true) {
            fertility = AgeTableReader(bySex: false, allowPartialAges: true).read(rows, grid: grid, problems: &problems).1
        }
        let srb = table("srb.csv", required: true).map { YearTableReader(positive: true).read($0, problems: &problems) } ?? [:]
        var migrants: AgeTableReader.Values = [:]
        if let rows = table("mig_net_count.csv", required: false) {
            migrants = AgeTableReader(signed: true).read(rows, grid: grid, problems: &problems).1
        }
        let parameters = table("mig_parameter.csv", required: false).map { readTiming($0, problems: &problems) }
        let timing = parameters?.timing ?? [:]
        var rates: AgeTableReader.Values = [:]
        if parameters?.usesRates == true, let rows = table("mig_net_rate.csv", required: true) {
            rates = AgeTableReader(signed: true).read(rows, grid: grid, problems: &problems).1
        }

        // Death rates come from mx.csv, or else from the mx column of life_table.csv.
        let deathRateFile = files.contains("mx.csv") ? "mx.csv" : "life_table.csv"
        for (name, years) in [("life_table.csv", Array(survival.keys)), (deathRateFile, Array(deathRates.keys)),
                              ("asfr.csv", Array(fertility.keys)), ("srb.csv", Array(srb.keys)),
                              ("mig_net_count.csv", Array(migrants.keys))] {
            checkPeriods(years, file: name, baseYear: baseYear, width: width, problems: &problems)
        }
        guard problems.isEmpty else { throw DatasetError(problems) }

        func bySex(_ v: [Sex: [Double]]) -> BySex<[Double]> {
            BySex(female: v[.female] ?? [], male: v[.male] ?? [])
        }
        do {
            let population = try Population(ages: grid, counts: bySex(base[baseYear] ?? [:]))
            let inputs = try ProjectionInputs(
                basePopulation: population, baseYear: baseYear,
                survivalRatios: survival.mapValues(bySex),
                deathRates: deathRates.mapValues(bySex), deathRateAges: deathRateAges,
                fertilityRates: fertility.compactMapValues { $0[.female] },
                sexRatioAtBirth: srb,
                netMigrants: migrants.mapValues(bySex),
                migrationTiming: timing)
            var withRates = inputs
            withRates.netMigrationRates = rates.mapValues(bySex)
            return Dataset(inputs: withRates, location: location, filesRead: files)
        } catch {
            throw DatasetError([InputProblem(file: "pop_base.csv", expected: error.description)])
        }
    }

    /// Periods must run baseYear, baseYear+z, … without gaps.
    private func checkPeriods(_ years: [Int], file: String, baseYear: Int, width: Int, problems: inout [InputProblem]) {
        guard let last = years.max() else { return }
        let present = Set(years)
        for year in years.sorted() where year < baseYear || (year - baseYear) % width != 0 {
            problems.append(InputProblem(file: file, column: "year", value: String(year),
                                         expected: "a period start year \(baseYear), \(baseYear + width), ... (steps of \(width) years from the base year)"))
            return
        }
        for year in stride(from: baseYear, through: last, by: width) where !present.contains(year) {
            problems.append(InputProblem(file: file, column: "year", value: String(year),
                                         expected: "rows for every period from \(baseYear) to \(last); year \(year) is missing"))
        }
    }

    /// year,mig_type,mig_assumption tables (mig_parameter.csv): the timing by year,
    /// and whether rates (mig_net_rate.csv) are used.
    private func readTiming(_ rows: TidyRows, problems: inout [InputProblem]) -> (timing: [Int: MigrationTiming], usesRates: Bool) {
        let before = problems.count
        let yearColumn = rows.column("year", problems: &problems)
        let typeColumn = rows.column("mig_type", problems: &problems)
        let timingColumn = rows.column("mig_assumption", problems: &problems)
        guard problems.count == before, let yearColumn, let typeColumn, let timingColumn else { return ([:], false) }
        var out: [Int: MigrationTiming] = [:]
        var usesRates = false
        for r in rows.selected {
            guard let year = rows.integer(yearColumn, r, problems: &problems) else { continue }
            let type = rows.table.rows[r][typeColumn]
            if type == "rates" { usesRates = true }
            if type != "counts" && type != "rates" {
                problems.append(InputProblem(file: rows.table.file, line: rows.line(r), column: "mig_type", value: type,
                                             expected: "counts or rates"))
            }
            let text = rows.table.rows[r][timingColumn]
            guard let timing = MigrationTiming(rawValue: text) else {
                problems.append(InputProblem(file: rows.table.file, line: rows.line(r), column: "mig_assumption", value: text,
                                             expected: "end or even"))
                continue
            }
            out[year] = timing
        }
        return (out, usesRates)
    }
}
