// Design note. The one-population fast path: the UN step of
// ``ProjectionStep/apply(to:)`` with every rate packed once into one buffer, so a
// run of T steps touches no allocator and no array header. Same operations in
// the same order as the friendly step, so the results are identical to the last
// bit; deaths, births by age and the adjustment reports are not produced.

/// A projection with all step rates packed contiguously, for fast repeated runs.
///
/// Per step: Sx (2n), net migrants M (2n), (z/2)·nFx (n), then SRB and h.
/// ``run(start:states:births:)`` writes the start and every end-of-step state
/// into a caller buffer of (T+1)·2n doubles (female ages, then male, per state)
/// and allocates nothing (its scratch lives on the stack).
public struct PackedProjection: Sendable {
    /// The age groups.
    public let ages: AgeStructure
    /// T — the number of steps.
    public let stepCount: Int
    let rates: RowStorage
    let fertileAges: Range<Int>
    let perStep: Int
    /// Per step: end-of-step migration (h = 0) and no negative net migrant, so the
    /// guard is the identity and a = P; such steps take the fused kernel.
    let plainSteps: [Bool]

    /// Packs the steps of `projection`.
    public init(_ projection: Projection) {
        self.init(ages: projection.start.ages, steps: projection.steps)
    }

    /// Packs `steps` (checked by their initialisers; all on `ages`).
    init(ages: AgeStructure, steps: [ProjectionStep]) {
        let n = ages.count
        perStep = 5 * n + 2
        var packed: [Double] = []
        packed.reserveCapacity(perStep * steps.count)
        var lo = n - 1, hi = 1
        for step in steps {
            packed += step.survivalRatios.female + step.survivalRatios.male
            packed += step.netMigrants.female + step.netMigrants.male
            let half = 0.5 * Double(step.width)
            packed += step.fertilityRates.map { half * $0 }
            packed += [step.sexRatioAtBirth, step.migrationTiming.shareAtStart]
            for x in 1..<(n - 1) where step.fertilityRates[x] != 0 {
                lo = min(lo, x)
                hi = max(hi, x + 1)
            }
        }
        self.ages = ages
        self.stepCount = steps.count
        self.rates = RowStorage(packed)
        self.fertileAges = lo < hi ? lo..<hi : 1..<1
        self.plainSteps = steps.map { step in
            step.migrationTiming.shareAtStart == 0
                && !step.netMigrants.female.contains { $0 < 0 } && !step.netMigrants.male.contains { $0 < 0 }
        }
    }

    /// Runs every step from `start` (2n: female then male counts).
    ///
    /// - Parameters:
    ///   - start: the start population, 2n counts, females then males.
    ///   - states: (T+1)·2n doubles; state 0 is the start, state t the end of step t.
    ///   - births: optional 2·T doubles, female then male births of each step.
    public func run(start: UnsafeBufferPointer<Double>, states: UnsafeMutableBufferPointer<Double>,
                    births: UnsafeMutableBufferPointer<Double>? = nil) {
        let n = ages.count, size = 2 * n
        precondition(start.count == size && states.count >= (stepCount + 1) * size, "packed run: buffer sizes")
        let out = states.baseAddress!
        out.update(from: start.baseAddress!, count: size)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * size) { scratch in
            let g = scratch.baseAddress!, a = g + size
            for t in 0..<stepCount {
                let r = UnsafePointer(rates.base + t * perStep)
                let b = plainSteps[t]
                    ? Kernels.packedPlainStep(from: UnsafePointer(out + t * size), into: out + (t + 1) * size,
                                              rates: r, ageGroups: n, fertileAges: fertileAges)
                    : Kernels.packedStep(from: UnsafePointer(out + t * size), into: out + (t + 1) * size,
                                           rates: r, ageGroups: n, fertileAges: fertileAges, guarded: g, entering: a)
                if let births {
                    births[2 * t] = b.female
                    births[2 * t + 1] = b.male
                }
            }
        }
    }

    /// Runs every step from `population`; returns the start and every end-of-step state.
    public func run(from population: Population) throws(DemographyError) -> PackedProjectionResult {
        guard population.ages == ages else {
            throw .ageStructureMismatch(left: "population: \(population.ages)", right: "packed rates: \(ages)")
        }
        let size = 2 * ages.count
        var states = [Double](repeating: 0, count: (stepCount + 1) * size)
        var births = [Double](repeating: 0, count: 2 * stepCount)
        let start = population.counts.female + population.counts.male
        start.withUnsafeBufferPointer { s in
            states.withUnsafeMutableBufferPointer { out in
                births.withUnsafeMutableBufferPointer { b in run(start: s, states: out, births: b) }
            }
        }
        return PackedProjectionResult(ages: ages, states: states, births: births)
    }
}

