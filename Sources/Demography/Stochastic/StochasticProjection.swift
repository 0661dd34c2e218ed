import Dispatch
import Foundation

// Design note. A probabilistic projection that streams: trajectories are
// projected in blocks of B columns by ``BatchProjection`` (time-blocked, rates
// made per tile by ``StochasticRates``), every end-of-step state and indicator
// of the block is copied into a block store `[row][B]`, and each row (one output
// cell over the block's trajectories) is either summarised exactly at once (a
// single block holding every trajectory: the order statistics selected) or added
// to that cell's ``RankBrackets``, which keep only the values near the ranks
// the quantiles read and count the others. The quantiles are exact either way;
// the rare cell whose wanted rank escaped its brackets is recomputed from all its
// values in a second pass. Memory is the block store (rows × B doubles) plus the
// kept values, which shrink like the square root of the trajectories per cell.
//
// Reproducibility: trajectory k's paths come from SplitMix64 streams of
// (seed, k, channel), each column is projected by the same arithmetic whatever
// tile or worker holds it, and rows are summarised by one worker each, blocks in
// order. The output is bitwise the same for any thread count; for any block
// size or number of processes, the quantiles are bitwise the same and the means
// equal to rounding (their sums are grouped by block).

/// A probabilistic cohort-component projection: many trajectories of TFR, e0 by
/// sex and net migration around a scenario, summarised as quantiles and means of
/// every population cell and summary indicator.
///
/// Rates follow the scenario's medium assumptions (``Assumptions``), with each
/// trajectory's TFR scaling the period's PASFR, its e0 moving the period's
/// death rates along a Lee-Carter age pattern (through a ``SurvivalGrid`` per
/// period and sex) and its total net migrants spread by the migration pattern.
/// The age pattern b(x) is ``MortalityShift/ageResponse(from:to:)`` between the
/// first and last medium periods, or proportional when they do not decline.
///
/// Source: Raftery et al. (2012) for the method (trajectories of TFR and e0
/// projected by the cohort-component method and summarised by their quantiles).
public struct StochasticProjection: Sendable {
    /// The scenario (its medium variant is the centre of the built-in model).
    public let assumptions: Assumptions
    /// The medium paths.
    public let medium: MediumPaths
    /// Worker threads for the projection and the summaries.
    public var threads: Int = 2
    /// Bytes allowed for keeping every value of every cell at once; above it,
    /// cells are summarised block by block (``blockSize``) through ``RankBrackets``.
    public var memoryBudget: Int = 512 << 20
    /// Trajectories per block beyond ``memoryBudget``.
    public var blockSize: Int = 1024
    /// Values a cell keeps before its brackets are first narrowed (``RankBrackets``).
    var bracketFloor = 2048
    /// The reported probabilities.
    public var levels: QuantileLevels = .standard

    let periods: [Int]
    let deathRates: [BySex<[Double]>]
    let response: BySex<[Double]>

    /// The projection around `assumptions`' medium variant.
    public init(assumptions: Assumptions) throws(DemographyError) {
        let years = assumptions.periodStartYears
        guard let first = years.first, let last = years.last else {
            throw .missing(what: "periods with complete assumptions from \(assumptions.baseYear)",
                           expected: "at least one")
        }
        guard let firstRates = assumptions.deathRates[first] else {
            throw .missing(what: "death rates for \(first)", expected: "death rates for every period")
        }
        let reference = assumptions.reference?.deathRates ?? firstRates
        let mx = years.map { assumptions.deathRates[$0] ?? reference }
        func e0(_ sex: Sex, _ rates: [Double]) throws(DemographyError) -> Double {
            try LifeTable(sex: sex, ages: assumptions.deathRateAges, deathRates: rates,
                          options: assumptions.lifeTableOptions).lifeExpectancyAtBirth
        }
        var female: [Double] = [], male: [Double] = []
        for rates in mx {
            female.append(try e0(.female, rates.female))
            male.append(try e0(.male, rates.male))
        }
        func pattern(_ sex: Sex) -> [Double] {
            let from = mx[0][sex], to = mx[mx.count - 1][sex]
            if first != last, let b = try? MortalityShift.ageResponse(from: from, to: to) { return b }
            return [Double](repeating: 1, count: from.count)
        }
        self.assumptions = assumptions
        self.periods = years
        self.deathRates = mx
        self.response = BySex(female: pattern(.female), male: pattern(.male))
        self.medium = MediumPaths(
            years: years,
            totalFertility: years.map { max(0, assumptions.totalFertility[$0] ?? 0) },
            lifeExpectancy: BySex(female: female, male: male),
            netMigration: years.map { assumptions.netMigration[$0] ?? 0 },
            basePopulation: assumptions.basePopulation.total)
    }

