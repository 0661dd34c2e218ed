// Design note. The multiregional step in structured form (Rogers 1975, ch. 4;
// Willekens & Rogers 1978, ch. 3). The generalised Leslie matrix G has, per sex,
// R×R blocks S(x) on its block sub-diagonal and births in its first block row;
// everything else is zero, so G·n wastes a factor of about 2A (PERFORMANCE.md
// §3.3). Here each age-sex group is one product of its R×R transition block
// with the R×K block of the group below it (K trajectories as columns): a real
// DGEMM once R ≳ 16, a short loop below. Births are an elementwise sum over
// ages. Priorities: the same numbers as the dense block form and, with no
// internal migration, as the single-region CCMPP kernel; then speed.

/// The rates of one multiregional step as contiguous buffers.
///
/// Layouts (R regions, A age groups, S sexes, K columns):
/// - transitions: per sex, A+1 blocks R×R (row = destination, column = origin):
///   block 0 moves births into the first group, block x (1 ≤ x ≤ A−1) moves
///   group x−1 into x, block A keeps the open group in the open group;
/// - fertility: A×R, births per woman per year;
/// - migrants: S×A×R external net migrants, the same for every column;
/// - states: S×A×R×K, column fastest.
struct MultiregionalRateBuffers {
    var transitions: UnsafeBufferPointer<Double>
    var fertility: UnsafeBufferPointer<Double>
    var migrants: UnsafeBufferPointer<Double>
    var sexes: Int
    var ages: Int
    var regions: Int
    /// h — the share of the external migrants added at the start (0 or ½).
    var shareAtStart: Double
    /// n — the width of the step in years.
    var width: Double
    /// 1/(1 + SRB), or 1 with females only.
    var femaleShare: Double
    /// Whether block A (open-group stayers) is zero (Willekens & Rogers' convention).
    var openStayersAreZero: Bool

    /// R×R — the size of one transition block.
    var blockSize: Int { regions * regions }

    /// The transition block `t` of sex `s`.
    @inline(__always)
    func block(_ s: Int, _ t: Int) -> UnsafePointer<Double> {
        transitions.baseAddress! + (s * (ages + 1) + t) * blockSize
    }

    /// The share of births of sex `s`.
    @inline(__always)
    func birthShare(_ s: Int) -> Double { s == 0 ? femaleShare : 1 - femaleShare }
}

/// Scratch buffers of a multiregional run, allocated once and reused every step.
struct MultiregionalWorkspace {
    /// a = P + h·M, the populations exposed to the step (S×A×R×K).
    var entering: [Double]
    /// The external migrants after the guard (S×A×R×K).
    var applied: [Double]
    /// Births by region of the mother (R×K), both sexes.
    var births: [Double]
    /// Births from the migrants' extra exposure (dense form only, R×K).
    var extraBirths: [Double]

    init(sexes: Int, ages: Int, regions: Int, columns: Int) {
        let state = sexes * ages * regions * columns
        entering = [Double](repeating: 0, count: state)
        applied = [Double](repeating: 0, count: state)
        births = [Double](repeating: 0, count: regions * columns)
        extraBirths = [Double](repeating: 0, count: regions * columns)
    }
}

extension Kernels {
    /// The number of regions from which the exchange goes through DGEMM rather
    /// than a loop (PERFORMANCE.md §3.3: the ridge is crossed at R ≈ 18–23).
    static let exchangeGemmThreshold = 16

    /// out = α·T·in + β·out for one age-sex group: T is R×R, in and out R×K.
    /// With `rows` m < R, T is the first m rows of a block (a region block's
    /// destinations) and out is m×K; each row is summed as in the full product.
    @inline(__always)
    static func exchange(
        _ t: UnsafePointer<Double>, _ input: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>,
        regions r: Int, rows: Int? = nil, columns k: Int, alpha: Double = 1, beta: Double = 0
    ) {
        let m = rows ?? r
        if r >= exchangeGemmThreshold {
            BufferBlas.gemm(rows: m, columns: k, inner: r, alpha: alpha, t, input, beta: beta, out)
            return
        }
        for i in 0..<m {
            for c in 0..<k {
                var sum = 0.0
                for j in 0..<r { sum += t[i * r + j] * input[j * k + c] }
                out[i * k + c] = beta == 0 ? alpha * sum : alpha * sum + beta * out[i * k + c]
            }
        }
    }

