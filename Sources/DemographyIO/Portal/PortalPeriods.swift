/// Five-year periods from a UN portal series of years (or of WPP 2019's
/// five-year periods).
///
/// The WPP summary layout gives rates and flows for periods of five years from
/// the base year, 1 July t to 1 July t+5 (`data/wpp2024/SOURCE.md`, "Dates").
/// The portal's WPP 2022 and 2024 files give them by year `t` (rates of the
/// year; `Time` 2024). Period `t` (1 July t to 1 July t+5) is made of the
/// portal's years t, t+1, …, t+4: a rate is their mean, a flow their sum. This
/// is the UN's labelling of the legacy five-year periods (the wpp2024 R
/// package's 5-year data run "from mid-year t to mid-year t+5"); the UN's own
/// five-year aggregates weight the edge years by half (½·t + t+1 … t+4 + ½·t+5),
/// which this plain mean over t…t+4 approximates (differences of the order of a
/// year's change, 0.003 children in the TFR). A series given by five-year
/// periods ("2020-2025", WPP 2019) is taken as it is when the period starts at
/// a period's first year.
struct PortalPeriods {
    /// The base year: the first period starts on 1 July of it.
    let baseYear: Int
    /// The period's length (5).
    static let length = 5

    /// How a period's value is made from its years.
    enum Combination {
        /// The mean of the years' values (rates, TFR, SRB).
        case mean
        /// The sum of the years' values (flows: net migrants).
        case sum
        /// The mean weighted by the given weights by year (PASFR by the year's TFR).
        case weighted([Int: Double])
    }

    /// The series by period, as far as it has every period from the base year
    /// without a gap; `missing` is the first year (or period) it lacks.
    struct Result {
        var values: [Int: Double]
        var count: Int
        var missing: Int?
        /// The first year with a value after the gap, if the series goes on after it.
        var resumes: Int?
    }

    /// The periods of one series (`values` by ``PortalTime``).
    func periods(of values: [PortalTime: Double], _ combination: Combination) -> Result {
        var out: [Int: Double] = [:]
        var missing: Int?
        var count = 0
        periods: while true {
            let start = baseYear + Self.length * count
            if let given = values[PortalTime(start: start, length: Self.length)] {
                out[start] = given
                count += 1
                continue
            }
            var years: [Double] = []
            for y in start..<(start + Self.length) {
                guard let v = values[PortalTime(start: y, length: 1)] else { missing = y; break periods }
                years.append(v)
            }
            switch combination {
            case .mean: out[start] = years.reduce(0, +) / Double(Self.length)
            case .sum: out[start] = years.reduce(0, +)
            case .weighted(let weights):
                var total = 0.0, weight = 0.0
                for (i, v) in years.enumerated() {
                    let w = weights[start + i] ?? 0
                    total += w * v
                    weight += w
                }
                out[start] = weight > 0 ? total / weight : years.reduce(0, +) / Double(Self.length)
            }
            count += 1
        }
        let resumes = missing.flatMap { gap in values.keys.map(\.start).filter { $0 > gap }.min() }
        return Result(values: out, count: count, missing: missing, resumes: resumes)
    }
}