/// Every state of a packed run: `[time][sex][age]`, time 0 the start.
public struct PackedProjectionResult: Sendable, Hashable {
    /// The age groups.
    public let ages: AgeStructure
    /// (T+1)·2n counts: state t is `states[t·2n ..< (t+1)·2n]`, females first.
    public let states: [Double]
    /// Female then male births of each step (2·T).
    public let births: [Double]

    /// The population at time `t` (0 = start).
    public func population(at t: Int) -> Population {
        let n = ages.count, o = t * 2 * n
        return Population(trusted: ages, counts: BySex(female: Array(states[o..<(o + n)]),
                                                       male: Array(states[(o + n)..<(o + 2 * n)])))
    }
}

extension Projection {
    /// Runs every step on the allocation-free path (states and births by sex only).
    ///
    /// Identical numbers to ``run(progress:)``; for repeated runs keep a ``PackedProjection``.
    public func runFast() -> PackedProjectionResult {
        // The start population's ages were checked against every step in init.
        (try? PackedProjection(self).run(from: start))
            ?? PackedProjectionResult(ages: start.ages, states: [], births: [])
    }
}

extension Kernels {
    /// ``packedStep`` when h = 0 and no net migrant is negative: then g = M and
    /// a = P exactly, and the same values come out of one pass over the ages
    /// (end, migrants, floor) plus the births sum over the fertile ages, which
    /// recomputes end(x) = P(x−1)·S(x) with the same operations. Bit for bit the
    /// numbers of ``packedStep``; no scratch rows.
    @inline(__always)
    static func packedPlainStep(
        from p: UnsafePointer<Double>, into q: UnsafeMutablePointer<Double>, rates r: UnsafePointer<Double>,
        ageGroups n: Int, fertileAges: Range<Int>
    ) -> (female: Double, male: Double) {
        let size = 2 * n
        let s = r, m = r + size, f = r + 2 * size
        let srb = r[5 * n]
        // `below[x]` is P(x−1): shifted pointers keep index arithmetic (and its
        // overflow checks) out of the loops, so the age loop vectorises.
        var total = 0.0
        let belowF = p - 1
        for x in fertileAges {
            total += f[x] * (p[x] + belowF[x] * s[x])
        }
        for o in [0, n] {
            let below = p + o - 1, sr = s + o, mr = m + o, qr = q + o
            for x in 1..<(n - 1) {
                let v = below[x] * sr[x] + mr[x]
                qr[x] = v < 0 ? floor : v
            }
            let last = n - 1
            let v = (below[last] + below[last + 1]) * sr[last] + mr[last]
            qr[last] = v < 0 ? floor : v
        }
        let female = total / (1 + srb)
        let male = total - female
        let v0 = female * s[0] + m[0], vn = male * s[n] + m[n]
        q[0] = v0 < 0 ? floor : v0
        q[n] = vn < 0 ? floor : vn
        return (female, male)
    }

    /// One UN step for one population from packed rates (see ``PackedProjection``).
    /// Same operations and order as ``cohortComponentStep(from:rates:into:)`` plus
    /// the guard before and the floor after.
    @inline(__always)
    static func packedStep(
        from p: UnsafePointer<Double>, into q: UnsafeMutablePointer<Double>, rates r: UnsafePointer<Double>,
        ageGroups n: Int, fertileAges: Range<Int>,
        guarded g: UnsafeMutablePointer<Double>, entering a: UnsafeMutablePointer<Double>
    ) -> (female: Double, male: Double) {
        let size = 2 * n
        let s = r, m = r + size, f = r + 2 * size
        let srb = r[5 * n], h = r[5 * n + 1]
        let endShare = 1 - h
        for i in 0..<size {
            let gi = guarded(p[i], m[i])
            g[i] = gi
            a[i] = p[i] + h * gi
        }
        for o in stride(from: 0, through: n, by: n) {
            for x in 1..<(n - 1) { q[o + x] = a[o + x - 1] * s[o + x] }
            q[o + n - 1] = (a[o + n - 2] + p[o + n - 1] + h * g[o + n - 1]) * s[o + n - 1]
        }
        let e = h > 0 ? endShare : 0
        var total = 0.0
        for x in fertileAges {
            total += f[x] * (a[x] + q[x] + e * g[x])
        }
        let female = total / (1 + srb)
        let male = total - female
        q[0] = female * s[0]
        q[n] = male * s[n]
        for i in 0..<size {
            let v = q[i] + endShare * g[i]
            q[i] = v < 0 ? floor : v
        }
        return (female, male)
    }
}
