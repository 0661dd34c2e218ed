/// ₙvₓ — one value per age group on an ``AgeStructure``.
///
/// Used for rates (nMx, ASFR), proportions (Sx) and counts alike; the meaning is
/// given by the property that holds it.
public struct AgeSchedule: Hashable, Sendable {
    /// The age groups.
    public let ages: AgeStructure
    /// One value per age group, youngest first.
    public var values: [Double]

    /// Pairs values with age groups; the counts must agree.
    public init(ages: AgeStructure, values: [Double], name: String = "schedule") throws(DemographyError) {
        guard values.count == ages.count else {
            throw .lengthMismatch(schedule: name, expected: ages.count, found: values.count)
        }
        self.ages = ages
        self.values = values
    }

    /// The value of group `index`.
    public subscript(index: Int) -> Double {
        get { values[index] }
        set { values[index] = newValue }
    }

    /// The sum over all age groups.
    public var sum: Double { values.reduce(0, +) }
}
