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
            rhs = try LinearSolve.gaussian(columns: columns, rhs: rhs)
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
    ///   - survivalRatios: Sx of the period on the populations' grid (``LifeTable/survivalRatios(width:)``).
    ///   - fertilityRates: ASFR of the period, births per woman per year, one per age group.
    ///   - sexRatioAtBirth: SRB, males per female birth.
    ///   - timing: when migrants enter (end of step by default).
    public init(start: Population, end: Population, survivalRatios: BySex<[Double]>, fertilityRates: [Double],
                sexRatioAtBirth: Double, timing: MigrationTiming = .endOfStep) throws(DemographyError) {
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

extension ProjectionStep {
    /// K(P, M) — the end population of this step's kernel, without guard and
    /// floor, for `start` and `migrants` laid out females then males.
    func unguardedEnd(start: [Double], migrants: [Double]) -> [Double] {
        let n = ages.count
        precondition(start.count == 2 * n && migrants.count == 2 * n, "buffers of 2n values")
        let survival = survivalRatios.female + survivalRatios.male
        var end = [Double](repeating: 0, count: 2 * n)
        var deaths = [Double](repeating: 0, count: 2 * n)
        var birthsByAge = [Double](repeating: 0, count: n)
        start.withUnsafeBufferPointer { p in
            survival.withUnsafeBufferPointer { s in
                fertilityRates.withUnsafeBufferPointer { f in
                    migrants.withUnsafeBufferPointer { m in
                        end.withUnsafeMutableBufferPointer { e in
                            deaths.withUnsafeMutableBufferPointer { d in
                                birthsByAge.withUnsafeMutableBufferPointer { b in
                                    _ = Kernels.cohortComponentStep(
                                        from: p,
                                        rates: StepRateBuffers(
                                            survival: s, fertility: f, migrants: m,
                                            shareAtStart: migrationTiming.shareAtStart,
                                            width: Double(width), sexRatioAtBirth: sexRatioAtBirth),
                                        into: StepOutputBuffers(population: e, deaths: d, birthsByAge: b))
                                }
                            }
                        }
                    }
                }
            }
        }
        return end
    }
}

/// A small dense solver for the residual method's system.
enum LinearSolve {
    /// Solves A·x = b for A given by its columns, by Gaussian elimination with
    /// partial pivoting.
    /// - Throws: when a pivot is below 1e-13 of the largest entry of A.
    static func gaussian(columns: [[Double]], rhs: [Double]) throws(DemographyError) -> [Double] {
        let n = rhs.count
        // Row-major copy: a[i * n + j] = A[i][j].
        var a = [Double](repeating: 0, count: n * n)
        var scale = 0.0
        for j in 0..<n {
            for i in 0..<n {
                a[i * n + j] = columns[j][i]
                scale = max(scale, abs(columns[j][i]))
            }
        }
        var b = rhs
        for k in 0..<n {
            var pivot = k
            for i in (k + 1)..<n where abs(a[i * n + k]) > abs(a[pivot * n + k]) { pivot = i }
            guard abs(a[pivot * n + k]) > 1e-13 * scale else {
                throw .invalidParameter(name: "pivot \(k) of the residual-migration system", value: a[pivot * n + k],
                                        expected: "a non-singular system (survival ratios and fertility that let migrants be identified)")
            }
            if pivot != k {
                for j in 0..<n { a.swapAt(k * n + j, pivot * n + j) }
                b.swapAt(k, pivot)
            }
            let akk = a[k * n + k]
            for i in (k + 1)..<n {
                let factor = a[i * n + k] / akk
                guard factor != 0 else { continue }
                for j in k..<n { a[i * n + j] -= factor * a[k * n + j] }
                b[i] -= factor * b[k]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = b[i]
            for j in (i + 1)..<n { s -= a[i * n + j] * x[j] }
            x[i] = s / a[i * n + i]
        }
        return x
    }
}
