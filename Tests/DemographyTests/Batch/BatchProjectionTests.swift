import Testing
import Foundation
import Demography
import DemographyIO

/// Every batched form against the one-population path (`ProjectionStep.apply`,
/// through `Projection.run`), population by population, to 1e-12 relative.
///
/// Populations are the fixture's start scaled cell by cell, with some cells
/// emptied or made tiny so that negative net migration trips the UN guard and
/// the floor (checked to happen, so the comparison covers both).
@Suite struct BatchProjectionTests {
    /// Start of population k: the base scaled per cell; every 5th population has
    /// empty or tiny old-age groups.
    static func starts(_ base: Population, count: Int) -> [Population] {
        (0..<count).map { k in
            func scaled(_ values: [Double], _ sexShift: Int) -> [Double] {
                var out = values
                for i in out.indices {
                    let factor = 0.5 + Double((k * 7 + i * 3 + sexShift) % 11) / 10
                    if k % 5 == 4 && i > base.ages.count / 2 {
                        out[i] = i % 3 == 0 ? 0 : 0.25
                    } else {
                        out[i] = values[i] * factor
                    }
                }
                return out
            }
            let counts = BySex(female: scaled(base.counts.female, 0), male: scaled(base.counts.male, 1))
            return try! Population(ages: base.ages, counts: counts)
        }
    }

    /// Steps with the fixture's rates and net migration made negative at old ages,
    /// large enough to empty small groups.
    static func withOutflows(_ steps: [ProjectionStep]) -> [ProjectionStep] {
        steps.map { step in
            let n = step.ages.count
            func outflow(_ values: [Double]) -> [Double] {
                var out = values
                for i in out.indices where i > n / 2 { out[i] = -3 - 2 * abs(out[i]) }
                return out
            }
            let migrants = BySex(female: outflow(step.netMigrants.female), male: outflow(step.netMigrants.male))
            return try! ProjectionStep(ages: step.ages, survivalRatios: step.survivalRatios,
                                       fertilityRates: step.fertilityRates, sexRatioAtBirth: step.sexRatioAtBirth,
                                       netMigrants: migrants, migrationTiming: step.migrationTiming)
        }
    }

    /// The reference: each population through `Projection.run()`; states after each step.
    static func reference(_ starts: [Population], steps: [ProjectionStep]) -> [[Population]] {
        starts.map { start in
            try! Projection(start: start, startYear: 0, steps: steps).run().steps.map(\.population)
        }
    }

