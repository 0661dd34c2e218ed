import Dispatch

/// Projects K populations on the same age grid at once, with the UN step of
/// ``ProjectionStep/apply(to:)`` for every population.
///
/// The state is one `[Double]` in ``BatchLayout`` order (`[sex][age][K]`),
/// updated in place. Rates come as:
/// - ``BatchSharedRates``: one schedule per step shared by all populations;
/// - ``BatchMultipliedRates``: shared schedules times per-population multipliers
///   (a TFR, a mortality level and a migration level per population and step);
/// - any ``BatchRateProvider``: per-population rates, tile by tile.
///
/// Results go to a ``BatchSink`` as the run goes, so memory does not grow with
/// K × steps unless the sink keeps everything. The form (``BatchForm``) is chosen
/// by ``BatchFormChoice`` unless given.
///
/// Work is split into `threads` contiguous column ranges run by Dispatch; each
/// worker owns its scratch (allocated once per run), so steps allocate nothing.
/// OpenBLAS is only called by the matrix-power form, from one thread, with its
/// own thread count set to `threads` for the call (no oversubscription).
///
/// The same numbers as ``ProjectionStep`` to the last bit for stored rates (one
/// kernel formula, same operations in the same order; births are summed from the
/// oldest fertile age down on every path).
public struct BatchProjection: Sendable {
    /// The age groups; closed groups are ``width`` years wide.
    public let ages: AgeStructure
    /// z — the step width in years.
    public let width: Int
    /// K — the number of populations.
    public let count: Int
    /// Worker threads (default 2).
    public var threads: Int
    /// Columns per tile: a tile and its rates should stay in the L2 cache.
    public var tileWidth: Int = 128

    /// The memory order of states.
    public var layout: BatchLayout { BatchLayout(ageGroups: ages.count, count: count) }

    /// An engine for `count` populations on `ages` (uniform width).
    public init(ages: AgeStructure, count: Int, threads: Int = 2) throws(DemographyError) {
        guard let width = ages.uniformWidth else {
            throw .unsupportedStepWidth(ages: ages.description, width: ages.startAges[1])
        }
        guard ages.count >= 3 else {
            throw .invalidAgeStructure(reason: "a projection needs at least two closed age groups")
        }
        guard count >= 1 else {
            throw .invalidParameter(name: "number of populations", value: Double(count), expected: "at least 1")
        }
        self.ages = ages
        self.width = width
        self.count = count
        self.threads = max(1, threads)
    }

    // MARK: - Public entry points

    /// Projects `state` (in layout order) `steps` steps with shared rates.
    @discardableResult
    public func project(state: inout [Double], steps: Int, rates: BatchSharedRates,
                        sink: some BatchSink = BatchFinalStateOnly(),
                        form: BatchForm = .automatic) throws(DemographyError) -> BatchFormChoice {
        try check(state: state, steps: steps)
        guard rates.ageGroups == ages.count, rates.steps[0].ages == ages else {
            throw .ageStructureMismatch(left: "batch: \(ages)", right: "shared rates: \(rates.steps[0].ages)")
        }
        guard rates.isConstant || rates.steps.count >= steps else {
            throw .lengthMismatch(schedule: "shared rate steps", expected: steps, found: rates.steps.count)
        }
        let positive = state.allSatisfy { $0 > 0 }
        let choice = BatchFormChoice.shared(rates, recording: sink.recording, ageGroups: ages.count, count: count,
                                            steps: steps, threads: threads, requested: form, positiveStart: positive)
        if choice.form == .matrixPower {
            guard rates.isConstant, rates.isLinearOnPositiveStates, positive, sink.recording == .finalStep else {
                throw .notApplicable(method: "the matrix-power form",
                                     reason: "it needs constant shared rates without net outflows, zero Sx or empty groups, and a final-state sink")
            }
            runMatrixPower(state: &state, steps: steps, step: rates.steps[0], sink: sink)
            return choice
        }
        let source = SharedSource(rates: rates, width: width)
        run(state: &state, steps: steps, source: source, sink: sink, blocked: choice.form == .timeBlocked)
        return choice
    }

    /// Projects `state` with shared schedules scaled per population.
    @discardableResult
    public func project(state: inout [Double], steps: Int, rates: BatchMultipliedRates,
                        sink: some BatchSink = BatchFinalStateOnly(),
                        form: BatchForm = .automatic) throws(DemographyError) -> BatchFormChoice {
        try check(state: state, steps: steps)
        guard rates.shared.ageGroups == ages.count else {
            throw .ageStructureMismatch(left: "batch: \(ages)", right: "multiplied rates: \(rates.shared.steps[0].ages)")
        }
        guard rates.shared.isConstant || rates.shared.steps.count >= steps else {
            throw .lengthMismatch(schedule: "shared rate steps", expected: steps, found: rates.shared.steps.count)
        }
        let choice = try perPopulationChoice(order: rates.order, form: form)
        run(state: &state, steps: steps, source: MultipliedSource(rates: rates, width: width), sink: sink,
            blocked: choice.form == .timeBlocked)
        return choice
    }

