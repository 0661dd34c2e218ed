import Testing
import Demography

/// One refusal per ``DemographyError`` case that no other suite triggers, each
/// checked for the case and for a message that names what was wrong.
@Suite struct DemographyErrorCaseTests {
    let ages: AgeStructure
    let flat: [Double]

    init() throws {
        ages = try AgeStructure.fiveYear(openAge: 20)   // 0, 5, 10, 15, 20+
        flat = [Double](repeating: 0.9, count: ages.count)
    }

    func step(survival: [Double]? = nil, on grid: AgeStructure? = nil) throws -> ProjectionStep {
        let grid = grid ?? ages
        let s = survival ?? [Double](repeating: 0.9, count: grid.count)
        return try ProjectionStep(ages: grid, survivalRatios: BySex(both: s),
                                  fertilityRates: [Double](repeating: 0, count: grid.count),
                                  sexRatioAtBirth: 1.05, migrationTiming: .endOfStep)
    }

    /// A survival ratio above 1 would give negative deaths (Sx is a proportion).
    @Test func survivalRatioAboveOneIsAProbabilityOutOfRange() throws {
        var s = flat
        s[3] = 1.2
        let error = #expect(throws: DemographyError.self) { try step(survival: s) }
        #expect(error == .probabilityOutOfRange(schedule: "female survival ratios", age: 15, value: 1.2))
        #expect(error?.description.contains("between 0 and 1") == true)
    }

    @Test func populationOnAnotherGridIsAnAgeStructureMismatch() throws {
        let other = try AgeStructure.fiveYear(openAge: 25)
        let population = try Population(ages: other, counts: BySex(both: [Double](repeating: 10, count: other.count)))
        let error = #expect(throws: DemographyError.self) { try step().apply(to: population) }
        guard case .ageStructureMismatch(let left, let right)? = error else {
            Issue.record("expected ageStructureMismatch, got \(String(describing: error))")
            return
        }
        #expect(left.contains("25") && right.contains("20"))
    }

    /// A step needs closed groups as wide as itself: the abridged grid (0, 1-4, 5, ...) has none.
    @Test func abridgedGridIsAnUnsupportedStepWidth() throws {
        let abridged = try AgeStructure.abridged(openAge: 20)
        let error = #expect(throws: DemographyError.self) { try step(on: abridged) }
        guard case .unsupportedStepWidth(_, let width)? = error else {
            Issue.record("expected unsupportedStepWidth, got \(String(describing: error))")
            return
        }
        #expect(width == 1)
    }

    @Test func noSharedStepsIsMissing() {
        let error = #expect(throws: DemographyError.self) { try BatchSharedRates(steps: []) }
        #expect(error == .missing(what: "steps of the shared rates", expected: "at least one step"))
        #expect(error?.description == "steps of the shared rates is missing, expected at least one step")
    }

    @Test func matrixPowerOnPerPopulationRatesIsNotApplicable() throws {
        let engine = try BatchProjection(ages: ages, count: 2)
        let dense = BatchDenseRates(ageGroups: ages.count, count: 2, steps: 1, fertileAges: 1..<(ages.count - 1),
                                    sexRatioAtBirth: [1.05], migrationTiming: .endOfStep)
        var state = [Double](repeating: 1, count: engine.layout.stateCount)
        let error = #expect(throws: DemographyError.self) {
            try engine.project(state: &state, steps: 1, rates: dense, form: .matrixPower)
        }
        guard case .notApplicable(let method, _)? = error else {
            Issue.record("expected notApplicable, got \(String(describing: error))")
            return
        }
        #expect(method == "the matrix-power form")
    }

    /// A b(x) of 0 at every age leaves the reference rates where they are: no e0 can be reached.
    @Test func leeCarterShiftWithZeroResponseIsNotApplicable() throws {
        let mx = [0.01, 0.001, 0.001, 0.002, 0.2]
        let shift = MortalityShift.leeCarter(ageResponse: [Double](repeating: 0, count: mx.count))
        let error = #expect(throws: DemographyError.self) {
            try shift.deathRates(reference: mx, ages: ages, sex: .female, targetLifeExpectancy: 60)
        }
        guard case .notApplicable? = error else {
            Issue.record("expected notApplicable, got \(String(describing: error))")
            return
        }
    }
}
