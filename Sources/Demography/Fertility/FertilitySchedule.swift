/// nFx — age-specific fertility rates of women (births per woman per year).
public struct FertilitySchedule: Sendable, Hashable {
    /// The age groups of the mothers.
    public let ages: AgeStructure
    /// nFx by age group, births per woman per year.
    public let rates: [Double]

    /// Rates on `ages`: finite and non-negative.
    public init(ages: AgeStructure, rates: [Double]) throws(DemographyError) {
        try Validate.schedule(rates, on: ages, name: "fertility rates")
        self.ages = ages
        self.rates = rates
    }

    /// The largest gap allowed between the sum of a percentage pattern and 100
    /// (percentage points) before it is refused; within it the pattern is rescaled
    /// to sum to exactly 100. The UN's WPP 2017 patterns sum to 100 ± 0.0002.
    public static let patternTolerance = 0.01

    /// ASFR from a TFR and a percentage age pattern (PASFR):
    ///
    ///     nFx = TFR · PASFR(x) / 100 / n
    ///
    /// (UN WPP: "the percentage of fertility rates" by age; TFR = Σ n·nFx).
    /// - Throws: for a negative or non-finite TFR, or a pattern that does not sum
    ///   to 100 within ``patternTolerance``.
    public init(totalFertility: Double, percentagePattern: [Double], ages: AgeStructure) throws(DemographyError) {
        guard totalFertility.isFinite, totalFertility >= 0 else {
            throw .invalidParameter(name: "total fertility rate", value: totalFertility, expected: "a finite number of 0 or more")
        }
        try Validate.schedule(percentagePattern, on: ages, name: "percentage pattern of fertility")
        let sum = percentagePattern.reduce(0, +)
        guard abs(sum - 100) <= FertilitySchedule.patternTolerance else {
            throw .invalidParameter(name: "sum of the percentage pattern of fertility", value: sum,
                                    expected: "100 (within \(FertilitySchedule.patternTolerance))")
        }
        var rates = [Double](repeating: 0, count: ages.count)
        for i in 0..<ages.count where percentagePattern[i] > 0 {
            let n = Double(ages.width(at: i) ?? 1)
            rates[i] = totalFertility * percentagePattern[i] / sum / n
        }
        self.ages = ages
        self.rates = rates
    }

    /// TFR = Σ n·nFx — children per woman surviving to the end of childbearing.
    public var totalFertility: Double {
        rates.indices.reduce(0) { $0 + Double(ages.width(at: $1) ?? 1) * rates[$1] }
    }

    /// PASFR — the percentage of the TFR contributed by each age group.
    public var percentagePattern: [Double] {
        let tfr = totalFertility
        return rates.indices.map { tfr > 0 ? 100 * Double(ages.width(at: $0) ?? 1) * rates[$0] / tfr : 0 }
    }

    /// Mean age at childbearing: Σ (x + n/2)·n·nFx / TFR.
    public var meanAgeAtChildbearing: Double {
        let tfr = totalFertility
        guard tfr > 0 else { return .nan }
        var sum = 0.0
        for i in rates.indices {
            let n = Double(ages.width(at: i) ?? 1)
            sum += (Double(ages.startAges[i]) + n / 2) * n * rates[i]
        }
        return sum / tfr
    }

    /// NRR = Σ nFx · nLx/l0 · 1/(1 + SRB) — daughters per woman under the
    /// period's mortality (Preston, Heuveline & Guillot 2001, §5.4).
    ///
    /// `lifeTable` is the female table; its nLx are summed into this schedule's
    /// age groups (so an abridged table serves a five-year schedule).
    public func netReproductionRate(lifeTable: LifeTable, sexRatioAtBirth: Double) throws(DemographyError) -> Double {
        let lx = try lifeTable.personYearsLived(on: ages)
        let l0 = lifeTable.survivors[0]
        var sum = 0.0
        for i in rates.indices { sum += rates[i] * lx[i] / l0 }
        return sum / (1 + sexRatioAtBirth)
    }

    /// The same age pattern with every rate multiplied by `factor`.
    public func scaled(by factor: Double) throws(DemographyError) -> FertilitySchedule {
        guard factor.isFinite, factor >= 0 else {
            throw .invalidParameter(name: "fertility scaling factor", value: factor, expected: "a finite number of 0 or more")
        }
        return try FertilitySchedule(ages: ages, rates: rates.map { $0 * factor })
    }

    /// The same age pattern rescaled to total fertility `target`.
    public func scaled(toTotalFertility target: Double) throws(DemographyError) -> FertilitySchedule {
        let tfr = totalFertility
        guard tfr > 0 else {
            throw .invalidParameter(name: "total fertility of the schedule to rescale", value: tfr, expected: "a value above 0")
        }
        return try scaled(by: target / tfr)
    }

    /// The same age pattern rescaled so that NRR = 1 (replacement) under `lifeTable`.
    public func scaledToReplacement(lifeTable: LifeTable, sexRatioAtBirth: Double) throws(DemographyError) -> FertilitySchedule {
        let nrr = try netReproductionRate(lifeTable: lifeTable, sexRatioAtBirth: sexRatioAtBirth)
        guard nrr > 0 else {
            throw .invalidParameter(name: "net reproduction rate of the schedule to rescale", value: nrr, expected: "a value above 0")
        }
        return try scaled(by: 1 / nrr)
    }
}