    /// Store rows: (2n + indicators) per step.
    var rowCount: Int { periods.count * (2 * assumptions.basePopulation.ages.count + StochasticBlockSink.indicatorCount) }

    /// Whether `count` trajectories fit ``memoryBudget`` for exact quantiles.
    public func isExact(trajectories count: Int) -> Bool {
        rowCount * count * MemoryLayout<Double>.size <= memoryBudget
    }

    /// Projects every trajectory of `source` and summarises every cell.
    ///
    /// - Parameters:
    ///   - source: the trajectories (the built-in model or paths read from files).
    ///   - progress: called after each block with (trajectories done, all).
    ///   - phases: if given, the wall time of set-up, projection and summaries is added to it.
    public func run(_ source: TrajectorySource, progress: ((Int, Int) -> Void)? = nil,
                    phases: RunPhases? = nil) throws(DemographyError) -> StochasticSummary {
        let partial = try runPartial(source, trajectories: 0..<source.count, progress: progress, phases: phases)
        return try phases.measure("summarise") { () throws(DemographyError) in
            try combine([partial], trajectories: source.count, source: source)
        }
    }

    /// Projects trajectories `range` of `source` (a process's share of a
    /// distributed run) and returns them unsummarised but mergeable: every value
    /// of every cell when the whole run is exact (``isExact(trajectories:)`` of
    /// `source.count`), else per cell the values around its wanted ranks
    /// (``RankBrackets``) with the sums for the mean. ``combine(_:trajectories:source:)``
    /// of the shares in trajectory order gives the summary of the whole run:
    /// bitwise that of ``run(_:progress:)``.
    public func runPartial(
        _ source: TrajectorySource, trajectories range: Range<Int>, progress: ((Int, Int) -> Void)? = nil,
        phases: RunPhases? = nil
    ) throws(DemographyError) -> StochasticPartial {
        let total = source.count
        guard total >= 1 else {
            throw .invalidParameter(name: "number of trajectories", value: Double(total), expected: "at least 1")
        }
        guard range.lowerBound >= 0, range.upperBound <= total else {
            throw .invalidParameter(name: "trajectory range end", value: Double(range.upperBound),
                                    expected: "a range within 0..<\(total)")
        }
        let exact = isExact(trajectories: total)
        let rows = rowCount
        guard !range.isEmpty else {
            return StochasticPartial(trajectories: range, exact: exact, rows: rows, values: [],
                                     brackets: [], shift: [], shiftedSum: [])
        }
        var brackets = exact ? [] : [RankBrackets](repeating: RankBrackets(), count: rows)
        var unused = [Double]()
        var shift = [Double](repeating: 0, count: rows), shiftedSum = [Double](repeating: 0, count: rows)
        var values: [Double] = []
        try projectBlocks(source, trajectories: range, block: exact ? range.count : blockSize, progress: progress,
                          phases: phases) { store, c, first in
            phases.measure("summarise") {
                if exact {
                    values = Array(UnsafeBufferPointer(start: store, count: rows * c))
                } else {
                    summarise(store: store, rows: rows, columns: c, first: first, exact: false, total: total,
                              brackets: &brackets, results: &unused, shift: &shift, shiftedSum: &shiftedSum)
                }
            }
        }
        return StochasticPartial(trajectories: range, exact: exact, rows: rows, values: values,
                                 brackets: brackets, shift: shift, shiftedSum: shiftedSum)
    }

