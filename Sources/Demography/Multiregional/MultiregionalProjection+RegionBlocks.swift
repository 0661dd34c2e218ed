extension MultiregionalProjection {
    /// Runs the projection as one of several processes that split the regions
    /// between them, exchanging births and populations every step.
    ///
    /// Each process computes the destination regions `owned` of every step — the
    /// rows of each R×R transition block that end in its regions — and the births
    /// of the mothers living there; `allGather` then gives every process every
    /// other process's regions (twice per step: the births, because a baby born
    /// in one region may be counted in another at the end of the step, then the
    /// end populations). The populations of all regions are therefore known to
    /// every process after each step, and each process returns the whole result,
    /// with every account. Method: the structured step of ``MultiregionalStep``
    /// (Rogers 1975, ch. 4) with its products split by rows.
    ///
    /// **The same numbers however the regions are split.** Each row of a product
    /// is summed over the origins exactly as in the whole-R product, births and
    /// migrants are elementwise, and the UN floor is applied after the exchange,
    /// so with the blocks of ``regionBlock(part:of:regions:)`` the result equals
    /// ``run(form:progress:)`` in the structured form bit for bit (tested with 5,
    /// 17 and 39 regions on 1 to 7 processes). Other blocks can differ in the
    /// last digit (about 1e-16 relative per step), where a BLAS kernel sums a
    /// row in another order.
    ///
    /// Per step and process: 2·S·(A+1)·R·|owned| flops and R·(S·A + 1) values received.
    ///
    /// - Parameters:
    ///   - owned: the regions this process computes. The processes' blocks, in
    ///     process order, must be contiguous and cover every region once; take
    ///     them from ``regionBlock(part:of:regions:)`` for results that do not
    ///     depend on the split.
    ///   - allGather: given this process's values, every process's values in
    ///     process order (`MPI_Allgatherv`). Every process calls it the same
    ///     number of times; with one process it returns `[values]`.
    ///   - progress: called after each step with (steps done, steps in all).
    /// - Throws: ``DemographyError/invalidParameter(name:value:expected:)`` when
    ///   `owned` lies outside the regions or the gathered blocks do not make up
    ///   every region once; ``DemographyError/noSolution(problem:reason:)`` when
    ///   a population overflows (as ``run(form:progress:)``).
    public func run(
        owning owned: Range<Int>, allGather: ([Double]) -> [[Double]], progress: ((Int, Int) -> Void)? = nil
    ) throws(DemographyError) -> MultiregionalProjectionResult {
        let s = start.sexes.count, a = start.ages.count, r = start.regionCount
        guard owned.lowerBound >= 0, owned.upperBound <= r else {
            throw .invalidParameter(name: "regions owned by this process (\(owned.lowerBound)..<\(owned.upperBound))",
                                    value: Double(owned.count), expected: "a block within the \(r) regions")
        }
        let groups = s * a
        var workspace = MultiregionalWorkspace(sexes: s, ages: a, regions: r, columns: 1)
        var results: [MultiregionalStepResult] = []
        results.reserveCapacity(steps.count)
        var current = start
        for step in steps {
            var end = [Double](repeating: 0, count: current.counts.count)
            var problem: DemographyError?
            step.withRateBuffers { rates in
                current.counts.withUnsafeBufferPointer { population in
                    end.withUnsafeMutableBufferPointer { out in
                        Kernels.multiregionalBlockStep(
                            from: population, rates: rates, columns: 1, owned: owned, workspace: &workspace, into: out
                        ) { births in
                            let mine = Array(births[owned])
                            do throws(DemographyError) {
                                try MultiregionalProjection.assemble(allGather(mine), groups: 1, regions: r, into: births)
                            } catch { problem = error }
                        }
                    }
                }
            }
            if let problem { throw problem }
            var mine: [Double] = []
            mine.reserveCapacity(groups * owned.count)
            for g in 0..<groups { mine += end[(g * r + owned.lowerBound)..<(g * r + owned.upperBound)] }
            let gathered = allGather(mine)
            var floors: [(Int, Double)] = []
            try end.withUnsafeMutableBufferPointer { (out) throws(DemographyError) in
                try MultiregionalProjection.assemble(gathered, groups: groups, regions: r, into: out)
                Kernels.multiregionalFloor(out) { floors.append(($0, $1)) }
            }
            let result = step.result(from: current, end: end, floors: floors, workspace: workspace,
                                     enteringIsStart: step.migrationTiming.shareAtStart == 0)
            try checkFinite(result.population, step: results.count)
            results.append(result)
            current = result.population
            progress?(results.count, steps.count)
        }
        return MultiregionalProjectionResult(start: start, startYear: startYear, width: start.ages.uniformWidth ?? 1,
                                             form: .structured, steps: results)
    }

    /// The regions process `part` of `parts` owns in ``run(owning:allGather:progress:)``:
    /// contiguous blocks in process order, as even as possible, each starting at
    /// a multiple of 8 regions when the exchange goes through BLAS (R ≥ 16).
    ///
    /// The alignment keeps every row in the same BLAS micro-kernel as in the
    /// whole-R product (OpenBLAS computes the rows of a matrix-vector product four
    /// at a time and the last few apart, each group summing in its own order),
    /// so the split run equals the whole run bit for bit. Some processes own no
    /// region when there are more processes than blocks of 8.
    public static func regionBlock(part: Int, of parts: Int, regions r: Int) -> Range<Int> {
        let unit = r >= Kernels.exchangeGemmThreshold ? 8 : 1
        let units = (r + unit - 1) / unit, p = max(1, parts)
        let base = units / p, extra = units % p
        let first = part * base + min(part, extra)
        let last = first + base + (part < extra ? 1 : 0)
        return min(r, first * unit)..<min(r, last * unit)
    }

    /// Writes the processes' region blocks into the whole state (`groups` groups
    /// of R regions, region fastest): process p sent `groups` runs of its block.
    static func assemble(
        _ blocks: [[Double]], groups: Int, regions r: Int, into state: UnsafeMutableBufferPointer<Double>
    ) throws(DemographyError) {
        let total = blocks.reduce(0) { $0 + $1.count }
        guard total == groups * r, blocks.allSatisfy({ $0.count % groups == 0 }) else {
            throw .invalidParameter(name: "values gathered from the processes", value: Double(total),
                                    expected: "\(groups * r): one run of every region per age-sex group, each region once")
        }
        var first = 0
        for block in blocks {
            let width = block.count / groups
            for g in 0..<groups {
                for i in 0..<width { state[g * r + first + i] = block[g * width + i] }
            }
            first += width
        }
    }
}
