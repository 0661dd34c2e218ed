// Design note. The batched cohort-component step: the UN CCMPP step of
// ``Kernels/populationStep(from:into:rates:migrants:fertileAges:record:limits:phase:)``
// (guard, share h of migrants at the start, survival shift, open group, births
// from the average female exposure, floor at 0.0005) applied to a tile of columns
// of the `[sex][age][K]` layout, vectorised over the columns. Priorities: the
// one-population numbers to the last bit first (same operations, same order),
// then one pass over the state per step, in place, with no allocation and no
// branch per cell.
//
// In place: ages are updated oldest first, so row x−1 still holds the start
// population when row x is written. Per column, with g = guard(P, M) recomputed
// where it is needed (it depends on the start population of its own row) and
// a = P + h·g:
//
//     end(ω)   = (a(ω−1) + a(ω))·S(ω)            the open group
//     end(x)   = a(x−1)·S(x)                      0 < x < ω
//     B       += (z/2)·F(x)·(a_f(x) + end_f(x) + e·g_f(x))     e = 1−h if h > 0 else 0
//     P'(x)    = end(x) + (1−h)·g(x), floored at 0.0005
//     P'(0)    = B_sex·S(0) + (1−h)·g(0),  B_f = B/(1+SRB), B_m = B − B_f
//
// The rates are read through a ``TileRateAccess``: dense per-column rows, one
// shared row, or a shared row times per-column multipliers. Each access type is
// a concrete struct, so the generic kernel is specialised three times and the
// per-cell accessor folds into the loop (a shared value is hoisted).

/// The values of one rate row over the columns of a tile.
protocol ColumnValues {
    subscript(_ k: Int) -> Double { get }
    /// Columns k…k+3 (the same operations per column as the subscript).
    func four(_ k: Int) -> SIMD4<Double>
}

@inline(__always)
func loadFour(_ p: UnsafePointer<Double>, _ k: Int) -> SIMD4<Double> {
    UnsafeRawPointer(p + k).loadUnaligned(as: SIMD4<Double>.self)
}

/// One value for every column (shared rates): a local, so the loop keeps it in a register.
struct Broadcast: ColumnValues {
    let value: Double
    @inline(__always) subscript(_ k: Int) -> Double { value }
    @inline(__always) func four(_ k: Int) -> SIMD4<Double> { SIMD4(repeating: value) }
}

/// A row stored per column.
struct StoredRow: ColumnValues {
    let base: UnsafePointer<Double>
    @inline(__always) subscript(_ k: Int) -> Double { base[k] }
    @inline(__always) func four(_ k: Int) -> SIMD4<Double> { loadFour(base, k) }
}

/// c·μ(k), a shared value times a per-column multiplier.
struct ScaledRow: ColumnValues {
    let value: Double
    let mu: UnsafePointer<Double>
    @inline(__always) subscript(_ k: Int) -> Double { value * mu[k] }
    @inline(__always) func four(_ k: Int) -> SIMD4<Double> { SIMD4(repeating: value) * loadFour(mu, k) }
}

/// 1 − q·μ(k), survival from a shared death probability and a per-column multiplier.
struct ComplementRow: ColumnValues {
    let q: Double
    let mu: UnsafePointer<Double>
    @inline(__always) subscript(_ k: Int) -> Double { 1 - q * mu[k] }
    @inline(__always) func four(_ k: Int) -> SIMD4<Double> { SIMD4(repeating: 1) - SIMD4(repeating: q) * loadFour(mu, k) }
}

/// How the kernel reads the rates of one step for the columns of a tile, one row
/// at a time. Row indices are `sex * n + age` for survival and migrants, the age
/// for fertility.
protocol TileRateAccess {
    associatedtype Survival: ColumnValues
    associatedtype Migrants: ColumnValues
    associatedtype Fertility: ColumnValues
    /// Sx of row `i`.
    func survival(_ i: Int) -> Survival
    /// Net migrants (before the guard) of row `i`.
    func migrants(_ i: Int) -> Migrants
    /// (z/2)·nFx of age `x` (a fertile age).
    func halfWidthFertility(_ x: Int) -> Fertility
    /// Whether every migrant of the tile is above zero: on a population that is
    /// not negative the guard is then the identity and the kernel skips it.
    var migrantsPositive: Bool { get }
}