    /// Projects trajectories `range` of `source` in blocks of `block` and hands each
    /// block's store (`[row][c]`, ``rowCount`` rows) to `body` with its width and
    /// whether it is the first block.
    func projectBlocks(
        _ source: TrajectorySource, trajectories range: Range<Int>, block requested: Int,
        progress: ((Int, Int) -> Void)? = nil, phases: RunPhases? = nil,
        _ body: (UnsafeMutablePointer<Double>, Int, Bool) throws(DemographyError) -> Void
    ) throws(DemographyError) {
        let ages = assumptions.basePopulation.ages, n = ages.count, z = assumptions.width
        let steps = periods.count, rows = rowCount
        let periodIndex = try columnsOfPeriods(source)
        let block = min(max(1, requested), range.count)
        // Grids of e0 → Sx covering every trajectory's e0 (of the whole run, so
        // that every share uses the same grids).
        let (grids, rates) = try phases.measure("set-up") { () throws(DemographyError) in
            (try survivalGrids(lifeExpectancyRanges(source, periodIndex: periodIndex)), try rateInputs())
        }

        let store = UnsafeMutablePointer<Double>.allocate(capacity: rows * block)
        let paths = UnsafeMutablePointer<Double>.allocate(capacity: TrajectoryChannel.allCases.count * steps * block)
        defer { store.deallocate(); paths.deallocate() }
        let start = assumptions.basePopulation
        let baseTotal = start.total

        var done = range.lowerBound
        while done < range.upperBound {
            let blockRange = done..<min(range.upperBound, done + block)
            let c = blockRange.count
            try phases.measure("project") { () throws(DemographyError) in
                fillPaths(source, range: blockRange, periodIndex: periodIndex, into: paths)
                var state = BatchLayout(ageGroups: n, count: c).pack([Population](repeating: start, count: c))
                let provider = StochasticRates(
                    fertileAges: rates.fertileAges, ageGroups: n, periods: steps, paths: paths, columns: c, grids: grids,
                    fertilityPatterns: rates.patterns, widths: rates.widths, migrationPattern: rates.migration,
                    sexRatios: rates.sexRatios, timing: assumptions.migrationTiming)
                let sink = StochasticBlockSink(store: store, columns: c, ages: ages, steps: steps, paths: paths,
                                               periods: steps, width: z, baseTotal: baseTotal)
                var engine = try BatchProjection(ages: ages, count: c, threads: threads)
                engine.threads = threads
                try engine.project(state: &state, steps: steps, rates: provider, sink: sink, form: .timeBlocked)
            }
            try body(store, c, done == range.lowerBound)
            done += c
            progress?(done - range.lowerBound, range.count)
        }
    }

    /// Every value of rows `wanted` over all trajectories of `source`, `[row][trajectory]`
    /// (the second pass for the cells whose wanted ranks fell outside their brackets).
    func allValues(ofRows wanted: [Int], source: TrajectorySource) throws(DemographyError) -> [Double] {
        let total = source.count
        var out = [Double](repeating: 0, count: wanted.count * total)
        var offset = 0
        try out.withUnsafeMutableBufferPointer { all throws(DemographyError) in
            try projectBlocks(source, trajectories: 0..<total, block: blockSize) { store, c, _ in
                for (i, r) in wanted.enumerated() { (all.baseAddress! + i * total + offset).update(from: store + r * c, count: c) }
                offset += c
            }
        }
        return out
    }