    /// Guard and entry of the external migrants: M' = guard(P, M) (the UN's
    /// migration guard, ``Kernels/guarded(_:_:)``), then a = P + h·M'.
    static func multiregionalEnter(
        _ start: UnsafeBufferPointer<Double>, rates: MultiregionalRateBuffers, columns k: Int,
        entering: UnsafeMutableBufferPointer<Double>, applied: UnsafeMutableBufferPointer<Double>
    ) {
        let h = rates.shareAtStart
        let cells = rates.sexes * rates.ages * rates.regions
        for cell in 0..<cells {
            let m = rates.migrants[cell]
            for c in 0..<k {
                let index = cell * k + c
                let p = start[index]
                let moved = guarded(p, m)
                applied[index] = moved
                entering[index] = p + h * moved
            }
        }
    }

    /// Survival and exchange of every closed group and the open group:
    /// out(x) = T(x)·a(x−1), out(ω) = T(ω)·a(ω−1) + T_open·a(ω). Leaves out(0) alone.
    static func multiregionalSurvive(
        _ entering: UnsafeBufferPointer<Double>, rates: MultiregionalRateBuffers, columns k: Int,
        into out: UnsafeMutableBufferPointer<Double>
    ) {
        let a = rates.ages, r = rates.regions, group = r * k
        let input = entering.baseAddress!, output = out.baseAddress!
        for s in 0..<rates.sexes {
            for x in 1..<a {
                exchange(rates.block(s, x), input + (s * a + x - 1) * group, into: output + (s * a + x) * group,
                         regions: r, columns: k)
            }
            if !rates.openStayersAreZero {
                exchange(rates.block(s, a), input + (s * a + a - 1) * group, into: output + (s * a + a - 1) * group,
                         regions: r, columns: k, beta: 1)
            }
        }
    }

    /// Births by region of the mother, B = n/2·Σₓ F(x)·exposure(x), over the closed
    /// groups after the first: exposure = a_f(x) + out_f(x) (+ (1−h)·M'_f(x) when h > 0),
    /// or only the migrants' extra exposure when `extraOnly`; for the mothers of
    /// the regions `owned` only when given (the rest of `births` is left alone).
    static func multiregionalBirths(
        entering: UnsafeBufferPointer<Double>, applied: UnsafeBufferPointer<Double>,
        survived out: UnsafeBufferPointer<Double>, rates: MultiregionalRateBuffers, columns k: Int,
        extraOnly: Bool, regions owned: Range<Int>? = nil, into births: UnsafeMutableBufferPointer<Double>
    ) {
        let r = rates.regions, group = r * k
        let h = rates.shareAtStart
        let extra = h > 0 ? 1 - h : 0
        let halfWidth = 0.5 * rates.width
        let mothers = owned ?? 0..<r
        for index in (mothers.lowerBound * k)..<(mothers.upperBound * k) { births[index] = 0 }
        for x in 1..<(rates.ages - 1) {
            let o = x * group
            for i in mothers {
                let f = halfWidth * rates.fertility[x * r + i]
                if f == 0 { continue }
                for c in 0..<k {
                    let index = o + i * k + c
                    let exposure = extraOnly ? extra * applied[index]
                        : entering[index] + out[index] + extra * applied[index]
                    births[i * k + c] += f * exposure
                }
            }
        }
    }

    /// The first group: out_s(0) = share_s·T_s(0)·B (+ out_s(0) when `accumulate`).
    static func multiregionalPlaceBirths(
        _ births: UnsafeBufferPointer<Double>, rates: MultiregionalRateBuffers, columns k: Int,
        accumulate: Bool, into out: UnsafeMutableBufferPointer<Double>
    ) {
        let a = rates.ages, r = rates.regions
        for s in 0..<rates.sexes {
            exchange(rates.block(s, 0), births.baseAddress!, into: out.baseAddress! + s * a * r * k,
                     regions: r, columns: k, alpha: rates.birthShare(s), beta: accumulate ? 1 : 0)
        }
    }

