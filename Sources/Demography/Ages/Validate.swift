/// Checks shared by the initialisers of public types: each throws the first
/// ``DemographyError`` that names the schedule, the age and the value.
enum Validate {
    /// Finite, non-negative values, one per age group.
    static func schedule(_ values: [Double], on ages: AgeStructure, name: String) throws(DemographyError) {
        try count(values, on: ages, name: name)
        for (i, v) in values.enumerated() {
            guard v.isFinite else { throw .nonFiniteValue(schedule: name, age: ages.startAges[i], value: v) }
            guard v >= 0 else { throw .negativeValue(schedule: name, age: ages.startAges[i], value: v) }
        }
    }

    /// Proportions (survival ratios), one per age group, each in [0, 1].
    static func proportions(_ values: [Double], on ages: AgeStructure, name: String) throws(DemographyError) {
        try schedule(values, on: ages, name: name)
        for (i, v) in values.enumerated() where v > 1 {
            throw .probabilityOutOfRange(schedule: name, age: ages.startAges[i], value: v)
        }
    }

    /// Finite values of any sign (net migrants), one per age group.
    static func finite(_ values: [Double], on ages: AgeStructure, name: String) throws(DemographyError) {
        try count(values, on: ages, name: name)
        for (i, v) in values.enumerated() where !v.isFinite {
            throw .nonFiniteValue(schedule: name, age: ages.startAges[i], value: v)
        }
    }

    /// One value per age group.
    static func count(_ values: [Double], on ages: AgeStructure, name: String) throws(DemographyError) {
        guard values.count == ages.count else {
            throw .lengthMismatch(schedule: name, expected: ages.count, found: values.count)
        }
    }

    /// A finite positive scalar.
    static func positive(_ value: Double, name: String) throws(DemographyError) {
        guard value.isFinite, value > 0 else {
            throw .invalidParameter(name: name, value: value, expected: "a finite number above 0")
        }
    }
}