    /// Worst relative difference (|a−b| / max(|b|, 1)) over populations and cells.
    static func worst(_ state: [Double], layout: BatchLayout, ages: AgeStructure, against want: [Population]) -> Double {
        var worst = 0.0
        for (k, ref) in want.enumerated() {
            let got = layout.population(k, of: state, ages: ages)
            for sex in Sex.allCases {
                for (a, b) in zip(got.counts[sex], ref.counts[sex]) {
                    worst = max(worst, abs(a - b) / max(abs(b), 1))
                }
            }
        }
        return worst
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let steps: Int?
        let timing: MigrationTiming?
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "canada1x1", steps: 30, timing: nil),
        Case(name: "canada1x1", steps: 12, timing: .evenlyDuringStep),
        Case(name: "sweden1993", steps: nil, timing: nil),
    ]

    static func fixture(_ c: Case) throws -> (start: Population, steps: [ProjectionStep]) {
        let dataset = try Fixture.dataset(c.name)
        let projection = try dataset.inputs.projection(survival: .given, overrideTiming: c.timing)
        let steps = Array(projection.steps.prefix(c.steps ?? projection.steps.count))
        return (projection.start, withOutflows(steps))
    }

    @Test(arguments: cases, [BatchForm.structured, .timeBlocked, .automatic])
    func sharedRatesMatchOnePopulationPath(_ c: Case, form: BatchForm) throws {
        let (base, steps) = try Self.fixture(c)
        let k = 37
        let starts = Self.starts(base, count: k)
        let want = Self.reference(starts, steps: steps)
        var engine = try BatchProjection(ages: base.ages, count: k, threads: 2)
        engine.tileWidth = 8
        var state = engine.layout.pack(starts)
        let sink = BatchAllStatesSink()
        try engine.project(state: &state, steps: steps.count, rates: BatchSharedRates(steps: steps), sink: sink, form: form)
        for t in 0..<steps.count {
            let w = Self.worst(sink.state(afterStep: t), layout: engine.layout, ages: base.ages, against: want.map { $0[t] })
            #expect(w < 1e-12, "step \(t): \(w)")
        }
        #expect(Self.worst(state, layout: engine.layout, ages: base.ages, against: want.map { $0.last! }) < 1e-12)
        // The guard and the floor did act in the reference.
        let adjusted = starts.contains { start in
            try! Projection(start: start, startYear: 0, steps: steps).run().steps.contains { !$0.adjustments.isEmpty }
        }
        #expect(adjusted)
    }

    @Sendable static func mu(_ channel: Int, _ t: Int, _ col: Int) -> Double {
        let r = (channel * 31 + t * 17 + col * 13) % 97
        return 0.85 + 0.3 * Double(r) / 97
    }

    static func scaledStep(_ step: ProjectionStep, q: Double, f: Double, m: Double) -> ProjectionStep {
        let sx: BySex<[Double]> = step.survivalRatios.map { (v: [Double]) -> [Double] in v.map { 1 - (1 - $0) * q } }
        let fx: [Double] = step.fertilityRates.map { $0 * f }
        let mx: BySex<[Double]> = step.netMigrants.map { (v: [Double]) -> [Double] in v.map { $0 * m } }
        return try! ProjectionStep(ages: step.ages, survivalRatios: sx, fertilityRates: fx,
                                   sexRatioAtBirth: step.sexRatioAtBirth, netMigrants: mx,
                                   migrationTiming: step.migrationTiming)
    }

    @Test(arguments: cases)
    func multipliedRatesMatchOnePopulationPath(_ c: Case) throws {
        let (base, steps) = try Self.fixture(c)
        let k = 21
        let starts = Self.starts(base, count: k)
        // The reference builds each population's own steps from the same formulas.
        var want: [[Population]] = []
        for (col, start) in starts.enumerated() {
            var own: [ProjectionStep] = []
            for (t, step) in steps.enumerated() {
                own.append(Self.scaledStep(step, q: Self.mu(0, t, col), f: Self.mu(1, t, col), m: Self.mu(2, t, col)))
            }
            want.append(try Projection(start: start, startYear: 0, steps: own).run().steps.map(\.population))
        }
        for order in [BatchRateOrder.anyOrder, .stepByStep] {
            let rates = BatchMultipliedRates(shared: try BatchSharedRates(steps: steps), order: order) { t, columns, into in
                for (i, col) in columns.enumerated() {
                    into.mortality[i] = Self.mu(0, t, col)
                    into.fertility[i] = Self.mu(1, t, col)
                    into.migration[i] = Self.mu(2, t, col)
                }
            }
            var engine = try BatchProjection(ages: base.ages, count: k, threads: 2)
            engine.tileWidth = 4
            var state = engine.layout.pack(starts)
            let choice = try engine.project(state: &state, steps: steps.count, rates: rates)
            #expect(choice.form == (order == .anyOrder ? .timeBlocked : .structured))
            #expect(Self.worst(state, layout: engine.layout, ages: base.ages, against: want.map { $0.last! }) < 1e-12)
        }
    }

    /// A provider that produces rates step by step (like a probabilistic run) from
    /// per-population steps, filling the engine's scratch tile.
    final class StepwiseProvider: BatchRateProvider, @unchecked Sendable {
        let steps: [[ProjectionStep]]   // [population][step]
        let fertileAges: Range<Int>
        var begun: [Int] = []
        init(_ steps: [[ProjectionStep]]) {
            self.steps = steps
            fertileAges = 1..<(steps[0][0].ages.count - 1)
        }
        var order: BatchRateOrder { .stepByStep }
        func beginStep(_ step: Int) { begun.append(step) }
        func sexRatioAtBirth(step: Int) -> Double { steps[0][step].sexRatioAtBirth }
        func migrationTiming(step: Int) -> MigrationTiming { steps[0][step].migrationTiming }
        func rates(step: Int, columns: Range<Int>, scratch: BatchRateTile) -> BatchRateTile {
            let n = steps[0][0].ages.count
            for (i, col) in columns.enumerated() {
                let s = steps[col][step]
                for x in 0..<n {
                    scratch.survival[x * scratch.stride + i] = s.survivalRatios.female[x]
                    scratch.survival[(n + x) * scratch.stride + i] = s.survivalRatios.male[x]
                    scratch.migrants[x * scratch.stride + i] = s.netMigrants.female[x]
                    scratch.migrants[(n + x) * scratch.stride + i] = s.netMigrants.male[x]
                }
                for x in fertileAges { scratch.fertility[(x - fertileAges.lowerBound) * scratch.stride + i] = s.fertilityRates[x] }
            }
            return scratch
        }
    }

    @Test(arguments: cases)
    func perPopulationProvidersMatchOnePopulationPath(_ c: Case) throws {
        let (base, steps) = try Self.fixture(c)
        let k = 13, n = base.ages.count
        let starts = Self.starts(base, count: k)
        var own: [[ProjectionStep]] = []
        for col in 0..<k {
            let q = 0.8 + 0.05 * Double(col % 7), f = 0.8 + 0.03 * Double(col), m = 1 + 0.1 * Double(col % 3)
            own.append(steps.map { Self.scaledStep($0, q: q, f: f, m: m) })
        }
        let want = zip(starts, own).map { start, s in
            try! Projection(start: start, startYear: 0, steps: s).run().steps.map(\.population)
        }
        var engine = try BatchProjection(ages: base.ages, count: k, threads: 2)
        engine.tileWidth = 4
        // Step by step, filled tiles.
        let provider = StepwiseProvider(own)
        var state = engine.layout.pack(starts)
        let choice = try engine.project(state: &state, steps: steps.count, rates: provider)
        #expect(choice.form == .structured)
        #expect(provider.begun == Array(0..<steps.count))
        #expect(Self.worst(state, layout: engine.layout, ages: base.ages, against: want.map { $0.last! }) < 1e-12)
        // All steps up front, views into the provider's storage, time-blocked.
        let dense = BatchDenseRates(ageGroups: n, count: k, steps: steps.count, fertileAges: 1..<(n - 1),
                                    sexRatioAtBirth: steps.map(\.sexRatioAtBirth), migrationTiming: steps[0].migrationTiming)
        for t in 0..<steps.count {
            let tile = dense.tile(step: t)
            _ = provider.rates(step: t, columns: 0..<k, scratch: tile)
        }
        var blocked = engine.layout.pack(starts)
        let sink = BatchAllStatesSink()
        let blockedChoice = try engine.project(state: &blocked, steps: steps.count, rates: dense, sink: sink)
        #expect(blockedChoice.form == .timeBlocked)
        #expect(Self.worst(blocked, layout: engine.layout, ages: base.ages, against: want.map { $0.last! }) < 1e-12)
        // Births per population agree with the reference's.
        let refBirths = zip(starts, own).map { start, s in
            try! Projection(start: start, startYear: 0, steps: s).run().steps.map(\.totalBirths)
        }
        for t in 0..<steps.count {
            let b = sink.births(step: t)
            for col in 0..<k { #expect(relativeError(b[col], refBirths[col][t]) < 1e-12) }
        }
    }

    @Test func matrixPowerMatchesStepsForConstantRates() throws {
        let dataset = try Fixture.dataset("canada1x1")
        let projection = try dataset.inputs.projection(survival: .given)
        // Constant rates with no outflow: the step is linear and the power form is valid.
        let s0 = projection.steps[0]
        let inflow: BySex<[Double]> = s0.netMigrants.map { (v: [Double]) -> [Double] in v.map { abs($0) } }
        let step = try ProjectionStep(ages: s0.ages, survivalRatios: s0.survivalRatios, fertilityRates: s0.fertilityRates,
                                      sexRatioAtBirth: s0.sexRatioAtBirth, netMigrants: inflow,
                                      migrationTiming: .evenlyDuringStep)
        let k = 9, t = 100
        let starts = Self.starts(projection.start, count: k).map { p in
            let plusOne: BySex<[Double]> = p.counts.map { (v: [Double]) -> [Double] in v.map { $0 + 1 } }
            return try! Population(ages: p.ages, counts: plusOne)
        }
        let want = Self.reference(starts, steps: Array(repeating: step, count: t)).map { $0.last! }
        let engine = try BatchProjection(ages: projection.start.ages, count: k)
        var state = engine.layout.pack(starts)
        let choice = try engine.project(state: &state, steps: t, rates: BatchSharedRates(constant: step), form: .matrixPower)
        #expect(choice.form == .matrixPower)
        // Rounding of 8 products of order 203 instead of 100 steps: observed ~1e-14.
        #expect(Self.worst(state, layout: engine.layout, ages: projection.start.ages, against: want) < 1e-12)
        var structured = engine.layout.pack(starts)
        try engine.project(state: &structured, steps: t, rates: BatchSharedRates(constant: step), form: .timeBlocked)
        #expect(Self.worst(structured, layout: engine.layout, ages: projection.start.ages, against: want) < 1e-12)
    }

    @Test func automaticChoiceFollowsTheCostModel() throws {
        let dataset = try Fixture.dataset("canada1x1")
        let s0 = try dataset.inputs.projection(survival: .given).steps[0]
        let inflow: BySex<[Double]> = s0.netMigrants.map { (v: [Double]) -> [Double] in v.map { abs($0) } }
        let positive = try ProjectionStep(ages: s0.ages, survivalRatios: s0.survivalRatios, fertilityRates: s0.fertilityRates,
                                          sexRatioAtBirth: s0.sexRatioAtBirth, netMigrants: inflow, migrationTiming: .endOfStep)
        let constant = try BatchSharedRates(constant: positive)
        let n = s0.ages.count
        let big = BatchFormChoice.shared(constant, recording: .finalStep, ageGroups: n, count: 100_000, steps: 100,
                                         threads: 2, requested: .automatic)
        #expect(big.form == .matrixPower)
        let small = BatchFormChoice.shared(constant, recording: .finalStep, ageGroups: n, count: 100, steps: 100,
                                           threads: 2, requested: .automatic)
        #expect(small.form == .timeBlocked)
        let everyStep = BatchFormChoice.shared(constant, recording: .everyStep, ageGroups: n, count: 100_000, steps: 100,
                                               threads: 2, requested: .automatic)
        #expect(everyStep.form == .timeBlocked)
        let outflow = try BatchSharedRates(constant: Self.withOutflows([positive])[0])
        #expect(BatchFormChoice.shared(outflow, recording: .finalStep, ageGroups: n, count: 100_000, steps: 100,
                                       threads: 2, requested: .automatic).form == .timeBlocked)
        #expect(BatchFormChoice.shared(constant, recording: .finalStep, ageGroups: n, count: 100_000, steps: 100,
                                       threads: 2, requested: .structured).form == .structured)
    }

    @Test func matrixPowerRefusesWhatItCannotCompute() throws {
        let (base, steps) = try Self.fixture(Self.cases[0])
        let engine = try BatchProjection(ages: base.ages, count: 3)
        var state = engine.layout.pack(Self.starts(base, count: 3))
        #expect(throws: DemographyError.self) {
            try engine.project(state: &state, steps: 5, rates: BatchSharedRates(steps: steps), form: .matrixPower)
        }
        #expect(throws: DemographyError.self) {
            var short = [Double](repeating: 1, count: 5)
            try engine.project(state: &short, steps: 5, rates: BatchSharedRates(steps: steps))
        }
    }

    @Test func streamingSinksSummariseEveryStep() throws {
        let (base, steps) = try Self.fixture(Self.cases[0])
        let k = 50
        let starts = Self.starts(base, count: k)
        let want = Self.reference(starts, steps: steps)
        var engine = try BatchProjection(ages: base.ages, count: k, threads: 2)
        engine.tileWidth = 16
        let totals = BatchTotalsSink()
        var state = engine.layout.pack(starts)
        try engine.project(state: &state, steps: steps.count, rates: BatchSharedRates(steps: steps), sink: totals,
                           form: .structured)
        #expect(totals.summaries.count == steps.count)
        for t in 0..<steps.count {
            let refTotals = want.map { $0[t].total }
            let mean = refTotals.reduce(0, +) / Double(k)
            #expect(relativeError(totals.summaries[t].meanTotal, mean) < 1e-12)
            #expect(relativeError(totals.summaries[t].maximum, refTotals.max()!) < 1e-12)
            #expect(relativeError(totals.summaries[t].minimum, refTotals.min()!) < 1e-12)
        }
        // Quantiles from a histogram: within one bin of the sample quantile.
        let last = want.map { $0.last!.total }.sorted()
        let range = (last.first! * 0.5)...(last.last! * 1.5)
        let quantiles = BatchQuantileSink(range: range, bins: 2000)
        var again = engine.layout.pack(starts)
        try engine.project(state: &again, steps: steps.count, rates: BatchSharedRates(steps: steps), sink: quantiles)
        let bin = (range.upperBound - range.lowerBound) / 2000
        let median = quantiles.quantile(0.5, step: steps.count - 1)
        #expect(abs(median - last[k / 2 - 1]) <= 2 * bin || abs(median - last[k / 2]) <= 2 * bin)
    }
}
