/// What one multiregional step produced, with the flow accounts of the internal migration.
///
/// Flows are counted as transitions (Rogers 1975, ch. 2): a migrant from region
/// j to region i in age group x is a person who was in j at the start of the
/// step (or was born there during it, for x = 0) and is alive in i at its end, in
/// age group x. Deaths are counted by region at the start. Every quantity is
/// derived from the step's transition blocks and the populations they moved, so
/// the accounts balance by construction.
public struct MultiregionalStepResult: Sendable {
    /// The population at the end of the step.
    public let population: MultiregionalPopulation
    /// Births during the step by sex of the child (rows) and region of the mother
    /// at the birth (columns): `births[s·R + r]`.
    public let births: [Double]
    /// a = P + h·M — the start population with the external migrants who enter at
    /// the start (S×A×R, region fastest); what the transitions move.
    public let entering: [Double]
    /// The external net migrants actually applied (after the guard), S×A×R.
    public let externalMigrants: [Double]
    /// Cells where the migration guard or the floor acted.
    public let adjustments: [MultiregionalAdjustment]
    /// The step that was applied.
    public let step: MultiregionalStep

    /// The births of `sex` by region of the mother.
    public func births(sex: Sex) -> [Double] {
        let r = population.regionCount
        guard let s = population.sexIndex(sex) else { return [Double](repeating: 0, count: r) }
        return Array(births[(s * r)..<((s + 1) * r)])
    }

    /// Survivors by region at the end (rows) and at the start (columns) in age
    /// group `ageIndex` of `sex` (group 0: babies born during the step by the region of birth).
    /// The diagonal holds those who stayed; the rest are the internal migrants.
    public func transitions(sex: Sex, ageIndex x: Int) -> Matrix {
        let r = population.regionCount, a = population.ages.count
        var out = Matrix(rows: r, columns: r)
        guard let s = population.sexIndex(sex) else { return out }
        let t = step.transition(sex: sex, into: x)
        let input: [Double] = x == 0 ? births(sex: sex) : Array(entering[((s * a + x - 1) * r)..<((s * a + x) * r)])
        for i in 0..<r { for j in 0..<r { out[i, j] = t[i, j] * input[j] } }
        if x == a - 1 && !step.openStayersAreZero {
            let stay = step.transition(sex: sex, into: x, openStayers: true)
            for i in 0..<r { for j in 0..<r { out[i, j] += stay[i, j] * entering[(s * a + x) * r + j] } }
        }
        return out
    }

    /// Internal migrants from origin (columns) to destination (rows) reaching age
    /// group `ageIndex` of `sex`; the diagonal is zero.
    public func flows(sex: Sex, ageIndex x: Int) -> Matrix {
        var m = transitions(sex: sex, ageIndex: x)
        for i in 0..<m.rows { m[i, i] = 0 }
        return m
    }

    /// Internal net migrants (in − out) of each region in age group `ageIndex` of
    /// `sex`. They sum to zero over the regions (up to rounding).
    public func internalNetMigrants(sex: Sex, ageIndex x: Int) -> [Double] {
        let f = flows(sex: sex, ageIndex: x)
        let r = f.rows
        return (0..<r).map { i in (0..<r).reduce(0) { $0 + f[i, $1] - f[$1, i] } }
    }

    /// Internal net migrants of each region over all ages and sexes.
    public var internalNetMigrantsByRegion: [Double] {
        var total = [Double](repeating: 0, count: population.regionCount)
        for sex in population.sexes {
            for x in 0..<population.ages.count {
                for (i, v) in internalNetMigrants(sex: sex, ageIndex: x).enumerated() { total[i] += v }
            }
        }
        return total
    }

    /// Deaths during the step by region at the start, for `sex` and the age group
    /// reached at the end (group 0: deaths of the step's babies). With the
    /// last-closed-group rule the open group can show negative deaths, because
    /// S(ω−n) can exceed 1 (it also carries the person-years lived above ω).
    public func deaths(sex: Sex, ageIndex x: Int) -> [Double] {
        let r = population.regionCount, a = population.ages.count
        guard let s = population.sexIndex(sex) else { return [Double](repeating: 0, count: r) }
        let moved = transitions(sex: sex, ageIndex: x)
        var input: [Double] = x == 0 ? births(sex: sex) : Array(entering[((s * a + x - 1) * r)..<((s * a + x) * r)])
        if x == a - 1 && !step.openStayersAreZero {
            for j in 0..<r { input[j] += entering[(s * a + x) * r + j] }
        }
        return (0..<r).map { j in input[j] - (0..<r).reduce(0) { $0 + moved[$1, j] } }
    }

    /// The external net migrants applied to `region` and `sex` by age group.
    public func externalMigrants(region: Int, sex: Sex) -> [Double] {
        let r = population.regionCount, a = population.ages.count
        guard let s = population.sexIndex(sex) else { return [Double](repeating: 0, count: a) }
        return (0..<a).map { externalMigrants[(s * a + $0) * r + region] }
    }
}

/// A cell where a UN safeguard changed a multiregional step.
public struct MultiregionalAdjustment: Sendable, Hashable {
    /// The region.
    public var region: Int
    /// The sex.
    public var sex: Sex
    /// The age group.
    public var ageIndex: Int
    /// What changed (the guard on external migrants, or the floor).
    public var kind: StepAdjustment.Kind
}
