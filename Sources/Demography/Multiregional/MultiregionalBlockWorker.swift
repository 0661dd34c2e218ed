/// One thread's share of the build of a ``MultiregionalStep``'s transition blocks:
/// its own column-major buffers, reused from block to block, so that a block
/// costs one LAPACK `dgesv` on them and a few passes over R×R entries.
///
/// Block x of a closed group, 1 ≤ x < A − 1, is S(x−1) = A(x)⁻¹·B(x−1) with
/// A(x) = I + n/2·M(x) and B(x) = I − n/2·M(x) (``MultiregionalLifeTable``'s
/// closed form). The worker
///
/// 1. writes M(x) in column-major order straight from the migration and death
///    rates (a tiled transpose of the rates' destination-major blocks, the
///    out-migration rate of each origin summed over the destinations in
///    ascending order, as ``MultiregionalLifeTable/rateMatrix(rates:sexIndex:ageIndex:)``
///    sums it), and keeps the last two, so that going up or down the ages each
///    rate matrix is written once;
/// 2. forms I + n/2·M(x) and I − n/2·M(x−1) entry by entry, with the
///    expressions of `Matrix.adding(_:scaledBy:)`;
/// 3. solves in place with ``BufferLapack/solve(order:rightHandSides:_:pivots:_:)``:
///    the buffers LAPACK sees are those LAPACKE's row-major call makes from the
///    row-major matrices, so the block has the same bits;
/// 4. checks the columns of the solution for negative entries where they are
///    contiguous, and transposes it into the step's row-major block.
///
/// The births' block (I + P(0))/2 and the open group's block are built the same
/// way, in the order of operations of the life table's functions. Anything the
/// worker cannot vouch for — an age group where some region's n/2·(death +
/// out-migration rate) exceeds 1 (whose P(x) must be checked), a negative
/// column of P(0), a non-finite entry or a singular matrix — it declines, and
/// the caller builds that block with the life table's functions (and their
/// error messages).
final class MultiregionalBlockWorker {
    let r: Int
    /// Two column-major rate matrices and the (sex, age) of each (-1: none).
    private var rateMatrices: [UnsafeMutablePointer<Double>]
    private var held: [(sex: Int, age: Int)] = [(-1, -1), (-1, -1)]
    private let a: UnsafeMutablePointer<Double>
    private let b: UnsafeMutablePointer<Double>
    private let extra: UnsafeMutablePointer<Double>
    private let outflow: UnsafeMutablePointer<Double>
    private let pivots: UnsafeMutablePointer<Int32>

    init(regions r: Int) {
        self.r = r
        rateMatrices = [.allocate(capacity: r * r), .allocate(capacity: r * r)]
        a = .allocate(capacity: r * r)
        b = .allocate(capacity: r * r)
        extra = .allocate(capacity: r * r)
        outflow = .allocate(capacity: r)
        pivots = .allocate(capacity: r)
    }

    deinit {
        for m in rateMatrices { m.deallocate() }
        a.deallocate()
        b.deallocate()
        extra.deallocate()
        outflow.deallocate()
        pivots.deallocate()
    }

    /// Side of the tiles of the transposes (32×32 doubles: 8 KB read, 8 KB written).
    private static let tile = 32

    /// What became of a block the worker was asked for.
    enum Outcome {
        /// Written; `negativeRegion` is the first origin whose column has an entry
        /// below −1e-12 relative to its largest entry (nil: none), with that entry.
        case written(negativeRegion: Int?, lowest: Double)
        /// Not a block the worker builds (see the type's description).
        case declined
    }

    /// `a` = I + h·M(into) and `b` = I − h·M(from), the system P = A⁻¹·B of the linear
    /// method, entry by entry: 0 + c·m off the diagonal (which turns −0 into +0, as the
    /// sum does), 1 + c·m on it. Returns whether A is finite: each column of a rate matrix
    /// has its largest magnitude on the diagonal (the death rate plus the sum of the
    /// column's non-negative migration rates), so I + h·M is finite where its diagonal
    /// is — the test of Matrix.solve, on R entries instead of R².
    private func formSystem(into: UnsafePointer<Double>, from: UnsafePointer<Double>, halfWidth h: Double) -> Bool {
        let r = self.r, a = self.a, b = self.b
        for k in 0..<(r * r) {
            a[k] = 0.0 + h * into[k]
            b[k] = 0.0 + -h * from[k]
        }
        var finite = true
        for i in 0..<r {
            let d = i * r + i
            a[d] = 1.0 + h * into[d]
            b[d] = 1.0 + -h * from[d]
            finite = finite && a[d].isFinite
        }
        return finite
    }

