import Foundation
import Demography

/// A single-year (1x1) projection set up from the UN's five-year WPP 2024 inputs
/// and its annual summaries: an emulation of the UN's single-year method.
///
/// The UN projects WPP 2024 by single years of age in annual steps; the wpp2024
/// data give only five-year inputs (`pop_base`, `mx`, `pasfr`, `tfr`, `srb`,
/// `mig_net_count`, periods 1 July t to 1 July t+5), the annual TFR, SRB and e0 by
/// sex (`tfr_1x1`, `srb_1x1`, `e0_1x1`, calendar years from 2024) and, in the
/// folder only, the annual migration by single age (`mig_net_count_1x1`,
/// calendar years from 2023). The emulation builds annual steps from 1 July t to
/// 1 July t+1 on ages 0, 1, …, 99, 100+:
///
/// - **Base population** of 1 July 2020: the five-year groups graduated to single
///   years (``CountGraduation``; 100+ kept).
/// - **Mortality** of the step from t: the five-year periods' rates graduated to
///   single years (``DeathRateGraduation``); from 2024 (annual e0 given) the
///   rates of the two periods whose centres bracket the step's centre are
///   interpolated log-linearly (``bracket(step:baseYear:periods:)``), then
///   shifted (``MortalityShift/proportional``) to the mean of the published e0
///   of calendar years t and t+1 (a mid-year step is half in each). Before 2024
///   the rates of the period holding t are used, shifted to a filled e0: the
///   calendar years 2020–2023 get the one e0 that makes the first period's
///   half-weighted mean (½·2020 + 2021 … 2024 + ½·2025) equal the e0 of its
///   abridged life table (``filledYears(_:period:value:)``).
/// - **Fertility**: the periods' PASFR graduated to single years
///   (``FertilityGraduation``; interpolated between periods like mortality from
///   2024) and scaled to the mean annual TFR of t and t+1, 2020–2023 filled in the
///   same way from the period's TFR. **SRB** likewise. Filling, rather than
///   holding the period's value over 2020–2023, took the median error of the
///   twelve's totals from 0.044 % to 0.019 % in 2025 and from 0.052 % to 0.038 %
///   in 2050 (scripts/wpp2024-1x1-accuracy.py).
/// - **Migration**: net migrants by single age at migration of the step, half of
///   calendar year t and half of t+1; a calendar year without published annual
///   migration (before 2023, or every year when `mig_net_count_1x1.csv` is not
///   there, as in the embedded dataset) takes the five-year period's counts
///   divided by 5 (``fillingYears(of:counts:sex:annual:ages:method:)``), graduated to single years with the five-year groups' totals
///   kept (``CountGraduation/signedSingleYears(_:method:)``); where the annual
///   file starts inside a period, the missing years take what the period's
///   counts leave after the given years. Migrants enter at the end of each
///   step (``defaultMigrationTiming``, chosen by measurement).
///
/// Populations come out at 1 July of each year 2021 … 2100. Sources: UN
/// Population Division, WPP 2024 Methodology (single-year projection); the
/// conventions of `data/wpp2024/SOURCE.md` (dates, ages at migration, half
/// weights at the edge years).
public struct SingleYearEmulation: Sendable {
    /// Where the annual migration came from.
    public enum MigrationSource: String, Sendable, Hashable {
        /// `mig_net_count_1x1.csv` from 2023 on (five-year counts before).
        case publishedAnnual = "mig_net_count_1x1.csv"
        /// The five-year counts, divided by 5 and graduated, in every year.
        case fiveYearCounts = "mig_net_count.csv"
    }

    /// The annual inputs on single years of age, width 1.
    public var inputs: ProjectionInputs
    /// The life-table conventions of the single-year tables (survival and the e0 shift).
    public var lifeTableOptions: LifeTableOptions
    /// The five-year assumptions they were built from.
    public var fiveYear: Assumptions
    /// Where the annual migration came from.
    public var migrationSource: MigrationSource
    /// The five-year groups of the base population split uniformly because the
    /// graduation gave a negative count there.
    public var baseUniformGroups: BySex<[Int]>
    /// The e0 each step's mortality was shifted to, by step start year.
    public var targetLifeExpectancy: [Int: BySex<Double>]

    /// The projection of the inputs (survival from the single-year life tables).
    public func projection() throws(DemographyError) -> Projection {
        try inputs.projection(survival: .recompute(lifeTableOptions))
    }

