import Foundation

/// The transition blocks of a ``MultiregionalStep``, built straight from the
/// rate matrices, each block on its own and the blocks of all sexes shared by
/// the cores.
///
/// A block needs only the rate matrices of two neighbouring age groups
/// (``MultiregionalLifeTable``'s closed forms): with A(x) = I + n/2·M(x) and
/// B(x) = I − n/2·M(x),
///
/// - block 0, the births' survival: (I + P(0))/2 with P(0) = A(0)⁻¹·B(0);
/// - block x, 1 ≤ x < A: S(x−1) = A(x)⁻¹·B(x−1), into the open group
///   M(ω)⁻¹·B(ω−n)/n, or with ``OpenAgeGroupRule/mergedWithLastClosedGroup`` the
///   merged survivorship M(ω)⁻¹·B·(n·M(ω) + B)⁻¹·M(ω) (also block A, computed once).
///
/// So the survivors l(x) and person-years L(x) of the life table, which the
/// step does not keep, are never formed: one LAPACK `dgesv` (LU and two
/// triangular solves with R right-hand sides, about 8/3·R³ flops) a block,
/// where the walk through the life table did three solves and a product. The
/// transition matrices P(x), x ≥ 1, are solved only in the age groups where
/// some region has n/2·(death + out-migration rate) above 1, the only ones
/// where P can have a negative entry (``NegativeLinearTransition``), to refuse
/// them with the same message.
///
/// The blocks are built by ``MultiregionalBlockWorker`` on column-major buffers
/// of its own, handed to `dgesv` with no copy; a block it declines, with the
/// life table's functions. The numbers are those of the walk, operation for
/// operation (the same LAPACK calls on the same matrices).
///
/// The cores: every LAPACK call runs on one OpenBLAS thread
/// (``LinearAlgebraThreads/one(_:)``: its LU rounds differently with more
/// threads, so the blocks, like the life table's matrices, do not depend on the
/// thread setting), and from 32 regions the blocks are shared by all the cores
/// (``MultiregionalBlockQueue``): each worker takes its share of the ages in order, then
/// helps the others from the far end of theirs, so that a worker rarely writes
/// a rate matrix twice.
extension MultiregionalStep {
    /// The blocks of all sexes (per sex A+1 blocks of R×R, row = destination);
    /// a failure is the first in sex order, then in age order, a refused
    /// negative entry (``negativeBlockError(sex:ageIndex:region:lowest:rates:)``)
    /// after the failures of the same sex.
    static func buildBlocks(rates: MultiregionalRates, openAgeGroup: OpenAgeGroupRule) throws(DemographyError) -> [Double] {
        let r = rates.regions.count, a = rates.ages.count, size = r * r
        let tasks = rates.sexes.count * (a + 1)
        var outcomes = [BlockOutcome](repeating: .zero, count: tasks)
        let threads = r >= 32 ? max(1, min(ProcessInfo.processInfo.activeProcessorCount, tasks)) : 1
        let queue = MultiregionalBlockQueue(tasks: tasks, workers: threads)
        // Every block is written by the worker that builds it (zeros included): the
        // pages are touched once, by all the cores, not cleared first by one.
        let blocks = LinearAlgebraThreads.one { [Double](unsafeUninitializedCapacity: tasks * size) { blockBuffer, count in
            outcomes.withUnsafeMutableBufferPointer { outcomeBuffer in
                guard let base = blockBuffer.baseAddress else { return }
                adviseHugePages(base, count: tasks * size)
                let out = UncheckedSendable((base, outcomeBuffer))
                let work: @Sendable (Int) -> Void = { w in
                    let worker = MultiregionalBlockWorker(regions: r)
                    while let k = queue.next(w) {
                        out.value.1[k] = buildBlock(k, worker: worker, rates: rates, openAgeGroup: openAgeGroup, blocks: out.value.0)
                    }
                }
                if threads == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: threads, execute: work) }
            }
            count = tasks * size
        } }
        for (s, sex) in rates.sexes.enumerated() {
            let range = (s * (a + 1))..<((s + 1) * (a + 1))
            for k in range { if case .failure(let error) = outcomes[k] { throw error } }
            for k in range {
                if case .negative(let region, let lowest) = outcomes[k] {
                    throw negativeBlockError(sex: sex, ageIndex: k - range.lowerBound, region: region, lowest: lowest, rates: rates)
                }
            }
        }
        return blocks
    }

    /// Asks Linux to back the blocks with 2 MB pages where it can (transparent huge
    /// pages in `madvise` mode): the first write to each page costs a fault, and
    /// 4 KB pages would take 64,000 of them at 400 regions.
    private static func adviseHugePages(_ base: UnsafeMutablePointer<Double>, count: Int) {
        #if os(Linux)
        let page = 2 << 20
        let start = (Int(bitPattern: base) + page - 1) / page * page
        let end = (Int(bitPattern: base + count)) / page * page
        if end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) {
            _ = madvise(pointer, end - start, MADV_HUGEPAGE)
        }
        #endif
    }

    /// What became of one block.
    enum BlockOutcome {
        /// Written, or zero by definition (the open stayers without the merge).
        case zero
        case written
        case failure(DemographyError)
        /// Written, with an entry of origin `region` below −1e-12 of its column's largest.
        case negative(region: Int, lowest: Double)
    }

    /// Builds block k (sex k / (A+1), group k mod (A+1)) into `blocks`.
    private static func buildBlock(
        _ k: Int, worker: MultiregionalBlockWorker, rates: MultiregionalRates, openAgeGroup: OpenAgeGroupRule,
        blocks: UnsafeMutablePointer<Double>
    ) -> BlockOutcome {
        let r = rates.regions.count, a = rates.ages.count, size = r * r
        let s = k / (a + 1), t = k % (a + 1), sex = rates.sexes[s]
        let merged = openAgeGroup == .mergedWithLastClosedGroup
        let out = blocks + k * size
        let built: MultiregionalBlockWorker.Outcome
        switch t {
        case 0: built = worker.birthsBlock(sexIndex: s, rates: rates, into: out)
        case a - 1: built = worker.openGroupBlock(sexIndex: s, merged: merged, rates: rates, into: out)
        case a: built = .declined
        default: built = worker.closedBlock(t, sexIndex: s, rates: rates, into: out)
        }
        if case .written(let region, let lowest) = built {
            return region.map { .negative(region: $0, lowest: lowest) } ?? .written
        }
        // The merged open group is block A − 1 and block A: computed once, for A − 1.
        if t == a {
            if !merged { out.update(repeating: 0, count: size) }
            return .zero
        }
        let m: Matrix?
        do throws(DemographyError) { m = try block(t, rates: rates, sexIndex: s, sex: sex, openAgeGroup: openAgeGroup) } catch {
            return .failure(error)
        }
        guard let m else {
            out.update(repeating: 0, count: size)
            if t == a - 1 && merged { (out + size).update(repeating: 0, count: size) }
            return .zero
        }
        var outcome = BlockOutcome.written
        m.entries.withUnsafeBufferPointer { entries in
            guard let source = entries.baseAddress else { return }
            out.update(from: source, count: size)
            if t == a - 1 && merged { (out + size).update(from: source, count: size) }
            if let (region, lowest) = negativeOrigin(source, regions: r) { outcome = .negative(region: region, lowest: lowest) }
        }
        return outcome
    }

    /// The first origin (column) of the row-major block at `p` with an entry below
    /// −1e-12 relative to the column's largest entry when above 1, with that entry.
    static func negativeOrigin(_ p: UnsafePointer<Double>, regions r: Int) -> (Int, Double)? {
        for i in 0..<r {
            var lowest = 0.0, highest = 1.0
            for j in 0..<r {
                let v = p[j * r + i]
                lowest = min(lowest, v)
                highest = max(highest, v)
            }
            if !(lowest >= -NegativeLinearTransition.tolerance * highest) { return (i, lowest) }
        }
        return nil
    }

    /// Refuses a transition block of `sex` with an entry below −1e-12 (relative to
    /// the column's largest entry, when above 1): it would move a negative number
    /// of persons. Rates that pass ``NegativeLinearTransition``'s check give none
    /// in the closed groups; this is the guard for every block, the merged open group included.
    static func negativeBlockError(sex: Sex, ageIndex t: Int, region i: Int, lowest: Double, rates: MultiregionalRates) -> DemographyError {
        let a = rates.ages.count
        let group = t == a ? "staying in the open age group \(rates.ages.openAge)+"
            : t == 0 ? "born during the step" : "moving from age \(rates.ages.startAges[t - 1]) to \(rates.ages.startAges[t])"
        return .invalidParameter(
            name: "\(sex.rawValue) survivorship proportion of \(rates.regions[i]) for persons \(group)", value: lowest,
            expected: NegativeLinearTransition.expectation(width: rates.width))
    }

    /// Block `t` of `sex` (nil: zero, the open stayers without the merge).
    private static func block(
        _ t: Int, rates: MultiregionalRates, sexIndex s: Int, sex: Sex, openAgeGroup: OpenAgeGroupRule
    ) throws(DemographyError) -> Matrix? {
        let a = rates.ages.count, n = Double(rates.width)
        let identity = Matrix.identity(rates.regions.count)
        func rateMatrix(_ x: Int) -> Matrix { MultiregionalLifeTable.rateMatrix(rates: rates, sexIndex: s, ageIndex: x) }
        let merged = openAgeGroup == .mergedWithLastClosedGroup
        if t == a {
            return merged ? try mergedBlock(rates: rates, sex: sex, lastClosed: rateMatrix(a - 2), open: rateMatrix(a - 1)) : nil
        }
        // P(x) of the closed group t, where the step needs it (t = 0) or where it may have a negative entry.
        if t < a - 1 {
            let m = rateMatrix(t)
            if t == 0 || (0..<m.rows).contains(where: { n / 2 * m[$0, $0] > 1 }) {
                let p: Matrix
                do { p = try identity.adding(m, scaledBy: n / 2).solve(identity.adding(m, scaledBy: -n / 2)) } catch {
                    throw MultiregionalLifeTable.failure(sex, ageIndex: t, ages: rates.ages, error)
                }
                if let negative = MultiregionalLifeTable.negativeColumns(p).first {
                    throw rates.negativeTransition(sex: sex, ageIndex: t, region: negative.index, entry: negative.entry, rateMatrix: m).error
                }
                // (I + P(0))/2, as L(0)/n of the life table with l(0) = I.
                if t == 0 { return identity.adding(p.multiply(identity), scaledBy: 1).scaled(by: n / 2).scaled(by: 1 / n) }
            }
        }
        if t == a - 1 && merged {
            return try mergedBlock(rates: rates, sex: sex, lastClosed: rateMatrix(a - 2), open: rateMatrix(a - 1))
        }
        return try MultiregionalLifeTable.survivalProportion(
            from: rateMatrix(t - 1), into: rateMatrix(t), intoOpenGroup: t == a - 1, width: rates.width,
            sex: sex, ages: rates.ages, ageIndex: t - 1)
    }

    /// L(ω)·(L(ω−n) + L(ω))⁻¹, the last closed and the open group into the open group.
    private static func mergedBlock(rates: MultiregionalRates, sex: Sex, lastClosed: Matrix, open: Matrix) throws(DemographyError) -> Matrix {
        do throws(LinearAlgebraError) {
            return try MultiregionalLifeTable.mergedOpenGroupSurvival(lastClosed: lastClosed, open: open, width: rates.width)
        } catch {
            throw .noSolution(problem: "\(sex.rawValue) open-group survivorship",
                              reason: "a person-years matrix is not invertible (\(error.description))")
        }
    }
}
