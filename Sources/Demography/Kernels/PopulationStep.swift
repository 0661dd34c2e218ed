// Design note. The cohort-component step of the UN Population Division's CCMPP
// (ccmppWPP `project_ccmpp_z_by_z` and its loop; Preston, Heuveline & Guillot
// 2001, ch. 6) for one population, over its ages: guard the migrants, survive
// each cohort one age group up, merge the last closed group into the open group,
// count births from the average of the start and end female exposure, place the
// surviving births in the first group, add the migrants and floor. Priorities:
// the UN's numbers to the last digit first, then no allocation and no branch per
// age group. Every single-population path runs this one function: the friendly
// step (recording deaths, births by age and the values before the floor) and
// the packed run (recording nothing). The operations and their order are those
// of the batch engine's tile step, births summed from the oldest fertile age
// down, so one population gives the same bits on every path.

/// Named offsets of one step's rates packed in one row of doubles.
///
/// Female ages first, then male ages (index `s·n + x`):
///
///     survival          Sx by the age group reached at the end      2n
///     migrants          net migrants M, before the guard              2n
///     halfFertility     (z/2)·nFx by age of mother                     n
///     sexRatioAtBirth   SRB, male births per female birth               1
///     shareAtStart      h, the share of migrants added at the start    1
struct PackedStepLayout: Hashable, Sendable {
    /// n — age groups per sex.
    let ageGroups: Int

    var survival: Int { 0 }
    var migrants: Int { 2 * ageGroups }
    var halfFertility: Int { 4 * ageGroups }
    var sexRatioAtBirth: Int { 5 * ageGroups }
    var shareAtStart: Int { 5 * ageGroups + 1 }
    /// Doubles in one packed step.
    var count: Int { 5 * ageGroups + 2 }

    /// Packs the rates of one step in this layout: `survival` and `migrants` hold
    /// 2n values (females then males), `fertility` n values scaled by `scale`.
    func pack(survival s: [Double], migrants m: [Double], fertility f: [Double], scale: Double,
              sexRatioAtBirth srb: Double, shareAtStart h: Double) -> [Double] {
        precondition(s.count == 2 * ageGroups && m.count == 2 * ageGroups && f.count == ageGroups, "pack: 2n, 2n, n")
        var row = s + m + f.map { scale * $0 }
        row += [srb, h]
        return row
    }
}

/// One packed step, read through its layout.
struct PackedStepRates {
    let base: UnsafePointer<Double>
    let layout: PackedStepLayout

    var survival: UnsafePointer<Double> { base + layout.survival }
    var migrants: UnsafePointer<Double> { base + layout.migrants }
    var halfFertility: UnsafePointer<Double> { base + layout.halfFertility }
    var sexRatioAtBirth: Double { base[layout.sexRatioAtBirth] }
    var shareAtStart: Double { base[layout.shareAtStart] }
}

/// What a single-population step writes besides the end population.
protocol StepRecord {
    /// Cohort deaths by the age group reached at the end of the step (index `s·n + x`).
    func death(_ i: Int, _ value: Double)
    /// Births (both sexes) by age group of mother.
    func births(age x: Int, _ value: Double)
    /// The end population before the floor.
    func beforeFloor(_ i: Int, _ value: Double)
}

/// The packed run's record: nothing (each call folds away).
struct NoStepRecord: StepRecord {
    @inline(__always) func death(_ i: Int, _ value: Double) {}
    @inline(__always) func births(age x: Int, _ value: Double) {}
    @inline(__always) func beforeFloor(_ i: Int, _ value: Double) {}
}

/// The friendly step's record: deaths (2n), births by age (n, zero outside the
/// fertile ages) and the end population before the floor (2n).
struct FullStepRecord: StepRecord {
    let deaths: UnsafeMutablePointer<Double>
    let birthsByAge: UnsafeMutablePointer<Double>
    let unfloored: UnsafeMutablePointer<Double>
    @inline(__always) func death(_ i: Int, _ value: Double) { deaths[i] = value }
    @inline(__always) func births(age x: Int, _ value: Double) { birthsByAge[x] = value }
    @inline(__always) func beforeFloor(_ i: Int, _ value: Double) { unfloored[i] = value }
}

/// The two non-linear rules of the step, as a type: the UN's (``Kernels/guarded(_:_:)``
/// and ``Kernels/floored(_:)``) or none, for the linear map K(P, M) that residual
/// migration inverts.
protocol StepLimits {
    static func migrants(_ p: Double, _ m: Double) -> Double
    static func end(_ v: Double) -> Double
}
/// The UN's migration guard and floor.
enum UNStepLimits: StepLimits {
    @inline(__always) static func migrants(_ p: Double, _ m: Double) -> Double { Kernels.guarded(p, m) }
    @inline(__always) static func end(_ v: Double) -> Double { Kernels.floored(v) }
}
/// The floor without the guard: exact where every migrant is above zero and the
/// population is not negative, since then P + M > 0 and the guard is the identity.
enum FloorOnlyStepLimits: StepLimits {
    @inline(__always) static func migrants(_ p: Double, _ m: Double) -> Double { m }
    @inline(__always) static func end(_ v: Double) -> Double { Kernels.floored(v) }
}
/// Neither guard nor floor: the step is then linear in (P, M).
enum NoStepLimits: StepLimits {
    @inline(__always) static func migrants(_ p: Double, _ m: Double) -> Double { m }
    @inline(__always) static func end(_ v: Double) -> Double { v }
}