    /// Builds the emulation from a WPP-layout source (a folder such as
    /// `data/wpp2024`, or `EmbeddedDatasets.wpp2024.source(for:)`).
    ///
    /// - Parameters:
    ///   - location: the `country_code` to select (nil: a single-location source).
    ///   - lastYear: the last population year (steps end there; default 2100).
    ///   - method: the graduation of counts and fertility.
    ///   - lifeTableOptions: the single-year life tables' conventions.
    ///   - migrationTiming: when the annual migrants enter (default
    ///     ``MigrationTiming/endOfStep``; see ``defaultMigrationTiming``).
    /// - Throws: ``DatasetError`` naming the file for missing or invalid inputs.
    public static func read(
        _ source: DatasetSource, location: String? = nil, through lastYear: Int = 2100,
        method: GraduationMethod = .standard, lifeTableOptions: LifeTableOptions = .init(),
        migrationTiming: MigrationTiming = SingleYearEmulation.defaultMigrationTiming,
        variant: ProjectionVariant = .medium, units: [DatasetUnits.Declaration] = []
    ) throws(DatasetError) -> SingleYearEmulation {
        let dataset = try AssumptionsReader(location: location, units: units).read(source, migrationPattern: { (ages) throws(DemographyError) in
            // Not used: WPP 2024 gives net migrants by age and sex (mig_net_count.csv).
            let share = 1 / Double(2 * ages.count)
            return BySex(both: [Double](repeating: share, count: ages.count))
        })
        return try read(source, fiveYear: dataset.assumptions, location: location, through: lastYear, method: method,
                        lifeTableOptions: lifeTableOptions, migrationTiming: migrationTiming, variant: variant, units: units)
    }

    /// Builds the emulation from five-year assumptions already read from
    /// `source` (by ``AssumptionsReader``, with the caller's migration pattern
    /// for a dataset without migration by age), and the annual files of `source`
    /// (`tfr_1x1.csv`, `srb_1x1.csv`, `e0_1x1.csv`, `mig_net_count_1x1.csv`).
    /// A caller that also runs the five-year grid, or several variants, reads
    /// the five-year files once.
    public static func read(
        _ source: DatasetSource, fiveYear five: Assumptions, location: String? = nil, through lastYear: Int = 2100,
        method: GraduationMethod = .standard, lifeTableOptions: LifeTableOptions = .init(),
        migrationTiming: MigrationTiming = SingleYearEmulation.defaultMigrationTiming,
        variant: ProjectionVariant = .medium, units: [DatasetUnits.Declaration] = []
    ) throws(DatasetError) -> SingleYearEmulation {
        guard five.basePopulation.ages.uniformWidth == 5 else {
            throw DatasetError([InputProblem(file: "pop_base.csv", column: "age", value: five.basePopulation.ages.description,
                                             expected: "five-year age groups 0-4, 5-9, ..., to graduate to single years")])
        }
        var problems: [InputProblem] = []
        var annual = AnnualSummaries.read(source, location: location, openAge: five.basePopulation.ages.openAge, units: units,
                                            problems: &problems)
        guard !problems.hasErrors else { throw DatasetError(problems.errors) }
        if variant != .medium {
            guard variant == .low || variant == .high else {
                throw DatasetError([InputProblem(file: "tfr.csv",
                                                 expected: "the \(variant.rawValue) variant on single years: only medium, low and high are emulated")])
            }
            // The years before the annual series are estimates, the medium's (filled first).
            let start = annual.totalFertility.keys.min() ?? five.baseYear
            let filled = five.periodStartYears.first.map {
                filledYears(annual.totalFertility, period: $0, value: five.totalFertility[$0])
            } ?? annual.totalFertility
            annual.totalFertility = variantFertility(filled, from: start, variant: variant)
        }
        do {
            return try build(five: five.withMigrationTiming(migrationTiming), annual: annual, through: lastYear,
                             method: method, options: lifeTableOptions)
        } catch {
            throw DatasetError([InputProblem(file: "\(source)", refusal: error)])
        }
    }

    /// The migration timing of the annual steps: all migrants at the end of the step.
    ///
    /// Chosen by measurement against the published annual outcomes of the twelve
    /// countries of `data/wpp2024` (Tests/DemographyIOTests/SingleYearEmulationTests):
    /// with migrants entering evenly (``MigrationTiming/unWPP``, half exposed at the
    /// start, the rest before births are counted) the annual births of the
    /// immigration countries come out too high (Kuwait +3.4 %, Canada +1.3 %,
    /// United States +0.4 % in 2024–25; median |error| of births 0.37 %), and the
    /// median |error| of the total population in 2050 is 0.10 %; with migrants at
    /// the end of the step births are within 0.05 % (median) and the 2050 totals
    /// within 0.054 % (median), 0.33 % (max). The UN's single-year step thus
    /// exposes its annual migrants to childbearing much less than the five-year
    /// `even` convention does.
    public static let defaultMigrationTiming: MigrationTiming = .endOfStep

