import Foundation
/// A multiregional cohort-component projection: regions linked by migration,
/// over many steps whose rates may change every step.
///
/// Each step is a ``MultiregionalStep``; the run uses the structured form unless
/// another is asked for (``MultiregionalForm``). Source: Rogers (1975), ch. 4;
/// Willekens & Rogers (1978), ch. 3.
public struct MultiregionalProjection: Sendable {
    /// The population at the start, at ``startYear``.
    public let start: MultiregionalPopulation
    /// The year of the start population.
    public let startYear: Int
    /// The rates of each step, in order.
    public let steps: [MultiregionalStep]

    /// Checks that every step has the start population's regions, ages and sexes.
    public init(start: MultiregionalPopulation, startYear: Int, steps: [MultiregionalStep]) throws(DemographyError) {
        for step in steps { try step.checkShape(of: start) }
        self.start = start
        self.startYear = startYear
        self.steps = steps
    }

    /// The same step `count` times (constant rates).
    public init(start: MultiregionalPopulation, startYear: Int, step: MultiregionalStep, count: Int) throws(DemographyError) {
        try self.init(start: start, startYear: startYear, steps: Array(repeating: step, count: max(0, count)))
    }

    /// Runs every step, keeping each step's populations and accounts.
    /// - Parameters:
    ///   - form: the form of the step (default: automatic, i.e. structured).
    ///   - progress: called after each step with (steps done, steps in all).
    /// - Throws: ``DemographyError/noSolution(problem:reason:)`` naming the step
    ///   when a population overflows a Double.
    public func run(form: MultiregionalForm = .automatic, progress: ((Int, Int) -> Void)? = nil) throws(DemographyError) -> MultiregionalProjectionResult {
        let used = form.resolved(regions: start.regionCount, ages: start.ages.count, sexes: start.sexes.count)
        var workspace = MultiregionalWorkspace(sexes: start.sexes.count, ages: start.ages.count,
                                               regions: start.regionCount, columns: 1)
        var results: [MultiregionalStepResult] = []
        results.reserveCapacity(steps.count)
        var current = start
        var dense: (step: MultiregionalStep, matrix: Matrix)?
        for step in steps {
            var matrix: Matrix?
            if used == .denseBlock {
                if let cached = dense, cached.step.hasSameRates(as: step) {
                    matrix = cached.matrix
                } else {
                    let built = step.generalisedLeslieMatrix()
                    dense = (step, built)
                    matrix = built
                }
            }
            let result = step.apply(to: current, workspace: &workspace, dense: matrix)
            try checkFinite(result.population, step: results.count)
            results.append(result)
            current = result.population
            progress?(results.count, steps.count)
        }
        return MultiregionalProjectionResult(start: start, startYear: startYear, width: start.ages.uniformWidth ?? 1,
                                             form: used, steps: results)
    }

    /// Projects K populations held as columns (S×A×R×K, column fastest) with the
    /// same step `count` times and returns the final state; no accounts are kept.
    ///
    /// This is the batched path: each age-sex exchange is one R×R by R×K DGEMM.
    /// - Precondition: `columns.count` is S·A·R·K.
    public func finalColumns(_ columns: [Double], count k: Int, step: MultiregionalStep, steps: Int,
                             form: MultiregionalForm = .automatic) -> [Double] {
        MultiregionalProjection.project(columns, count: k, step: step, steps: steps, form: form)
    }

