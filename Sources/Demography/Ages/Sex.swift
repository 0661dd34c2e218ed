/// Sex of a person, the second dimension of every population and schedule.
public enum Sex: String, CaseIterable, Sendable, Hashable, Codable {
    case female
    case male
}

/// One value for each sex; nothing is written twice.
public struct BySex<Value> {
    /// The value for females.
    public var female: Value
    /// The value for males.
    public var male: Value

    /// Pairs a female and a male value.
    public init(female: Value, male: Value) {
        self.female = female
        self.male = male
    }

    /// The same value for both sexes.
    public init(both value: Value) {
        self.female = value
        self.male = value
    }

    /// Builds each sex's value from the sex.
    public init(_ make: (Sex) throws -> Value) rethrows {
        self.female = try make(.female)
        self.male = try make(.male)
    }

    /// The value for `sex`.
    public subscript(sex: Sex) -> Value {
        get { sex == .female ? female : male }
        set { if sex == .female { female = newValue } else { male = newValue } }
    }

    /// Applies `transform` to each sex's value.
    public func map<T>(_ transform: (Value) throws -> T) rethrows -> BySex<T> {
        BySex<T>(female: try transform(female), male: try transform(male))
    }
}

extension BySex: Sendable where Value: Sendable {}
extension BySex: Equatable where Value: Equatable {}
extension BySex: Hashable where Value: Hashable {}
