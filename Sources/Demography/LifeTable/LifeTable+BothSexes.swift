import Foundation

extension LifeTable {
    /// The table of both sexes combined from the combined death rates.
    ///
    /// a0 and 4a1 are the sexes' values by `options.infantSeparation` weighted by
    /// the shares of boys and girls at birth, SRB/(1+SRB) and 1/(1+SRB) (DemoTools
    /// `lt_rule_1a0` and `lt_rule_4a1_cd` with `Sex = "b"`; SRB 1.05 by default);
    /// every other column follows from the rates as in a one-sex table.
    /// ``sexLabel`` is "both". Form the rates with ``bothSexesDeathRates(deaths:exposures:ages:)``
    /// or ``bothSexesDeathRates(deathRates:population:ages:)``.
    public init(bothSexesOn ages: AgeStructure, deathRates: [Double], sexRatioAtBirth srb: Double = 1.05,
                options: LifeTableOptions = .init()) throws(DemographyError) {
        try Validate.positive(srb, name: "sex ratio at birth of a both-sexes life table")
        try self.init(sex: .male, ages: ages, deathRates: deathRates, options: options, bothSexesSexRatioAtBirth: srb)
    }

    /// "female", "male" or "both".
    public var sexLabel: String { bothSexesSexRatioAtBirth == nil ? sex.rawValue : "both" }

    /// The combined rates from each sex's deaths and exposures:
    /// M = (D_f + D_m) / (K_f + K_m) (Preston, Heuveline & Guillot 2001, §3.1).
    /// - Throws: the errors of ``deathRates(sex:ages:deaths:exposures:)`` for the summed counts.
    public static func bothSexesDeathRates(deaths: BySex<[Double]>, exposures: BySex<[Double]>,
                                           ages: AgeStructure) throws(DemographyError) -> [Double] {
        for s in Sex.allCases {
            try Validate.schedule(deaths[s], on: ages, name: "\(s.rawValue) deaths")
            try Validate.schedule(exposures[s], on: ages, name: "\(s.rawValue) exposures")
        }
        let d = zip(deaths.female, deaths.male).map { $0 + $1 }
        let k = zip(exposures.female, exposures.male).map { $0 + $1 }
        return try deathRates(sex: nil, ages: ages, deaths: d, exposures: k)
    }

    /// The combined rates when only each sex's rates and population (or exposure)
    /// are known: M = (M_f·P_f + M_m·P_m) / (P_f + P_m), the same as summing the
    /// implied deaths M·P over the summed population.
    /// - Throws: the errors of ``deathRates(sex:ages:deaths:exposures:)`` (a zero total population names its age).
    public static func bothSexesDeathRates(deathRates: BySex<[Double]>, population: BySex<[Double]>,
                                           ages: AgeStructure) throws(DemographyError) -> [Double] {
        for s in Sex.allCases {
            try Validate.schedule(deathRates[s], on: ages, name: "\(s.rawValue) death rates")
            try Validate.schedule(population[s], on: ages, name: "\(s.rawValue) population")
        }
        let deaths = BySex(female: zip(deathRates.female, population.female).map { $0 * $1 },
                           male: zip(deathRates.male, population.male).map { $0 * $1 })
        return try bothSexesDeathRates(deaths: deaths, exposures: population, ages: ages)
    }
}