    /// Block t (1 ≤ t < A − 1) of sex `s` written row-major at `out`, or declined.
    func closedBlock(_ t: Int, sexIndex s: Int, rates: MultiregionalRates, into out: UnsafeMutablePointer<Double>) -> Outcome {
        let n = Double(rates.width), h = n / 2
        // M(t) first: its diagonal decides whether P(t) must be checked.
        let into = rateMatrix(s, t, keeping: (s, t - 1), rates: rates)
        for i in 0..<r where n / 2 * into[i * r + i] > 1 { return .declined }
        let from = rateMatrix(s, t - 1, keeping: (s, t), rates: rates)
        guard formSystem(into: into, from: from, halfWidth: h),
              BufferLapack.solve(order: r, rightHandSides: r, a, pivots: pivots, b) == 0 else { return .declined }
        return finish(b, into: out)
    }

    /// Checks the column-major solution `c` for negative entries where its columns
    /// (the origins) are contiguous — ``MultiregionalStep/negativeOrigin(_:regions:)``'s
    /// test — and writes it row-major at `out` (and at `copy`).
    private func finish(_ c: UnsafeMutablePointer<Double>, into out: UnsafeMutablePointer<Double>,
                        copy: UnsafeMutablePointer<Double>? = nil) -> Outcome {
        var negative: (Int, Double)?
        for i in 0..<r where negative == nil {
            let (lowest, highest) = Self.extremes(c + i * r, count: r)
            if !(lowest >= -NegativeLinearTransition.tolerance * highest) { negative = (i, lowest) }
        }
        transpose(c, into: out)
        if let copy { copy.update(from: out, count: r * r) }
        return .written(negativeRegion: negative?.0, lowest: negative?.1 ?? 0)
    }

    /// Block 0, (I + P(0))/2 with P(0) = (I + n/2·M(0))⁻¹(I − n/2·M(0)), as
    /// `(I + 1·P(0)·I)·(n/2)·(1/n)`, the expression of the life table's L(0)/n (the
    /// product by I is exact and I + 1·(±0) is +0, so it is left out); declined
    /// when P(0) has a negative column.
    func birthsBlock(sexIndex s: Int, rates: MultiregionalRates, into out: UnsafeMutablePointer<Double>) -> Outcome {
        let n = Double(rates.width), h = n / 2
        let m = rateMatrix(s, 0, keeping: (s, 1), rates: rates)
        let r = self.r, b = self.b
        guard formSystem(into: m, from: m, halfWidth: h),
              BufferLapack.solve(order: r, rightHandSides: r, a, pivots: pivots, b) == 0 else { return .declined }
        for i in 0..<r {
            // MultiregionalLifeTable.negativeColumns's test; a NaN (which the product by I would spread) is left to the caller too.
            var lowest = 0.0, nan = false
            for j in 0..<r {
                lowest = min(lowest, b[i * r + j])
                nan = nan || b[i * r + j].isNaN
            }
            if lowest < -NegativeLinearTransition.tolerance || nan { return .declined }
        }
        for i in 0..<r {
            for j in 0..<r { b[i * r + j] = (((i == j ? 1.0 : 0.0) + b[i * r + j]) * h) * (1 / n) }
        }
        return finish(b, into: out)
    }

    /// Block A − 1 into the open group: with the merge, M(ω)⁻¹·B·(n·M(ω) + B)⁻¹·M(ω)
    /// (written at `out` and at `out` + R², block A) — two solves and a product, in
    /// the order of ``MultiregionalLifeTable/mergedOpenGroupSurvival(lastClosed:open:width:)`` —,
    /// without it M(ω)⁻¹·(B/n); B = I − n/2·M(ω−n).
    func openGroupBlock(sexIndex s: Int, merged: Bool, rates: MultiregionalRates, into out: UnsafeMutablePointer<Double>) -> Outcome {
        let ages = rates.ages.count, n = Double(rates.width), h = n / 2
        let open = rateMatrix(s, ages - 1, keeping: (s, ages - 2), rates: rates)
        let last = rateMatrix(s, ages - 2, keeping: (s, ages - 1), rates: rates)
        let r = self.r, size = r * r, a = self.a, b = self.b, e = self.extra
        func allFinite(_ p: UnsafeMutablePointer<Double>) -> Bool { UnsafeBufferPointer(start: p, count: size).allSatisfy(\.isFinite) }
        // B = I − n/2·M(ω−n), in e.
        for k in 0..<size { e[k] = 0.0 + -h * last[k] }
        for i in 0..<r { e[i * r + i] = 1.0 + -h * last[i * r + i] }
        guard allFinite(open) else { return .declined }
        if !merged {
            for k in 0..<size { b[k] = e[k] * (1 / n) }
            a.update(from: open, count: size)
            guard BufferLapack.solve(order: r, rightHandSides: r, a, pivots: pivots, b) == 0 else { return .declined }
            return finish(b, into: out)
        }
        // X = (B + n·M(ω))⁻¹·M(ω), in b.
        for k in 0..<size { a[k] = e[k] + n * open[k] }
        guard allFinite(a) else { return .declined }
        b.update(from: open, count: size)
        guard BufferLapack.solve(order: r, rightHandSides: r, a, pivots: pivots, b) == 0 else { return .declined }
        // B·X by the row-major DGEMM of Matrix.multiply on row-major copies (OpenBLAS's
        // kernels for small matrices round otherwise with the operands' roles swapped),
        // back into column-major order in a.
        transpose(e, into: a)
        transpose(b, into: e)
        BufferBlas.gemm(rows: r, columns: r, inner: r, alpha: 1, a, e, beta: 0, b)
        transpose(b, into: a)
        // M(ω)⁻¹·(B·X), in a.
        e.update(from: open, count: size)
        guard BufferLapack.solve(order: r, rightHandSides: r, e, pivots: pivots, a) == 0 else { return .declined }
        return finish(a, into: out, copy: out + size)
    }

