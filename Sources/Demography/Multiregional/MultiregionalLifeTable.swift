/// The multiregional life table of one sex (Rogers 1975, ch. 3; Willekens &
/// Rogers 1978, ch. 2), in matrix form with the region of origin in the columns.
///
/// From the annual rates of ``MultiregionalRates`` and the width n:
///
/// 1. **Rate matrix.** M(x) has on its diagonal the death rate plus the total
///    out-migration rate of each region, and off the diagonal −Oⱼᵢ(x), the rate
///    of moving from column region j to row region i. Its column sums are the
///    death rates.
/// 2. **Transition probabilities** by the linear method, which allows several
///    moves within the interval: P(x) = (I + n/2·M(x))⁻¹ (I − n/2·M(x)). Column
///    i gives where a person in region i at exact age x is at exact age x+n;
///    one minus the column sum is the probability of dying. This is the matrix
///    form of q = n·m / (1 + n/2·m).
/// 3. **Survivors.** l(0) = I (one cohort of 1 per region of birth),
///    l(x+n) = P(x)·l(x); column j holds the survivors of those born in j by
///    region of residence.
/// 4. **Person-years.** L(x) = n/2·(l(x) + l(x+n)) for closed groups; for the
///    open group L(ω) = M(ω)⁻¹·l(ω), the matrix analogue of L = l/m (it uses the
///    whole rate matrix of the open group, migration included).
/// 5. **Survivorship proportions** S(x) = L(x+n)·L(x)⁻¹, x = 0, …, ω−n:
///    S(x)[j, i] is the proportion of persons in region i aged x to x+n who are
///    alive and in region j n years later. S(ω−n) = L(ω)·L(ω−n)⁻¹ moves the last
///    closed group into the open one, and some of its elements can exceed 1.
///    They are computed in the equal closed forms S(x) = (I + n/2·M(x+n))⁻¹(I − n/2·M(x))
///    and S(ω−n) = M(ω)⁻¹(I − n/2·M(ω−n))/n (L(x) = n·(I + n/2·M(x))⁻¹·l(x), and
///    l(x) cancels), which need no inverse of l or L: a cohort that has died out
///    (l singular) is no failure, and from rates that pass
///    ``NegativeLinearTransition``'s check no entry is negative by rounding
///    (the inverse of the M-matrix I + n/2·M is computed from sums of terms of one sign).
///
/// With all migration rates zero every matrix is diagonal and each region gets
/// the single-region life table with nax = n/2 and an open group L = l/m.
///
/// The solves and products run on one OpenBLAS thread (``LinearAlgebraThreads/one(_:)``),
/// so the matrices are the same whatever `OPENBLAS_NUM_THREADS` says, and are
/// those of ``MultiregionalStep``'s blocks bit for bit.
///
/// Reproduces Willekens & Rogers (1978), Tables 2.1 (P) and 2.3 (l).
public struct MultiregionalLifeTable: Sendable {
    /// The region names.
    public let regions: [String]
    /// The age groups.
    public let ages: AgeStructure
    /// The sex of the table.
    public let sex: Sex
    /// n — the width of the age groups in years.
    public let width: Int
    /// M(x) — the rate matrix of each age group (origin in the columns).
    public let rateMatrices: [Matrix]
    /// P(x) — transition probabilities from exact age x to x+n, for the closed groups.
    public let transitionProbabilities: [Matrix]
    /// l(x) — survivors at exact age x by region of residence (rows) and of birth
    /// (columns), radix 1 in each region of birth; one per age group, the open group included.
    public let survivors: [Matrix]
    /// L(x) — person-years lived in each group by region of residence and of birth.
    public let personYearsLived: [Matrix]
    /// S(x) = L(x+n)·L(x)⁻¹ — survivorship proportions, x = 0, …, ω−n (the last into the open group).
    public let survivalProportions: [Matrix]

    /// Builds the table of `sex` from `rates`.
    ///
    /// - Throws: ``DemographyError/invalidParameter(name:value:expected:)`` when
    ///   `sex` is not held by the rates or a matrix cannot be inverted (which
    ///   validated rates rule out: every matrix inverted is column-diagonally dominant).
    public init(rates: MultiregionalRates, sex: Sex) throws(DemographyError) {
        var mx: [Matrix] = [], p: [Matrix] = [], l: [Matrix] = [], lx: [Matrix] = []
        var sx: [Matrix] = []
        // One OpenBLAS thread, as the step's blocks: the same matrices whatever the thread setting.
        try LinearAlgebraThreads.one { () throws(DemographyError) in
            try MultiregionalLifeTable.walk(rates: rates, sex: sex) { _, m, px, lAtX, personYears in
                mx.append(m)
                if let px { p.append(px) }
                l.append(lAtX)
                lx.append(personYears)
            }
            for x in 0..<(mx.count - 1) {
                sx.append(try MultiregionalLifeTable.survivalProportion(from: mx[x], into: mx[x + 1], intoOpenGroup: x + 1 == mx.count - 1,
                                                                        width: rates.width, sex: sex, ages: rates.ages, ageIndex: x))
            }
        }
        self.regions = rates.regions
        self.ages = rates.ages
        self.sex = sex
        self.width = rates.width
        self.rateMatrices = mx
        self.transitionProbabilities = p
        self.survivors = l
        self.personYearsLived = lx
        self.survivalProportions = sx
    }

