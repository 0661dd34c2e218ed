import Foundation
import Demography

/// A dataset of summary assumptions (the UN WPP layout) and, when given, the
/// estimation period before the projection.
public struct AssumptionsDataset: Sendable {
    /// The assumptions, with the migration pattern chosen by the caller.
    public var assumptions: Assumptions
    /// The location the rows were selected for.
    public var location: String?
    /// The estimation period before the projection (`hist_*.csv`), if present.
    public var history: History?
    /// Values read as given but outside their usual range: worth a look, not a refusal.
    public var warnings: [InputProblem] = []
    /// The units of the files (`units.csv` and the caller's declarations); the
    /// counts are in `units.population`, everything else was converted to the
    /// canonical units.
    public var units = DatasetUnits()

    /// The population at the start of the estimation period and its inputs.
    public struct History: Sendable {
        /// The population at the start of the estimation period (hist_pop.csv).
        public var population: Population?
        /// Its start year.
        public var year: Int
        /// TFR, PASFR (on the population grid), nMx (on the death-rate grid), SRB and total net migrants.
        public var totalFertility: Double
        public var fertilityPattern: [Double]
        public var deathRates: BySex<[Double]>
        public var sexRatioAtBirth: Double?
        public var netMigration: Double?
    }
}

/// Reads the WPP layout of summary assumptions.
///
/// | file | columns | |
/// |---|---|---|
/// | `pop_base.csv` | year,sex,age,open_age,value | required; five-year or single ages |
/// | `mx.csv` | year,sex,age,open_age,value | required; abridged (0, 1–4, 5–9, …), five-year or single ages |
/// | `tfr.csv` + `pasfr.csv` | year,value / year,age,open_age,value | TFR and its percentage age pattern, or |
/// | `asfr.csv` | year,age,open_age,value | ASFR, from which TFR and PASFR are derived |
/// | `srb.csv` | year,value | required |
/// | `mig_net_count.csv` | year,sex,age,open_age,value | net migrants by age at migration and sex per period, on the population's age groups (optional; WPP 2024) |
/// | `tfr_low.csv`, `tfr_high.csv` | year,value | the TFR of the low and high variants (optional; WPP 2024), used instead of the medium ∓ 0.25/0.40/0.50 |
/// | `mig_net_total.csv` | year,value | total net migrants per period, spread by the migration pattern (optional: none; not used when `mig_net_count.csv` is there) |
/// | `hist_*.csv` | as above | the estimation period before the projection (optional) |
///
/// The units are those of `units.csv` when there, with the declarations of
/// ``units`` over them (``DatasetUnits``): declared units are converted to the
/// canonical ones (SRB per 100 females, ASFR and mx per 1,000, net migration
/// per year), counts stay in their declared unit, persons by default, and
/// numbers that look like another unit are refused naming it (``UnitPlausibility``).
///
/// A location column (`country_code`) selects the rows of one location. Every
/// value is read as its ``Quantity``: population and net migrants as counts (in
/// the unit of the file, thousands in the WPP files and persons in others, so
/// the limits are those of persons), mx as death rates, TFR, PASFR as
/// percentages, ASFR and SRB in males per female. A value outside its limits is
/// refused; one outside its usual range is read and warned of in
/// ``AssumptionsDataset/warnings``. The projection files' years (TFR, the
/// fertility pattern, mx, SRB, migration) must be the periods from the base year
/// on, without gaps, and end in the same year as TFR: a missing year would
/// otherwise end the projection there; annual rows between the periods are
/// refused, never skipped.
///
/// mx.csv (and hist_mx.csv) ending at another open age than pop_base.csv, and
/// pasfr.csv, asfr.csv or mig_net_count.csv in single years beside five-year
/// groups (or the reverse), are refused with both grids named unless
/// ``ageGrids`` says how to reconcile them (`AgeGridReconciliation`).
public struct AssumptionsReader: Sendable {
    /// The location to select.
    public var location: String?
    /// Units declared by the caller (`--unit`), over those of `units.csv`.
    public var units: [DatasetUnits.Declaration]
    /// What to do when mx.csv and pop_base.csv end at different open ages (nil:
    /// refuse, naming both grids; see ``AgeGridReconciliation``).
    public var ageGrids: AgeGridReconciliation?
    /// A reader for `location`, with `units` declared over those of `units.csv`.
    public init(location: String? = nil, units: [DatasetUnits.Declaration] = [], ageGrids: AgeGridReconciliation? = nil) {
        self.location = location
        self.units = units
        self.ageGrids = ageGrids
    }

