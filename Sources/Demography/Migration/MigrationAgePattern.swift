/// The age and sex pattern of net migration: each group's share of the total.
///
/// Shares are by sex and age group on an ``AgeStructure`` and **sum to 1 over
/// both sexes and all ages**, whatever the direction of migration:
///
///     M_s(x) = total · share_s(x)
///
/// **Sign.** The sign of net migration lives in the total, not in the shares.
/// An emigration pattern (all groups losing people) has positive shares and is
/// used with a negative total: a UN emigration family gives the UN's negative
/// table for `total = −100,000`. A pattern whose groups have mixed signs (one
/// estimated by the residual method, or given by the user) keeps those signs
/// relative to its own total: shares may then be negative or above 1, and they
/// still sum to 1. A pattern whose values sum to (nearly) zero has no shares
/// and is refused.
///
/// Built from a Rogers-Castro schedule with a sex split, a UN migration family,
/// values given by the user, or the residual method (``ResidualMigration/pattern()``).
/// Outflows larger than a group's population are cut back by the projection
/// step's migration guard (``ProjectionStep``), not here.
public struct MigrationAgePattern: Sendable, Hashable {
    /// The age groups.
    public let ages: AgeStructure
    /// The share of the total in each sex and age group; Σ over both sexes = 1.
    public let shares: BySex<[Double]>

    /// A pattern from net migrants (or any signed weights) by sex and age group.
    ///
    /// The values are divided by their sum over both sexes:
    /// share_s(x) = v_s(x) / Σ v. Values may have either sign.
    /// - Throws: on a wrong count or a non-finite value, and when the values sum
    ///   to zero or to less than 1e-9 of the sum of their sizes (Σ|v|), where the
    ///   shares would be meaningless.
    public init(ages: AgeStructure, values: BySex<[Double]>, name: String = "migration pattern") throws(DemographyError) {
        for sex in Sex.allCases {
            try Validate.finite(values[sex], on: ages, name: "\(sex.rawValue) \(name)")
        }
        let all = values.female + values.male
        let total = all.reduce(0, +)
        let size = all.reduce(0) { $0 + abs($1) }
        guard size > 0, abs(total) > 1e-9 * size else {
            throw .invalidParameter(
                name: "sum of the \(name) over both sexes and all ages", value: total,
                expected: "a total clearly away from 0 (at least 1e-9 of the sum of sizes \(size)), so that shares are defined")
        }
        self.ages = ages
        self.shares = values.map { $0.map { $0 / total } }
    }

    /// A pattern from the Rogers-Castro schedule `schedule` for both sexes.
    ///
    /// Each sex gets m(x) summed into the groups of `ages`
    /// (``RogersCastroSchedule/groupValues(on:lastAge:)``: whole ages, open group
    /// to `lastAge`), scaled to the sex's share of the total:
    ///
    ///     share_s(x) = p_s · G(x) / Σ G,   p_male = `maleShare`, p_female = 1 − p_male
    ///
    /// - Parameters:
    ///   - schedule: the shape by age (default: ``RogersCastroSchedule/standard``).
    ///   - ages: the age groups of the pattern.
    ///   - maleShare: the male share of the total, between 0 and 1 (default ½).
    ///   - lastAge: the last single age of the open group (default 120).
    public init(rogersCastro schedule: RogersCastroSchedule = .standard, on ages: AgeStructure,
                maleShare: Double = 0.5, lastAge: Int = 120) throws(DemographyError) {
        try self.init(rogersCastro: BySex(both: schedule), on: ages, maleShare: maleShare, lastAge: lastAge)
    }

    /// A pattern with a Rogers-Castro schedule for each sex and a given sex split.
    ///
    /// As the initialiser with one schedule, with the shape of each sex from its own schedule.
    public init(rogersCastro schedules: BySex<RogersCastroSchedule>, on ages: AgeStructure,
                maleShare: Double = 0.5, lastAge: Int = 120) throws(DemographyError) {
        guard maleShare.isFinite, maleShare >= 0, maleShare <= 1 else {
            throw .invalidParameter(name: "male share of net migrants", value: maleShare, expected: "a proportion between 0 and 1")
        }
        let sexShare = BySex(female: 1 - maleShare, male: maleShare)
        var shares = BySex(both: [Double](repeating: 0, count: ages.count))
        for sex in Sex.allCases {
            let grouped = try schedules[sex].groupValues(on: ages, lastAge: lastAge)
            let sum = grouped.reduce(0, +)
            guard sum > 0 else {
                throw .invalidParameter(name: "sum of the \(sex.rawValue) Rogers-Castro schedule over ages 0-\(lastAge)",
                                        value: sum, expected: "a value above 0 (some parameter a1, a2 or c above 0)")
            }
            shares[sex] = grouped.map { sexShare[sex] * $0 / sum }
        }
        self.ages = ages
        self.shares = shares
    }

