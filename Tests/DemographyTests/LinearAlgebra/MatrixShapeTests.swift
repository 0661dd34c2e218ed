import Testing
import Demography

/// Audit §4: sizes from outside the library throw instead of trapping.
@Suite struct MatrixShapeTests {
    @Test func overflowingSizeThrows() {
        // Trapped on `rows * columns` before its guard.
        #expect(throws: DemographyError.self) { try Matrix(rows: Int.max, columns: 2, entries: [1]) }
        #expect(throws: DemographyError.self) { try Matrix.zeros(rows: Int.max, columns: 2) }
    }

    @Test func negativeDimensionsThrow() {
        // Matrix(rows: -1, columns: -1, entries: [1]) was accepted: (-1)·(-1) = 1 entry.
        let error = #expect(throws: DemographyError.self) { try Matrix(rows: -1, columns: -1, entries: [1]) }
        #expect(error == .invalidParameter(name: "matrix rows", value: -1, expected: "a count of 0 or more"))
        // Matrix(rows: -1, columns: 3) trapped in Array(repeating:count:).
        #expect(throws: DemographyError.self) { try Matrix.zeros(rows: -1, columns: 3) }
        #expect(throws: DemographyError.self) { try Matrix(rows: 2, columns: -3, entries: []) }
    }

    @Test func validSizesStillWork() throws {
        let m = try Matrix(rows: 2, columns: 3, entries: [1, 2, 3, 4, 5, 6])
        #expect(m[1, 2] == 6)
        #expect(try Matrix.zeros(rows: 0, columns: 5).entries.isEmpty)
        #expect(throws: DemographyError.self) { try Matrix(rows: 2, columns: 2, entries: [1]) }
    }
}

/// Audit §4: BatchLayout and AgeStructure probes.
@Suite struct ShapeProbeTests {
    @Test func packingAPopulationOfOtherAgeGroupsThrows() throws {
        // BatchLayout(ageGroups: 5, count: 1).pack([population with 3 groups]) trapped (index out of range).
        let ages = try AgeStructure(startAges: [0, 5, 10])
        let population = try Population(ages: ages, counts: BySex(both: [1, 2, 3]))
        let layout = BatchLayout(ageGroups: 5, count: 1)
        #expect(throws: DemographyError.self) { try layout.pack(validating: [population]) }
        #expect(throws: DemographyError.self) { try layout.pack(validating: []) }
        #expect(try BatchLayout(ageGroups: 3, count: 1).pack(validating: [population]) == [1, 2, 3, 1, 2, 3])
    }

    @Test func startAgesAreBounded() throws {
        // AgeStructure(startAges: [0, 1, Int.max]) was accepted: e0 = 4.57e18, label "1-9223372036854775806".
        let error = #expect(throws: DemographyError.self) { try AgeStructure(startAges: [0, 1, Int.max]) }
        #expect(error == .invalidAgeStructure(reason: "start ages must be at most 200, not \(Int.max)"))
        #expect(throws: DemographyError.self) { try AgeStructure(startAges: [0, 5, 5]) }
        #expect(try AgeStructure(startAges: [0, 1, 130]).openAge == 130)
        #expect(try AgeStructure.singleYear(openAge: 200).count == 201)
    }
}
