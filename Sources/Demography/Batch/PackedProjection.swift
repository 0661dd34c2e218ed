// Design note. The one-population case of the engine: the steps' packed rows
// (``PackedStepLayout``, built once by each ``ProjectionStep``) laid end to end,
// and the same kernel as ``ProjectionStep/apply(to:)`` with nothing recorded but
// the states, so that a run of T steps touches no allocator and gives the same
// bits as the friendly step and as the batch engine with one column. It is not
// the tile kernel itself: with one column that kernel pays a loop per age row,
// while this one vectorises over the ages.

/// A projection with all step rates packed contiguously, for fast repeated runs.
///
/// `run(start:states:births:)` (engine SPI) writes the start and every end-of-step state
/// into a caller buffer of (T+1)·2n doubles (female ages, then male, per state)
/// and allocates nothing; it is part of the engine's expert surface
/// (`@_spi(Engine) import Demography`), like the batch provider and sink protocols.
public struct PackedProjection: Sendable {
    /// The age groups.
    public let ages: AgeStructure
    /// T — the number of steps.
    public let stepCount: Int
    let rates: RowStorage
    let layout: PackedStepLayout
    let fertileAges: Range<Int>

    /// Packs the steps of `projection`.
    public init(_ projection: Projection) {
        self.init(ages: projection.start.ages, steps: projection.steps)
    }

    /// Gathers the packed rows of `steps` (checked by their initialisers; all on `ages`).
    init(ages: AgeStructure, steps: [ProjectionStep]) {
        let layout = PackedStepLayout(ageGroups: ages.count)
        var packed: [Double] = []
        packed.reserveCapacity(layout.count * steps.count)
        for step in steps { packed += step.packed }
        let fertile = steps.map(\.fertileAges).filter { !$0.isEmpty }
        self.ages = ages
        self.stepCount = steps.count
        self.rates = RowStorage(packed)
        self.layout = layout
        if let youngest = fertile.map(\.lowerBound).min(), let oldest = fertile.map(\.upperBound).max() {
            self.fertileAges = youngest..<oldest
        } else {
            self.fertileAges = 1..<1
        }
    }

    /// Runs every step from `start` (2n: female then male counts).
    ///
    /// - Parameters:
    ///   - start: the start population, 2n counts, females then males.
    ///   - states: (T+1)·2n doubles; state 0 is the start, state t the end of step t.
    ///   - births: optional 2·T doubles, female then male births of each step.
    @_spi(Engine) public func run(start: UnsafeBufferPointer<Double>, states: UnsafeMutableBufferPointer<Double>,
                    births: UnsafeMutableBufferPointer<Double>? = nil) {
        let n = ages.count, size = 2 * n
        precondition(start.count == size && states.count >= (stepCount + 1) * size, "packed run: buffer sizes")
        guard let out = states.baseAddress, let first = start.baseAddress else { return }
        out.update(from: first, count: size)
        for t in 0..<stepCount {
            let r = PackedStepRates(base: UnsafePointer(rates.base + t * layout.count), layout: layout)
            let b = Kernels.populationStep(
                from: UnsafePointer(out + t * size), into: out + (t + 1) * size, rates: r, migrants: r.migrants,
                fertileAges: fertileAges, record: NoStepRecord())
            if let births {
                births[2 * t] = b.female
                births[2 * t + 1] = b.male
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