    /// Computes the table age by age and hands each group's matrices to `visit`
    /// as soon as they are known — (x, M(x), P(x) or nil for the open group, l(x),
    /// L(x)) — keeping only l of the next age: memory for a few R×R matrices,
    /// whatever the number of age groups (what ``MultiregionalStep`` needs for
    /// thousands of regions).
    static func walk(
        rates: MultiregionalRates, sex: Sex,
        visit: (_ x: Int, _ rateMatrix: Matrix, _ transition: Matrix?, _ survivors: Matrix, _ personYears: Matrix) throws(DemographyError) -> Void
    ) throws(DemographyError) {
        guard let s = rates.sexes.firstIndex(of: sex) else {
            throw .missing(what: "\(sex.rawValue) rates of the multiregional life table", expected: "a sex held by the rates")
        }
        let r = rates.regions.count, a = rates.ages.count, n = Double(rates.width)
        func rateMatrix(_ x: Int) -> Matrix { MultiregionalLifeTable.rateMatrix(rates: rates, sexIndex: s, ageIndex: x) }
        let identity = Matrix.identity(r)
        var l = identity
        for x in 0..<(a - 1) {
            let m = rateMatrix(x)
            let px: Matrix
            do { px = try identity.adding(m, scaledBy: n / 2).solve(identity.adding(m, scaledBy: -n / 2)) } catch {
                throw failure(sex, ageIndex: x, ages: rates.ages, error)
            }
            if let negative = negativeColumns(px).first {
                throw rates.negativeTransition(sex: sex, ageIndex: x, region: negative.index, entry: negative.entry, rateMatrix: m).error
            }
            let next = px.multiply(l)
            try visit(x, m, px, l, l.adding(next, scaledBy: 1).scaled(by: n / 2))
            l = next
        }
        let m = rateMatrix(a - 1)
        let open: Matrix
        do { open = try m.solve(l) } catch { throw failure(sex, ageIndex: a - 1, ages: rates.ages, error) }
        try visit(a - 1, m, nil, l, open)
    }

    /// M(x) of `sex`: death plus out-migration rates on the diagonal, −Oⱼᵢ off it (origin in the columns).
    static func rateMatrix(rates: MultiregionalRates, sex: Sex, ageIndex x: Int) throws(DemographyError) -> Matrix {
        guard let s = rates.sexes.firstIndex(of: sex) else {
            throw .missing(what: "\(sex.rawValue) rates of the multiregional life table", expected: "a sex held by the rates")
        }
        return rateMatrix(rates: rates, sexIndex: s, ageIndex: x)
    }

    static func rateMatrix(rates: MultiregionalRates, sexIndex s: Int, ageIndex x: Int) -> Matrix {
        let r = rates.regions.count, a = rates.ages.count
        var m = Matrix(rows: r, columns: r)
        for i in 0..<r {
            var out = 0.0
            for j in 0..<r where j != i {
                let o = rates.migration.rates[((s * a + x) * r + j) * r + i]
                m[j, i] = -o
                out += o
            }
            m[i, i] = rates.deathRates[(s * a + x) * r + i] + out
        }
        return m
    }

    /// S(x) from M(x) (`from`) and M(x+n) (`into`): (I + n/2·M(x+n))⁻¹(I − n/2·M(x)),
    /// or M(ω)⁻¹(I − n/2·M(ω−n))/n into the open group.
    static func survivalProportion(
        from previous: Matrix, into m: Matrix, intoOpenGroup: Bool, width: Int, sex: Sex, ages: AgeStructure, ageIndex x: Int
    ) throws(DemographyError) -> Matrix {
        let identity = Matrix.identity(m.rows), h = Double(width) / 2
        let leaving = identity.adding(previous, scaledBy: -h)
        do {
            if intoOpenGroup { return try m.solve(leaving.scaled(by: 1 / Double(width))) }
            return try identity.adding(m, scaledBy: h).solve(leaving)
        } catch {
            throw failure(sex, ageIndex: x + 1, ages: ages, error)
        }
    }