    /// A pattern from a UN migration family, mapped onto `ages`.
    ///
    /// The family's table (0–4, …, 75–79, 80+) is first split into single ages
    /// 0…`lastAge`, keeping every group total of the table exactly:
    ///
    /// - a five-year group [x, x+5) is split in proportion to the family's
    ///   fitted Rogers-Castro curve m(a), a = x…x+4 (same family, direction, sex);
    /// - the open group 80+ is split over ages 80…`lastAge` in proportion to the
    ///   age-varying part of that curve, m(a) − c. Beyond 80 this part is the
    ///   labour-force component's exponential tail, a geometric decline of about
    ///   exp(−5·α2) ≈ 0.62–0.65 per five years, the decline the table itself
    ///   shows from 65–69 to 80+. The constant c is left out because the table
    ///   does not show it (with c, a nearly flat share per single age, 38–40 % of
    ///   80+ would land at 100+ when `lastAge` is 120; without it 80–84 holds
    ///   36–39 % of 80+ and 100+ holds 13–15 %).
    ///
    /// The single ages are then summed into the groups of `ages` (the open group
    /// takes every age from ω to `lastAge`), and divided by the table's total over
    /// both sexes (±100,000 within 0.2). On the table's own grid this returns the
    /// table divided by its total; on 0, 5, …, 100+ the groups below 80 are the
    /// table's and 80–84 … 100+ share its 80+.
    ///
    /// The shares are positive for both directions: use a negative total with an
    /// emigration family (see the type's note on signs).
    /// - Throws: when `lastAge` is below 80 or below the open age of `ages`.
    public init(family: UNMigrationFamily, direction: MigrationDirection, on ages: AgeStructure,
                lastAge: Int = 120) throws(DemographyError) {
        guard lastAge >= max(ages.openAge, 84) else {
            throw .invalidParameter(name: "last age of the open group", value: Double(lastAge),
                                    expected: "an age of at least \(max(ages.openAge, 84)), to hold the UN table's 80+")
        }
        let table = UNMigrationFamily.immigrationTable(family)
        let total = table.female.reduce(0, +) + table.male.reduce(0, +)
        var shares = BySex(both: [Double](repeating: 0, count: ages.count))
        for sex in Sex.allCases {
            let curve = family.fittedSchedule(direction: direction, sex: sex)
            let single = MigrationAgePattern.splitTable(table[sex], curve: curve, lastAge: lastAge)
            shares[sex] = AgeGrouping.sum(single, into: ages).map { $0 / total }
        }
        self.ages = ages
        self.shares = shares
    }

    /// Net migrants by sex and age group for `total` net migrants of both sexes.
    ///
    ///     M_s(x) = total · share_s(x)
    ///
    /// The rounding difference total − Σ M is added to the largest group, so
    /// the counts sum to `total` to within a few units in the last place.
    /// A negative total gives net emigration with this pattern's shape.
    public func netMigrants(total: Double) -> BySex<[Double]> {
        var counts = shares.map { $0.map { total * $0 } }
        let n = ages.count
        var sum = 0.0
        var largest = (sex: Sex.female, index: 0, size: -1.0)
        for sex in Sex.allCases {
            for i in 0..<n {
                sum += counts[sex][i]
                if abs(counts[sex][i]) > largest.size { largest = (sex, i, abs(counts[sex][i])) }
            }
        }
        counts[largest.sex][largest.index] += total - sum
        return counts
    }

    /// The male share of the total, Σ share_male.
    public var maleShare: Double { shares.male.reduce(0, +) }

    /// A five-year table (0, 5, …, open) split into single ages 0…`lastAge`,
    /// each closed group by m(a) and the open group by m(a) − c of `curve`.
    static func splitTable(_ table: [Double], curve: RogersCastroSchedule, lastAge: Int) -> [Double] {
        var single = [Double](repeating: 0, count: lastAge + 1)
        let openIndex = table.count - 1
        for g in 0...openIndex {
            let from = 5 * g
            let to = g == openIndex ? lastAge : from + 4
            let ages = Array(from...to)
            var weights = ages.map { Double($0) }.map {
                g == openIndex ? curve.ageVaryingValue(atAge: $0) : curve.value(atAge: $0)
            }
            var sum = weights.reduce(0, +)
            if !(sum > 0) {   // a degenerate curve: split evenly
                weights = [Double](repeating: 1, count: ages.count)
                sum = Double(ages.count)
            }
            for (k, a) in ages.enumerated() { single[a] = table[g] * weights[k] / sum }
        }
        return single
    }
}
