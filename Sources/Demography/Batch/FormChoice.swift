/// How a batched run is computed. Every form gives the UN step's numbers.
public enum BatchForm: String, Sendable, Hashable, CaseIterable {
    /// Chosen by ``BatchFormChoice`` from the rates, the sink and the sizes.
    case automatic
    /// The structured kernel step by step over all populations (state streamed
    /// through memory once per step); required when rates arrive step by step.
    case structured
    /// The structured kernel with a tile of populations carried through all
    /// steps in cache before the next tile (rates in any order).
    case timeBlocked
    /// Constant shared rates, final state only: the augmented Leslie matrix
    /// raised to the power T by repeated squaring, then one GEMM over the K
    /// populations. Needs no outflows, so that the guard and floor cannot act.
    case matrixPower
}

/// The automatic choice between the forms, with the reason, from a cost model
/// whose constants were measured on the project's benchmark machine (2 cores,
/// AVX-512 EPYC, OpenBLAS 0.3.21; see Benchmarks/README.md).
///
/// - Rates produced step by step → ``BatchForm/structured`` (no other order is allowed).
/// - Constant shared rates, a final-state sink, no outflows → ``BatchForm/matrixPower``
///   when its estimated time is below time blocking's:
///
///       t_power   = (products(T)·2·(2n+1)³ + 2·(2n+1)·2n·K) / (G_gemm · threads)
///       t_blocked = 2n·K·T / (C_shared · threads)
///
///   products(T) = ⌊log₂T⌋ + popcount(T) − 1 squarings and multiplications.
///   With n = 101 and 2 threads, the power form wins at K = 10⁵ from T ≈ 10 on
///   and loses at small K (≲ 200 at T = 100), where the squarings dominate.
/// - Otherwise → ``BatchForm/timeBlocked``.
public struct BatchFormChoice: Sendable, Hashable {
    /// The form that will run.
    public let form: BatchForm
    /// Why, in one sentence.
    public let reason: String

    /// G_gemm — sustained DGEMM GFLOP/s per thread for 203-row products (measured ≈ 45).
    public static let gemmFlopsPerThread = 45e9
    /// C_shared — structured time-blocked cells/s per thread with shared rates
    /// (measured 0.9–1.1e9 with the guard and floor; Benchmarks/README.md).
    public static let sharedCellsPerThread = 1e9

    /// Estimated seconds of the matrix-power form.
    public static func matrixPowerSeconds(ageGroups n: Int, count k: Int, steps t: Int, threads: Int) -> Double {
        let order = Double(2 * n + 1)
        let products = Double(max(0, (Int.bitWidth - 1 - t.leadingZeroBitCount) + t.nonzeroBitCount - 1))
        let flops = products * 2 * order * order * order + 2 * order * Double(2 * n) * Double(k)
        return flops / (gemmFlopsPerThread * Double(max(1, threads)))
    }

    /// Estimated seconds of the time-blocked structured form with shared rates.
    public static func sharedBlockedSeconds(ageGroups n: Int, count k: Int, steps t: Int, threads: Int) -> Double {
        Double(2 * n * k * t) / (sharedCellsPerThread * Double(max(1, threads)))
    }

    /// The choice for per-population rates produced in `order`.
    public static func perPopulation(order: BatchRateOrder, requested: BatchForm) -> BatchFormChoice {
        switch (requested, order) {
        case (.structured, _):
            return BatchFormChoice(form: .structured, reason: "requested")
        case (_, .stepByStep):
            return BatchFormChoice(form: .structured, reason: "rates arrive step by step")
        case (.timeBlocked, _):
            return BatchFormChoice(form: .timeBlocked, reason: "requested")
        default:
            return BatchFormChoice(form: .timeBlocked, reason: "per-population rates in any order: tiles stay in cache over all steps")
        }
    }

    /// The choice for shared rates, given what the sink records and the sizes.
    public static func shared(_ rates: BatchSharedRates, recording: BatchRecording, ageGroups n: Int, count k: Int,
                       steps t: Int, threads: Int, requested: BatchForm,
                       positiveStart: Bool = true) -> BatchFormChoice {
        if requested != .automatic { return BatchFormChoice(form: requested, reason: "requested") }
        guard rates.isConstant else {
            return BatchFormChoice(form: .timeBlocked, reason: "rates change every step: structured kernel, time-blocked")
        }
        guard recording == .finalStep else {
            return BatchFormChoice(form: .timeBlocked, reason: "every step is recorded: matrix powers cannot show them")
        }
        guard rates.isLinearOnPositiveStates else {
            return BatchFormChoice(form: .timeBlocked, reason: "net outflows, a zero Sx or no births: the guard and floor can act, so the step is not linear")
        }
        guard positiveStart else {
            return BatchFormChoice(form: .timeBlocked, reason: "an empty age group: the UN guard gives it 1e-5 persons, so the step is not linear")
        }
        let power = matrixPowerSeconds(ageGroups: n, count: k, steps: t, threads: threads)
        let blocked = sharedBlockedSeconds(ageGroups: n, count: k, steps: t, threads: threads)
        if power < blocked {
            return BatchFormChoice(form: .matrixPower,
                                   reason: "constant rates, final state: L^T by squaring estimated \(Self.ms(power)) vs \(Self.ms(blocked)) structured")
        }
        return BatchFormChoice(form: .timeBlocked,
                               reason: "constant rates but structured estimated \(Self.ms(blocked)) vs \(Self.ms(power)) for L^T")
    }

    private static func ms(_ s: Double) -> String {
        let v = (s * 1e4).rounded() / 10
        return "\(v) ms"
    }
}
