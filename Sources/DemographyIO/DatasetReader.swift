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
    /// Values read as given but outside their usual range, and net out-migration
    /// larger than the population it leaves: worth a look, not a refusal.
    public var warnings: [InputProblem] = []
    /// The units of the files (`units.csv` and the caller's declarations); the
    /// counts are in `units.population`, the rates were converted to the canonical units.
    public var units = DatasetUnits()
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
/// value is read as its ``Quantity`` (population counts and net migrants in
/// persons, Sx a survival ratio, mx a death rate, ASFR, SRB in males per female,
/// net migration rates); a value outside its limits is refused, one outside its
/// usual range is read and warned of in ``Dataset/warnings``. Each file's years
/// must be the periods from the base year on, without gaps (`PeriodYears`).
/// Every problem is collected, file by file, and thrown together as a
/// ``DatasetError``.
///
/// Units: those of `units.csv` when there, with the declarations of ``units``
/// over them (``DatasetUnits``): `population` (the counts of pop_base.csv and
/// mig_net_count.csv, kept as given; persons by default), `srb`, `asfr` and `mx`
/// (converted to the canonical units). Numbers that look like another unit are
/// refused naming it (``UnitPlausibility``).
///
/// Files whose ages disagree with pop_base.csv (mx.csv ending at another open
/// age; asfr.csv or the migration files in single years beside five-year groups,
/// or the reverse) are refused with both grids named, unless ``ageGrids`` says
/// how to reconcile them (`AgeGridReconciliation`; the article "Data formats",
/// section "Age grids and horizons"). Annual rows in a dataset of five-year
/// periods are refused, never skipped (`PeriodYears`).
public struct DatasetReader: Sendable {
    /// The location to select in files that hold several.
    public var location: String?
    /// Units declared by the caller (`--unit`), over those of `units.csv`.
    public var units: [DatasetUnits.Declaration]

    /// What to do when mx.csv and pop_base.csv end at different open ages (nil:
    /// refuse, naming both grids; see ``AgeGridReconciliation``).
    public var ageGrids: AgeGridReconciliation?

    /// A reader for `location` (nil: the files must hold one location), with
    /// `units` declared over those of `units.csv`.
    public init(location: String? = nil, units: [DatasetUnits.Declaration] = [], ageGrids: AgeGridReconciliation? = nil) {
        self.location = location
        self.units = units
        self.ageGrids = ageGrids
    }

    /// Reads `directory`.
    public func read(directory: URL) throws(DatasetError) -> Dataset {
        try read(DatasetSource.directory(directory))
    }

