import Dispatch

extension StochasticProjection {
    /// Summarises every store row of a block: exact quantiles (the order statistics
    /// selected) when the block holds every trajectory, else the row goes into its
    /// sketch as one block (``QuantileSketch/insert(block:count:updatedSum:work:fullSort:)``).
    /// Rows are split into contiguous ranges, one per worker; each row is handled by one worker.
    func summarise(store: UnsafeMutablePointer<Double>, rows: Int, columns c: Int, first: Bool, exact: Bool, total: Int,
                   sketches: inout [QuantileSketch], results: inout [Double],
                   shift: inout [Double], shiftedSum: inout [Double]) {
        let probabilities = levels.probabilities, statistics = probabilities.count + 1
        let workers = max(1, min(threads, rows))
        let storePointer = SendablePointer(store)
        let orderStatistics = exact ? Kernels.quantileOrderStatistics(count: c, probabilities: probabilities) : []
        sketches.withUnsafeMutableBufferPointer { sketchBuffer in
            results.withUnsafeMutableBufferPointer { resultBuffer in
                shift.withUnsafeMutableBufferPointer { shiftBuffer in
                    shiftedSum.withUnsafeMutableBufferPointer { sumBuffer in
                        let shared = SummaryBuffers(sketches: sketchBuffer, results: resultBuffer, shift: shiftBuffer, sum: sumBuffer)
                        DispatchQueue.concurrentPerform(iterations: workers) { w in
                            let work = exact ? nil : RankSelectionWork(capacity: c)
                            for r in (rows * w / workers)..<(rows * (w + 1) / workers) {
                                let v = storePointer.pointer + r * c
                                if exact {
                                    // Mean in trajectory order from the minimum, then only the order
                                    // statistics that the type-7 quantiles read.
                                    var s0 = v[0]
                                    for k in 1..<max(1, c) { s0 = v[k] < s0 ? v[k] : s0 }
                                    shared.shift[r] = s0
                                    var sum = 0.0
                                    for k in 0..<c { sum += v[k] - s0 }
                                    shared.sum[r] += sum
                                    Kernels.multiSelect(v, count: c, targets: orderStatistics)
                                    for (i, p) in probabilities.enumerated() {
                                        shared.results[r * statistics + i] = sampleQuantile(sorted: v, count: c, probability: p)
                                    }
                                    shared.results[r * statistics + statistics - 1] = s0 + shared.sum[r] / Double(total)
                                } else {
                                    // Sums in trajectory order from the first block's minimum (made by the
                                    // sketch in its pass over the block, which keeps the order statistics
                                    // its compactions need, in general without sorting the block).
                                    if first {
                                        var s0 = v[0]
                                        for k in 1..<max(1, c) { s0 = v[k] < s0 ? v[k] : s0 }
                                        shared.shift[r] = s0
                                    }
                                    shared.sum[r] += shared.sketches[r].insert(block: v, count: c, shift: shared.shift[r], work: work!)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Quantiles and means from the sketches, in parallel over rows.
    func finishSketches(_ sketches: [QuantileSketch], rows: Int, total: Int, results: inout [Double],
                        shift: [Double], shiftedSum: [Double]) {
        let probabilities = levels.probabilities, statistics = probabilities.count + 1
        let workers = max(1, min(threads, rows))
        results.withUnsafeMutableBufferPointer { buffer in
            let out = SendablePointer(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                for r in (rows * w / workers)..<(rows * (w + 1) / workers) {
                    let q = sketches[r].quantiles(probabilities)
                    for i in 0..<probabilities.count { out.pointer[r * statistics + i] = q[i] }
                    out.pointer[r * statistics + statistics - 1] = shift[r] + shiftedSum[r] / Double(total)
                }
            }
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
            trajectories: trajectories, isExact: exact, sketchK: exact ? nil : sketchK,
            population: population, indicators: indicators, baseStocks: base)
    }
}

/// The summary arrays shared by the workers (each writes its own rows).
struct SummaryBuffers: @unchecked Sendable {
    let sketches: UnsafeMutableBufferPointer<QuantileSketch>
    let results: UnsafeMutableBufferPointer<Double>
    let shift: UnsafeMutableBufferPointer<Double>
    let sum: UnsafeMutableBufferPointer<Double>
}
