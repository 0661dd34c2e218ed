/// Whether the engine may ask for the rates of any step, for any columns, at any time.
public enum BatchRateOrder: Sendable, Hashable {
    /// Rates are a pure function of (step, column): the engine may run a tile of
    /// columns through all steps before the next tile (time blocking).
    case anyOrder
    /// Rates are produced step by step (a probabilistic run): the engine calls
    /// ``BatchRateProvider/beginStep(_:)`` once per step, in order, and asks for
    /// that step's columns before the next step begins.
    case stepByStep
}

/// The rates of one step for a tile of columns, as rows of the `[sex][age][column]`
/// layout (see ``BatchLayout``), `stride` doubles apart.
///
/// A provider either fills the scratch tile the engine hands it (rows `stride`
/// = tile width apart, column 0 = the first requested column) or returns a view
/// of its own storage (for instance `stride` = K, pointers offset to the first
/// requested column). Pointers must stay valid for the duration of the run.
public struct BatchRateTile: @unchecked Sendable {
    /// Sx by the age group reached at the end of the step (2n rows, female first;
    /// row `sex·n` is the survival of births).
    public var survival: UnsafeMutablePointer<Double>
    /// Net migrants during the step, before the guard (2n rows).
    public var migrants: UnsafeMutablePointer<Double>
    /// nFx for the provider's ``BatchRateProvider/fertileAges`` only (row 0 = the first fertile age).
    public var fertility: UnsafeMutablePointer<Double>
    /// Doubles between consecutive rows.
    public var stride: Int

    /// A tile view over caller-owned rows.
    public init(survival: UnsafeMutablePointer<Double>, migrants: UnsafeMutablePointer<Double>,
                fertility: UnsafeMutablePointer<Double>, stride: Int) {
        self.survival = survival
        self.migrants = migrants
        self.fertility = fertility
        self.stride = stride
    }
}

/// Per-population rates handed to ``BatchProjection`` step by step, tile by tile.
///
/// The engine calls ``rates(step:columns:scratch:)`` from its worker threads,
/// concurrently, on disjoint column ranges. The sex ratio at birth and the
/// migration timing are shared by all populations of a step.
public protocol BatchRateProvider: Sendable {
    /// Whether time blocking is allowed. Default ``BatchRateOrder/anyOrder``.
    var order: BatchRateOrder { get }
    /// The age groups with non-zero fertility, inside `1..<n−1` (the first and open
    /// groups bear no children, as in ``ProjectionStep``).
    var fertileAges: Range<Int> { get }
    /// SRB of `step`.
    func sexRatioAtBirth(step: Int) -> Double
    /// Migration timing of `step` (every provider states it).
    func migrationTiming(step: Int) -> MigrationTiming
    /// Called once per step, in order, before any tile of the step, when ``order``
    /// is ``BatchRateOrder/stepByStep``. Default: nothing.
    func beginStep(_ step: Int)
    /// The rates of `step` for `columns`: fill `scratch` and return it, or return a view.
    func rates(step: Int, columns: Range<Int>, scratch: BatchRateTile) -> BatchRateTile
}

extension BatchRateProvider {
    public var order: BatchRateOrder { .anyOrder }
    public func beginStep(_ step: Int) {}
}

/// Rates shared by every population, one set per step (or one set for every step).
///
/// Populations still differ by their start. Built from ``ProjectionStep`` values,
/// so every schedule is validated once; the kernel reads one value per age row
/// and broadcasts it over the columns.
public struct BatchSharedRates: Sendable {
    /// The steps, in order; a single step with ``isConstant`` is reused for every step.
    public let steps: [ProjectionStep]
    /// Whether the same rates hold at every step (enables the matrix-power form).
    public let isConstant: Bool
    /// The steps' packed rows (``PackedStepLayout``), one after the other.
    let packed: RowStorage
    let layout: PackedStepLayout
    var ageGroups: Int { layout.ageGroups }

    /// Rates that change every step; step t of the run uses `steps[t]`.
    public init(steps: [ProjectionStep]) throws(DemographyError) {
        try self.init(steps: steps, isConstant: false)
    }

    /// The same rates at every step (time-invariant).
    /// Steps with migration *rates* are refused: the batch takes counts.
    public init(constant step: ProjectionStep) throws(DemographyError) {
        try self.init(steps: [step], isConstant: true)
    }

    private init(steps: [ProjectionStep], isConstant: Bool) throws(DemographyError) {
        guard let first = steps.first else {
            throw .missing(what: "steps of the shared rates", expected: "at least one step")
        }
        for step in steps where step.ages != first.ages {
            throw .ageStructureMismatch(left: "first step: \(first.ages)", right: "step rates: \(step.ages)")
        }
        if steps.contains(where: { $0.netMigrationRates != nil }) {
            throw .notApplicable(method: "a batched projection",
                                 reason: "it takes net migrant counts, not rates (convert rates per population first)")
        }
        let layout = PackedStepLayout(ageGroups: first.ages.count)
        var packed: [Double] = []
        packed.reserveCapacity(steps.count * layout.count)
        for step in steps { packed += step.packed }
        self.steps = steps
        self.isConstant = isConstant
        self.packed = RowStorage(packed)
        self.layout = layout
    }

    /// The packed rates of run step `t`.
    func rates(step t: Int) -> PackedStepRates {
        PackedStepRates(base: UnsafePointer(packed.base + stepIndex(t) * layout.count), layout: layout)
    }

    /// The step whose rates apply at run step `t`.
    func stepIndex(_ t: Int) -> Int { isConstant ? 0 : t }