    /// out += (1 − h)·M', then the UN floor: a value below 0 becomes 0.0005.
    /// - Returns: the number of floored cells.
    @discardableResult
    static func multiregionalFinish(
        applied: UnsafeBufferPointer<Double>, rates: MultiregionalRateBuffers,
        into out: UnsafeMutableBufferPointer<Double>, onFloor: ((Int, Double) -> Void)? = nil
    ) -> Int {
        let endShare = 1 - rates.shareAtStart
        var floored = 0
        for index in 0..<out.count {
            let v = out[index] + endShare * applied[index]
            if v < 0 {
                onFloor?(index, v)
                floored += 1
            }
            out[index] = Kernels.floored(v)
        }
        return floored
    }

    /// One structured multiregional step for K columns; `out` receives the end state.
    ///
    /// With migrants at the end of the step (h = 0) the entering population is the
    /// start population, and each age-sex group is finished (births, migrants,
    /// floor) right after the product that produced it, while it is still in
    /// cache; `workspace.entering` is then not written and the applied migrants
    /// go to `workspace.applied` (unless `keepAccounts` is false: the batch path).
    static func multiregionalStep(
        from start: UnsafeBufferPointer<Double>, rates: MultiregionalRateBuffers, columns k: Int,
        workspace: inout MultiregionalWorkspace, into out: UnsafeMutableBufferPointer<Double>,
        keepAccounts: Bool = true, onFloor: ((Int, Double) -> Void)? = nil
    ) {
        if rates.shareAtStart == 0 {
            workspace.applied.withUnsafeMutableBufferPointer { applied in
                workspace.births.withUnsafeMutableBufferPointer { births in
                    multiregionalFusedEndOfStep(from: start, rates: rates, columns: k, applied: keepAccounts ? applied : nil,
                                                births: births, into: out, onFloor: onFloor)
                }
            }
            return
        }
        workspace.entering.withUnsafeMutableBufferPointer { entering in
            workspace.applied.withUnsafeMutableBufferPointer { applied in
                workspace.births.withUnsafeMutableBufferPointer { births in
                    multiregionalEnter(start, rates: rates, columns: k, entering: entering, applied: applied)
                    multiregionalSurvive(UnsafeBufferPointer(entering), rates: rates, columns: k, into: out)
                    multiregionalBirths(entering: UnsafeBufferPointer(entering), applied: UnsafeBufferPointer(applied),
                                        survived: UnsafeBufferPointer(out), rates: rates, columns: k,
                                        extraOnly: false, into: births)
                    multiregionalPlaceBirths(UnsafeBufferPointer(births), rates: rates, columns: k, accumulate: false, into: out)
                    multiregionalFinish(applied: UnsafeBufferPointer(applied), rates: rates, into: out, onFloor: onFloor)
                }
            }
        }
    }