    /// Projects `state` with per-population rates from `rates`.
    @discardableResult
    public func project(state: inout [Double], steps: Int, rates: some BatchRateProvider,
                        sink: some BatchSink = BatchFinalStateOnly(),
                        form: BatchForm = .automatic) throws(DemographyError) -> BatchFormChoice {
        try check(state: state, steps: steps)
        let fertile = rates.fertileAges
        guard fertile.lowerBound >= 1, fertile.upperBound <= ages.count - 1 else {
            throw .invalidParameter(name: "first fertile age group", value: Double(fertile.lowerBound),
                                    expected: "fertile groups inside 1..<\(ages.count - 1)")
        }
        let choice = try perPopulationChoice(order: rates.order, form: form)
        run(state: &state, steps: steps, source: ProviderSource(provider: rates, width: width), sink: sink,
            blocked: choice.form == .timeBlocked)
        return choice
    }

    // MARK: - Checks

    private func check(state: [Double], steps: Int) throws(DemographyError) {
        guard state.count == layout.stateCount else {
            throw .lengthMismatch(schedule: "batch state ([sex][age][K])", expected: layout.stateCount, found: state.count)
        }
        // The kernel's guard-free specialisation relies on a population that is not negative.
        for (i, v) in state.enumerated() where !(v >= 0 && v.isFinite) {
            let n = ages.count, row = i / count
            let schedule = "\(row < n ? "female" : "male") batch state, population \(i % count)"
            if v.isFinite { throw .negativeValue(schedule: schedule, age: ages.startAges[row % n], value: v) }
            throw .nonFiniteValue(schedule: schedule, age: ages.startAges[row % n], value: v)
        }
        guard steps >= 1 else {
            throw .invalidParameter(name: "number of steps", value: Double(steps), expected: "at least 1")
        }
    }

    private func perPopulationChoice(order: BatchRateOrder, form: BatchForm) throws(DemographyError) -> BatchFormChoice {
        if form == .matrixPower {
            throw .notApplicable(method: "the matrix-power form",
                                 reason: "per-population rates have no single matrix")
        }
        if form == .timeBlocked && order == .stepByStep {
            throw .notApplicable(method: "the time-blocked form",
                                 reason: "this provider produces its rates step by step")
        }
        return BatchFormChoice.perPopulation(order: order, requested: form)
    }

    // MARK: - The structured driver

    /// Runs the structured kernel over all tiles, step-major (`blocked` false) or tile-major.
    ///
    /// Generic over the rate source only (the sink is an existential called once
    /// per tile), so that each source gets a fully specialised kernel.
    func run<Source: TileRateSource>(state: inout [Double], steps: Int, source: Source, sink: any BatchSink, blocked: Bool) {
        let n = ages.count, k = count
        let tw = min(tileWidth, k)
        let tiles = (k + tw - 1) / tw
        let workers = min(threads, tiles)
        let spaces = (0..<workers).map { _ in WorkerSpace(ageGroups: n, tileWidth: tw, fertileRows: source.fertileAges.count) }
        // Contiguous ranges of whole tiles, one per worker.
        let ranges: [Range<Int>] = (0..<workers).map { w in
            let t0 = tiles * w / workers, t1 = tiles * (w + 1) / workers
            return (t0 * tw)..<min(k, t1 * tw)
        }
        sink.prepare(BatchRunShape(ageGroups: n, count: k, steps: steps, workers: workers, tileWidth: tw))
        let recordsEveryStep = sink.recording == .everyStep
        state.withUnsafeMutableBufferPointer { buffer in
            let runner = TileRunner(base: buffer.baseAddress!, count: k, ageGroups: n, steps: steps,
                                    source: source, sink: sink, spaces: spaces, recordsEveryStep: recordsEveryStep)
            if blocked {
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    var c0 = ranges[w].lowerBound
                    while c0 < ranges[w].upperBound {
                        let columns = c0..<min(c0 + tw, ranges[w].upperBound)
                        for t in 0..<steps { runner.step(columns, step: t, worker: w) }
                        c0 += tw
                    }
                }
            } else {
                for t in 0..<steps {
                    source.beginStep(t)
                    DispatchQueue.concurrentPerform(iterations: workers) { w in
                        var c0 = ranges[w].lowerBound
                        while c0 < ranges[w].upperBound {
                            let columns = c0..<min(c0 + tw, ranges[w].upperBound)
                            runner.step(columns, step: t, worker: w)
                            c0 += tw
                        }
                    }
                }
            }
        }
        sink.finish()
        withExtendedLifetime(spaces) {}
    }
}

