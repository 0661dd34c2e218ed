import Testing
import Demography
import DemographyIO

/// One formula, one set of bits: the friendly step (`Projection.run`), the packed
/// run (`runFast`) and the batch engine with stored rates (shared and per-population
/// rows, structured and time-blocked) give identical doubles in every cell.
///
/// Identity checked: each path runs the one UN step (``ProjectionStep``) with the
/// same operations in the same order, births summed from the oldest fertile age
/// down. Kuwait 1x1 is the case where the UN's guard acts on empty groups with
/// no migrants, on net outflows, and where the floor acts (1967-73, 1995-96).
@Suite struct OneStepOnEveryPathTests {
    @Test(arguments: ["kuwait1x1", "canada1x1", "sweden1993"], [MigrationTiming.endOfStep, .evenlyDuringStep])
    func everyPathGivesTheSameBits(_ name: String, _ timing: MigrationTiming) throws {
        let dataset = try Fixture.dataset(name)
        let projection = try dataset.inputs.projection(survival: .given, overrideTiming: timing)
        let friendly = projection.run()
        let states = friendly.populations
        let T = projection.steps.count
        if name == "kuwait1x1" {
            #expect(friendly.steps.contains { $0.adjustments.contains { if case .floor = $0.kind { true } else { false } } })
            #expect(friendly.steps.contains { $0.adjustments.contains {
                if case .migrationGuard(let requested, _) = $0.kind { requested == 0 } else { false } } })
        }

        // Packed run: every state and the births of every step.
        let fast = projection.runFast()
        for t in 0...T { #expect(fast.population(at: t) == states[t], "packed, state \(t)") }
        for (t, step) in friendly.steps.enumerated() {
            #expect(fast.births[2 * t] == step.births.female && fast.births[2 * t + 1] == step.births.male)
        }

        // Batch engine, three copies of the start, shared rows and per-population rows.
        let k = 3
        let engine = try BatchProjection(ages: projection.start.ages, count: k)
        let layout = engine.layout
        let shared = try BatchSharedRates(steps: projection.steps)
        for form in [BatchForm.structured, .timeBlocked] {
            var state = layout.pack(Array(repeating: projection.start, count: k))
            try engine.project(state: &state, steps: T, rates: shared, form: form)
            for c in 0..<k {
                #expect(layout.population(c, of: state, ages: projection.start.ages) == states[T], "shared \(form) \(c)")
            }
        }
        let n = projection.start.ages.count
        let dense = BatchDenseRates(ageGroups: n, count: k, steps: T, fertileAges: 1..<(n - 1),
                                    sexRatioAtBirth: projection.steps.map(\.sexRatioAtBirth), migrationTiming: timing)
        for (t, step) in projection.steps.enumerated() {
            let tile = dense.tile(step: t)
            for c in 0..<k {
                for (s, sex) in Sex.allCases.enumerated() {
                    for x in 0..<n {
                        tile.survival[(s * n + x) * k + c] = step.survivalRatios[sex][x]
                        tile.migrants[(s * n + x) * k + c] = step.netMigrants[sex][x]
                    }
                }
                for x in 1..<(n - 1) { tile.fertility[(x - 1) * k + c] = step.fertilityRates[x] }
            }
        }
        var state = layout.pack(Array(repeating: projection.start, count: k))
        try engine.project(state: &state, steps: T, rates: dense)
        for c in 0..<k {
            #expect(layout.population(c, of: state, ages: projection.start.ages) == states[T], "dense \(c)")
        }
    }
}