extension Kernels {
    /// One UN step for one population, from `p` into `q` (2n each, out of place).
    ///
    /// With g = guard(P, M) (``guarded(_:_:)``; identity under ``NoStepLimits``), h the share of migrants at the
    /// start and a = P + h·g:
    ///
    ///     end(x)  = a(x−1)·S(x)                      0 < x < ω
    ///     end(ω)  = (a(ω−1) + a(ω))·S(ω)
    ///     B       = Σ (z/2)·F(x)·(a_f(x) + end_f(x) + e·g_f(x)),  e = 1−h if h > 0 else 0,
    ///               summed from the oldest fertile age down
    ///     B_f     = B/(1 + SRB), B_m = B − B_f,  end(0) = B_sex·S(0)
    ///     P'      = floor(end + (1−h)·g),  floor(v) = v < 0 ? 0.0005 : v
    ///
    /// Cohort deaths are (what entered) − end. `fertileAges` lies inside
    /// `1..<n−1` and holds every age with F ≠ 0. `migrants` may be the packed
    /// row's or a caller's (the friendly step's, rates included).
    /// - Returns: births of females and of males.
    @inline(__always)
    static func populationStep<Record: StepRecord, Limits: StepLimits, Phase: MigrationPhase>(
        from p: UnsafePointer<Double>, into q: UnsafeMutablePointer<Double>,
        rates: PackedStepRates, migrants m: UnsafePointer<Double>, fertileAges: Range<Int>,
        record: Record, limits: Limits.Type, phase: Phase.Type
    ) -> (female: Double, male: Double) {
        @inline(__always) func guarded(_ p: Double, _ m: Double) -> Double { Limits.migrants(p, m) }
        @inline(__always) func floored(_ v: Double) -> Double { Limits.end(v) }
        let atStart = Phase.atStart
        let n = rates.layout.ageGroups
        let s = rates.survival, f = rates.halfFertility
        let h = rates.shareAtStart
        let endShare = 1 - h
        let e = h > 0 ? endShare : 0
        // Births first (from the start population), oldest fertile age down.
        var total = 0.0
        var x = fertileAges.upperBound - 1
        while x >= fertileAges.lowerBound {
            let aB = atStart ? p[x - 1] + h * guarded(p[x - 1], m[x - 1]) : p[x - 1]
            let end = aB * s[x]
            let term: Double
            if atStart {
                let g = guarded(p[x], m[x])
                term = f[x] * (p[x] + h * g + end + e * g)
            } else {
                term = f[x] * (p[x] + end)
            }
            record.births(age: x, term)
            total += term
            x -= 1
        }
        // Every other age group of both sexes. `below[x]` is P(x−1): shifted
        // pointers keep index arithmetic out of the loop, so that it vectorises.
        for o in stride(from: 0, through: n, by: n) {
            let below = p + o - 1, row = p + o, mBelow = m + o - 1, mRow = m + o
            let sr = s + o, qr = q + o
            for x in 1..<(n - 1) {
                let aB = atStart ? below[x] + h * guarded(below[x], mBelow[x]) : below[x]
                let end = aB * sr[x]
                let g = guarded(row[x], mRow[x])
                let v = atStart ? end + endShare * g : end + g
                record.death(o + x, aB - end)
                record.beforeFloor(o + x, v)
                qr[x] = floored(v)
            }
            let last = n - 1
            let gL = guarded(row[last], mRow[last])
            let aB = atStart ? below[last] + h * guarded(below[last], mBelow[last]) : below[last]
            let aL = atStart ? row[last] + h * gL : row[last]
            let entering = aB + aL
            let end = entering * sr[last]
            let v = atStart ? end + endShare * gL : end + gL
            record.death(o + last, entering - end)
            record.beforeFloor(o + last, v)
            qr[last] = floored(v)
        }
        let female = total / (1 + rates.sexRatioAtBirth)
        let male = total - female
        for i in stride(from: 0, through: n, by: n) {
            let born = i == 0 ? female : male
            let end = born * s[i]
            let g = guarded(p[i], m[i])
            let v = atStart ? end + endShare * g : end + g
            record.death(i, born - end)
            record.beforeFloor(i, v)
            q[i] = floored(v)
        }
        return (female, male)
    }

    /// ``populationStep(from:into:rates:migrants:fertileAges:record:limits:phase:)`` with
    /// the phase read from the packed rates (h = 0 or h > 0).
    @inline(__always)
    static func populationStep<Record: StepRecord, Limits: StepLimits>(
        from p: UnsafePointer<Double>, into q: UnsafeMutablePointer<Double>,
        rates: PackedStepRates, migrants m: UnsafePointer<Double>, fertileAges: Range<Int>,
        record: Record, limits: Limits.Type = UNStepLimits.self
    ) -> (female: Double, male: Double) {
        rates.shareAtStart == 0
            ? populationStep(from: p, into: q, rates: rates, migrants: m, fertileAges: fertileAges,
                             record: record, limits: limits, phase: MigrantsAtEnd.self)
            : populationStep(from: p, into: q, rates: rates, migrants: m, fertileAges: fertileAges,
                             record: record, limits: limits, phase: MigrantsPartlyAtStart.self)
    }
}
