/// An age group whose rates are too high for the linear method of the
/// multiregional life table: its transition matrix has a negative entry.
///
/// The linear method gives P(x) = (I + n/2·M(x))⁻¹ (I − n/2·M(x))
/// (``MultiregionalLifeTable``). (I + n/2·M)⁻¹ has no negative entry (M has
/// non-positive entries off its diagonal and non-negative column sums), and the
/// off-diagonal entries of I − n/2·M are n/2 times migration rates, so a negative
/// entry in column i of P(x) can come only from a negative diagonal entry
/// 1 − n/2·(death rate + out-migration rate) of region i. For one region P is
/// (1 − n/2·m)/(1 + n/2·m): a probability only while n/2·m ≤ 1, i.e. an annual
/// rate of at most 2/n (0.4 for five-year groups, 2 for single years). Higher
/// rates would project negative survivors and negative migration flows, so they
/// are refused, never capped.
///
/// Entries of P are probabilities of at most 1; an entry below
/// −1e-12 (``tolerance``) counts as negative, so that rounding at the edge is not refused.
public struct NegativeLinearTransition: Sendable, Hashable {
    /// The sex of the group.
    public var sex: Sex
    /// The index of the age group.
    public var ageIndex: Int
    /// The start age of the group.
    public var startAge: Int
    /// The region (the column of P(x)) whose persons would be projected negative.
    public var region: Int
    /// The region's name.
    public var regionName: String
    /// n — the width of the age groups in years.
    public var width: Int
    /// The region's annual death rate in the group.
    public var deathRate: Double
    /// The region's annual total out-migration rate in the group.
    public var outMigrationRate: Double
    /// The most negative entry of the region's column of P(x).
    public var entry: Double

    /// Entries of P(x) below −tolerance are negative.
    public static let tolerance = 1e-12

    /// n/2 × (death rate + out-migration rate): above about 1, the linear method fails.
    public var load: Double { Double(width) / 2 * (deathRate + outMigrationRate) }

    /// What is expected of the rates, as a message says it.
    public static func expectation(width: Int) -> String {
        let most = 2 / Double(max(width, 1))
        return "rates for which the linear survival/transition matrix (I + n/2·M)⁻¹(I − n/2·M) is non-negative: "
            + "n/2 × (death + out-migration rate) at most about 1, i.e. annual rates summing to at most about \(most) "
            + "with \(width)-year age groups"
    }

    /// What was found: "n/2 × (death rate 5 + out-migration rate 0.01) = 12.525 in slovenia, female, age 5".
    public var finding: String {
        "n/2 × (death rate \(deathRate) + out-migration rate \(outMigrationRate)) = \(load) "
            + "in \(regionName), \(sex.rawValue), age \(startAge) (transition probability \(entry))"
    }

    /// The error the library throws for it.
    public var error: DemographyError {
        .invalidParameter(name: "\(sex.rawValue) death plus out-migration rate of \(regionName) at age \(startAge) "
                            + "(n/2 × (\(deathRate) + \(outMigrationRate)) = \(load), transition probability \(entry))",
                          value: deathRate + outMigrationRate, expected: Self.expectation(width: width))
    }
}

extension MultiregionalRates {
    /// Every age group and sex whose linear transition matrix P(x) has a negative
    /// entry, one per region concerned, in the order sex, age, region; at most `limit`.
    ///
    /// Costs one R×R solve per closed age group and sex in which some region has
    /// n/2 × (death + out-migration rate) above 1 (below, no entry can be negative).
    /// - Throws: when a matrix cannot be inverted (as ``MultiregionalLifeTable/init(rates:sex:)``).
    public func negativeLinearTransitions(limit: Int = 1000) throws(DemographyError) -> [NegativeLinearTransition] {
        var found: [NegativeLinearTransition] = []
        let identity = Matrix.identity(regions.count), h = Double(width) / 2
        for sex in sexes {
            for x in 0..<(ages.count - 1) where found.count < limit {
                let m = try MultiregionalLifeTable.rateMatrix(rates: self, sex: sex, ageIndex: x)
                // With every n/2·(death + out-migration rate) ≤ 1, I − n/2·M has no negative entry and P none: no solve needed.
                guard (0..<regions.count).contains(where: { h * m[$0, $0] > 1 }) else { continue }
                let p: Matrix
                do { p = try identity.adding(m, scaledBy: h).solve(identity.adding(m, scaledBy: -h)) } catch {
                    throw MultiregionalLifeTable.failure(sex, ageIndex: x, ages: ages, error)
                }
                for column in MultiregionalLifeTable.negativeColumns(p) where found.count < limit {
                    found.append(negativeTransition(sex: sex, ageIndex: x, region: column.index, entry: column.entry, rateMatrix: m))
                }
            }
        }
        return found
    }

    /// The finding for `region` of group `ageIndex`, from its rate matrix.
    func negativeTransition(sex: Sex, ageIndex x: Int, region i: Int, entry: Double, rateMatrix m: Matrix) -> NegativeLinearTransition {
        let death = deathRates(region: i, sex: sex)[x]
        return NegativeLinearTransition(sex: sex, ageIndex: x, startAge: ages.startAges[x], region: i, regionName: regions[i],
                                        width: width, deathRate: death,
                                        outMigrationRate: migration.outMigrationRates(sex: sex, ageIndex: x)[i], entry: entry)
    }
}

extension MultiregionalLifeTable {
    /// The columns of `p` with an entry below −``NegativeLinearTransition/tolerance``, with their most negative entry.
    static func negativeColumns(_ p: Matrix) -> [(index: Int, entry: Double)] {
        var out: [(index: Int, entry: Double)] = []
        for i in 0..<p.columns {
            var lowest = 0.0
            for j in 0..<p.rows { lowest = min(lowest, p[j, i]) }
            if lowest < -NegativeLinearTransition.tolerance || lowest.isNaN { out.append((i, lowest)) }
        }
        return out
    }
}
