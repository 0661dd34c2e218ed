/// The summary indicators of a probabilistic projection, one value per
/// trajectory and date (stocks) or period (flows), as in ``SummaryIndicators``.
public enum StochasticIndicator: String, CaseIterable, Sendable, Hashable {
    case population
    case populationFemale = "population_female"
    case populationMale = "population_male"
    case medianAge = "median_age"
    case percentAged65Plus = "percent_65_plus"
    case oldDependencyRatio = "old_dependency_ratio"
    case births
    case deaths
    case netMigrants = "net_migrants"
    case growthRate = "growth_rate"
    case totalFertility = "tfr"
    case lifeExpectancyFemale = "e0_female"
    case lifeExpectancyMale = "e0_male"

    /// Whether the indicator is a stock at a date (else a flow or rate of the period starting then).
    public var isStock: Bool {
        switch self {
        case .population, .populationFemale, .populationMale, .medianAge, .percentAged65Plus, .oldDependencyRatio: return true
        default: return false
        }
    }
}

/// Quantiles and means of every output cell of a probabilistic projection.
///
/// Statistics per cell: the ``levels`` in order, then the mean (``statisticCount``
/// values). Storage, contiguous:
/// - ``population``: `[date][sex][age][statistic]`, dates ``years`` (date 0 the
///   base population, the same in every trajectory);
/// - ``indicators``: `[step][indicator][statistic]`, indicators in
///   ``StochasticIndicator`` order; a stock of step t is at date t+1, a flow
///   belongs to the period starting at date t;
/// - ``baseStocks``: the stock indicators at date 0.
public struct StochasticSummary: Sendable {
    /// The age groups.
    public let ages: AgeStructure
    /// The dates, base year first, every z years.
    public let years: [Int]
    /// The reported probabilities.
    public let levels: QuantileLevels
    /// The number of trajectories.
    public let trajectories: Int
    /// Whether every value of every cell was held in memory at once; else the
    /// cells were summarised block by block through ``RankBrackets``. The quantiles
    /// are the exact type-7 sample quantiles either way.
    public let isExact: Bool
    /// `[date][sex][age][statistic]`.
    public let population: [Double]
    /// `[step][indicator][statistic]`.
    public let indicators: [Double]
    /// Stock indicators at the base date (NaN for flows).
    public let baseStocks: [Double]

    /// Levels plus the mean.
    public var statisticCount: Int { levels.probabilities.count + 1 }

    /// The statistics of (date index, sex, age group index).
    public func population(date t: Int, sex: Sex, age x: Int) -> [Double] {
        let n = ages.count, s = statisticCount
        let o = ((t * 2 + (sex == .female ? 0 : 1)) * n + x) * s
        return Array(population[o..<(o + s)])
    }

    /// The statistics of `indicator` at step t (stocks: date t+1; flows: the period from date t).
    public func indicator(_ indicator: StochasticIndicator, step t: Int) -> [Double] {
        let s = statisticCount, i = StochasticIndicator.allCases.firstIndex(of: indicator)!
        let o = (t * StochasticIndicator.allCases.count + i) * s
        return Array(indicators[o..<(o + s)])
    }

    /// Statistic `i` (a level's index, or ``statisticCount`` − 1 for the mean) of
    /// the total population at every date, base first.
    public func totalPopulation(statistic i: Int) -> [Double] {
        [baseStocks[0]] + (0..<(years.count - 1)).map { indicator(.population, step: $0)[i] }
    }
}
