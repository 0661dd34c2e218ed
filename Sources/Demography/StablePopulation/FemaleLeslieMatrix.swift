/// The female-dominant (one-sex) Leslie matrix of a closed population: k × k for
/// k age groups of width z, daughters only.
///
/// From Sx, nFx and SRB (Leslie 1945; Preston, Heuveline & Guillot 2001, ch. 6;
/// Caswell 2001, §2.2):
///
///     A[x, x−1] = S(x)                                   0 < x < ω
///     A[ω, ω−1] = A[ω, ω] = S(ω)                         the open group
///     A[0, x]   = π_f·S(0)·(z/2)·(F(x) + F(x+1)·S(x+1))   π_f = 1/(1 + SRB)
///
/// with F zero in the first and open groups (as the cohort-component step counts
/// births). It is the female block of the two-sex ``LeslieMatrix`` of the same
/// rates, so projecting females with it equals ``ProjectionStep/apply(to:)``
/// for a closed population; a step builds its own with
/// ``ProjectionStep/femaleLeslieMatrix()``.
public struct FemaleLeslieMatrix: Sendable, Hashable {
    /// The age groups.
    public let ages: AgeStructure
    /// z — the width of the age groups and of the projection step, in years.
    public let width: Int
    /// Sx — female survival ratios, by the age group reached at the end of the step.
    public let survivalRatios: [Double]
    /// nFx — births (both sexes) per woman per year, by age group of mother, as given.
    public let fertilityRates: [Double]
    /// SRB — male births per female birth.
    public let sexRatioAtBirth: Double
    /// A — the k × k projection matrix.
    public let matrix: Matrix

    /// Builds the matrix from female rates on `ages` (closed groups of equal width z).
    ///
    /// - Throws: ``DemographyError`` when the grid is not uniform, a schedule has the
    ///   wrong length or a negative or non-finite value, or SRB is not positive.
    public init(ages: AgeStructure, survivalRatios: [Double], fertilityRates: [Double], sexRatioAtBirth: Double) throws(DemographyError) {
        guard let width = ages.uniformWidth else {
            throw .unsupportedStepWidth(ages: ages.description, width: ages.startAges[1])
        }
        guard ages.count >= 3 else {
            throw .invalidAgeStructure(reason: "a Leslie matrix needs at least two closed age groups")
        }
        try Validate.schedule(survivalRatios, on: ages, name: "female survival ratios")
        try Validate.schedule(fertilityRates, on: ages, name: "fertility rates")
        try Validate.positive(sexRatioAtBirth, name: "sex ratio at birth")
        self.init(trusted: ages, width: width, survivalRatios: survivalRatios,
                  fertilityRates: fertilityRates, sexRatioAtBirth: sexRatioAtBirth)
    }

    /// The matrix of female rates already validated on `ages` (closed groups of
    /// equal width z = `width`, one value per group).
    init(trusted ages: AgeStructure, width: Int, survivalRatios: [Double], fertilityRates: [Double], sexRatioAtBirth: Double) {
        self.ages = ages
        self.width = width
        self.survivalRatios = survivalRatios
        self.fertilityRates = fertilityRates
        self.sexRatioAtBirth = sexRatioAtBirth
        self.matrix = FemaleLeslieMatrix.assemble(
            survival: survivalRatios, fertility: fertilityRates, width: Double(width), sexRatioAtBirth: sexRatioAtBirth)
    }

    /// π_f = 1/(1 + SRB) — the share of births that are daughters.
    public var femaleShareOfBirths: Double { 1 / (1 + sexRatioAtBirth) }

    /// A[0, x] — daughters at the end of the step per woman in group x at the start.
    public var firstRow: [Double] { (0..<ages.count).map { matrix[0, $0] } }

    static func assemble(survival s: [Double], fertility: [Double], width z: Double, sexRatioAtBirth srb: Double) -> Matrix {
        let k = s.count, last = k - 1
        var a = Matrix(rows: k, columns: k)
        for x in 1..<last { a[x, x - 1] = s[x] }
        a[last, last - 1] = s[last]
        a[last, last] = s[last]
        let f = LeslieMatrix.fertilityWithoutEdges(fertility)
        let shareFemale = 1 / (1 + srb)
        for x in 0..<k {
            // Same operation order as the two-sex LeslieMatrix, so the blocks agree bit for bit.
            let next = x + 1 < k ? f[x + 1] * s[x + 1] : 0
            a[0, x] = shareFemale * s[0] * (0.5 * z * (f[x] + next))
        }
        return a
    }
}