/// Per-column rates stored as rows with a stride (a provider's tile or its own arrays).
struct DenseTileRates: TileRateAccess {
    let s: UnsafePointer<Double>
    let m: UnsafePointer<Double>
    /// (z/2)·nFx of the tile, rows from the first fertile age, written by the source.
    let f: UnsafePointer<Double>
    let fertileStart: Int
    let stride: Int
    let fertileStride: Int
    let migrantsPositive: Bool
    @inline(__always) func survival(_ i: Int) -> StoredRow { StoredRow(base: s + i * stride) }
    @inline(__always) func migrants(_ i: Int) -> StoredRow { StoredRow(base: m + i * stride) }
    @inline(__always) func halfWidthFertility(_ x: Int) -> StoredRow { StoredRow(base: f + (x - fertileStart) * fertileStride) }
}

/// Rates shared by every column: one value per row.
struct SharedTileRates: TileRateAccess {
    let s: UnsafePointer<Double>
    let m: UnsafePointer<Double>
    /// Indexed by age; already multiplied by z/2.
    let f: UnsafePointer<Double>
    let migrantsPositive: Bool
    @inline(__always) func survival(_ i: Int) -> Broadcast { Broadcast(value: s[i]) }
    @inline(__always) func migrants(_ i: Int) -> Broadcast { Broadcast(value: m[i]) }
    @inline(__always) func halfWidthFertility(_ x: Int) -> Broadcast { Broadcast(value: f[x]) }
}

/// Shared schedules scaled per column: S = 1 − (1 − S̄)·μ_q, F = F̄·μ_f, M = M̄·μ_m.
struct MultipliedTileRates: TileRateAccess {
    /// 1 − S̄ by row.
    let q: UnsafePointer<Double>
    let m: UnsafePointer<Double>
    /// (z/2)·F̄·μ_f per column of the tile, rows from the first fertile age (filled by the source).
    let f: UnsafePointer<Double>
    let fertileStart: Int
    let stride: Int
    /// Per-column multipliers of the tile (mortality, migration).
    let muQ: UnsafePointer<Double>
    let muM: UnsafePointer<Double>
    let migrantsPositive: Bool
    @inline(__always) func survival(_ i: Int) -> ComplementRow { ComplementRow(q: q[i], mu: muQ) }
    @inline(__always) func migrants(_ i: Int) -> ScaledRow { ScaledRow(value: m[i], mu: muM) }
    @inline(__always) func halfWidthFertility(_ x: Int) -> StoredRow { StoredRow(base: f + (x - fertileStart) * stride) }
}

/// The state of a tile: `rows` rows of `columns` values, `stride` apart.
struct TileState {
    let base: UnsafeMutablePointer<Double>
    let stride: Int
    let columns: Int
}

/// Scratch rows of one worker, each at least a tile wide.
struct TileScratch {
    /// Births (both sexes) per column, written by the step.
    let births: UnsafeMutablePointer<Double>
    /// Male births per column (kept between the two sexes).
    let maleBirths: UnsafeMutablePointer<Double>
}

/// The scalars of one step shared by all columns.
struct BatchStepScalars {
    /// h — share of migrants added at the start.
    var shareAtStart: Double
    /// SRB.
    var sexRatioAtBirth: Double
    /// Age groups per sex.
    var ageGroups: Int
    /// Fertile ages, inside 1..<n−1.
    var fertileAges: Range<Int>
}

extension Kernels {
    /// One UN step on a tile of columns, in place. Writes births per column into scratch.
    ///
    /// The state must not be negative (the engine checks the start; the floor keeps
    /// it so). Where every migrant of the tile is above zero the guard cannot act,
    /// and the kernel is specialised without it: the same values, fewer operations.
    @inline(__always)
    static func batchStep<R: TileRateAccess>(
        _ state: TileState, rates: R, scalars: BatchStepScalars, scratch: TileScratch
    ) {
        switch (scalars.shareAtStart == 0, rates.migrantsPositive) {
        case (true, true):
            tileStep(state, rates: rates, scalars: scalars, scratch: scratch,
                     limits: FloorOnlyStepLimits.self, phase: MigrantsAtEnd.self)
        case (true, false):
            tileStep(state, rates: rates, scalars: scalars, scratch: scratch,
                     limits: UNStepLimits.self, phase: MigrantsAtEnd.self)
        case (false, true):
            tileStep(state, rates: rates, scalars: scalars, scratch: scratch,
                     limits: FloorOnlyStepLimits.self, phase: MigrantsPartlyAtStart.self)
        case (false, false):
            tileStep(state, rates: rates, scalars: scalars, scratch: scratch,
                     limits: UNStepLimits.self, phase: MigrantsPartlyAtStart.self)
        }
    }