/// What a worker needs to step one tile; workers touch disjoint columns of `base`.
struct TileRunner<Source: TileRateSource>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
    let count: Int
    let ageGroups: Int
    let steps: Int
    let source: Source
    let sink: any BatchSink
    let spaces: [WorkerSpace]
    let recordsEveryStep: Bool

    /// One step of one tile, then the sink if it wants this step.
    @inline(__always)
    func step(_ columns: Range<Int>, step t: Int, worker w: Int) {
        let space = spaces[w]
        let tile = TileState(base: base + columns.lowerBound, stride: count, columns: columns.count)
        let scalars = source.scalars(step: t, ageGroups: ageGroups)
        let access = source.access(step: t, columns: columns, space: space)
        Kernels.batchStep(tile, rates: access, scalars: scalars, scratch: space.scratch)
        if recordsEveryStep || t == steps - 1 {
            sink.record(BatchTileView(step: t, columns: columns, worker: w, ageGroups: ageGroups,
                                      base: UnsafePointer(tile.base), stride: count,
                                      births: UnsafeBufferPointer(start: space.scratch.births, count: columns.count)))
        }
    }
}

/// One worker's scratch: kernel rows, a rate tile and multiplier rows, allocated once per run.
final class WorkerSpace: @unchecked Sendable {
    let scratch: TileScratch
    let rateTile: BatchRateTile
    let multipliers: BatchMultipliedRates.Multipliers
    /// (z/2)·nFx rows of the tile (fertile ages), `tileWidth` apart.
    let halfFertility: UnsafeMutablePointer<Double>
    let tileWidth: Int
    let ageGroups: Int
    /// Sink of the prefetching touch loads (kept so that they are not optimised away).
    var touched: UInt64 = 0
    private let memory: UnsafeMutablePointer<Double>

    init(ageGroups n: Int, tileWidth tw: Int, fertileRows: Int) {
        let rows = 2 + 4 * n + fertileRows + 3 + fertileRows
        memory = .allocate(capacity: rows * tw)
        memory.initialize(repeating: 0, count: rows * tw)
        scratch = TileScratch(births: memory, maleBirths: memory + tw)
        rateTile = BatchRateTile(survival: memory + 2 * tw, migrants: memory + (2 + 2 * n) * tw,
                                 fertility: memory + (2 + 4 * n) * tw, stride: tw)
        let m = memory + (2 + 4 * n + fertileRows) * tw
        multipliers = .init(mortality: .init(start: m, count: tw), fertility: .init(start: m + tw, count: tw),
                            migration: .init(start: m + 2 * tw, count: tw))
        halfFertility = m + 3 * tw
        tileWidth = tw
        ageGroups = n
    }

    deinit { memory.deallocate() }
}

/// Where the kernel's rates come from, as one of the three access types.
protocol TileRateSource: Sendable {
    associatedtype Access: TileRateAccess
    var fertileAges: Range<Int> { get }
    func beginStep(_ t: Int)
    func scalars(step t: Int, ageGroups n: Int) -> BatchStepScalars
    func access(step t: Int, columns: Range<Int>, space: WorkerSpace) -> Access
}

struct SharedSource: TileRateSource {
    let rates: BatchSharedRates
    let width: Int
    var fertileAges: Range<Int> { 1..<(rates.ageGroups - 1) }
    func beginStep(_ t: Int) {}
    @inline(__always) func scalars(step t: Int, ageGroups n: Int) -> BatchStepScalars {
        let step = rates.steps[rates.stepIndex(t)]
        return BatchStepScalars(shareAtStart: step.migrationTiming.shareAtStart, sexRatioAtBirth: step.sexRatioAtBirth,
                                ageGroups: n, fertileAges: fertileAges)
    }
    @inline(__always) func access(step t: Int, columns: Range<Int>, space: WorkerSpace) -> SharedTileRates {
        let r = rates.rates(step: t)
        return SharedTileRates(s: r.survival, m: r.migrants, f: r.halfFertility,
                               migrantsPositive: rates.steps[rates.stepIndex(t)].smallestMigrant > 0)
    }
}