    /// min(0, smallest entry) and max(1, largest entry) of `count` entries, NaNs
    /// ignored: Swift's `min` and `max` in four interleaved chains, combined by
    /// the same rules (equal minima or maxima have the same bits except zeros, and
    /// a zero never replaces the +0 the minimum starts from), so the result is
    /// that of one chain in order.
    @inline(__always)
    static func extremes(_ p: UnsafePointer<Double>, count: Int) -> (lowest: Double, highest: Double) {
        var l0 = 0.0, l1 = 0.0, l2 = 0.0, l3 = 0.0, h0 = 1.0, h1 = 1.0, h2 = 1.0, h3 = 1.0
        var j = 0
        while j + 4 <= count {
            l0 = min(l0, p[j]); h0 = max(h0, p[j])
            l1 = min(l1, p[j + 1]); h1 = max(h1, p[j + 1])
            l2 = min(l2, p[j + 2]); h2 = max(h2, p[j + 2])
            l3 = min(l3, p[j + 3]); h3 = max(h3, p[j + 3])
            j += 4
        }
        while j < count {
            l0 = min(l0, p[j]); h0 = max(h0, p[j])
            j += 1
        }
        return (min(min(min(l0, l1), l2), l3), max(max(max(h0, h1), h2), h3))
    }

    /// The column-major M(x) of sex `s`, from the two held or written over the one
    /// that is not `keeping`.
    private func rateMatrix(_ s: Int, _ x: Int, keeping: (Int, Int), rates: MultiregionalRates) -> UnsafeMutablePointer<Double> {
        if let slot = held.firstIndex(where: { $0 == (s, x) }) { return rateMatrices[slot] }
        let slot = held[0] == keeping ? 1 : 0
        held[slot] = (s, x)
        let m = rateMatrices[slot], r = self.r, a = rates.ages.count, tile = Self.tile, outflow = self.outflow
        rates.migration.rates.withUnsafeBufferPointer { flows in
            // Row j of the rates' block is destination j: M[j, i] = −O(i → j) goes to m[i·R + j].
            guard let flows = flows.baseAddress else { return }
            let source = flows + (s * a + x) * r * r
            // The out-migration rate of origin i, summed over the destinations j in order
            // (tile rows in order; the rates' diagonal is stored as +0, so adding it changes nothing).
            for i in 0..<r { outflow[i] = 0 }
            for jb in stride(from: 0, to: r, by: tile) {
                let jEnd = min(jb + tile, r)
                for ib in stride(from: 0, to: r, by: tile) {
                    let iEnd = min(ib + tile, r)
                    for j in jb..<jEnd {
                        let row = source + j &* r
                        for i in ib..<iEnd {
                            let o = row[i]
                            m[i &* r &+ j] = -o
                            outflow[i] += o
                        }
                    }
                }
            }
        }
        rates.deathRates.withUnsafeBufferPointer { deaths in
            for i in 0..<r { m[i * r + i] = deaths[(s * a + x) * r + i] + outflow[i] }
        }
        return m
    }

    /// out[j·R + i] = c[i·R + j]: a column-major R×R matrix into row-major order.
    private func transpose(_ c: UnsafeMutablePointer<Double>, into out: UnsafeMutablePointer<Double>) {
        let r = self.r, tile = Self.tile
        for jb in stride(from: 0, to: r, by: tile) {
            let jEnd = min(jb + tile, r)
            for ib in stride(from: 0, to: r, by: tile) {
                let iEnd = min(ib + tile, r)
                for j in jb..<jEnd {
                    let row = out + j &* r
                    for i in ib..<iEnd { row[i] = c[i &* r &+ j] }
                }
            }
        }
    }
}
