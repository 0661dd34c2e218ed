// Design note. The multiregional step with the regions split into blocks, one
// block per process (thousands of linked regions on many nodes). A process owns
// the destination rows `owned` of every R×R transition block and computes
// out(x)[owned] = T(x)[owned, ·]·a(x−1). That needs the whole entering
// population a, so the state is replicated: every process holds all S×A×R
// values and applies the (cheap, elementwise) migration guard to all of them.
// Two exchanges per step:
//   1. births: a process knows the births of the mothers living in its regions,
//      but the babies' transition block T(0) moves them between regions, so the
//      births of every region are shared before the infants are placed (R·K values);
//   2. the end populations of the owned rows, before the UN floor (S·A·R·K values
//      in all); every process then applies the floor to the whole state.
// Per step and column a process does 2·S·(A+1)·R·|owned| flops of R×R products
// and receives R·(S·A + 1) values. Each row is summed exactly as the whole-R
// product sums it, so the result does not depend on how the regions are split.

extension Kernels {
    /// One structured multiregional step computed for the destination regions
    /// `owned` only (K columns).
    ///
    /// On return the owned rows of every age-sex group of `out` hold the end
    /// population before the UN floor; the other rows are not written.
    /// `workspace.entering` and `workspace.applied` hold every cell (replicated),
    /// `workspace.births` every region's births once `shareBirths` has filled in
    /// the regions other processes own (it receives the buffer with the owned
    /// rows computed).
    static func multiregionalBlockStep(
        from start: UnsafeBufferPointer<Double>, rates: MultiregionalRateBuffers, columns k: Int,
        owned: Range<Int>, workspace: inout MultiregionalWorkspace, into out: UnsafeMutableBufferPointer<Double>,
        shareBirths: (UnsafeMutableBufferPointer<Double>) -> Void
    ) {
        let a = rates.ages, r = rates.regions, group = r * k, m = owned.count
        let rowOffset = owned.lowerBound * r, columnOffset = owned.lowerBound * k
        workspace.entering.withUnsafeMutableBufferPointer { entering in
            workspace.applied.withUnsafeMutableBufferPointer { applied in
                workspace.births.withUnsafeMutableBufferPointer { births in
                    multiregionalEnter(start, rates: rates, columns: k, entering: entering, applied: applied)
                    let input = entering.baseAddress!, output = out.baseAddress!
                    for s in 0..<rates.sexes {
                        for x in 1..<a {
                            exchange(rates.block(s, x) + rowOffset, input + (s * a + x - 1) * group,
                                     into: output + (s * a + x) * group + columnOffset, regions: r, rows: m, columns: k)
                        }
                        if !rates.openStayersAreZero {
                            exchange(rates.block(s, a) + rowOffset, input + (s * a + a - 1) * group,
                                     into: output + (s * a + a - 1) * group + columnOffset, regions: r, rows: m,
                                     columns: k, beta: 1)
                        }
                    }
                    multiregionalBirths(entering: UnsafeBufferPointer(entering), applied: UnsafeBufferPointer(applied),
                                        survived: UnsafeBufferPointer(out), rates: rates, columns: k, extraOnly: false,
                                        regions: owned, into: births)
                    shareBirths(births)
                    for s in 0..<rates.sexes {
                        exchange(rates.block(s, 0) + rowOffset, births.baseAddress!,
                                 into: output + s * a * group + columnOffset, regions: r, rows: m, columns: k,
                                 alpha: rates.birthShare(s))
                    }
                    let endShare = 1 - rates.shareAtStart
                    for g in 0..<(rates.sexes * a) {
                        for index in (g * group + columnOffset)..<(g * group + columnOffset + m * k) {
                            out[index] += endShare * applied[index]
                        }
                    }
                }
            }
        }
    }

    /// The UN floor over the whole state: a value below 0 becomes 0.0005.
    static func multiregionalFloor(_ out: UnsafeMutableBufferPointer<Double>, onFloor: ((Int, Double) -> Void)?) {
        for index in 0..<out.count where out[index] < 0 {
            onFloor?(index, out[index])
            out[index] = Kernels.floored(out[index])
        }
    }
}