struct MultipliedSource: TileRateSource {
    let rates: BatchMultipliedRates
    let width: Int
    var fertileAges: Range<Int> { 1..<(rates.shared.ageGroups - 1) }
    func beginStep(_ t: Int) {}
    @inline(__always) func scalars(step t: Int, ageGroups n: Int) -> BatchStepScalars {
        let step = rates.shared.steps[rates.shared.stepIndex(t)]
        return BatchStepScalars(shareAtStart: step.migrationTiming.shareAtStart, sexRatioAtBirth: step.sexRatioAtBirth,
                                ageGroups: n, fertileAges: fertileAges)
    }
    @inline(__always) func access(step t: Int, columns: Range<Int>, space: WorkerSpace) -> MultipliedTileRates {
        let c = columns.count
        let mu = space.multipliers
        rates.fill(t, columns, BatchMultipliedRates.Multipliers(
            mortality: .init(rebasing: mu.mortality[0..<c]),
            fertility: .init(rebasing: mu.fertility[0..<c]),
            migration: .init(rebasing: mu.migration[0..<c])))
        let r = rates.rates(step: t)
        let fBar = r.halfFertility
        // (z/2)·(F̄·μ_f) per fertile row and column, in the same order as the one-population step.
        let half = 0.5 * Double(width)
        let tile = space.rateTile
        let muF = mu.fertility.baseAddress!
        for x in fertileAges {
            let fx = fBar[x], row = tile.fertility + (x - fertileAges.lowerBound) * tile.stride
            for k in 0..<c { row[k] = half * (fx * muF[k]) }
        }
        // M̄·μ_m > 0 in every cell when the smallest of each factor is above zero and so is
        // their product (rounding is monotonic, so no other product is smaller).
        let muM = mu.migration.baseAddress!
        var smallestMu = Double.infinity
        for k in 0..<c { smallestMu = min(smallestMu, muM[k]) }
        let smallestMigrant = rates.shared.steps[rates.shared.stepIndex(t)].smallestMigrant
        let positive = smallestMigrant > 0 && smallestMu > 0 && smallestMigrant * smallestMu > 0
        return MultipliedTileRates(q: r.survival, m: r.migrants, f: tile.fertility, fertileStart: fertileAges.lowerBound,
                                   stride: tile.stride, muQ: mu.mortality.baseAddress!, muM: muM,
                                   migrantsPositive: positive)
    }
}

struct ProviderSource: TileRateSource {
    let provider: any BatchRateProvider
    let width: Int
    var fertileAges: Range<Int> { provider.fertileAges }
    func beginStep(_ t: Int) { if provider.order == .stepByStep { provider.beginStep(t) } }
    @inline(__always) func scalars(step t: Int, ageGroups n: Int) -> BatchStepScalars {
        BatchStepScalars(shareAtStart: provider.migrationTiming(step: t).shareAtStart,
                         sexRatioAtBirth: provider.sexRatioAtBirth(step: t), ageGroups: n, fertileAges: fertileAges)
    }
    @inline(__always) func access(step t: Int, columns: Range<Int>, space: WorkerSpace) -> DenseTileRates {
        let tile = provider.rates(step: t, columns: columns, scratch: space.rateTile)
        // (z/2)·nFx into the scratch's spare rows (the provider's rows are left as given).
        let half = 0.5 * Double(width), c = columns.count
        let out = space.halfFertility
        for r in 0..<fertileAges.count {
            let src = tile.fertility + r * tile.stride, dst = out + r * space.tileWidth
            for k in 0..<c { dst[k] = half * src[k] }
        }
        // Rows that are views into larger arrays (stride > tile) are short runs the hardware
        // prefetcher barely follows: one load per cache line of them first (see Benchmarks/README.md).
        // The smallest migrant of the tile (this scan also brings the migrant rows into cache).
        var smallest = Double.infinity
        for r in 0..<(2 * space.ageGroups) {
            let row = UnsafePointer(tile.migrants + r * tile.stride)
            for k in 0..<c { smallest = min(smallest, row[k]) }
        }
        if tile.stride > c {
            space.touched = touchRows(tile.survival, rows: 2 * space.ageGroups, stride: tile.stride, columns: c)
        }
        return DenseTileRates(s: tile.survival, m: tile.migrants, f: out, fertileStart: fertileAges.lowerBound,
                              stride: tile.stride, fertileStride: space.tileWidth, migrantsPositive: smallest > 0)
    }

    /// One independent load per cache line of `rows` rows: many misses in flight at once.
    @inline(__always)
    private func touchRows(_ base: UnsafeMutablePointer<Double>, rows: Int, stride: Int, columns c: Int) -> UInt64 {
        var touch: UInt64 = 0
        for r in 0..<rows {
            let row = UnsafePointer(base + r * stride)
            var k = 0
            while k < c { touch ^= row[k].bitPattern; k += 8 }
        }
        return touch
    }
}