    /// Whether `source` holds assumptions (TFR or total migration) rather than full rates.
    public static func looksLikeAssumptions(_ source: DatasetSource) -> Bool {
        source.contains("tfr.csv") || source.contains("pasfr.csv") || source.contains("mig_net_total.csv")
    }

    /// Reads the assumptions; `migrationPattern` makes the age-sex pattern of net
    /// migration for the population's age groups. The files state no migration
    /// timing, so the assumptions have `MigrationTiming.unWPP`.
    ///
    /// `lifeTableOptions` nil (the default) takes the conventions of the data's
    /// revision (``defaultLifeTableOptions(for:)``).
    public func read(
        _ source: DatasetSource,
        migrationPattern: (AgeStructure) throws(DemographyError) -> BySex<[Double]>,
        lifeTableOptions: LifeTableOptions? = nil
    ) throws(DatasetError) -> AssumptionsDataset {
        let lifeTableOptions = lifeTableOptions ?? Self.defaultLifeTableOptions(for: source)
        let units = try DatasetUnits.read(source, overrides: self.units)
        var problems: [InputProblem] = []
        func table(_ name: String, required: Bool) -> TidyRows? {
            rows(source, name, required: required, problems: &problems)
        }
        let (readGrid, readBase, baseYear) = AgeTableReader.basePopulation(table("pop_base.csv", required: true), units: units, problems: &problems)
        var base = readBase
        guard var grid = readGrid, let baseYear, !problems.hasErrors else {
            throw DatasetError(problems.hasErrors ? problems.errors : [InputProblem(file: "pop_base.csv", expected: "a base population")])
        }
        var mxAges: AgeStructure?
        var mx: AgeTableReader.Values = [:]
        var mxLines: [Int: Int] = [:]
        if let rows = table("mx.csv", required: true) {
            let read = AgeTableReader(quantity: units.deathRate).read(rows, grid: nil, problems: &problems)
            (mxAges, mx, mxLines) = (read.ages, read.values, PeriodYears.lines(of: read))
            UnitPlausibility.checkDeathRates(read, units: units, file: "mx.csv", problems: &problems)
        }
        var plan = OpenAgeReconciliation.none
        if let mxAges {
            plan = OpenAgeReconciliation.plan(population: grid, rates: mxAges, ratesFile: "mx.csv", choice: ageGrids, problems: &problems) ?? .none
        }
        var fertility = readFertility(source, prefix: "", grid: grid, units: units, problems: &problems)
        let srb = table("srb.csv", required: true).map {
            YearTableReader(quantity: units.sexRatioAtBirth).readWithLines($0, problems: &problems)
        } ?? YearTableReader.Table(values: [:], lines: [:])
        // The UN's own migration by age and sex (WPP 2019 on) replaces a total
        // spread by a model pattern: the total is not read when the counts are there.
        var migrantsByAge: AgeTableReader.Values = [:]
        var migrantLines: [Int: Int] = [:]
        if let rows = table("mig_net_count.csv", required: false) {
            let read = AgeTableReader(quantity: units.migrantCount).read(rows, populationGrid: grid, kind: .counts, choice: ageGrids, problems: &problems)
            (migrantsByAge, migrantLines) = (read.values, PeriodYears.lines(of: read))
        }
        // A total per year is multiplied by the period's width (five years on a five-year grid).
        let periodWidth = grid.uniformWidth ?? 5
        let migration = migrantsByAge.isEmpty ? table("mig_net_total.csv", required: false).map {
            YearTableReader(quantity: units.migrationTotal(width: periodWidth)).readWithLines($0, problems: &problems)
        } ?? YearTableReader.Table(values: [:], lines: [:]) : YearTableReader.Table(values: migrantsByAge.mapValues { _ in 0 }, lines: migrantLines)
        let migrationFile = migrantsByAge.isEmpty ? "mig_net_total.csv" : "mig_net_count.csv"
        let baseTotal = (base[baseYear] ?? [:]).values.reduce(0) { $0 + $1.reduce(0, +) }
        if migrantsByAge.isEmpty {
            UnitPlausibility.checkMigration(migration.values, lines: migration.lines, baseTotal: baseTotal, baseYear: baseYear, units: units, file: migrationFile,
                                            perYear: units.migNetTotal == .perYear, width: periodWidth, problems: &problems)
        } else {
            let sums = migrantsByAge.mapValues { $0.values.reduce(0) { $0 + $1.reduce(0, +) } }
            UnitPlausibility.checkMigration(sums, lines: migrantLines, baseTotal: baseTotal, baseYear: baseYear, units: units, file: migrationFile,
                                            perYear: false, width: periodWidth, problems: &problems)
        }
        // The UN's own low and high TFR (WPP 2024), when given.
        var variantTFR: [ProjectionVariant: YearTableReader.Table] = [:]
        for (variant, file) in [(ProjectionVariant.low, "tfr_low.csv"), (.high, "tfr_high.csv")] {
            if let rows = table(file, required: false) {
                variantTFR[variant] = YearTableReader(quantity: .totalFertility).readWithLines(rows, problems: &problems)
            }
        }
        if let width = grid.uniformWidth {
            var periods: [(String, [Int], [Int: Int])] = [
                ("mx.csv", Array(mx.keys), mxLines), ("srb.csv", Array(srb.values.keys), srb.lines),
                (migrationFile, Array(migration.values.keys), migration.lines),
            ]
            for (variant, read) in variantTFR.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                periods.append(("tfr_\(variant.rawValue).csv", Array(read.values.keys), read.lines))
            }
            for (file, years) in fertility.files { periods.append((file, Array(years.values.keys), years.lines)) }
            for (file, years, lines) in periods {
                PeriodYears.check(years, file: file, baseYear: baseYear, width: width, lines: lines, problems: &problems)
            }
            // Every file must reach the last year of TFR (or ASFR): the projection ends at the first to stop.
            if let (tfrFile, tfrYears) = fertility.files.first, let last = tfrYears.values.keys.max() {
                for (file, years, _) in periods where file != tfrFile {
                    if let end = years.max(), end < last {
                        problems.append(InputProblem(file: file, column: "year", value: String(end),
                                                     expected: "rows up to \(last), as \(tfrFile) has; the projection would end at \(end)"))
                    }
                }
            }
        }