    /// The annual inputs from the five-year assumptions and the annual summaries.
    static func build(five: Assumptions, annual: AnnualSummaries, through lastYear: Int,
                      method: GraduationMethod, options: LifeTableOptions) throws(DemographyError) -> SingleYearEmulation {
        let (base, fallbacks) = try CountGraduation.singleYears(five.basePopulation, method: method)
        let single = base.ages
        let fiveAges = five.basePopulation.ages
        let baseYear = five.baseYear
        let lastPeriod = five.periodStartYears.last ?? baseYear
        // The period holding `year`; calendar years after the last period (2100) take the last.
        func period(_ year: Int) -> Int { min(lastPeriod, baseYear + 5 * Int((Double(year - baseYear) / 5).rounded(.down))) }

        var graduatedMx: [Int: BySex<[Double]>] = [:]
        var abridgedE0: [Int: BySex<Double>] = [:]
        var pattern: [Int: [Double]] = [:]
        var migrants5: [Int: BySex<[Double]>] = [:]
        for p in five.periodStartYears {
            guard let mx = five.deathRates[p], let pasfr = five.fertilityPattern[p] else { continue }
            graduatedMx[p] = BySex(female: try DeathRateGraduation.singleYears(mx.female, on: five.deathRateAges),
                                   male: try DeathRateGraduation.singleYears(mx.male, on: five.deathRateAges))
            abridgedE0[p] = BySex(
                female: try LifeTable(sex: .female, ages: five.deathRateAges, deathRates: mx.female, options: five.lifeTableOptions).lifeExpectancyAtBirth,
                male: try LifeTable(sex: .male, ages: five.deathRateAges, deathRates: mx.male, options: five.lifeTableOptions).lifeExpectancyAtBirth)
            // PASFR as rates of a TFR of 1, graduated, and made to sum to 1 exactly
            // (the published percentages sum to 100 only to their rounding).
            let unit = try FertilityGraduation.singleYears(pasfr.map { $0 / 100 / 5 }, on: fiveAges, method: method)
            let sum = unit.reduce(0, +)
            pattern[p] = sum > 0 ? unit.map { $0 / sum } : unit
            let counts = five.netMigrantsByAge[p]
                ?? five.migrationPattern.map { $0.map { $0 * (five.netMigration[p] ?? 0) } }
            migrants5[p] = BySex(female: try fillingYears(of: p, counts: counts.female, sex: .female, annual: annual.migrants,
                                                          ages: fiveAges, method: method),
                                 male: try fillingYears(of: p, counts: counts.male, sex: .male, annual: annual.migrants,
                                                        ages: fiveAges, method: method))
        }
        // The calendar years of the first period before the annual series starts
        // (2020-2023 in WPP 2024) get the TFR, SRB and e0 that make the period's
        // half-weighted mean the published five-year value (as their migrants do).
        var annual = annual
        if let first = five.periodStartYears.first {
            annual.totalFertility = filledYears(annual.totalFertility, period: first, value: five.totalFertility[first])
            annual.sexRatioAtBirth = filledYears(annual.sexRatioAtBirth, period: first, value: five.sexRatioAtBirth[first])
            let female = filledYears(annual.lifeExpectancy.mapValues(\.female), period: first, value: abridgedE0[first]?.female)
            let male = filledYears(annual.lifeExpectancy.mapValues(\.male), period: first, value: abridgedE0[first]?.male)
            for (year, f) in female { if let m = male[year] { annual.lifeExpectancy[year] = BySex(female: f, male: m) } }
        }
        func annualMigrants(_ year: Int) -> BySex<[Double]>? {
            annual.migrants[year] ?? migrants5[period(year)]
        }

        var deathRates: [Int: BySex<[Double]>] = [:]
        var fertility: [Int: [Double]] = [:]
        var srb: [Int: Double] = [:]
        var migrants: [Int: BySex<[Double]>] = [:]
        var targets: [Int: BySex<Double>] = [:]
        var year = baseYear
        while year < min(lastYear, lastPeriod + 5) {
            let p = period(year)
            guard let periodMx = graduatedMx[p], let e0Period = abridgedE0[p], let periodPattern = pattern[p],
                  let tfrPeriod = five.totalFertility[p], let srbPeriod = five.sexRatioAtBirth[p],
                  let m0 = annualMigrants(year), let m1 = annualMigrants(year + 1) else { break }
            let annualE0 = BySex<Double?>(
                female: mean(annual.lifeExpectancy[year]?.female, annual.lifeExpectancy[year + 1]?.female),
                male: mean(annual.lifeExpectancy[year]?.male, annual.lifeExpectancy[year + 1]?.male))
            let target = BySex<Double>(female: annualE0.female ?? e0Period.female, male: annualE0.male ?? e0Period.male)
            // With an annual e0, the age pattern moves from period to period (log-linear
            // between the periods' centres); without, the period's rates are kept.
            var mx = periodMx, unit = periodPattern
            if annualE0.female != nil, annualE0.male != nil,
               let (lower, upper, w) = bracket(step: year, baseYear: baseYear, periods: graduatedMx.keys),
               let mLow = graduatedMx[lower], let mHigh = graduatedMx[upper], let fLow = pattern[lower], let fHigh = pattern[upper] {
                mx = BySex(female: logLinear(mLow.female, mHigh.female, w), male: logLinear(mLow.male, mHigh.male, w))
                unit = zip(fLow, fHigh).map { (1 - w) * $0 + w * $1 }
            }
            deathRates[year] = BySex(
                female: try MortalityShift.proportional.deathRates(reference: mx.female, ages: single, sex: .female,
                                                                   targetLifeExpectancy: target.female, options: options),
                male: try MortalityShift.proportional.deathRates(reference: mx.male, ages: single, sex: .male,
                                                                 targetLifeExpectancy: target.male, options: options))
            targets[year] = target
            let tfr = mean(annual.totalFertility[year], annual.totalFertility[year + 1]) ?? tfrPeriod
            fertility[year] = unit.map { $0 * tfr }
            srb[year] = mean(annual.sexRatioAtBirth[year], annual.sexRatioAtBirth[year + 1]) ?? srbPeriod
            migrants[year] = BySex(female: zip(m0.female, m1.female).map { ($0 + $1) / 2 },
                                   male: zip(m0.male, m1.male).map { ($0 + $1) / 2 })
            year += 1
        }
        let inputs = try ProjectionInputs(
            basePopulation: base, baseYear: baseYear, deathRates: deathRates, deathRateAges: single,
            fertilityRates: fertility, sexRatioAtBirth: srb, netMigrants: migrants,
            migrationTiming: Dictionary(uniqueKeysWithValues: deathRates.keys.map { ($0, five.migrationTiming) }))
        return SingleYearEmulation(inputs: inputs, lifeTableOptions: options, fiveYear: five,
                                   migrationSource: annual.migrants.isEmpty ? .fiveYearCounts : .publishedAnnual,
                                   baseUniformGroups: fallbacks, targetLifeExpectancy: targets)
    }