    /// Reads a dataset from a directory or from files held in memory.
    public func read(_ source: DatasetSource) throws(DatasetError) -> Dataset {
        if case .directory(let directory) = source { _ = try DatasetSource.existingDirectory(directory) }
        let units = try DatasetUnits.read(source, overrides: self.units)
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
        let (readGrid, readBase, baseYear) = AgeTableReader.basePopulation(table("pop_base.csv", required: true), units: units, problems: &problems)
        var base = readBase
        guard var grid = readGrid, let baseYear, let width = readGrid?.uniformWidth, !problems.hasErrors else {
            if !problems.hasErrors {
                problems.append(InputProblem(file: "pop_base.csv", column: "age",
                                             expected: "age groups of equal width (single years or five-year groups) and an open group"))
            }
            throw DatasetError(problems.errors)
        }

        var survival: AgeTableReader.Values = [:]
        var deathRates: AgeTableReader.Values = [:]
        var deathRateAges: AgeStructure?
        var survivalLines: [Int: Int] = [:], deathRateLines: [Int: Int] = [:]
        let lifeTable = table("life_table.csv", required: false)
        if let lifeTable, lifeTable.table.hasColumn("Sx") {
            let read = AgeTableReader(valueColumn: "Sx", quantity: .survivalRatio).read(lifeTable, grid: grid, problems: &problems)
            (survival, survivalLines) = (read.values, PeriodYears.lines(of: read))
        }
        if let mx = table("mx.csv", required: false) {
            let read = AgeTableReader(quantity: units.deathRate).read(mx, grid: nil, problems: &problems)
            (deathRateAges, deathRates, deathRateLines) = (read.ages, read.values, PeriodYears.lines(of: read))
            UnitPlausibility.checkDeathRates(read, units: units, file: "mx.csv", problems: &problems)
        } else if let lifeTable, lifeTable.table.hasColumn("mx") {
            let read = AgeTableReader(valueColumn: "mx", quantity: units.deathRate).read(lifeTable, grid: grid, problems: &problems)
            (deathRateAges, deathRates, deathRateLines) = (read.ages, read.values, PeriodYears.lines(of: read))
            UnitPlausibility.checkDeathRates(read, units: units, file: "life_table.csv", problems: &problems)
        }
        if lifeTable == nil && deathRates.isEmpty && !files.contains("mx.csv") {
            problems.append(InputProblem(file: "life_table.csv", expected: "life_table.csv with an Sx column, or mx.csv, in \(source)"))
        }
        var plan = OpenAgeReconciliation.none
        if let mxAges = deathRateAges {
            plan = OpenAgeReconciliation.plan(population: grid, rates: mxAges, ratesFile: deathRateSource(files),
                                              choice: ageGrids, problems: &problems) ?? .none
        }
        var fertility: AgeTableReader.Values = [:], fertilityLines: [Int: Int] = [:]
        if let rows = table("asfr.csv", required: true) {
            let read = AgeTableReader(bySex: false, quantity: units.fertilityRate, allowPartialAges: true)
                .read(rows, populationGrid: grid, kind: .fertilityRates, choice: ageGrids, problems: &problems)
            (fertility, fertilityLines) = (read.values, PeriodYears.lines(of: read))
        }
        let srb = table("srb.csv", required: true).map {
            YearTableReader(quantity: units.sexRatioAtBirth).readWithLines($0, problems: &problems)
        } ?? YearTableReader.Table(values: [:], lines: [:])
        var migrants: AgeTableReader.Values = [:], migrantLines: [Int: Int] = [:]
        if let rows = table("mig_net_count.csv", required: false) {
            let read = AgeTableReader(quantity: units.migrantCount).read(rows, populationGrid: grid, kind: .counts, choice: ageGrids, problems: &problems)
            (migrants, migrantLines) = (read.values, PeriodYears.lines(of: read))
            let baseTotal = (base[baseYear] ?? [:]).values.reduce(0) { $0 + $1.reduce(0, +) }
            UnitPlausibility.checkMigration(read.values.mapValues { $0.values.reduce(0) { $0 + $1.reduce(0, +) } },
                                            lines: PeriodYears.lines(of: read), baseTotal: baseTotal, baseYear: baseYear, units: units,
                                            file: "mig_net_count.csv", perYear: false, width: width, problems: &problems)
            warnOfEmigrationBeyondPopulation(read, base: base[baseYear] ?? [:], baseYear: baseYear, grid: grid, problems: &problems)
        }
        let parameters = table("mig_parameter.csv", required: false).map { readTiming($0, problems: &problems) }
        let timing = parameters?.timing ?? [:]
        if let parameters {
            PeriodYears.check(parameters.timing.keys, file: "mig_parameter.csv", baseYear: baseYear, width: width,
                              lines: parameters.lines, allowsGaps: true, problems: &problems)
        }
        var rates: AgeTableReader.Values = [:], rateLines: [Int: Int] = [:]
        if parameters?.usesRates == true, let rows = table("mig_net_rate.csv", required: true) {
            let read = AgeTableReader(quantity: .netMigrationRate).read(rows, populationGrid: grid, kind: .rates, choice: ageGrids, problems: &problems)
            (rates, rateLines) = (read.values, PeriodYears.lines(of: read))
        }

        // Death rates come from mx.csv, or else from the mx column of life_table.csv.
        let deathRateFile = files.contains("mx.csv") ? "mx.csv" : "life_table.csv"
        let periods: [(String, [Int], [Int: Int])] = [
            ("life_table.csv", Array(survival.keys), survivalLines), (deathRateFile, Array(deathRates.keys), deathRateLines),
            ("asfr.csv", Array(fertility.keys), fertilityLines), ("srb.csv", Array(srb.values.keys), srb.lines),
            ("mig_net_count.csv", Array(migrants.keys), migrantLines), ("mig_net_rate.csv", Array(rates.keys), rateLines),
        ]
        for (name, years, lines) in periods {
            PeriodYears.check(years, file: name, baseYear: baseYear, width: width, lines: lines, problems: &problems)
        }
        guard !problems.hasErrors else { throw DatasetError(problems.errors) }

        if plan != .none {
            do {
                if let mxAges = deathRateAges {
                    (deathRateAges, deathRates) = try plan.deathRates(deathRates, on: mxAges, options: LifeTableOptions())
                }
                if case .lowerPopulation(let openAge) = plan {
                    if !survival.isEmpty {
                        throw DatasetError([InputProblem(file: "life_table.csv", column: "Sx",
                                                         expected: "survival ratios on the regrouped ages (\(openAge)+): Sx are ratios of person-years and cannot be summed down from \(grid.openAge)+; leave Sx out and give --survival recompute, or give --ages extend")])
                    }
                    let weights = base[baseYear] ?? [:]
                    fertility = try OpenAgeReconciliation.weighted(fertility, on: grid, weights: [.female: weights[.female] ?? []], at: openAge)
                    rates = try OpenAgeReconciliation.weighted(rates, on: grid, weights: weights, at: openAge)
                    migrants = try OpenAgeReconciliation.sums(migrants, on: grid, at: openAge)
                    base = try OpenAgeReconciliation.sums(base, on: grid, at: openAge)
                    grid = try grid.closed(at: openAge)
                }
            } catch let error as DatasetError {
                throw error
            } catch {
                throw DatasetError([InputProblem(file: deathRateSource(files), column: "age", expected: "rates that can be moved to the open age of pop_base.csv (\(error))")])
            }
        }

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
                sexRatioAtBirth: srb.values,
                netMigrants: migrants.mapValues(bySex),
                migrationTiming: timing)
            var withRates = inputs
            withRates.netMigrationRates = rates.mapValues(bySex)
            return Dataset(inputs: withRates, location: location, filesRead: files, warnings: problems.warnings, units: units)
        } catch {
            throw DatasetError([InputProblem(file: "pop_base.csv", refusal: error)])
        }
    }

    /// The file the death rates came from.
    private func deathRateSource(_ files: [String]) -> String { files.contains("mx.csv") ? "mx.csv" : "life_table.csv" }

    /// A warning for each net out-migration count of the base period larger
    /// than the base population of its cell, located at the migration row: more
    /// people leave than live there, and the projection's guard (the UN's) then
    /// keeps the population from going below zero, so the count is not what runs.
    private func warnOfEmigrationBeyondPopulation(_ migration: AgeTableReader.Table, base: [Sex: [Double]], baseYear: Int,
                                                  grid: AgeStructure, problems: inout [InputProblem]) {
        guard let counts = migration.values[baseYear] else { return }
        for sex in Sex.allCases {
            guard let out = counts[sex], let population = base[sex], let lines = migration.lines[baseYear]?[sex] else { continue }
            for i in out.indices where i < population.count && out[i] < 0 && -out[i] > population[i] {
                problems.append(InputProblem(
                    file: "mig_net_count.csv", line: lines[i] > 0 ? lines[i] : nil, column: "value", value: "\(out[i])",
                    expected: "net out-migration no larger than the population it leaves (\(sex.rawValue), age \(grid.label(at: i)): \(population[i]) in pop_base.csv); the projection's guard keeps the population from going below zero",
                    severity: .warning))
            }
        }
    }

    /// year,mig_type,mig_assumption tables (mig_parameter.csv): the timing by year,
    /// whether rates (mig_net_rate.csv) are used, and the line of each year. Two
    /// rows for one year are refused (which would hold?), and so is a file
    /// without rows: it says nothing, so it is more likely damaged than meant.
    private func readTiming(_ rows: TidyRows, problems: inout [InputProblem])
        -> (timing: [Int: MigrationTiming], usesRates: Bool, lines: [Int: Int]) {
        let before = problems.errorCount
        let yearColumn = rows.column("year", problems: &problems)
        let typeColumn = rows.column("mig_type", problems: &problems)
        let timingColumn = rows.column("mig_assumption", problems: &problems)
        guard problems.errorCount == before, let yearColumn, let typeColumn, let timingColumn else { return ([:], false, [:]) }
        var out: [Int: MigrationTiming] = [:]
        var lines: [Int: Int] = [:]
        var usesRates = false
        for r in rows.selected {
            let year = rows.year(yearColumn, r, problems: &problems)
            let type = rows.text(typeColumn, r)
            if type == "rates" { usesRates = true }
            if type != "counts" && type != "rates" {
                problems.append(InputProblem(file: rows.table.file, line: rows.line(r), column: "mig_type", value: InputProblem.excerpt(type),
                                             expected: "counts or rates"))
            }
            let text = rows.text(timingColumn, r)
            let timing = MigrationTiming(rawValue: text)
            if timing == nil {
                problems.append(InputProblem(file: rows.table.file, line: rows.line(r), column: "mig_assumption", value: InputProblem.excerpt(text),
                                             expected: "end or even"))
            }
            guard let year, let timing else { continue }
            if let first = lines[year] {
                problems.append(InputProblem(file: rows.table.file, line: rows.line(r), column: "year", value: String(year),
                                             expected: "one row for \(year), but line \(first) has it already"))
                continue
            }
            out[year] = timing
            lines[year] = rows.line(r)
        }
        if rows.selected.isEmpty && problems.errorCount == before {
            problems.append(InputProblem(file: rows.table.file,
                                         expected: "at least one data row (year,mig_type,mig_assumption); without the file, every period has the UN timing"))
        }
        return (out, usesRates, lines)
    }
}
