import Dispatch

extension StochasticProjection {
    /// Summarises every store row of a block: exact quantiles (the order statistics
    /// selected) when the block holds every trajectory, else the row goes into its
    /// ``RankBrackets``, which are narrowed when due. Rows are split into contiguous
    /// ranges, one per worker; each row is handled by one worker.
    func summarise(store: UnsafeMutablePointer<Double>, rows: Int, columns c: Int, first: Bool, exact: Bool, total: Int,
                   brackets: inout [RankBrackets], results: inout [Double],
                   shift: inout [Double], shiftedSum: inout [Double]) {
        let probabilities = levels.probabilities, statistics = probabilities.count + 1
        let workers = max(1, min(threads, rows))
        let storePointer = SendablePointer(store)
        let orderStatistics = exact ? Kernels.quantileOrderStatistics(count: c, probabilities: probabilities) : []
        let floor = bracketFloor
        brackets.withUnsafeMutableBufferPointer { bracketBuffer in
            results.withUnsafeMutableBufferPointer { resultBuffer in
                shift.withUnsafeMutableBufferPointer { shiftBuffer in
                    shiftedSum.withUnsafeMutableBufferPointer { sumBuffer in
                        let shared = SummaryBuffers(brackets: bracketBuffer, results: resultBuffer, shift: shiftBuffer, sum: sumBuffer)
                        DispatchQueue.concurrentPerform(iterations: workers) { w in
                            let scratch = UnsafeMutablePointer<Double>.allocate(capacity: exact ? 0 : c)
                            defer { scratch.deallocate() }
                            var work: RankSelectionWork? = nil
                            for r in (rows * w / workers)..<(rows * (w + 1) / workers) {
                                let v = storePointer.pointer + r * c
                                // Sums in trajectory order from the first block's minimum.
                                if first {
                                    var s0 = v[0]
                                    for k in 1..<max(1, c) { s0 = v[k] < s0 ? v[k] : s0 }
                                    shared.shift[r] = s0
                                }
                                var sum = 0.0
                                let s0 = shared.shift[r]
                                for k in 0..<c { sum += v[k] - s0 }
                                shared.sum[r] += sum
                                if exact {
                                    exactQuantiles(v, count: c, orderStatistics: orderStatistics,
                                                   into: shared.results.baseAddress! + r * statistics)
                                    shared.results[r * statistics + statistics - 1] = s0 + shared.sum[r] / Double(total)
                                } else {
                                    shared.brackets[r].insert(v, count: c, scratch: scratch)
                                    shared.brackets[r].refineIfDue(probabilities: probabilities, total: total, floor: floor, work: &work)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The type-7 quantiles of `v[0..<n]` into `out[0..<levels]`, reordering `v` to
    /// select `orderStatistics` (``Kernels/quantileOrderStatistics(count:probabilities:)``
    /// of n); a NaN leaves the order undefined, so the quantiles are NaN.
    func exactQuantiles(_ v: UnsafeMutablePointer<Double>, count n: Int, orderStatistics: [Int],
                        into out: UnsafeMutablePointer<Double>) {
        var nan = false
        for k in 0..<n where v[k] != v[k] { nan = true }
        if !nan { Kernels.multiSelect(v, count: n, targets: orderStatistics) }
        for (i, p) in levels.probabilities.enumerated() {
            out[i] = nan ? .nan : sampleQuantile(sorted: v, count: n, probability: p)
        }
    }

    /// Quantiles and means from the brackets once every trajectory is in, in
    /// parallel over rows; returns the rows whose wanted ranks fell outside their
    /// brackets (their quantiles left NaN).
    func finishBrackets(_ brackets: [RankBrackets], rows: Int, total: Int, results: inout [Double],
                        shift: [Double], shiftedSum: [Double]) -> [Int] {
        let probabilities = levels.probabilities, statistics = probabilities.count + 1
        let workers = max(1, min(threads, rows))
        let missed = ResultSlots<Bool>(count: rows)
        results.withUnsafeMutableBufferPointer { buffer in
            let out = SendablePointer(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var work: RankSelectionWork? = nil
                for r in (rows * w / workers)..<(rows * (w + 1) / workers) {
                    if let q = brackets[r].quantiles(probabilities, work: &work) {
                        for i in 0..<probabilities.count { out.pointer[r * statistics + i] = q[i] }
                    } else {
                        missed[r] = true
                    }
                    out.pointer[r * statistics + statistics - 1] = shift[r] + shiftedSum[r] / Double(total)
                }
            }
        }
        return (0..<rows).filter { missed[$0] == true }
    }

    /// The quantiles of rows `missed` from all their values (a second projection of
    /// `source` per group of rows whose values fit ``memoryBudget``, at least 256 MiB).
    func recompute(rows missed: [Int], source: TrajectorySource, results: inout [Double]) throws(DemographyError) {
        let statistics = levels.probabilities.count + 1, total = source.count
        let perGroup = max(1, max(memoryBudget, 256 << 20) / max(1, total * MemoryLayout<Double>.size))
        let targets = Kernels.quantileOrderStatistics(count: total, probabilities: levels.probabilities)
        var start = 0
        while start < missed.count {
            let group = Array(missed[start..<min(missed.count, start + perGroup)])
            var values = try allValues(ofRows: group, source: source)
            values.withUnsafeMutableBufferPointer { all in
                results.withUnsafeMutableBufferPointer { out in
                    for (i, r) in group.enumerated() {
                        exactQuantiles(all.baseAddress! + i * total, count: total, orderStatistics: targets,
                                       into: out.baseAddress! + r * statistics)
                    }
                }
            }
            start += group.count
        }
    }

    /// The summary in the public layout; rows were `[step][sex][age]` then `[step][indicator]`.
    func summary(_ results: [Double], exact: Bool, trajectories: Int) -> StochasticSummary {
        let start = assumptions.basePopulation, ages = start.ages, n = ages.count
        let steps = periods.count, statistics = levels.probabilities.count + 1
        var population: [Double] = []
        population.reserveCapacity((steps + 1) * 2 * n * statistics)
        for value in start.counts.female + start.counts.male {
            population += [Double](repeating: value, count: statistics)
        }
        population += results[0..<(steps * 2 * n * statistics)]
        let indicators = Array(results[(steps * 2 * n * statistics)...])
        let stocks = SummaryIndicators.stocks(year: assumptions.baseYear, population: start)
        let base: [Double] = StochasticIndicator.allCases.map { indicator in
            switch indicator {
            case .population: return stocks.population
            case .populationFemale: return start.total(.female)
            case .populationMale: return start.total(.male)
            case .medianAge: return stocks.medianAge
            case .percentAged65Plus: return stocks.percentAged65Plus ?? .nan
            case .oldDependencyRatio: return stocks.oldDependencyRatio ?? .nan
            default: return .nan
            }
        }
        return StochasticSummary(
            ages: ages, years: (0...steps).map { assumptions.baseYear + $0 * assumptions.width }, levels: levels,
            trajectories: trajectories, isExact: exact,
            population: population, indicators: indicators, baseStocks: base)
    }
}

/// The summary arrays shared by the workers (each writes its own rows).
struct SummaryBuffers: @unchecked Sendable {
    let brackets: UnsafeMutableBufferPointer<RankBrackets>
    let results: UnsafeMutableBufferPointer<Double>
    let shift: UnsafeMutableBufferPointer<Double>
    let sum: UnsafeMutableBufferPointer<Double>
}
