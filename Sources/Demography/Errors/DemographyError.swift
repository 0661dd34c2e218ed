/// Why the library refused an input: one plain sentence a demographer can act on.
public enum DemographyError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidAgeStructure(reason: String)
    case lengthMismatch(schedule: String, expected: Int, found: Int)
    case negativeValue(schedule: String, age: Int, value: Double)
    case nonFiniteValue(schedule: String, age: Int, value: Double)
    case probabilityOutOfRange(schedule: String, age: Int, value: Double)
    case ageStructureMismatch(left: String, right: String)
    case invalidParameter(name: String, value: Double, expected: String)
    case unsupportedStepWidth(ages: String, width: Int)
    /// Something the computation needs is absent: a period, a parameter, a sex.
    case missing(what: String, expected: String)
    /// A method that cannot be used on these inputs, and why.
    case notApplicable(method: String, reason: String)
    /// A numerical problem without a solution, and why.
    case noSolution(problem: String, reason: String)

    public var description: String {
        switch self {
        case .invalidAgeStructure(let reason):
            return "invalid age structure: \(reason)"
        case .lengthMismatch(let schedule, let expected, let found):
            return "\(schedule) has \(found) age groups, expected \(expected)"
        case .negativeValue(let schedule, let age, let value):
            return "\(schedule) at age \(age) is \(value), expected a value of 0 or more"
        case .nonFiniteValue(let schedule, let age, let value):
            return "\(schedule) at age \(age) is \(value), expected a finite number"
        case .probabilityOutOfRange(let schedule, let age, let value):
            return "\(schedule) at age \(age) is \(value), expected a proportion between 0 and 1"
        case .ageStructureMismatch(let left, let right):
            return "age groups disagree: \(left) versus \(right)"
        case .invalidParameter(let name, let value, let expected):
            return "\(name) is \(value), expected \(expected)"
        case .unsupportedStepWidth(let ages, let width):
            return "a projection step of \(width) years needs closed age groups of \(width) years, but the grid is \(ages)"
        case .missing(let what, let expected):
            return "\(what) is missing, expected \(expected)"
        case .notApplicable(let method, let reason):
            return "\(method) cannot be used: \(reason)"
        case .noSolution(let problem, let reason):
            return "\(problem) has no solution: \(reason)"
        }
    }
}