    /// The summary of shares given in trajectory order that together cover
    /// 0..<`trajectories`. The cells whose wanted ranks fell outside their
    /// brackets (rare, see ``RankBrackets``) are recomputed from every value by
    /// projecting `source` again; without `source` that is an error.
    public func combine(_ partials: [StochasticPartial], trajectories total: Int,
                        source: TrajectorySource? = nil) throws(DemographyError) -> StochasticSummary {
        let rows = rowCount, statistics = levels.probabilities.count + 1
        var expectedStart = 0
        for p in partials {
            guard p.trajectories.lowerBound == expectedStart, p.rows == rows else {
                throw .invalidParameter(name: "start of a share of trajectories", value: Double(p.trajectories.lowerBound),
                                        expected: "shares in order covering 0..<\(total) with \(rows) cells")
            }
            expectedStart = p.trajectories.upperBound
        }
        guard expectedStart == total, total >= 1 else {
            throw .invalidParameter(name: "trajectories covered by the shares", value: Double(expectedStart),
                                    expected: "\(total)")
        }
        let exact = isExact(trajectories: total)
        var results = [Double](repeating: .nan, count: rows * statistics)
        var shift = [Double](repeating: 0, count: rows), shiftedSum = [Double](repeating: 0, count: rows)
        if exact {
            // Every value of a cell side by side, in trajectory order, then one exact summary.
            let store = UnsafeMutablePointer<Double>.allocate(capacity: rows * total)
            defer { store.deallocate() }
            for p in partials where !p.trajectories.isEmpty {
                let c = p.trajectories.count
                p.values.withUnsafeBufferPointer { v in
                    guard let base = v.baseAddress, v.count >= rows * c else { return }
                    for r in 0..<rows {
                        (store + r * total + p.trajectories.lowerBound).update(from: base + r * c, count: c)
                    }
                }
            }
            var none: [RankBrackets] = []
            summarise(store: store, rows: rows, columns: total, first: true, exact: true, total: total,
                      brackets: &none, results: &results, shift: &shift, shiftedSum: &shiftedSum)
        } else {
            let shares = partials.filter { !$0.trajectories.isEmpty }
            guard let first = shares.first else {
                throw .missing(what: "shares of the trajectories", expected: "shares covering all \(total) trajectories")
            }
            var whole = first
            for p in shares.dropFirst() { whole = try whole.merged(with: p, threads: threads) }
            shift = whole.shift
            shiftedSum = whole.shiftedSum
            let missed = finishBrackets(whole.brackets, rows: rows, total: total, results: &results, shift: shift, shiftedSum: shiftedSum)
            if !missed.isEmpty {
                guard let source, source.count == total else {
                    throw .missing(what: "the trajectories of \(missed.count) cell(s) whose quantiles fell outside their brackets",
                                   expected: "the trajectory source, to project them again")
                }
                try recompute(rows: missed, source: source, results: &results)
            }
        }
        return summary(results, exact: exact, trajectories: total)
    }

    // MARK: - Preparation

    /// For given paths: the column of each projection period in the files.
    func columnsOfPeriods(_ source: TrajectorySource) throws(DemographyError) -> [Int] {
        guard case .given(let paths) = source else { return Array(periods.indices) }
        var out: [Int] = []
        for year in periods {
            guard let i = paths.years.firstIndex(of: year) else {
                throw .invalidParameter(name: "trajectories for the period starting \(year)", value: Double(year),
                                        expected: "a value for every projection period (\(periods.first ?? 0)–\(periods.last ?? 0))")
            }
            out.append(i)
        }
        return out
    }

