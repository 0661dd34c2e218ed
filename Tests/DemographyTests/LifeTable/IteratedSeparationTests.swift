import Testing
import Demography

/// The iterated nax of Preston, Heuveline & Guillot (2001), p. 45: the result is a
/// fixed point of the formula (identity), on an abridged female schedule.
@Suite struct IteratedSeparationTests {
    @Test func iterationReachesAFixedPoint() throws {
        let ages = try AgeStructure.abridged(openAge: 85)
        let mx = [0.0193, 0.0008, 0.0004, 0.0003, 0.0006, 0.0008, 0.0009, 0.0013, 0.0020, 0.0031, 0.0046,
                  0.0066, 0.0095, 0.0143, 0.0226, 0.0373, 0.0621, 0.1008, 0.1750]
        let table = try LifeTable(sex: .female, ages: ages, deathRates: mx,
                                  options: LifeTableOptions(infantSeparation: .coaleDemeny(.west), closedGroups: .iterated))
        let d = table.deaths, a = table.separationFactors
        for i in 3..<(ages.count - 1) {
            let expected = (-5.0 / 24 * d[i - 1] + 2.5 * d[i] + 5.0 / 24 * d[i + 1]) / d[i]
            #expect(abs(a[i] - expected) < 1e-9, "age \(ages.startAges[i])")
            #expect(a[i] > 0 && a[i] < 5)
        }
        // Rising deaths with age put deaths later in the interval at old ages.
        #expect(a[ages.count - 3] > 2.5)
        let midpoint = try LifeTable(sex: .female, ages: ages, deathRates: mx,
                                     options: LifeTableOptions(infantSeparation: .coaleDemeny(.west)))
        #expect(abs(table.lifeExpectancyAtBirth - midpoint.lifeExpectancyAtBirth) < 0.2)
    }
}