    /// The step with migrants at the end (h = 0), group by group:
    /// out(x) = T(x)·P(x−1), then group x−1 is finished while in cache:
    /// B += n/2·F(x−1)·(P_f(x−1) + out_f(x−1)); out(x−1) += M'(x−1); floor.
    static func multiregionalFusedEndOfStep(
        from start: UnsafeBufferPointer<Double>, rates: MultiregionalRateBuffers, columns k: Int,
        applied: UnsafeMutableBufferPointer<Double>?, births: UnsafeMutableBufferPointer<Double>,
        into out: UnsafeMutableBufferPointer<Double>, onFloor: ((Int, Double) -> Void)?
    ) {
        let a = rates.ages, r = rates.regions, group = r * k
        let input = start.baseAddress!, output = out.baseAddress!
        let halfWidth = 0.5 * rates.width
        for index in 0..<group { births[index] = 0 }

        /// Births from (female) group `g` before its migrants, then its migrants and floor.
        func finish(_ s: Int, _ x: Int) {
            let o = (s * a + x) * group
            if s == 0 && x >= 1 && x <= a - 2 {
                for i in 0..<r {
                    let f = halfWidth * rates.fertility[x * r + i]
                    if f == 0 { continue }
                    let row = o + i * k
                    for c in 0..<k { births[i * k + c] += f * (start[row + c] + out[row + c]) }
                }
            }
            for i in 0..<r {
                let m = rates.migrants[(s * a + x) * r + i]
                let row = o + i * k
                if let applied {
                    for c in 0..<k {
                        let p = start[row + c]
                        let moved = guarded(p, m)
                        applied[row + c] = moved
                        let v = out[row + c] + moved
                        if v < 0 { onFloor?(row + c, v) }
                        out[row + c] = Kernels.floored(v)
                    }
                } else {
                    // Batch path: no accounts, a loop the compiler can vectorise.
                    for c in 0..<k {
                        out[row + c] = Kernels.floored(out[row + c] + guarded(start[row + c], m))
                    }
                }
            }
        }

        for s in 0..<rates.sexes {
            for x in 1..<a {
                exchange(rates.block(s, x), input + (s * a + x - 1) * group, into: output + (s * a + x) * group,
                         regions: r, columns: k)
                if x == a - 1 && !rates.openStayersAreZero {
                    exchange(rates.block(s, a), input + (s * a + a - 1) * group, into: output + (s * a + a - 1) * group,
                             regions: r, columns: k, beta: 1)
                }
                if x >= 2 { finish(s, x - 1) }
            }
            finish(s, a - 1)
            if s == 0 {
                // All female exposure is counted: place the girls (and, below, the boys).
                exchange(rates.block(0, 0), births.baseAddress!, into: output, regions: r, columns: k,
                         alpha: rates.birthShare(0))
                finish(0, 0)
            } else {
                exchange(rates.block(s, 0), births.baseAddress!, into: output + s * a * group, regions: r, columns: k,
                         alpha: rates.birthShare(s))
                finish(s, 0)
            }
        }
    }

    /// One step through the dense generalised Leslie matrix G (order S·A·R):
    /// out = G·a, then the migrants' extra births and end-of-step share.
    static func multiregionalDenseStep(
        from start: UnsafeBufferPointer<Double>, matrix g: UnsafeBufferPointer<Double>,
        rates: MultiregionalRateBuffers, columns k: Int,
        workspace: inout MultiregionalWorkspace, into out: UnsafeMutableBufferPointer<Double>,
        onFloor: ((Int, Double) -> Void)? = nil
    ) {
        let order = rates.sexes * rates.ages * rates.regions
        workspace.entering.withUnsafeMutableBufferPointer { entering in
            workspace.applied.withUnsafeMutableBufferPointer { applied in
                workspace.births.withUnsafeMutableBufferPointer { births in
                    workspace.extraBirths.withUnsafeMutableBufferPointer { extra in
                        multiregionalEnter(start, rates: rates, columns: k, entering: entering, applied: applied)
                        BufferBlas.gemm(rows: order, columns: k, inner: order, alpha: 1, g.baseAddress!,
                                        entering.baseAddress!, beta: 0, out.baseAddress!)
                        if rates.shareAtStart > 0 {
                            multiregionalBirths(entering: UnsafeBufferPointer(entering), applied: UnsafeBufferPointer(applied),
                                                survived: UnsafeBufferPointer(out), rates: rates, columns: k,
                                                extraOnly: true, into: extra)
                            multiregionalPlaceBirths(UnsafeBufferPointer(extra), rates: rates, columns: k, accumulate: true, into: out)
                        }
                        // Births by region for the accounts (out(x), x ≥ 1, is already final here).
                        multiregionalBirths(entering: UnsafeBufferPointer(entering), applied: UnsafeBufferPointer(applied),
                                            survived: UnsafeBufferPointer(out), rates: rates, columns: k,
                                            extraOnly: false, into: births)
                        multiregionalFinish(applied: UnsafeBufferPointer(applied), rates: rates, into: out, onFloor: onFloor)
                    }
                }
            }
        }
    }
}
