import Demography

/// How a reader brings the death rates and the population to one open age
/// group (``AgeGridReconciliation``), and the problem it reports when the data
/// disagree and no choice was made, naming each file with its grid.
enum OpenAgeReconciliation: Equatable {
    /// The grids agree.
    case none
    /// The population (and every file on its ages) summed down to this open age.
    case lowerPopulation(to: Int)
    /// The death rates extended up to this open age by a Kannisto law.
    case extendRates(to: Int)
    /// The death rates combined down to this open age by their life table.
    case lowerRates(to: Int)

    /// The plan for a population on `population` and death rates on `rates`
    /// (from `ratesFile`), or nil with a problem appended.
    static func plan(population: AgeStructure, rates: AgeStructure, ratesFile: String,
                     choice: AgeGridReconciliation?, problems: inout [InputProblem]) -> OpenAgeReconciliation? {
        let p = population.openAge, m = rates.openAge
        guard p != m else { return OpenAgeReconciliation.none }
        let grids = "pop_base.csv has ages \(population.summary), \(ratesFile) has \(rates.summary)"
        var offers: [String] = []
        var chosen: OpenAgeReconciliation?
        var refusal: String?
        let fitFrom = DeathRateOpenAge.defaultFitFrom
        if p > m {
            let canLower = (try? population.closed(at: m)) != nil
            let n = rates.width(at: rates.count - 2) ?? 1
            let canExtend = m >= fitFrom + 2 && (p - m) % n == 0
            if canLower { offers.append("--ages regroup (pop_base.csv and the files on its ages summed down to \(m)+)") }
            if canExtend { offers.append("--ages extend (the rates of \(ratesFile) extended to \(p)+ by a Kannisto law fitted to ages \(fitFrom) to \(m))") }
            switch choice {
            case .regroup?: if canLower { chosen = .lowerPopulation(to: m) } else { refusal = "--ages regroup: \(m) is not a start age of pop_base.csv's groups" }
            case .extend?: if canExtend { chosen = .extendRates(to: p) } else {
                refusal = "--ages extend: a Kannisto fit from age \(fitFrom) needs an open age of \(fitFrom + 2) or more, and \(p) − \(m) a multiple of \(n)"
            }
            case nil: break
            }
        } else {
            let canLower = (try? rates.closed(at: p)) != nil
            if canLower { offers.append("--ages regroup (the rates of \(ratesFile) combined down to \(p)+ by their life table, 1/e(\(p)))") }
            switch choice {
            case .regroup?: if canLower { chosen = .lowerRates(to: p) } else { refusal = "--ages regroup: \(p) is not a start age of \(ratesFile)'s groups" }
            case .extend?: refusal = "--ages extend raises the rates' open age to the population's; here pop_base.csv's, \(p)+, is the lower"
            case nil: break
            }
        }
        if let chosen { return chosen }
        let advice = offers.isEmpty ? "the files on one open age group" : "give " + offers.joined(separator: " or ")
        problems.append(InputProblem(file: ratesFile, column: "age", value: "\(m)+",
                                     expected: "the open age group of pop_base.csv, \(p)+: \(grids); \(refusal.map { $0 + "; " } ?? "")\(advice)"))
        return nil
    }

    /// Counts by year and sex on `ages` with the population's open group lowered.
    static func sums(_ values: AgeTableReader.Values, on ages: AgeStructure, at openAge: Int) throws(DemographyError) -> AgeTableReader.Values {
        var out: AgeTableReader.Values = [:]
        for (year, bySex) in values {
            for (sex, v) in bySex { out[year, default: [:]][sex] = try ages.summingOpenGroup(v, at: openAge) }
        }
        return out
    }

    /// Rates by year and sex on `ages`, the open group lowered with `weights`
    /// by sex (the base population; `.female` for tables without sex).
    static func weighted(_ values: AgeTableReader.Values, on ages: AgeStructure, weights: [Sex: [Double]],
                         at openAge: Int) throws(DemographyError) -> AgeTableReader.Values {
        var out: AgeTableReader.Values = [:]
        for (year, bySex) in values {
            for (sex, v) in bySex {
                let w = weights[sex] ?? [Double](repeating: 0, count: v.count)
                out[year, default: [:]][sex] = try ages.weightedOpenGroup(v, weights: w, at: openAge)
            }
        }
        return out
    }

    /// Death rates by year and sex moved to the open age of this plan; nil
    /// ages when the plan leaves them. Only ``extendRates(to:)`` and
    /// ``lowerRates(to:)`` change the rates.
    func deathRates(_ values: AgeTableReader.Values, on ages: AgeStructure,
                    options: LifeTableOptions) throws(DemographyError) -> (ages: AgeStructure, values: AgeTableReader.Values) {
        var out: AgeTableReader.Values = [:]
        var grid = ages
        for (year, bySex) in values {
            for (sex, v) in bySex {
                switch self {
                case .extendRates(let to):
                    let e = try DeathRateOpenAge.kannistoExtended(v, on: ages, to: to)
                    (grid, out[year, default: [:]][sex]) = (e.ages, e.rates)
                case .lowerRates(let to):
                    let l = try DeathRateOpenAge.lowered(v, on: ages, sex: sex, to: to, options: options)
                    (grid, out[year, default: [:]][sex]) = (l.ages, l.rates)
                case .none, .lowerPopulation: return (ages, values)
                }
            }
        }
        return (grid, out)
    }
}
