import Foundation
import Demography

/// The tables and the fan chart of a probabilistic projection.
///
/// `quantile` is the probability ("0.025", "0.1", "0.5", "0.9", "0.975") or `mean`.
/// A value that is not finite, or a population quantile below 0, throws
/// ``OutputValueError`` (trajectories outside their range, such as e0 ≤ 0, give NaN).
public enum QuantileTables {
    /// `population_quantiles.csv`: year,sex,age,open_age,quantile,value.
    public static func population(_ summary: StochasticSummary) throws(OutputValueError) -> String {
        let n = summary.ages.count, labels = statisticLabels(summary)
        var out = "year,sex,age,open_age,quantile,value\n"
        out.reserveCapacity(summary.population.count * 40)
        for (t, year) in summary.years.enumerated() {
            for sex in Sex.allCases {
                for x in 0..<n {
                    let prefix = "\(year),\(sex.rawValue),\(summary.ages.startAges[x]),\(x == n - 1 ? 1 : 0),"
                    for (label, v) in zip(labels, summary.population(date: t, sex: sex, age: x)) {
                        let value = try OutputValue.count(v, in: "population_quantiles.csv",
                                                          at: "year \(year), \(sex.rawValue), age \(summary.ages.startAges[x]), quantile \(label)")
                        out += prefix + label + "," + value + "\n"
                    }
                }
            }
        }
        return out
    }

    /// `summary_quantiles.csv`: year,indicator,quantile,value — stocks at their date
    /// (the base date included), flows and rates at the start of their period.
    public static func summary(_ summary: StochasticSummary) throws(OutputValueError) -> String {
        let labels = statisticLabels(summary)
        var out = "year,indicator,quantile,value\n"
        for (i, indicator) in StochasticIndicator.allCases.enumerated() where indicator.isStock {
            for label in labels {
                let value = try OutputValue.number(summary.baseStocks[i], in: "summary_quantiles.csv",
                                                   at: "year \(summary.years[0]), \(indicator.rawValue), quantile \(label)")
                out += "\(summary.years[0]),\(indicator.rawValue),\(label),\(value)\n"
            }
        }
        for t in 0..<(summary.years.count - 1) {
            for indicator in StochasticIndicator.allCases {
                let year = indicator.isStock ? summary.years[t + 1] : summary.years[t]
                for (label, v) in zip(labels, summary.indicator(indicator, step: t)) {
                    let value = try OutputValue.number(v, in: "summary_quantiles.csv", at: "year \(year), \(indicator.rawValue), quantile \(label)")
                    out += "\(year),\(indicator.rawValue),\(label),\(value)\n"
                }
            }
        }
        return out
    }

    /// A fan chart of total population: the median line over the 95 % and 80 % bands
    /// (when those levels are reported), values divided by `divisor`.
    public static func fanChart(_ summary: StochasticSummary, title: String, unitLabel: String, caption: String,
                                divisor: Double) throws(OutputValueError) -> String {
        let p = summary.levels.probabilities
        func series(_ probability: Double) -> [Double]? {
            p.firstIndex(of: probability).map { summary.totalPopulation(statistic: $0).map { $0 / divisor } }
        }
        let years = summary.years.map(Double.init)
        let median = series(0.5) ?? summary.totalPopulation(statistic: p.count).map { $0 / divisor }
        var bands: [[(lower: Double, upper: Double)]] = []
        for (lo, hi) in [(0.025, 0.975), (0.1, 0.9)] {
            if let l = series(lo), let u = series(hi) { bands.append(Array(zip(l, u)).map { (lower: $0.0, upper: $0.1) }) }
        }
        let line = LineChart.Series(label: "median, 80 % and 95 %", points: Array(zip(years, median)).map { (year: $0.0, value: $0.1) },
                                    bands: bands)
        return try LineChart.svg([line], title: title, unitLabel: unitLabel, caption: caption, file: "population_fan.svg")
    }

    static func statisticLabels(_ summary: StochasticSummary) -> [String] {
        summary.levels.probabilities.indices.map { summary.levels.label($0) } + ["mean"]
    }
}
