import Foundation

extension LifeTable {
    /// The table from deaths and exposures (person-years) by age: nMx = nDx / nKx
    /// (Preston, Heuveline & Guillot 2001, §3.1).
    /// - Throws: ``DemographyError/lengthMismatch(schedule:expected:found:)`` when a
    ///   schedule's length differs from the grid; ``DemographyError/invalidParameter(name:value:expected:)``
    ///   for an exposure that is not above 0 (no rate can be formed: the age is named),
    ///   and the errors of death counts (negative, non-finite).
    public init(sex: Sex, ages: AgeStructure, deaths: [Double], exposures: [Double],
                options: LifeTableOptions = .init()) throws(DemographyError) {
        let m = try LifeTable.deathRates(sex: sex, ages: ages, deaths: deaths, exposures: exposures)
        try self.init(sex: sex, ages: ages, deathRates: m, options: options)
    }

    /// nMx = nDx / nKx, checked (see ``init(sex:ages:deaths:exposures:options:)``).
    public static func deathRates(sex: Sex?, ages: AgeStructure, deaths: [Double], exposures: [Double]) throws(DemographyError) -> [Double] {
        let who = sex?.rawValue ?? "both sexes"
        try Validate.schedule(deaths, on: ages, name: "\(who) deaths")
        guard exposures.count == ages.count else {
            throw .lengthMismatch(schedule: "\(who) exposures", expected: ages.count, found: exposures.count)
        }
        var m = [Double](repeating: 0, count: ages.count)
        for i in 0..<ages.count {
            guard exposures[i].isFinite, exposures[i] > 0 else {
                throw .invalidParameter(
                    name: "\(who) exposure at age \(ages.label(at: i)) (with \(deaths[i]) deaths)", value: exposures[i],
                    expected: "person-years above 0, so that the death rate deaths/exposure is defined")
            }
            m[i] = deaths[i] / exposures[i]
        }
        return m
    }
}