    /// The batched path of ``finalColumns(_:count:step:steps:form:)`` without a projection value.
    ///
    /// With `threads` ≥ 2 and at least 128 columns in the structured form, the
    /// columns are split in two halves projected side by side, each with
    /// single-threaded OpenBLAS: the exchange products and the per-group finishing
    /// loops (births, migrants, floor) then both use the two cores, where threaded
    /// DGEMM alone leaves the finishing loops on one.
    public static func project(_ columns: [Double], count k: Int, step: MultiregionalStep, steps: Int,
                               form: MultiregionalForm = .automatic, threads: Int = 2) -> [Double] {
        let s = step.sexes.count, a = step.ages.count, r = step.regions.count
        let rows = s * a * r
        if threads >= 2, k >= 128, columns.count == rows * k,
           form.resolved(regions: r, ages: a, sexes: s) == .structured {
            let half = k / 2
            var parts: [[Double]] = [[], []]
            parts[0].reserveCapacity(rows * half)
            parts[1].reserveCapacity(rows * (k - half))
            for row in 0..<rows {
                parts[0] += columns[(row * k)..<(row * k + half)]
                parts[1] += columns[(row * k + half)..<((row + 1) * k)]
            }
            let saved = LinearAlgebraThreads.count
            LinearAlgebraThreads.count = 1
            defer { LinearAlgebraThreads.count = saved }
            let results = ResultPair()
            let inputs = parts
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                let width = i == 0 ? half : k - half
                results.set(i, project(inputs[i], count: width, step: step, steps: steps, form: .structured, threads: 1))
            }
            let left = results.get(0), right = results.get(1)
            var out = [Double]()
            out.reserveCapacity(rows * k)
            for row in 0..<rows {
                out += left[(row * half)..<((row + 1) * half)]
                out += right[(row * (k - half))..<((row + 1) * (k - half))]
            }
            return out
        }
        precondition(columns.count == s * a * r * k, "columns: expected \(s * a * r * k) values, found \(columns.count)")
        let used = form.resolved(regions: r, ages: a, sexes: s)
        let dense = used == .denseBlock ? step.generalisedLeslieMatrix() : nil
        var workspace = MultiregionalWorkspace(sexes: s, ages: a, regions: r, columns: k)
        var current = columns
        var next = [Double](repeating: 0, count: columns.count)
        step.withRateBuffers { rates in
            for _ in 0..<steps {
                current.withUnsafeBufferPointer { start in
                    next.withUnsafeMutableBufferPointer { out in
                        if let dense {
                            dense.entries.withUnsafeBufferPointer { g in
                                Kernels.multiregionalDenseStep(from: start, matrix: g, rates: rates, columns: k,
                                                               workspace: &workspace, into: out)
                            }
                        } else {
                            Kernels.multiregionalStep(from: start, rates: rates, columns: k, workspace: &workspace, into: out,
                                                  keepAccounts: false)
                        }
                    }
                }
                swap(&current, &next)
            }
        }
        return current
    }
}

extension MultiregionalProjection {
    /// Refuses a population that is no longer finite after step `k` (0-based):
    /// rates within their limits can still overflow a Double (about 1.8e308)
    /// after thousands of steps of growth, and an infinite or NaN count must
    /// never reach an output. Costs one pass over the S×A×R counts per step.
    func checkFinite(_ population: MultiregionalPopulation, step k: Int) throws(DemographyError) {
        guard let cell = population.counts.firstIndex(where: { !$0.isFinite }) else { return }
        let r = population.regionCount, a = population.ages.count
        let region = population.regions[cell % r], age = population.ages.startAges[(cell / r) % a]
        let sex = population.sexes[cell / (r * a)]
        let width = population.ages.uniformWidth ?? 1
        throw .noSolution(
            problem: "projection step \(k + 1) (\(startYear + k * width)-\(startYear + (k + 1) * width))",
            reason: "the population of \(region), \(sex.rawValue), age \(age) is \(population.counts[cell]), beyond the largest number a Double holds (1.8e308); project fewer steps")
    }
}

/// The two halves' results, written by two workers (each its own slot).
private final class ResultPair: @unchecked Sendable {
    private var slots: [[Double]] = [[], []]
    private let lock = NSLock()
    func set(_ i: Int, _ value: [Double]) { lock.lock(); slots[i] = value; lock.unlock() }
    func get(_ i: Int) -> [Double] { lock.lock(); defer { lock.unlock() }; return slots[i] }
}

extension MultiregionalStep {
    /// Whether two steps share transitions, fertility and sex ratio (the dense matrix).
    func hasSameRates(as other: MultiregionalStep) -> Bool {
        femaleShareOfBirths == other.femaleShareOfBirths && openAgeGroup == other.openAgeGroup
            && transitions == other.transitions && fertilityRates == other.fertilityRates
    }
}

/// The populations and accounts of a multiregional projection.
public struct MultiregionalProjectionResult: Sendable {
    /// The start population.
    public let start: MultiregionalPopulation
    /// The year of the start population.
    public let startYear: Int
    /// n — the step width in years.
    public let width: Int
    /// The form that ran.
    public let form: MultiregionalForm
    /// Each step's result; step k runs from `startYear + k·n`.
    public let steps: [MultiregionalStepResult]

    /// The populations at the start and after each step.
    public var populations: [MultiregionalPopulation] { [start] + steps.map(\.population) }

    /// The years of ``populations``.
    public var years: [Int] { (0...steps.count).map { startYear + $0 * width } }

    /// The first year of each step's period.
    public var periodStartYears: [Int] { (0..<steps.count).map { startYear + $0 * width } }

    /// The population at the end of the last step.
    public var final: MultiregionalPopulation { steps.last?.population ?? start }

    /// Σᵢ over regions at the start and after each step, to compare with a national projection.
    public var aggregates: [Population] { populations.map { $0.aggregate() } }
}
