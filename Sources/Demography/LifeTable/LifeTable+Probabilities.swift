import Foundation

extension LifeTable {
    /// How the open group's rate M(ω) is obtained when a table is built from
    /// nqx or lx, which say nothing about it (q(ω) = 1).
    public enum OpenAgeRate: Sendable, Hashable {
        /// M(ω) given.
        case given(Double)
        /// M(ω) = μ(ω) of a law fitted to the closed groups' rates (those
        /// recovered from nqx), by ``OldAgeExtrapolation`` with its default fitted
        /// ages, as DemoTools `lt_abridged` closes a table given nqx or lx.
        case extrapolated(MortalityLaw)
    }

    /// The table from death probabilities nqx (the open group's value is ignored).
    ///
    /// nMx are recovered from nqx and nax (Preston, Heuveline & Guillot 2001, ch. 3):
    ///
    ///     nMx = nqx / (n − (n − nax)·nqx)
    ///
    /// where nax follow `options` and depend on nMx, so the pair is iterated from
    /// nax = n/2 until nMx changes by less than 1e-15 relative (at most 200
    /// rounds). 1q0 is kept exactly (as the given infant death probability). The
    /// resulting table gives back `deathProbabilities` to rounding.
    /// - Throws: ``DemographyError/invalidParameter(name:value:expected:)`` for
    ///   a closed group's nqx outside [0, 1) (1 would leave no one to be exposed
    ///   after it), the errors of `openAgeRate` and of the table.
    public init(sex: Sex, ages: AgeStructure, deathProbabilities qx: [Double], openAgeRate: OpenAgeRate,
                options: LifeTableOptions = .init()) throws(DemographyError) {
        let m = try LifeTable.deathRates(sex: sex, ages: ages, deathProbabilities: qx, openAgeRate: openAgeRate,
                                         options: options)
        var exact = options
        exact.infantDeathProbability = qx[0]
        try self.init(sex: sex, ages: ages, deathRates: m, options: exact)
    }

    /// The table from survivors lx (any radix; nqx = (lx − lx+n)/lx, the table
    /// keeps `options.radix`). See ``init(sex:ages:deathProbabilities:openAgeRate:options:)``.
    /// - Throws: ``DemographyError/invalidParameter(name:value:expected:)`` unless
    ///   lx is positive and non-increasing; the errors of the qx constructor.
    public init(sex: Sex, ages: AgeStructure, survivors lx: [Double], openAgeRate: OpenAgeRate,
                options: LifeTableOptions = .init()) throws(DemographyError) {
        guard lx.count == ages.count else {
            throw .lengthMismatch(schedule: "\(sex.rawValue) survivors lx", expected: ages.count, found: lx.count)
        }
        var qx = [Double](repeating: 1, count: lx.count)
        for i in 0..<lx.count {
            guard lx[i].isFinite, lx[i] > 0 else {
                throw .invalidParameter(name: "\(sex.rawValue) survivors lx at age \(ages.startAges[i])", value: lx[i],
                                        expected: "a finite number above 0")
            }
            if i + 1 < lx.count {
                guard lx[i + 1] <= lx[i] else {
                    throw .invalidParameter(name: "\(sex.rawValue) survivors lx at age \(ages.startAges[i + 1])", value: lx[i + 1],
                                            expected: "at most lx at age \(ages.startAges[i]) (\(lx[i])): survivors cannot increase")
                }
                qx[i] = (lx[i] - lx[i + 1]) / lx[i]
            }
        }
        try self.init(sex: sex, ages: ages, deathProbabilities: qx, openAgeRate: openAgeRate, options: options)
    }

    /// nMx recovered from nqx (see ``init(sex:ages:deathProbabilities:openAgeRate:options:)``).
    static func deathRates(sex: Sex, ages: AgeStructure, deathProbabilities qx: [Double], openAgeRate: OpenAgeRate,
                           options: LifeTableOptions) throws(DemographyError) -> [Double] {
        guard qx.count == ages.count else {
            throw .lengthMismatch(schedule: "\(sex.rawValue) death probabilities nqx", expected: ages.count, found: qx.count)
        }
        let last = ages.count - 1
        for i in 0..<last where !(qx[i] >= 0 && qx[i] < 1) {
            throw .invalidParameter(name: "\(sex.rawValue) death probability nqx at age \(ages.label(at: i))", value: qx[i],
                                    expected: "a probability from 0 to below 1 in a closed group (1 would leave no one alive after it)")
        }
        let widths = (0..<last).map { Double(ages.width(at: $0) ?? 1) }
        var ax = widths.map { $0 / 2 }
        var m = [Double](repeating: 0, count: ages.count)
        var exact = options
        exact.infantDeathProbability = qx[0]
        for _ in 0..<200 {
            var change = 0.0
            for i in 0..<last {
                let next = qx[i] / (widths[i] - (widths[i] - ax[i]) * qx[i])
                change = max(change, abs(next - m[i]) / max(next, Double.leastNormalMagnitude))
                m[i] = next
            }
            // The open rate enters the closed groups' nax (Greville's rule uses it).
            m[last] = try openRate(openAgeRate, ages: ages, closedRates: m)
            if change < 1e-15 { break }
            ax = Array(try separationFactors(sex: sex, ages: ages, deathRates: m, options: exact)[..<last])
        }
        return m
    }

    /// M(ω) by `rule`, given the closed groups' rates in `closedRates` (its last entry is ignored).
    private static func openRate(_ rule: OpenAgeRate, ages: AgeStructure, closedRates m: [Double]) throws(DemographyError) -> Double {
        switch rule {
        case .given(let rate):
            guard rate.isFinite, rate > 0 else {
                throw .invalidParameter(name: "death rate of the open age group \(ages.openAge)+", value: rate,
                                        expected: "a finite rate above 0")
            }
            return rate
        case .extrapolated(let law):
            let fit = try MortalityLawFit(law: law, ages: ages.startAges.map(Double.init), deathRates: m,
                                          fitAges: OldAgeExtrapolation(law: law).fittedAges(on: ages).map(Double.init))
            return fit.hazard(atAge: Double(ages.openAge))
        }
    }
}