    /// Whether the step is linear for every start state that is positive in every
    /// cell: then the guard (P + M ≤ 0) and the floor (end < 0) never act, the
    /// matrix-power form gives the UN step's numbers, and the state stays positive.
    /// That holds when no net migrant is below zero, every Sx is above zero and
    /// some age bears children (so that both first groups are refilled).
    var isLinearOnPositiveStates: Bool {
        steps.allSatisfy { step in
            step.smallestMigrant >= 0 && !step.fertileAges.isEmpty && step.sexRatioAtBirth > 0
                && step.survivalRatios.female.allSatisfy { $0 > 0 } && step.survivalRatios.male.allSatisfy { $0 > 0 }
        }
    }
}

/// Shared schedules scaled per population and step — one PASFR and a TFR per
/// population, one mortality schedule and a multiplier of its death probabilities.
///
/// For population k at step t, with the shared step's S̄, F̄, M̄ and the
/// multipliers μ filled for each tile:
///
///     S(x) = 1 − (1 − S̄(x))·μ_q      F(x) = F̄(x)·μ_f      M(x) = M̄(x)·μ_m
///
/// The kernel computes these on the fly: the per-population rates are never
/// stored, so building rates costs one multiply-add per cell, in registers.
public struct BatchMultipliedRates: Sendable {
    /// Fills the multipliers of `step` for `columns` (each buffer has `columns.count` values).
    public typealias Filler = @Sendable (_ step: Int, _ columns: Range<Int>, _ into: Multipliers) -> Void

    /// Per-column multipliers of one step for a tile of columns.
    public struct Multipliers: @unchecked Sendable {
        /// μ_q — multiplier of the death probabilities 1 − Sx.
        public let mortality: UnsafeMutableBufferPointer<Double>
        /// μ_f — multiplier of the fertility rates.
        public let fertility: UnsafeMutableBufferPointer<Double>
        /// μ_m — multiplier of the net migrants.
        public let migration: UnsafeMutableBufferPointer<Double>
    }

    /// The shared schedules of every step.
    public let shared: BatchSharedRates
    /// Whether the multipliers are produced step by step (see ``BatchRateOrder``).
    public let order: BatchRateOrder
    let fill: Filler
    /// Per step, in ``PackedStepLayout`` order: 1 − S̄ in the survival rows, M̄,
    /// and F̄ unscaled by z/2 in the fertility rows, so that rounding matches a
    /// ``ProjectionStep`` built with the scaled rates.
    let packed: RowStorage

    /// Shared schedules with multipliers from `fillMultipliers`, called from worker threads.
    public init(shared: BatchSharedRates, order: BatchRateOrder = .anyOrder, fillMultipliers: @escaping Filler) {
        var packed: [Double] = []
        for step in shared.steps {
            packed += PackedStepLayout(ageGroups: step.ages.count).pack(
                survival: (step.survivalRatios.female + step.survivalRatios.male).map { 1 - $0 },
                migrants: step.netMigrants.female + step.netMigrants.male, fertility: step.fertilityRates, scale: 1,
                sexRatioAtBirth: step.sexRatioAtBirth, shareAtStart: step.migrationTiming.shareAtStart)
        }
        self.shared = shared
        self.order = order
        self.fill = fillMultipliers
        self.packed = RowStorage(packed)
    }

    /// The packed unscaled rates of run step `t`.
    func rates(step t: Int) -> PackedStepRates {
        PackedStepRates(base: UnsafePointer(packed.base + shared.stepIndex(t) * shared.layout.count),
                        layout: shared.layout)
    }
}

/// Per-population rates of every step, given up front as arrays.
///
/// Storage per step t: Sx and M as `[sex][age][K]` (2n·K each), then nFx of the
/// fertile ages as `[age][K]`. The provider hands the engine views into this
/// storage (no copy). Memory: (4n + fertile ages)·K·steps doubles.
public final class BatchDenseRates: BatchRateProvider, @unchecked Sendable {
    public let ageGroups: Int
    public let count: Int
    public let steps: Int
    public let fertileAges: Range<Int>
    let sexRatios: [Double]
    let timing: MigrationTiming
    let storage: UnsafeMutablePointer<Double>
    let perStep: Int

    /// Allocates zeroed rates; fill them through ``tile(step:)``. SRB: one per step.
    public init(ageGroups: Int, count: Int, steps: Int, fertileAges: Range<Int>,
                sexRatioAtBirth: [Double], migrationTiming: MigrationTiming) {
        precondition(sexRatioAtBirth.count == steps, "BatchDenseRates: one sex ratio at birth per step")
        self.ageGroups = ageGroups
        self.count = count
        self.steps = steps
        self.fertileAges = fertileAges
        self.sexRatios = sexRatioAtBirth
        self.timing = migrationTiming
        self.perStep = (4 * ageGroups + fertileAges.count) * count
        self.storage = .allocate(capacity: perStep * steps)
        storage.initialize(repeating: 0, count: perStep * steps)
    }

    deinit { storage.deallocate() }

    /// The rows of step `t` as a tile with stride K (column 0 = population 0).
    public func tile(step t: Int) -> BatchRateTile {
        let base = storage + t * perStep
        let twoNK = 2 * ageGroups * count
        return BatchRateTile(survival: base, migrants: base + twoNK, fertility: base + 2 * twoNK, stride: count)
    }

    public func sexRatioAtBirth(step: Int) -> Double { sexRatios[step] }
    public func migrationTiming(step: Int) -> MigrationTiming { timing }

    public func rates(step: Int, columns: Range<Int>, scratch: BatchRateTile) -> BatchRateTile {
        var t = tile(step: step)
        t.survival += columns.lowerBound
        t.migrants += columns.lowerBound
        t.fertility += columns.lowerBound
        return t
    }
}
