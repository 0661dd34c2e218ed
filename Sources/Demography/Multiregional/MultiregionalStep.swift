import Foundation

/// One multiregional projection step of width n: survival with migration between
/// regions, births in the mother's region of residence, external net migrants.
///
/// The step holds, for each sex, the age-specific R×R transition blocks of the
/// generalised Leslie matrix (Rogers 1975, ch. 4; Willekens & Rogers 1978, ch. 3)
/// and applies them in structured form (see ``MultiregionalForm``):
///
/// 1. **Migration guard** on the external migrants, as in ``ProjectionStep``:
///    where M(x) < 0 and P(x) + M(x) ≤ 0, M(x) = 1e-5 − P(x). A share h of them
///    (``MigrationTiming``) joins the start population: a = P + h·M.
/// 2. **Survival and exchange**: P'(x+n) = S(x)·a(x) with S(x) = L(x+n)·L(x)⁻¹ of the
///    ``MultiregionalLifeTable``; the open group by ``OpenAgeGroupRule``.
/// 3. **Births** in the region where the mother lives at the birth:
///    B = n/2·Σₓ F(x)·(a_f(x) + P'_f(x)), over the closed groups after the first,
///    as in the UN step. Girls are B/(1 + SRB) (all of B with females only).
/// 4. **Infants**: P'(0) = (I + P(0))/2 · B_s = L(0)·l(0)⁻¹/n · B_s, so that a baby
///    born in one region may be counted in another at the end of the step. With
///    the last-closed-group rule, steps 2–4 are Willekens & Rogers' B(x) =
///    n/4·(I + P(0))·(F(x) + F(x+n)·S(x)).
/// 5. The rest of the external migrants, (1 − h)·M, is added; a value below 0 is
///    set to 0.0005 (the UN floor).
///
/// **Consistency by construction.** Internal migrants are the off-diagonal
/// elements of the transition blocks times the populations they move, so what
/// one region loses another gains: internal net migration sums to zero over
/// the regions in every step, age group and sex (``MultiregionalStepResult``).
/// With all internal rates zero every block is diagonal and each region is
/// projected exactly as ``ProjectionStep`` projects it with the survival ratios
/// of the diagonal.
public struct MultiregionalStep: Sendable, Hashable {
    /// The region names.
    public let regions: [String]
    /// The age groups.
    public let ages: AgeStructure
    /// The sexes held.
    public let sexes: [Sex]
    /// n — the length of the step in years.
    public let width: Int
    /// How the open age group is carried.
    public let openAgeGroup: OpenAgeGroupRule
    /// Transition blocks, per sex A+1 blocks of R×R (row = destination, column = origin):
    /// block 0 carries births into the first age group, block x (1 ≤ x < A) carries
    /// group x−1 into group x, block A keeps the open group in the open group.
    public let transitions: [Double]
    /// nFx — births per woman per year by age group (rows) and region (columns).
    public let fertilityRates: [Double]
    /// 1/(1 + SRB) — the share of births that are girls (1 with females only).
    public let femaleShareOfBirths: Double
    /// External (international) net migrants during the step, region fastest, then age, then sex.
    public let externalMigrants: [Double]
    /// When the external migrants enter.
    public let migrationTiming: MigrationTiming

    /// Builds the step from the rates: the survivorship blocks of one multiregional
    /// life table per sex, each from two rate matrices (``buildBlocks(rates:openAgeGroup:)``).
    ///
    /// - Parameters:
    ///   - rates: mortality, fertility and migration of every region.
    ///   - externalMigrants: net migrants from outside all regions during the
    ///     step, by region and sex, one per age group (nil: none).
    ///   - migrationTiming: when they enter.
    ///   - openAgeGroup: how the open group is carried (default: the UN's merge).
    /// - Throws: as ``MultiregionalLifeTable/init(rates:sex:)``, and on external
    ///   migrants of the wrong length or not finite.
    public init(
        rates: MultiregionalRates,
        externalMigrants: ((_ region: Int, _ sex: Sex) -> [Double])? = nil,
        migrationTiming: MigrationTiming,
        openAgeGroup: OpenAgeGroupRule = .mergedWithLastClosedGroup
    ) throws(DemographyError) {
        let blocks = try MultiregionalStep.buildBlocks(rates: rates, openAgeGroup: openAgeGroup)
        let migrants = try MultiregionalStep.packMigrants(externalMigrants, regions: rates.regions, ages: rates.ages, sexes: rates.sexes)
        self.init(trusted: rates.regions, ages: rates.ages, sexes: rates.sexes, width: rates.width,
                  openAgeGroup: openAgeGroup, transitions: blocks, fertilityRates: rates.fertilityRates,
                  femaleShareOfBirths: rates.femaleShareOfBirths, externalMigrants: migrants,
                  migrationTiming: migrationTiming)
    }