    /// The step on a tile. Each row is one loop over the columns reading P(x−1),
    /// P(x) and the rates, with the guard recomputed from them; the fertile rows
    /// first add their births (four columns at a time) from the same start values.
    @inline(__always)
    static func tileStep<R: TileRateAccess, Limits: StepLimits, Phase: MigrationPhase>(
        _ state: TileState, rates: R, scalars: BatchStepScalars, scratch: TileScratch,
        limits: Limits.Type, phase: Phase.Type
    ) {
        @inline(__always) func guarded(_ p: Double, _ m: Double) -> Double { Limits.migrants(p, m) }
        @inline(__always) func guarded(_ p: SIMD4<Double>, _ m: SIMD4<Double>) -> SIMD4<Double> {
            SIMD4(guarded(p[0], m[0]), guarded(p[1], m[1]), guarded(p[2], m[2]), guarded(p[3], m[3]))
        }
        @inline(__always) func floored(_ v: Double) -> Double { Limits.end(v) }
        let atStart = Phase.atStart
        let n = scalars.ageGroups, cols = state.columns, stride = state.stride
        let h = scalars.shareAtStart
        let endShare = 1 - h
        let e = h > 0 ? endShare : 0
        let srbPlusOne = 1 + scalars.sexRatioAtBirth
        let fertile = scalars.fertileAges
        let births = scratch.births, maleBirths = scratch.maleBirths
        for k in 0..<cols { births[k] = 0 }
        for sex in 0..<2 {
            let o = sex * n
            // The open group: end(ω) = (a(ω−1) + a(ω))·S(ω).
            do {
                let row = state.base + (o + n - 1) * stride
                let below = state.base + (o + n - 2) * stride
                let mBelow = rates.migrants(o + n - 2), mRow = rates.migrants(o + n - 1)
                let sRow = rates.survival(o + n - 1)
                for k in 0..<cols {
                    let g = guarded(row[k], mRow[k])
                    let aB = atStart ? below[k] + h * guarded(below[k], mBelow[k]) : below[k]
                    let aC = atStart ? row[k] + h * g : row[k]
                    let end = (aB + aC) * sRow[k]
                    row[k] = floored(atStart ? end + endShare * g : end + g)
                }
            }
            var x = n - 2
            while x >= 1 {
                let row = state.base + (o + x) * stride
                let below = state.base + (o + x - 1) * stride
                let mBelow = rates.migrants(o + x - 1), mRow = rates.migrants(o + x)
                let sRow = rates.survival(o + x)
                if sex == 0 && fertile.contains(x) {
                    // Births first, from the start values of rows x−1 and x (end(x) recomputed
                    // by the same operations below), four columns at a time: the compiler keeps
                    // this loop scalar, since `births` might alias the state.
                    let fRow = rates.halfWidthFertility(x)
                    let hv = SIMD4<Double>(repeating: h), ev = SIMD4<Double>(repeating: e)
                    var k4 = 0
                    while k4 + 4 <= cols {
                        let bl = loadFour(below, k4), rw = loadFour(row, k4)
                        let add: SIMD4<Double>
                        if atStart {
                            let g = guarded(rw, mRow.four(k4))
                            let end = (bl + hv * guarded(bl, mBelow.four(k4))) * sRow.four(k4)
                            add = fRow.four(k4) * (rw + hv * g + end + ev * g)
                        } else {
                            add = fRow.four(k4) * (rw + bl * sRow.four(k4))
                        }
                        let sum = loadFour(births, k4) + add
                        UnsafeMutableRawPointer(births + k4).storeBytes(of: sum, as: SIMD4<Double>.self)
                        k4 += 4
                    }
                    for k in k4..<cols {
                        if atStart {
                            let g = guarded(row[k], mRow[k])
                            let end = (below[k] + h * guarded(below[k], mBelow[k])) * sRow[k]
                            births[k] += fRow[k] * (row[k] + h * g + end + e * g)
                        } else {
                            births[k] += fRow[k] * (row[k] + below[k] * sRow[k])
                        }
                    }
                }
                for k in 0..<cols {
                    let aB = atStart ? below[k] + h * guarded(below[k], mBelow[k]) : below[k]
                    let end = aB * sRow[k]
                    let g = guarded(row[k], mRow[k])
                    row[k] = floored(atStart ? end + endShare * g : end + g)
                }
                x -= 1
            }
            // Row 0: the births of the step.
            let row = state.base + o * stride
            let s0 = rates.survival(o), m0 = rates.migrants(o)
            if sex == 0 {
                for k in 0..<cols {
                    let total = births[k]
                    let female = total / srbPlusOne
                    maleBirths[k] = total - female
                    let end = female * s0[k]
                    let g = guarded(row[k], m0[k])
                    row[k] = floored(atStart ? end + endShare * g : end + g)
                }
            } else {
                for k in 0..<cols {
                    let end = maleBirths[k] * s0[k]
                    let g = guarded(row[k], m0[k])
                    row[k] = floored(atStart ? end + endShare * g : end + g)
                }
            }
        }
    }
}