    /// Trajectories `range` into `out` (`[channel][period][column]`), in parallel over trajectories.
    func fillPaths(_ source: TrajectorySource, range: Range<Int>, periodIndex: [Int], into out: UnsafeMutablePointer<Double>) {
        let workers = max(1, min(threads, range.count / 64))
        let target = SendablePointer(out)
        let medium = self.medium, z = assumptions.width
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let lo = range.lowerBound + range.count * w / workers, hi = range.lowerBound + range.count * (w + 1) / workers
            source.fill(lo..<hi, firstColumn: lo - range.lowerBound, columns: range.count, medium: medium, width: z,
                        periodIndex: periodIndex, into: target.pointer)
        }
    }

    /// The e0 channels of trajectories `range` into `out` (the layout of ``fillPaths``;
    /// the other channels are left as they were), in parallel over trajectories.
    func fillLifeExpectancy(_ source: TrajectorySource, range: Range<Int>, periodIndex: [Int],
                            into out: UnsafeMutablePointer<Double>) {
        guard case .model(let model, _, let seed) = source else {
            return fillPaths(source, range: range, periodIndex: periodIndex, into: out)
        }
        let workers = max(1, min(threads, range.count / 64))
        let target = SendablePointer(out)
        let medium = self.medium, z = assumptions.width, steps = periods.count, c = range.count
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let lo = range.lowerBound + range.count * w / workers, hi = range.lowerBound + range.count * (w + 1) / workers
            let female = target.pointer + TrajectoryChannel.lifeExpectancyFemale.rawValue * steps * c
            let male = target.pointer + TrajectoryChannel.lifeExpectancyMale.rawValue * steps * c
            for trajectory in lo..<hi {
                let column = trajectory - range.lowerBound
                model.drawLifeExpectancy(trajectory: trajectory, seed: seed, medium: medium, width: z,
                                         female: female + column, male: male + column, stride: c)
            }
        }
    }

    /// The lowest and highest e0 of each period and sex over all trajectories.
    func lifeExpectancyRanges(_ source: TrajectorySource, periodIndex: [Int]) -> [BySex<ClosedRange<Double>>] {
        let steps = periods.count, chunk = min(source.count, 4096)
        var low = BySex(female: medium.lifeExpectancy.female, male: medium.lifeExpectancy.male)
        var high = low
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: TrajectoryChannel.allCases.count * steps * chunk)
        defer { buffer.deallocate() }
        var done = 0
        while done < source.count {
            let range = done..<min(source.count, done + chunk)
            fillLifeExpectancy(source, range: range, periodIndex: periodIndex, into: buffer)
            for sex in Sex.allCases {
                let channel: TrajectoryChannel = sex == .female ? .lifeExpectancyFemale : .lifeExpectancyMale
                for t in 0..<steps {
                    let row = buffer + (channel.rawValue * steps + t) * range.count
                    for k in 0..<range.count {
                        low[sex][t] = min(low[sex][t], row[k])
                        high[sex][t] = max(high[sex][t], row[k])
                    }
                }
            }
            done = range.upperBound
        }
        return (0..<steps).map { BySex(female: low.female[$0]...high.female[$0], male: low.male[$0]...high.male[$0]) }
    }

    /// A survival grid per period and sex, built in parallel over periods.
    func survivalGrids(_ ranges: [BySex<ClosedRange<Double>>]) throws(DemographyError) -> [BySex<SurvivalGrid>] {
        let steps = periods.count
        let slots = ResultSlots<Result<BySex<SurvivalGrid>, DemographyError>>(count: steps)
        let a = assumptions, mx = deathRates, b = response
        DispatchQueue.concurrentPerform(iterations: steps) { t in
            slots[t] = Result { () throws(DemographyError) -> BySex<SurvivalGrid> in
                func grid(_ sex: Sex) throws(DemographyError) -> SurvivalGrid {
                    try SurvivalGrid(sex: sex, reference: mx[t][sex], ages: a.deathRateAges, response: b[sex], width: a.width,
                                     covering: ranges[t][sex], options: a.lifeTableOptions)
                }
                return BySex(female: try grid(.female), male: try grid(.male))
            }
        }
        var out: [BySex<SurvivalGrid>] = []
        for t in 0..<steps { out.append(try slots[t]!.get()) }
        return out
    }

    /// PASFR and widths per period, migration shares, SRB and the fertile groups.
    func rateInputs() throws(DemographyError) -> (patterns: [[Double]], widths: [Double], migration: [Double],
                                                    sexRatios: [Double], fertileAges: Range<Int>) {
        let ages = assumptions.basePopulation.ages, n = ages.count
        var patterns: [[Double]] = []
        var lo = n - 1, hi = 1
        for year in periods {
            let p = assumptions.fertilityPattern[year] ?? []
            // Validates the pattern exactly as the deterministic run does.
            _ = try FertilitySchedule(totalFertility: 1, percentagePattern: p, ages: ages)
            patterns.append(p)
            for x in 1..<(n - 1) where p[x] > 0 { lo = min(lo, x); hi = max(hi, x + 1) }
        }
        // As in ProjectionStep, the first and open groups bear no children.
        return (patterns, (0..<n).map { Double(ages.width(at: $0) ?? 1) },
                assumptions.migrationPattern.female + assumptions.migrationPattern.male,
                periods.map { assumptions.sexRatioAtBirth[$0] ?? 1.05 }, lo < hi ? lo..<hi : 1..<2)
    }
}

/// A pointer handed to worker threads that write disjoint parts.
struct SendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Double>
    init(_ pointer: UnsafeMutablePointer<Double>) { self.pointer = pointer }
}

/// One slot per parallel task, written once by its task.
final class ResultSlots<T>: @unchecked Sendable {
    private let values: UnsafeMutablePointer<T?>
    private let count: Int
    init(count: Int) {
        self.count = count
        values = .allocate(capacity: count)
        values.initialize(repeating: nil, count: count)
    }
    deinit {
        values.deinitialize(count: count)
        values.deallocate()
    }
    subscript(i: Int) -> T? {
        get { values[i] }
        set { values[i] = newValue }
    }
}
