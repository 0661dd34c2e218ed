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
/// | `mig_net_total.csv` | year,value | total net migrants per period (optional: none) |
/// | `hist_*.csv` | as above | the estimation period before the projection (optional) |
///
/// A location column (`country_code`) selects the rows of one location.
public struct AssumptionsReader: Sendable {
    /// The location to select.
    public var location: String?
    /// A reader for `location`.
    public init(location: String? = nil) { self.location = location }

    /// Whether `source` holds assumptions (TFR or total migration) rather than full rates.
    public static func looksLikeAssumptions(_ source: DatasetSource) -> Bool {
        source.contains("tfr.csv") || source.contains("pasfr.csv") || source.contains("mig_net_total.csv")
    }

    /// Reads the assumptions; `migrationPattern` makes the age-sex pattern of net
    /// migration for the population's age groups. The files state no migration
    /// timing, so the assumptions have `MigrationTiming.unWPP`.
    public func read(
        _ source: DatasetSource,
        migrationPattern: (AgeStructure) throws(DemographyError) -> BySex<[Double]>,
        lifeTableOptions: LifeTableOptions = LifeTableOptions(infantSeparation: .coaleDemeny(.west))
    ) throws(DatasetError) -> AssumptionsDataset {
        var problems: [InputProblem] = []
        func table(_ name: String, required: Bool) -> TidyRows? {
            rows(source, name, required: required, problems: &problems)
        }
        var grid: AgeStructure?
        var base: AgeTableReader.Values = [:]
        if let rows = table("pop_base.csv", required: true) {
            (grid, base) = AgeTableReader().read(rows, grid: nil, problems: &problems)
        }
        guard let grid, let baseYear = base.keys.min(), problems.isEmpty else {
            throw DatasetError(problems.isEmpty ? [InputProblem(file: "pop_base.csv", expected: "a base population")] : problems)
        }
        var mxAges: AgeStructure?
        var mx: AgeTableReader.Values = [:]
        if let rows = table("mx.csv", required: true) {
            (mxAges, mx) = AgeTableReader().read(rows, grid: nil, problems: &problems)
        }
        let fertility = readFertility(source, prefix: "", grid: grid, problems: &problems)
        let srb = table("srb.csv", required: true).map { YearTableReader(positive: true).read($0, problems: &problems) } ?? [:]
        let migration = table("mig_net_total.csv", required: false).map { YearTableReader(signed: true).read($0, problems: &problems) } ?? [:]

        // The estimation period, when its files are there.
        var history: AssumptionsDataset.History?
        if source.contains("hist_mx.csv") && (source.contains("hist_tfr.csv") || source.contains("hist_asfr.csv")) {
            let histPopulation = table("hist_pop.csv", required: false).map { AgeTableReader().read($0, grid: grid, problems: &problems).1 }
            let histMx = table("hist_mx.csv", required: true).map { AgeTableReader().read($0, grid: mxAges, problems: &problems).1 } ?? [:]
            let histFertility = readFertility(source, prefix: "hist_", grid: grid, problems: &problems)
            let histSRB = table("hist_srb.csv", required: false).map { YearTableReader(positive: true).read($0, problems: &problems) }
            let histMigration = table("hist_mig_net_total.csv", required: false).map { YearTableReader(signed: true).read($0, problems: &problems) }
            if let year = histMx.keys.max(), let rates = histMx[year], let tfr = histFertility.tfr[year], let pattern = histFertility.pattern[year] {
                var population: Population?
                if let counts = histPopulation?[year] {
                    population = try? Population(ages: grid, counts: BySex(female: counts[.female] ?? [], male: counts[.male] ?? []))
                }
                history = .init(population: population, year: year, totalFertility: tfr, fertilityPattern: pattern,
                                deathRates: BySex(female: rates[.female] ?? [], male: rates[.male] ?? []),
                                sexRatioAtBirth: histSRB?[year], netMigration: histMigration?[year])
            }
        }
        guard problems.isEmpty, let mxAges else { throw DatasetError(problems) }
        do {
            let population = try Population(ages: grid, counts: BySex(female: base[baseYear]?[.female] ?? [], male: base[baseYear]?[.male] ?? []))
            let assumptions = try Assumptions(
                basePopulation: population, baseYear: baseYear,
                totalFertility: fertility.tfr, fertilityPattern: fertility.pattern,
                deathRates: mx.mapValues { BySex(female: $0[.female] ?? [], male: $0[.male] ?? []) }, deathRateAges: mxAges,
                sexRatioAtBirth: srb, netMigration: migration,
                migrationPattern: try migrationPattern(grid),
                lifeTableOptions: lifeTableOptions,
                reference: history.map { .init(totalFertility: $0.totalFertility, fertilityPattern: $0.fertilityPattern, deathRates: $0.deathRates) })
            return AssumptionsDataset(assumptions: assumptions, location: location, history: history)
        } catch {
            throw DatasetError([InputProblem(file: "\(source)", expected: error.description)])
        }
    }

    /// TFR and PASFR by year, from tfr.csv + pasfr.csv or from asfr.csv.
    private func readFertility(
        _ source: DatasetSource, prefix: String, grid: AgeStructure, problems: inout [InputProblem]
    ) -> (tfr: [Int: Double], pattern: [Int: [Double]]) {
        func table(_ name: String, _ required: Bool) -> TidyRows? {
            rows(source, name, required: required, problems: &problems)
        }
        var tfr: [Int: Double] = [:], pattern: [Int: [Double]] = [:]
        let partial = AgeTableReader(bySex: false, allowPartialAges: true)
        if let rows = table("\(prefix)tfr.csv", false) {
            tfr = YearTableReader().read(rows, problems: &problems)
            if let p = table("\(prefix)pasfr.csv", true) {
                pattern = partial.read(p, grid: grid, problems: &problems).1.compactMapValues { $0[.female] }
            }
            for (year, values) in pattern {
                let sum = values.reduce(0, +)
                if abs(sum - 100) > FertilitySchedule.patternTolerance {
                    problems.append(InputProblem(file: "\(prefix)pasfr.csv", column: "value", value: String(sum),
                                                 expected: "percentages summing to 100 (within \(FertilitySchedule.patternTolerance)) in \(year)"))
                }
            }
        } else if let rows = table("\(prefix)asfr.csv", true) {
            for (year, values) in partial.read(rows, grid: grid, problems: &problems).1 {
                guard let rates = values[.female], let schedule = try? FertilitySchedule(ages: grid, rates: rates) else { continue }
                tfr[year] = schedule.totalFertility
                pattern[year] = schedule.percentagePattern
            }
        }
        return (tfr, pattern)
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