        // The estimation period, when its files are there.
        var history: AssumptionsDataset.History?
        if source.contains("hist_mx.csv") && (source.contains("hist_tfr.csv") || source.contains("hist_asfr.csv")) {
            let histPopulation = table("hist_pop.csv", required: false).map {
                AgeTableReader(quantity: units.populationCount).read($0, grid: grid, problems: &problems).values
            }
            let histMx = table("hist_mx.csv", required: true).map {
                AgeTableReader(quantity: units.deathRate).read($0, grid: mxAges, problems: &problems).values
            } ?? [:]
            let histFertility = readFertility(source, prefix: "hist_", grid: grid, units: units, problems: &problems)
            let histSRB = table("hist_srb.csv", required: false).map { YearTableReader(quantity: units.sexRatioAtBirth).read($0, problems: &problems) }
            let histMigration = table("hist_mig_net_total.csv", required: false).map {
                YearTableReader(quantity: units.migrationTotal(width: periodWidth)).read($0, problems: &problems)
            }
            if let year = histMx.keys.max(), let rates = histMx[year], let tfr = histFertility.tfr[year], let pattern = histFertility.pattern[year] {
                var population: Population?
                if let counts = histPopulation?[year] {
                    do {
                        population = try Population(ages: grid, counts: BySex(female: counts[.female] ?? [], male: counts[.male] ?? []))
                    } catch {
                        problems.append(InputProblem(file: "hist_pop.csv", column: "value", expected: "a population of \(year) (\(error))"))
                    }
                }
                history = .init(population: population, year: year, totalFertility: tfr, fertilityPattern: pattern,
                                deathRates: BySex(female: rates[.female] ?? [], male: rates[.male] ?? []),
                                sexRatioAtBirth: histSRB?[year], netMigration: histMigration?[year])
                // The estimation period is one period: every hist_* file must hold its year.
                for (file, years) in [("hist_pop.csv", histPopulation.map { Set($0.keys) }), ("hist_srb.csv", histSRB.map { Set($0.keys) }),
                                      ("hist_mig_net_total.csv", histMigration.map { Set($0.keys) })] {
                    if let years, !years.isEmpty, !years.contains(year) {
                        problems.append(InputProblem(file: file, column: "year", value: years.sorted().map(String.init).joined(separator: ","),
                                                     expected: "the estimation period's year \(year), as in hist_mx.csv"))
                    }
                }
            } else if !problems.hasErrors, let year = histMx.keys.max() {
                let file = histFertility.files.first?.0 ?? "hist_tfr.csv"
                problems.append(InputProblem(file: file, column: "year",
                                             value: (histFertility.files.first?.1.values.keys.sorted() ?? []).map(String.init).joined(separator: ","),
                                             expected: "the estimation period's year \(year), as in hist_mx.csv"))
            }
        }
        guard !problems.hasErrors, var mxAges else { throw DatasetError(problems.errors) }
        if plan != .none {
            do {
                let givenAges = mxAges
                (mxAges, mx) = try plan.deathRates(mx, on: givenAges, options: lifeTableOptions)
                if let h = history {
                    // hist_mx.csv is read on mx.csv's ages, and moves with them.
                    let rates = try plan.deathRates([h.year: [.female: h.deathRates.female, .male: h.deathRates.male]],
                                                    on: givenAges, options: lifeTableOptions).values[h.year]
                    history?.deathRates = BySex(female: rates?[.female] ?? [], male: rates?[.male] ?? [])
                }
                if case .lowerPopulation(let openAge) = plan {
                    base = try OpenAgeReconciliation.sums(base, on: grid, at: openAge)
                    migrantsByAge = try OpenAgeReconciliation.sums(migrantsByAge, on: grid, at: openAge)
                    fertility.pattern = try OpenAgeReconciliation.sums(fertility.pattern.mapValues { [.female: $0] }, on: grid, at: openAge)
                        .compactMapValues { $0[.female] }
                    if let h = history {
                        history?.fertilityPattern = try grid.summingOpenGroup(h.fertilityPattern, at: openAge)
                        if let p = h.population {
                            history?.population = try Population(ages: try grid.closed(at: openAge), counts: BySex(
                                female: try grid.summingOpenGroup(p.counts.female, at: openAge),
                                male: try grid.summingOpenGroup(p.counts.male, at: openAge)))
                        }
                    }
                    grid = try grid.closed(at: openAge)
                }
            } catch {
                throw DatasetError([InputProblem(file: "mx.csv", column: "age", expected: "rates that can be moved to the open age of pop_base.csv (\(error))")])
            }
        }
        do {
            let population = try Population(ages: grid, counts: BySex(female: base[baseYear]?[.female] ?? [], male: base[baseYear]?[.male] ?? []))
            let assumptions = try Assumptions(
                basePopulation: population, baseYear: baseYear,
                totalFertility: fertility.tfr, fertilityPattern: fertility.pattern,
                deathRates: mx.mapValues { BySex(female: $0[.female] ?? [], male: $0[.male] ?? []) }, deathRateAges: mxAges,
                sexRatioAtBirth: srb.values, netMigration: migrantsByAge.isEmpty ? migration.values : [:],
                netMigrantsByAge: migrantsByAge.mapValues { BySex(female: $0[.female] ?? [], male: $0[.male] ?? []) },
                migrationPattern: try migrationPattern(grid),
                lifeTableOptions: lifeTableOptions,
                reference: history.map { .init(totalFertility: $0.totalFertility, fertilityPattern: $0.fertilityPattern, deathRates: $0.deathRates) },
                variantTotalFertility: variantTFR.mapValues(\.values))
            return AssumptionsDataset(assumptions: assumptions, location: location, history: history, warnings: problems.warnings,
                                      units: units)
        } catch {
            throw DatasetError([InputProblem(file: "\(source)", refusal: error)])
        }
    }

    /// The life-table conventions of the data's revision of the UN WPP.
    ///
    /// - Net migrants by age and sex (`mig_net_count.csv`, WPP 2019 on) or the
    ///   annual series (`tfr_1x1.csv`, WPP 2022 on; the UN portal's files give
    ///   them) mark the WPP 2024 layout: `LifeTableOptions.wpp2024` (Andreev-Kingkade a0,
    ///   Greville nax). On the twelve countries with published outcomes it
    ///   brings the median |relative error| of the total in 2050 from 0.13 % to
    ///   0.08 % and of 100+ from 29 % to 7.5 % (see the article "Reproducing
    ///   WPP 2024").
    /// - Otherwise (total net migration and no annual series, as in WPP 2017):
    ///   `LifeTableOptions.wpp2017` (Coale-Demeny West a0 and 4a1, nax = n/2),
    ///   with which `Tests/Fixtures/wpp2017` reproduces the UN's totals.
    public static func defaultLifeTableOptions(for source: DatasetSource) -> LifeTableOptions {
        source.contains("mig_net_count.csv") || source.contains("tfr_1x1.csv") ? .wpp2024 : .wpp2017
    }

    /// TFR and PASFR by year, from tfr.csv + pasfr.csv or from asfr.csv, and the
    /// years of each file read (TFR first), for the period check.
    private func readFertility(
        _ source: DatasetSource, prefix: String, grid: AgeStructure, units: DatasetUnits, problems: inout [InputProblem]
    ) -> (tfr: [Int: Double], pattern: [Int: [Double]], files: [(String, YearTableReader.Table)]) {
        func table(_ name: String, _ required: Bool) -> TidyRows? {
            rows(source, name, required: required, problems: &problems)
        }
        func years(_ read: AgeTableReader.Table) -> YearTableReader.Table {
            YearTableReader.Table(values: read.values.mapValues { _ in 0 }, lines: PeriodYears.lines(of: read))
        }
        var tfr: [Int: Double] = [:], pattern: [Int: [Double]] = [:]
        var files: [(String, YearTableReader.Table)] = []
        if let rows = table("\(prefix)tfr.csv", false) {
            let read = YearTableReader(quantity: .totalFertility).readWithLines(rows, problems: &problems)
            tfr = read.values
            files.append(("\(prefix)tfr.csv", read))
            if let p = table("\(prefix)pasfr.csv", true) {
                let read = AgeTableReader(bySex: false, quantity: .percentage, allowPartialAges: true)
                    .read(p, populationGrid: grid, kind: .birthShares, choice: ageGrids, problems: &problems)
                pattern = read.values.compactMapValues { $0[.female] }
                files.append(("\(prefix)pasfr.csv", years(read)))
                let lines = PeriodYears.lines(of: read)
                for (year, values) in pattern.sorted(by: { $0.key < $1.key }) {
                    let sum = values.reduce(0, +)
                    if abs(sum - 100) > FertilitySchedule.patternTolerance {
                        problems.append(InputProblem(file: "\(prefix)pasfr.csv", line: lines[year], column: "value", value: String(sum),
                                                     expected: "percentages summing to 100 (within \(FertilitySchedule.patternTolerance)) in \(year)"))
                    }
                }
            }
        } else if let rows = table("\(prefix)asfr.csv", true) {
            let read = AgeTableReader(bySex: false, quantity: units.fertilityRate, allowPartialAges: true)
                .read(rows, populationGrid: grid, kind: .fertilityRates, choice: ageGrids, problems: &problems)
            files.append(("\(prefix)asfr.csv", years(read)))
            let lines = PeriodYears.lines(of: read)
            for (year, values) in read.values.sorted(by: { $0.key < $1.key }) {
                guard let rates = values[.female] else { continue }
                do {
                    let schedule = try FertilitySchedule(ages: grid, rates: rates)
                    tfr[year] = schedule.totalFertility
                    pattern[year] = schedule.percentagePattern
                } catch {
                    problems.append(InputProblem(file: "\(prefix)asfr.csv", line: lines[year], column: "value",
                                                 expected: "a fertility schedule for \(year) (\(error))"))
                }
            }
        }
        return (tfr, pattern, files)
    }

    /// The rows of `name` for the location, or nil (with a problem when it was required).
    private func rows(_ source: DatasetSource, _ name: String, required: Bool, problems: inout [InputProblem]) -> TidyRows? {
        guard required || source.contains(name) else { return nil }
        do { return TidyRows(try source.table(name), location: location, problems: &problems) } catch {
            problems += error.problems
            return nil
        }
    }
}
