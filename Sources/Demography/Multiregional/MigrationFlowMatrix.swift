/// ₙOᵢⱼ(x) — annual rates of migration from region i to region j, by age group and sex.
///
/// The rate of moving from origin i to destination j is the annual number of
/// such moves divided by the person-years (or mid-year population) of origin i
/// in the same age-sex group (Rogers 1975, ch. 2; Willekens & Rogers 1978,
/// Table 1.3). The total out-migration rate of i is Σⱼ₍ⱼ≠ᵢ₎ Oᵢⱼ. Moves within a
/// region do not count: the diagonal is zero.
///
/// Three ways to build one:
/// - origin–destination rates given directly (``init(regions:ages:sexes:rate:)``);
/// - origin–destination flow counts divided by the origin's population
///   (``init(flows:population:years:)``);
/// - total out-migration rates by origin, age and sex times destination shares
///   by origin (``init(regions:ages:sexes:outMigrationRate:destinationShares:)``).
///
/// Storage: for each sex and age group an R×R block, row = destination,
/// column = origin (the column convention of the rate matrix M(x)).
public struct MigrationFlowMatrix: Hashable, Sendable {
    /// The region names.
    public let regions: [String]
    /// The age groups.
    public let ages: AgeStructure
    /// The sexes held: `[.female]` or `[.female, .male]`.
    public let sexes: [Sex]
    /// Rates, one R×R block per sex and age group: element (destination j, origin i)
    /// of group (s, x) is `rates[((s·A + x)·R + j)·R + i]`.
    public let rates: [Double]

    /// Rates given by origin, destination, sex and age group.
    ///
    /// - Throws: when a rate off the diagonal is negative, not finite or
    ///   subnormal (the diagonal is ignored and stored as 0). A subnormal rate
    ///   (below 2.2e-308, `Double.leastNormalMagnitude`) keeps too few
    ///   significant bits for the life table's solves: their rounding would give
    ///   migration flows of about −1e-320 from positive rates.
    public init(
        regions: [String], ages: AgeStructure, sexes: [Sex] = [.female, .male],
        rate: (_ origin: Int, _ destination: Int, _ sex: Sex, _ ageIndex: Int) -> Double
    ) throws(DemographyError) {
        try MultiregionalPopulation.checkShape(regions: regions, sexes: sexes)
        let r = regions.count, a = ages.count
        var storage = [Double](repeating: 0, count: sexes.count * a * r * r)
        for (s, sex) in sexes.enumerated() {
            for x in 0..<a {
                for i in 0..<r {
                    for j in 0..<r where j != i {
                        let v = rate(i, j, sex, x)
                        let name = "\(sex.rawValue) migration rate from \(regions[i]) to \(regions[j])"
                        guard v.isFinite else { throw .nonFiniteValue(schedule: name, age: ages.startAges[x], value: v) }
                        guard v >= 0 else { throw .negativeValue(schedule: name, age: ages.startAges[x], value: v) }
                        guard v == 0 || v.isNormal else {
                            throw .invalidParameter(name: "\(name) at age \(ages.startAges[x])", value: v, expected: Self.subnormalExpectation)
                        }
                        storage[((s * a + x) * r + j) * r + i] = v
                    }
                }
            }
        }
        self.regions = regions
        self.ages = ages
        self.sexes = sexes
        self.rates = storage
    }

    /// Rates from flow counts: Oᵢⱼ(x) = flows from i to j in the period / (years · ᵢnPx).
    ///
    /// This is how Willekens & Rogers (1978) obtain their observed rates: one
    /// year of moves divided by the population of the origin.
    /// - Parameters:
    ///   - flows: moves from origin to destination by sex and age group.
    ///   - population: the exposure of each origin (its population).
    ///   - years: the length of the observation period (1 for annual counts).
    /// - Throws: on a negative flow, or on moves out of a group with no population.
    public init(
        flows: (_ origin: Int, _ destination: Int, _ sex: Sex, _ ageIndex: Int) -> Double,
        population: MultiregionalPopulation, years: Double = 1
    ) throws(DemographyError) {
        try Validate.positive(years, name: "length of the migration observation period")
        var problem: DemographyError?
        try self.init(regions: population.regions, ages: population.ages, sexes: population.sexes) { i, j, sex, x in
            let count = flows(i, j, sex, x)
            let exposure = years * population.count(region: i, sex: sex, ageIndex: x)
            if exposure > 0 { return count / exposure }
            if count != 0 && problem == nil {
                problem = .invalidParameter(
                    name: "\(sex.rawValue) moves from \(population.regions[i]) to \(population.regions[j]) at age \(population.ages.startAges[x])",
                    value: count, expected: "no moves out of an age group with no population")
            }
            return 0
        }
        if let problem { throw problem }
    }