    /// The single-age annual migrants of the calendar years of period `p` that the
    /// annual file does not give, from the period's five-year counts.
    ///
    /// The period 1 July p to 1 July p+5 holds ½ of calendar year p, years p+1 …
    /// p+4 and ½ of year p+5 (data/wpp2024/SOURCE.md). The years given by
    /// `annual` are taken out of the five-year counts with those weights, group by
    /// group; the rest is shared equally (per unit of weight) by the missing
    /// years, then graduated to single ages with the group totals kept. So the
    /// steps of the period add up to the published five-year counts exactly, even
    /// where the annual file starts inside it (2023 in WPP 2024). Without annual
    /// data this is the counts divided by 5.
    static func fillingYears(of p: Int, counts: [Double], sex: Sex, annual: [Int: BySex<[Double]>],
                             ages: AgeStructure, method: GraduationMethod) throws(DemographyError) -> [Double] {
        let weights = [0.5, 1, 1, 1, 1, 0.5]
        var residual = counts
        var missing = 0.0
        for (k, w) in weights.enumerated() {
            guard let known = annual[p + k]?[sex] else {
                missing += w
                continue
            }
            let grouped = try AgeAggregation.sum(known, on: AgeStructure.singleYear(openAge: ages.openAge), into: ages)
            for g in residual.indices { residual[g] -= w * grouped[g] }
        }
        guard missing > 0 else { return try CountGraduation.signedSingleYears(counts.map { $0 / 5 }, method: method) }
        return try CountGraduation.signedSingleYears(residual.map { $0 / missing }, method: method)
    }

