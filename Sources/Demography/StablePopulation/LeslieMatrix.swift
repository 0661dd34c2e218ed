/// The two-sex block Leslie matrix of one projection step, plus the affine
/// migration term: n(t+z) = A·n(t) + c.
///
/// The state is females at ages 0…ω then males (2k entries for k age groups).
/// With Sx, nFx, SRB of the step (Leslie 1945; Preston, Heuveline & Guillot
/// 2001, ch. 6; Caswell 2001, §2.2 for the two-sex form):
///
///     A[s,x ; s,x−1] = S_s(x)                          0 < x < ω
///     A[s,ω ; s,ω−1] = A[s,ω ; s,ω] = S_s(ω)           the open group
///     A[s,0 ; f,x]   = π_s·S_s(0)·(z/2)·(F(x) + F(x+1)·S_f(x+1))
///
/// with π_f = 1/(1+SRB), π_m = SRB/(1+SRB) and F zero in the first and open groups.
/// Migrants M with a share h at the start give c = A·(h·M) + (1−h)·M, plus, when
/// h > 0, the births to the end-of-step female migrants (the `even` timing).
/// Applied to a population with the same migrants, A·n + c equals the direct
/// cohort-component step (``ProjectionStep/apply(to:)``) up to rounding, unless
/// the migration guard or the floor is triggered (both are non-linear).
///
/// The matrix knows only rates; a step builds its own with
/// ``ProjectionStep/leslieMatrix()``.
public struct LeslieMatrix: Sendable, Hashable {
    /// The age groups of each sex.
    public let ages: AgeStructure
    /// A — the 2k × 2k projection matrix.
    public let matrix: Matrix
    /// c — the affine migration term (2k).
    public let migrationTerm: [Double]

    /// The matrix and migration term of rates already validated on `ages`
    /// (closed groups of equal width z = `width`, one value per group), with the
    /// migrants as given.
    init(trusted ages: AgeStructure, width: Int, survivalRatios: BySex<[Double]>, fertilityRates: [Double],
         sexRatioAtBirth: Double, netMigrants: BySex<[Double]>, migrationTiming: MigrationTiming) {
        let k = ages.count, n = 2 * k, last = k - 1
        let z = Double(width)
        var a = Matrix(rows: n, columns: n)
        let sF = survivalRatios.female, sM = survivalRatios.male
        for (offset, s) in [(0, sF), (k, sM)] {
            for x in 1..<last { a[offset + x, offset + x - 1] = s[x] }
            a[offset + last, offset + last - 1] = s[last]
            a[offset + last, offset + last] = s[last]
        }
        let f = LeslieMatrix.fertilityWithoutEdges(fertilityRates)
        let srb = sexRatioAtBirth
        let shareFemale = 1 / (1 + srb), shareMale = srb / (1 + srb)
        for x in 0..<k {
            let next = x + 1 < k ? f[x + 1] * sF[x + 1] : 0
            let births = 0.5 * z * (f[x] + next)
            a[0, x] = shareFemale * sF[0] * births
            a[k, x] = shareMale * sM[0] * births
        }
        let h = migrationTiming.shareAtStart
        let migrants = netMigrants.female + netMigrants.male
        var c = a.multiply(migrants.map { h * $0 })
        for i in 0..<n { c[i] += (1 - h) * migrants[i] }
        if h > 0 {
            var extra = 0.0
            for x in 0..<k { extra += 0.5 * z * f[x] * (1 - h) * migrants[x] }
            c[0] += shareFemale * sF[0] * extra
            c[k] += shareMale * sM[0] * extra
        }
        self.ages = ages
        self.matrix = a
        self.migrationTerm = c
    }

    /// n(t+z) = A·n(t) + c, through OpenBLAS (DGEMV).
    public func apply(to population: Population) throws(DemographyError) -> Population {
        guard population.ages == ages else {
            throw .ageStructureMismatch(left: "population: \(population.ages)", right: "Leslie matrix: \(ages)")
        }
        let k = ages.count
        var next = matrix.multiply(population.counts.female + population.counts.male)
        for i in 0..<next.count { next[i] += migrationTerm[i] }
        return Population(trusted: ages, counts: BySex(female: Array(next[0..<k]), male: Array(next[k...])))
    }

    /// ASFR with the first and open groups set to zero, as the step counts births.
    static func fertilityWithoutEdges(_ rates: [Double]) -> [Double] {
        var f = rates
        f[0] = 0
        f[f.count - 1] = 0
        return f
    }
}