    init(trusted regions: [String], ages: AgeStructure, sexes: [Sex], width: Int, openAgeGroup: OpenAgeGroupRule,
         transitions: [Double], fertilityRates: [Double], femaleShareOfBirths: Double,
         externalMigrants: [Double], migrationTiming: MigrationTiming) {
        self.regions = regions
        self.ages = ages
        self.sexes = sexes
        self.width = width
        self.openAgeGroup = openAgeGroup
        self.transitions = transitions
        self.fertilityRates = fertilityRates
        self.femaleShareOfBirths = femaleShareOfBirths
        self.externalMigrants = externalMigrants
        self.migrationTiming = migrationTiming
    }

    /// The same rates with other external net migrants (by region and sex, one per age group).
    public func replacingExternalMigrants(
        _ migrants: ((_ region: Int, _ sex: Sex) -> [Double])?
    ) throws(DemographyError) -> MultiregionalStep {
        MultiregionalStep(trusted: regions, ages: ages, sexes: sexes, width: width, openAgeGroup: openAgeGroup,
                          transitions: transitions, fertilityRates: fertilityRates,
                          femaleShareOfBirths: femaleShareOfBirths,
                          externalMigrants: try MultiregionalStep.packMigrants(migrants, regions: regions, ages: ages, sexes: sexes),
                          migrationTiming: migrationTiming)
    }

    /// The transition block of `sex` into age group `ageIndex` (0: births into the
    /// first group), or with `openStayers` the block that keeps the open group.
    public func transition(sex: Sex, into ageIndex: Int, openStayers: Bool = false) -> Matrix {
        let r = regions.count, a = ages.count
        guard let s = sexes.firstIndex(of: sex) else { return Matrix(rows: r, columns: r) }
        let t = openStayers ? a : ageIndex
        var m = Matrix(rows: r, columns: r)
        m.entries = Array(transitions[((s * (a + 1) + t) * r * r)..<((s * (a + 1) + t + 1) * r * r)])
        return m
    }

    /// The external net migrants of `region` and `sex` by age group.
    public func externalMigrants(region: Int, sex: Sex) -> [Double] {
        let r = regions.count
        guard let s = sexes.firstIndex(of: sex) else { return [Double](repeating: 0, count: ages.count) }
        return (0..<ages.count).map { externalMigrants[(s * ages.count + $0) * r + region] }
    }

    /// Whether the open-stayer blocks are all zero.
    var openStayersAreZero: Bool { openAgeGroup == .lastClosedGroupOnly }

    /// Hands the packed rates to `body` as kernel buffers.
    func withRateBuffers<T>(_ body: (MultiregionalRateBuffers) -> T) -> T {
        transitions.withUnsafeBufferPointer { t in
            fertilityRates.withUnsafeBufferPointer { f in
                externalMigrants.withUnsafeBufferPointer { m in
                    body(MultiregionalRateBuffers(
                        transitions: t, fertility: f, migrants: m, sexes: sexes.count, ages: ages.count,
                        regions: regions.count, shareAtStart: migrationTiming.shareAtStart, width: Double(width),
                        femaleShare: femaleShareOfBirths, openStayersAreZero: openStayersAreZero))
                }
            }
        }
    }

    static func packMigrants(
        _ migrants: ((Int, Sex) -> [Double])?, regions: [String], ages: AgeStructure, sexes: [Sex]
    ) throws(DemographyError) -> [Double] {
        let r = regions.count, a = ages.count
        var packed = [Double](repeating: 0, count: sexes.count * a * r)
        guard let migrants else { return packed }
        for (s, sex) in sexes.enumerated() {
            for i in 0..<r {
                let m = migrants(i, sex)
                try Validate.finite(m, on: ages, name: "\(sex.rawValue) external net migrants of \(regions[i])")
                for x in 0..<a { packed[(s * a + x) * r + i] = m[x] }
            }
        }
        return packed
    }
}
