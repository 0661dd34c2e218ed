/// External net migrants chosen so that each region's total net migration,
/// internal plus external, matches given totals in the first step.
///
/// With internal net migration Iᵢ of region i in the first step (from the
/// transitions, ``MultiregionalStepResult/internalNetMigrantsByRegion``) and a
/// target Nᵢ (for example published net migration counts), the external net
/// migrants are Eᵢ = Nᵢ − Iᵢ, spread over age and sex with `pattern`:
/// Eᵢ,s(x) = Eᵢ · share_s(x). Since Σᵢ Iᵢ = 0, Σᵢ Eᵢ = Σᵢ Nᵢ: the whole
/// system's net migration is the sum of the targets.
///
/// Exact for ``MigrationTiming/endOfStep``, where internal moves do not depend on
/// the external migrants; for other timings the calculation is repeated until
/// the totals agree to 1e-9 relative (at most 50 times). The migration guard can
/// still cut an outflow that would empty a cell, and is reported by the step.
public enum ExternalMigrationCalibration {
    /// The step with calibrated external migrants, and the Eᵢ by region.
    public static func calibrate(
        _ step: MultiregionalStep, population: MultiregionalPopulation,
        netMigrationTotals: [Double], pattern: MigrationAgePattern
    ) throws(DemographyError) -> (step: MultiregionalStep, external: [Double]) {
        try step.checkShape(of: population)
        guard netMigrationTotals.count == step.regions.count else {
            throw .lengthMismatch(schedule: "net migration totals (one per region)", expected: step.regions.count,
                                  found: netMigrationTotals.count)
        }
        guard pattern.ages == step.ages else {
            throw .ageStructureMismatch(left: "migration pattern: \(pattern.ages)", right: "step rates: \(step.ages)")
        }
        var current = step
        var external = [Double](repeating: 0, count: step.regions.count)
        for _ in 0..<50 {
            let internalNet = try current.apply(to: population).internalNetMigrantsByRegion
            let next = zip(netMigrationTotals, internalNet).map { $0 - $1 }
            let change = zip(next, external).reduce(0.0) { max($0, abs($1.0 - $1.1)) }
            let scale = max(1, netMigrationTotals.reduce(0) { max($0, abs($1)) })
            external = next
            let spread = external.map { pattern.netMigrants(total: $0) }
            current = try current.replacingExternalMigrants { region, sex in spread[region][sex] }
            if step.migrationTiming == .endOfStep || change <= 1e-9 * scale { break }
        }
        return (current, external)
    }
}
