import Foundation

/// The summary indicators of a projection: one row per date, with the stocks at
/// that date and the flows of the period that starts there (none for the last date).
///
/// Definitions (Preston, Heuveline & Guillot 2001, ch. 1; UN WPP glossary):
/// - growth rate r = ln(P(t+z)/P(t)) / z, per cent per year;
/// - person-years lived in the period PY = z·(P(t) + P(t+z))/2;
/// - crude birth, death and net migration rates: B/PY, D/PY, M/PY per 1,000;
/// - TFR = Σ n·nFx; e0 by sex from the period's life tables (when known);
/// - median age: the age that halves the population, interpolated linearly in its group;
/// - the share aged 65+ (per cent) and the dependency ratios per 100 persons aged
///   15–64: young (0–14), old (65+) and total.
///
/// An indicator that is undefined is NaN (a Double field) or nil (an optional
/// one), never ±inf: a population of 0 has no median age and no share aged 65+,
/// a period that starts or ends at 0 has no growth rate, and a period with no
/// person-years has no crude rates. Writers show such a value as an empty field.
public struct SummaryIndicators: Sendable, Hashable, Codable {
    /// The date of the stocks; the period of the flows starts here.
    public var year: Int
    /// Total population.
    public var population: Double
    /// Median age of the population, years; NaN when the population is 0.
    public var medianAge: Double
    /// Per cent of the population aged 65 and over (nil if 65 is not a group boundary).
    public var percentAged65Plus: Double?
    /// Persons aged 0–14 per 100 aged 15–64.
    public var youngDependencyRatio: Double?
    /// Persons aged 65+ per 100 aged 15–64.
    public var oldDependencyRatio: Double?
    /// Young plus old dependency.
    public var totalDependencyRatio: Double?
    /// Flows of the period starting at ``year`` (nil at the last date).
    public var period: Period?

    /// The flows and rates of one period.
    public struct Period: Sendable, Hashable, Codable {
        /// r, per cent per year; NaN when the period starts or ends at 0.
        public var growthRate: Double
        public var births: Double
        public var deaths: Double
        public var netMigrants: Double
        /// Per 1,000 person-years; the crude rates are NaN when the period has none.
        public var crudeBirthRate: Double
        public var crudeDeathRate: Double
        public var crudeNetMigrationRate: Double
        public var totalFertility: Double
        /// e0 of females and males, when the period's death rates are known.
        public var lifeExpectancyFemale: Double?
        public var lifeExpectancyMale: Double?
    }

    /// The rows of `result`; `lifeExpectancy` gives e0 by sex for each period (optional).
    public static func rows(of result: ProjectionResult, steps: [ProjectionStep],
                            lifeExpectancy: [BySex<Double>]? = nil) -> [SummaryIndicators] {
        let populations = result.populations
        let z = Double(result.width)
        func e0(_ k: Int) -> BySex<Double>? {
            guard let lifeExpectancy, lifeExpectancy.indices.contains(k) else { return nil }
            return lifeExpectancy[k]
        }
        return result.years.enumerated().map { k, year in
            let p = populations[k]
            var row = stocks(year: year, population: p)
            if k < result.steps.count {
                let step = result.steps[k], next = populations[k + 1]
                let py = z * (p.total + next.total) / 2
                // Undefined, not ±inf: ln(0) and x/0 have no demographic meaning.
                let growth = p.total > 0 && next.total > 0 ? 100 * log(next.total / p.total) / z : Double.nan
                func perThousand(_ flow: Double) -> Double { py > 0 ? 1000 * flow / py : .nan }
                let tfr: Double = k < steps.count
                    ? steps[k].fertilityRates.indices.reduce(0) { $0 + Double(p.ages.width(at: $1) ?? 0) * steps[k].fertilityRates[$1] }
                    : .nan
                row.period = Period(
                    growthRate: growth,
                    births: step.totalBirths, deaths: step.totalDeaths, netMigrants: step.totalNetMigrants,
                    crudeBirthRate: perThousand(step.totalBirths), crudeDeathRate: perThousand(step.totalDeaths),
                    crudeNetMigrationRate: perThousand(step.totalNetMigrants),
                    totalFertility: tfr,
                    lifeExpectancyFemale: e0(k)?.female,
                    lifeExpectancyMale: e0(k)?.male)
            }
            return row
        }
    }

    /// The stock indicators of one population.
    public static func stocks(year: Int, population p: Population) -> SummaryIndicators {
        let ages = p.ages
        let counts = (0..<ages.count).map { p.counts.female[$0] + p.counts.male[$0] }
        let total = counts.reduce(0, +)
        func sum(from low: Int, below high: Int?) -> Double? {
            guard let i = ages.index(ofStartAge: low) else { return nil }
            let j = high.map { ages.index(ofStartAge: $0) } ?? ages.count
            guard let j else { return nil }
            return counts[i..<j].reduce(0, +)
        }
        let young = sum(from: 0, below: 15), working = sum(from: 15, below: 65), old = sum(from: 65, below: nil)
        var median = Double.nan
        var cumulative = 0.0
        for i in 0..<ages.count {
            if cumulative + counts[i] >= total / 2, counts[i] > 0 {
                let n = Double(ages.width(at: i) ?? 5)
                median = Double(ages.startAges[i]) + n * (total / 2 - cumulative) / counts[i]
                break
            }
            cumulative += counts[i]
        }
        let ratio: (Double?, Double?) -> Double? = { a, b in
            guard let a, let b, b > 0 else { return nil }
            return 100 * a / b
        }
        let youngRatio = ratio(young, working), oldRatio = ratio(old, working)
        return SummaryIndicators(
            year: year, population: total, medianAge: median,
            percentAged65Plus: total > 0 ? old.map { 100 * $0 / total } : nil,
            youngDependencyRatio: youngRatio, oldDependencyRatio: oldRatio,
            totalDependencyRatio: youngRatio.flatMap { y in oldRatio.map { y + $0 } },
            period: nil)
    }
}