    /// The periods whose centres bracket the centre of the step from 1 July `step`
    /// (1 January step+1), and the weight of the later one.
    ///
    /// Period p (1 July p to 1 July p+5) is centred on 1 January p+3. Before the
    /// first centre or after the last, the nearest period alone (weight 0).
    static func bracket(step: Int, baseYear: Int, periods: Dictionary<Int, BySex<[Double]>>.Keys) -> (Int, Int, Double)? {
        let centre = Double(step + 1)
        let starts = periods.sorted()
        guard let first = starts.first, let last = starts.last else { return nil }
        if centre <= Double(first + 3) { return (first, first, 0) }
        if centre >= Double(last + 3) { return (last, last, 0) }
        let lower = starts.last { Double($0 + 3) <= centre } ?? first
        let upper = lower + 5
        guard periods.contains(upper) else { return (lower, lower, 0) }
        return (lower, upper, (centre - Double(lower + 3)) / 5)
    }

    /// exp((1 − w)·ln a + w·ln b) by age; linear where a rate is 0.
    static func logLinear(_ a: [Double], _ b: [Double], _ w: Double) -> [Double] {
        zip(a, b).map { x, y in x > 0 && y > 0 ? exp((1 - w) * log(x) + w * log(y)) : (1 - w) * x + w * y }
    }

    /// The mean of two values when both are there.
    /// `series` with the calendar years of period `p` (1 July p to 1 July p+5)
    /// before its first year filled with one value c, chosen so that the period's
    /// half-weighted mean, ½·c + c·(years p+1 … first−1) + years first … p+4 + ½·(year p+5),
    /// over five equals the period's published `value` (data/wpp2024/SOURCE.md: the
    /// five-year values are close to that mean of the annual ones). Unchanged when
    /// the series starts at or before p, after p+4, lacks year p+5, or `value` is nil.
    static func filledYears(_ series: [Int: Double], period p: Int, value: Double?) -> [Int: Double] {
        guard let value, let first = series.keys.min(), first > p, first <= p + 4, let last = series[p + 5] else { return series }
        var known = 0.5 * last
        for year in first...(p + 4) { known += series[year] ?? 0 }
        let weight = 0.5 + Double(first - 1 - p)
        let c = (5 * value - known) / weight
        guard c.isFinite, c > 0 else { return series }
        var out = series
        for year in p..<first { out[year] = c }
        return out
    }

    /// The annual TFR of the low or high variant: the medium's annual TFR plus
    /// the UN's phased offset from `firstYear`, the first projection year (the
    /// first year of the annual series, 2024 in WPP 2024; earlier years are
    /// estimates and stay the medium's).
    ///
    /// The offset is ``variantOffset(yearsIntoProjection:)`` children, negative
    /// for the low variant: a quarter of a child in the first five projection
    /// years, 0.4 in the next five, half a child after. It is read off the
    /// published annual outcomes: in each of the twelve published countries the
    /// first-year difference between a variant's and the medium's population
    /// growth, times the medium TFR over the medium births, is 0.25 in
    /// 2024–2028, 0.40 in 2029–2033 and 0.50 from 2034 (less by infant mortality
    /// in Nigeria and Niger); and its half-weighted five-year means, 0.075, 0.295,
    /// 0.43 and 0.5, are the differences of `tfr_low.csv` and `tfr_high.csv`
    /// from `tfr.csv` for 2020-2025 ... 2035-2040 (United Nations 2024,
    /// *World Population Prospects 2024: Methodology of the United Nations
    /// population estimates and projections*, on the low and high fertility
    /// scenarios).
    static func variantFertility(_ annual: [Int: Double], from firstYear: Int, variant: ProjectionVariant) -> [Int: Double] {
        let sign: Double = variant == .low ? -1 : 1
        var out = annual
        for (year, tfr) in annual where year >= firstYear {
            out[year] = max(0, tfr + sign * variantOffset(yearsIntoProjection: year - firstYear))
        }
        return out
    }

    /// The size of the UN's low/high fertility offset, in children, `years`
    /// after the first projection year (0 for that year): 0.25 for years 0–4,
    /// 0.4 for 5–9, 0.5 from 10 (see ``variantFertility(_:from:variant:)``).
    static func variantOffset(yearsIntoProjection years: Int) -> Double {
        years < 5 ? 0.25 : years < 10 ? 0.4 : 0.5
    }

    private static func mean(_ a: Double?, _ b: Double?) -> Double? {
        guard let a, let b else { return nil }
        return (a + b) / 2
    }
}