    /// Rates from total out-migration rates and destination shares:
    /// Oᵢⱼ(x) = Oᵢ(x) · shareᵢⱼ.
    ///
    /// - Parameters:
    ///   - regions: the region names, in order.
    ///   - ages: the age groups.
    ///   - sexes: the sexes of the model (females only for a one-sex model).
    ///   - outMigrationRate: Oᵢ(x), the annual rate of leaving origin i for any other region.
    ///   - destinationShares: R×R, row = destination, column = origin; each column
    ///     holds where the leavers of that origin go and sums to 1 off the
    ///     diagonal (the diagonal is ignored). See ``destinationShares(proportionalTo:)``.
    /// - Throws: on a negative rate or share, or a column of shares that does not sum to 1 (±1e-9).
    public init(
        regions: [String], ages: AgeStructure, sexes: [Sex] = [.female, .male],
        outMigrationRate: (_ origin: Int, _ sex: Sex, _ ageIndex: Int) -> Double,
        destinationShares: Matrix
    ) throws(DemographyError) {
        let r = regions.count
        guard destinationShares.rows == r, destinationShares.columns == r else {
            throw .lengthMismatch(schedule: "destination shares (rows and columns)", expected: r,
                                  found: destinationShares.rows == r ? destinationShares.columns : destinationShares.rows)
        }
        for i in 0..<r {
            var sum = 0.0
            for j in 0..<r where j != i {
                let v = destinationShares[j, i]
                guard v.isFinite, v >= 0 else {
                    throw .invalidParameter(name: "share of leavers from \(regions[i]) going to \(regions[j])", value: v,
                                            expected: "a proportion of 0 or more")
                }
                sum += v
            }
            guard r == 1 || abs(sum - 1) <= 1e-9 else {
                throw .invalidParameter(name: "sum of the destination shares of \(regions[i])", value: sum, expected: "1")
            }
        }
        var problem: DemographyError?
        try self.init(regions: regions, ages: ages, sexes: sexes) { i, j, sex, x in
            let o = outMigrationRate(i, sex, x)
            if !(o.isFinite && o >= 0) && problem == nil {
                problem = .negativeValue(schedule: "\(sex.rawValue) out-migration rate of \(regions[i])",
                                         age: ages.startAges[x], value: o)
            }
            return o * destinationShares[j, i]
        }
        if let problem { throw problem }
    }

    /// What a rate must be instead of a subnormal number.
    static let subnormalExpectation =
        "0 or a rate of at least \(Double.leastNormalMagnitude) a year (a subnormal number is too small to be computed with; use 0)"

    /// No internal migration: all rates zero.
    public static func none(regions: [String], ages: AgeStructure, sexes: [Sex] = [.female, .male]) throws(DemographyError) -> MigrationFlowMatrix {
        try MigrationFlowMatrix(regions: regions, ages: ages, sexes: sexes) { _, _, _, _ in 0 }
    }

    /// Destination shares proportional to the size of each destination (a gravity
    /// model without distance): shareᵢⱼ = wⱼ / Σₖ₍ₖ≠ᵢ₎ wₖ for j ≠ i.
    ///
    /// The weights are usually the destinations' populations. Row = destination, column = origin.
    public static func destinationShares(proportionalTo weights: [Double]) -> Matrix {
        let r = weights.count
        var shares = Matrix(rows: r, columns: r)
        let total = weights.reduce(0, +)
        for i in 0..<r {
            let others = total - weights[i]
            for j in 0..<r where j != i {
                shares[j, i] = others > 0 ? weights[j] / others : 1 / Double(max(1, r - 1))
            }
        }
        return shares
    }

    /// Oᵢⱼ(x) — the rate of moving from `origin` to `destination` (0 for a sex not held).
    public func rate(from origin: Int, to destination: Int, sex: Sex, ageIndex: Int) -> Double {
        guard let s = sexes.firstIndex(of: sex) else { return 0 }
        let r = regions.count
        return rates[((s * ages.count + ageIndex) * r + destination) * r + origin]
    }

    /// Oᵢ(x) = Σⱼ Oᵢⱼ(x) — the total out-migration rate of each origin.
    public func outMigrationRates(sex: Sex, ageIndex: Int) -> [Double] {
        let r = regions.count
        return (0..<r).map { i in (0..<r).reduce(0) { $0 + rate(from: i, to: $1, sex: sex, ageIndex: ageIndex) } }
    }

    /// Whether every rate is zero.
    public var isZero: Bool { !rates.contains { $0 != 0 } }
}