    /// The error of a matrix that cannot be inverted in age group `ageIndex`.
    static func failure(_ sex: Sex, ageIndex x: Int, ages: AgeStructure, _ error: LinearAlgebraError) -> DemographyError {
        .noSolution(problem: "\(sex.rawValue) multiregional life table at age \(ages.startAges[x])",
                    reason: "a rate or person-years matrix is not invertible (\(error.description))")
    }

    /// The probability of dying between x and x+n for a person in each region at
    /// exact age x: 1 − Σⱼ P(x)[j, i]. The open group has 1.
    public func deathProbabilities(ageIndex x: Int) -> [Double] {
        guard x < transitionProbabilities.count else { return [Double](repeating: 1, count: regions.count) }
        let p = transitionProbabilities[x]
        return (0..<regions.count).map { i in 1 - (0..<regions.count).reduce(0) { $0 + p[$1, i] } }
    }

    /// L(0)·l(0)⁻¹ / n = (I + P(0)) / 2 — the proportion of the births of a step,
    /// by region at birth (columns), alive in each region (rows) in the first age
    /// group at the end of the step (Willekens & Rogers 1978, ch. 3).
    public var birthSurvival: Matrix { personYearsLived[0].scaled(by: 1 / Double(width)) }

    /// T(ω)·T(ω−n)⁻¹ = L(ω)·(L(ω−n) + L(ω))⁻¹ — the survivorship of the last closed
    /// and the open group together into the open group (the UN's convention for
    /// the open age group, in matrix form).
    ///
    /// Computed in the equal closed form M(ω)⁻¹·B·(n·M(ω) + B)⁻¹·M(ω), with
    /// B = I − n/2·M(ω−n) ,
    /// which needs no inverse of l: after many ages of migration the columns of
    /// l(ω−n) are nearly equal (where one was born no longer tells where one
    /// lives), l is nearly singular and L(ω)·(L(ω−n) + L(ω))⁻¹ loses every digit.
    public func mergedOpenGroupSurvival() throws(LinearAlgebraError) -> Matrix {
        let a = ages.count
        return try LinearAlgebraThreads.one { () throws(LinearAlgebraError) in
            try Self.mergedOpenGroupSurvival(lastClosed: rateMatrices[a - 2], open: rateMatrices[a - 1], width: width)
        }
    }

    /// M(ω)⁻¹·B·(n·M(ω) + B)⁻¹·M(ω) with B = I − n/2·M(ω−n): L(ω) = M(ω)⁻¹·P·l,
    /// L(ω−n) = n·(I + n/2·M(ω−n))⁻¹·l, and l and (I + n/2·M(ω−n))⁻¹ cancel.
    static func mergedOpenGroupSurvival(lastClosed previous: Matrix, open m: Matrix, width: Int) throws(LinearAlgebraError) -> Matrix {
        let n = Double(width)
        let b = Matrix.identity(m.rows).adding(previous, scaledBy: -n / 2)
        let x = try b.adding(m, scaledBy: n).solve(m)    // (n·M(ω) + B)⁻¹·M(ω)
        return try m.solve(b.multiply(x))
    }

    /// e(x) = Σ_{y ≥ x} L(y)·l(x)⁻¹ — expected years lived in each region (rows)
    /// beyond exact age x by a person in each region (columns) at x.
    public func lifeExpectancies(ageIndex x: Int) throws(LinearAlgebraError) -> Matrix {
        var t = personYearsLived[x]
        for y in (x + 1)..<ages.count { t = t.adding(personYearsLived[y], scaledBy: 1) }
        return try t.dividedOnTheRight(by: survivors[x])
    }
}

extension Matrix {
    /// A + c·B (same shape, checked by the callers).
    func adding(_ b: Matrix, scaledBy c: Double) -> Matrix {
        var out = self
        for k in 0..<entries.count { out.entries[k] += c * b.entries[k] }
        return out
    }

    /// c·A.
    func scaled(by c: Double) -> Matrix {
        var out = self
        for k in 0..<entries.count { out.entries[k] *= c }
        return out
    }

    /// Aᵀ.
    func transposed() -> Matrix {
        var out = Matrix(rows: columns, columns: rows)
        for i in 0..<rows { for j in 0..<columns { out.entries[j * rows + i] = entries[i * columns + j] } }
        return out
    }

    /// X = A·B⁻¹, from Bᵀ·Xᵀ = Aᵀ (DGESV).
    func dividedOnTheRight(by b: Matrix) throws(LinearAlgebraError) -> Matrix {
        try b.transposed().solve(transposed()).transposed()
    }
}
