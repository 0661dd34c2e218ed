/// A projection's inputs brought to a chosen end year: the rates of the last
/// period that has every input held constant after it, or the periods cut
/// short before the end year.
///
/// Holding the last period's rates constant is the "constant" assumption of
/// the classical projection: fertility, mortality (Sx or nMx), the sex ratio
/// at birth, net migrants (counts or rates) and their timing of the last given
/// period repeat in every period after it, unchanged (Preston, Heuveline &
/// Guillot 2001, ch. 6, projections under constant rates; the UN's constant-
/// fertility and constant-mortality variants hold their rates in the same way).
/// Counts of net migrants are held as counts, not as rates.
public struct ProjectionHorizon: Sendable {
    /// The inputs, with periods from the base year up to the end year.
    public var inputs: ProjectionInputs
    /// The end of the last period the data give (its start year plus the step).
    public var lastGivenYear: Int
    /// The year after which the rates are held constant; nil when the end year
    /// is within the data (nothing held; the periods after it are left out).
    public var heldConstantAfter: Int?
    /// The end year asked for.
    public var endYear: Int
}

extension ProjectionInputs {
    /// The inputs projected to `endYear` (``ProjectionHorizon``).
    ///
    /// `endYear` must be a projection date after the base year (base year plus
    /// a whole number of steps). After the last period with every input (for
    /// `survival`), its inputs are repeated up to `endYear`; an `endYear` before
    /// the end of the data drops the periods from `endYear` on.
    /// - Throws: ``DemographyError/invalidParameter(name:value:expected:)`` for
    ///   an `endYear` that is not a projection date, ``DemographyError/missing(what:expected:)``
    ///   when no period has every input.
    public func horizon(until endYear: Int, survival: SurvivalSource) throws(DemographyError) -> ProjectionHorizon {
        guard endYear > baseYear, (endYear - baseYear) % width == 0 else {
            throw .invalidParameter(name: "end year of the projection", value: Double(endYear),
                                    expected: "a projection date after the base year: \(baseYear + width), \(baseYear + 2 * width), ... (steps of \(width) years from \(baseYear))")
        }
        guard let last = periodStartYears(survival: survival).last else {
            throw .missing(what: "a period from \(baseYear) with every input", expected: "at least one, to hold constant")
        }
        let lastGiven = last + width
        var copy = self
        guard endYear > lastGiven else {
            copy.keepPeriods { $0 < endYear }
            return ProjectionHorizon(inputs: copy, lastGivenYear: lastGiven, heldConstantAfter: nil, endYear: endYear)
        }
        copy.keepPeriods { $0 <= last }
        for year in stride(from: lastGiven, to: endYear, by: width) {
            copy.survivalRatios[year] = survivalRatios[last]
            copy.deathRates[year] = deathRates[last]
            copy.fertilityRates[year] = fertilityRates[last]
            copy.sexRatioAtBirth[year] = sexRatioAtBirth[last]
            copy.netMigrants[year] = netMigrants[last]
            copy.netMigrationRates[year] = netMigrationRates[last]
            copy.migrationTiming[year] = migrationTiming[last]
        }
        return ProjectionHorizon(inputs: copy, lastGivenYear: lastGiven, heldConstantAfter: lastGiven, endYear: endYear)
    }

    /// Drops every period whose start year fails `keep`.
    private mutating func keepPeriods(_ keep: (Int) -> Bool) {
        survivalRatios = survivalRatios.filter { keep($0.key) }
        deathRates = deathRates.filter { keep($0.key) }
        fertilityRates = fertilityRates.filter { keep($0.key) }
        sexRatioAtBirth = sexRatioAtBirth.filter { keep($0.key) }
        netMigrants = netMigrants.filter { keep($0.key) }
        netMigrationRates = netMigrationRates.filter { keep($0.key) }
        migrationTiming = migrationTiming.filter { keep($0.key) }
    }
}
