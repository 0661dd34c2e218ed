/// Net migrants of a period estimated by the residual method.
///
/// The migrants are what the two populations cannot explain by births and
/// deaths: with the UN cohort-component step of ``ProjectionStep`` (its Sx,
/// ASFR, SRB and timing),
///
///     P(t+z) = K(P(t), 0) + K(0, M)
///
/// where K(P, M) is the step without its migration guard and floor. K is linear
/// in the population and in the migrants together (survivors, births and the
/// migrants added are all proportional to them), so the step is affine in M and
/// M is solved exactly:
///
/// - ``MigrationTiming/endOfStep``: K(0, M) = M (migrants neither die nor give
///   birth), so M = P(t+z) − K(P(t), 0), the closed-population projection's error.
/// - ``MigrationTiming/evenlyDuringStep``: K(0, M) = A·M, where half of M(x)
///   reaches group x at the end and the other half is survived into the next
///   group, and female migrants add births. A (2n × 2n, females then males)
///   is built column by column from K(0, e_j) and A·M = P(t+z) − K(P(t), 0)
///   is solved by Gaussian elimination with partial pivoting.
///
/// The result is the migrants that reproduce P(t+z) from P(t) with this step,
/// as long as the step's guard (P(x) + M(x) ≤ 0) and floor (end population
/// below 0) do not act; cells where they would are listed in ``adjustments``.
///
/// Source: Preston, Heuveline & Guillot (2001), ch. 6 (cohort-component step)
/// and ch. 1 (balancing equation); UN Population Division, ccmppWPP
/// `project_ccmpp_z_by_z`; DemoTools `mig_resid` for the residual method.
public struct ResidualMigration: Sendable {
    /// The age groups.
    public let ages: AgeStructure
    /// When the migrants are taken to enter during the step.
    public let timing: MigrationTiming
    /// The estimated net migrants during the step, by sex and age group
    /// (the group where they are counted when they enter, as in ``ProjectionStep``).
    public let netMigrants: BySex<[Double]>
    /// K(P(t), 0) — the closed-population projection of the start population.
    public let closedProjection: BySex<[Double]>
    /// Cells where the step's migration guard or floor would change these
    /// migrants if they were projected with the step (empty when the residual
    /// reproduces P(t+z) exactly).
    public let adjustments: [StepAdjustment]

    /// The net migrants that take `start` to `end` with the rates of `step`.
    ///
    /// The step's own net migrants are ignored; its Sx, ASFR, SRB and
    /// migration timing are used.
    /// - Throws: when the populations and the step have different age groups,
    ///   or (even timing) when the linear system is singular.
    public init(start: Population, end: Population, step: ProjectionStep) throws(DemographyError) {
        guard start.ages == step.ages else {
            throw .ageStructureMismatch(left: "start population: \(start.ages)", right: "step rates: \(step.ages)")
        }
        guard end.ages == step.ages else {
            throw .ageStructureMismatch(left: "end population: \(end.ages)", right: "step rates: \(step.ages)")
        }
        let n = step.ages.count
        let zero = [Double](repeating: 0, count: 2 * n)
        let startCounts = start.counts.female + start.counts.male
        let closed = step.unguardedEnd(start: startCounts, migrants: zero)
        let target = end.counts.female + end.counts.male
        var rhs = (0..<(2 * n)).map { target[$0] - closed[$0] }
        if step.migrationTiming.shareAtStart > 0 {
            var columns: [[Double]] = []
            columns.reserveCapacity(2 * n)
            var unit = zero
            for j in 0..<(2 * n) {
                unit[j] = 1
                columns.append(step.unguardedEnd(start: zero, migrants: unit))
                unit[j] = 0
            }
            // A·M = rhs with A[i][j] = columns[j][i], solved by LAPACK (DGESV).
            var a = Matrix(rows: 2 * n, columns: 2 * n)
            for j in 0..<(2 * n) { for i in 0..<(2 * n) { a[i, j] = columns[j][i] } }
            guard let rhsMatrix = try? Matrix(rows: 2 * n, columns: 1, entries: rhs),
                  let solution = try? a.solve(rhsMatrix) else {
                throw .noSolution(problem: "residual migration system", reason: "the step's linear system is singular")
            }
            rhs = solution.entries
        }
        let migrants = BySex(female: Array(rhs[0..<n]), male: Array(rhs[n...]))
        let check = try ProjectionStep(
            ages: step.ages, survivalRatios: step.survivalRatios, fertilityRates: step.fertilityRates,
            sexRatioAtBirth: step.sexRatioAtBirth, netMigrants: migrants, migrationTiming: step.migrationTiming)
        self.ages = step.ages
        self.timing = step.migrationTiming
        self.netMigrants = migrants
        self.closedProjection = BySex(female: Array(closed[0..<n]), male: Array(closed[n...]))
        self.adjustments = try check.apply(to: start).adjustments
    }

    /// The net migrants that take `start` to `end` with the given rates of the period.
    ///
    /// - Parameters:
    ///   - start: the population at the start of the period.
    ///   - end: the population at its end, on the same age groups.
    ///   - survivalRatios: Sx of the period on the populations' grid (``LifeTable/survivalRatios(width:)``).
    ///   - fertilityRates: ASFR of the period, births per woman per year, one per age group.
    ///   - sexRatioAtBirth: SRB, males per female birth.
    ///   - timing: when migrants enter.
    public init(start: Population, end: Population, survivalRatios: BySex<[Double]>, fertilityRates: [Double],
                sexRatioAtBirth: Double, timing: MigrationTiming) throws(DemographyError) {
        let step = try ProjectionStep(ages: start.ages, survivalRatios: survivalRatios, fertilityRates: fertilityRates,
                                      sexRatioAtBirth: sexRatioAtBirth, migrationTiming: timing)
        try self.init(start: start, end: end, step: step)
    }

    /// Net migrants of both sexes at all ages.
    public var total: Double { netMigrants.female.reduce(0, +) + netMigrants.male.reduce(0, +) }

    /// The age and sex pattern of these migrants: each group's share of ``total``.
    ///
    /// Groups keep their signs relative to the total (see ``MigrationAgePattern``).
    /// - Throws: when the migrants sum to (nearly) zero, where shares are not defined.
    public func pattern() throws(DemographyError) -> MigrationAgePattern {
        try MigrationAgePattern(ages: ages, values: netMigrants, name: "residual net migrants")
    }
}
