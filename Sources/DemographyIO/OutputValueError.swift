/// A number a writer refused to turn into text: one that is not finite, or a
/// count below 0.
///
/// Every writer of DemographyIO (the projection, summary, quantile, stable,
/// multiregional and life-table tables, and the charts) checks each number
/// before writing it, so that `inf`, `nan` or a negative population never reaches
/// a file with a successful exit. Such a value means that an input lay outside
/// the range the computation can carry (a count near 10^308, a survival ratio
/// above 1, a rate too large for the step), not that the output is right; the
/// message names the file and the cell so the input can be traced.
public struct OutputValueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the value.
    public enum Problem: Sendable, Equatable {
        /// ±inf or NaN.
        case nonFinite
        /// A count (persons, births, deaths, migrants moving) below 0.
        case negativeCount
    }

    /// The output file (or "the printed table") that would have held the value.
    public var file: String
    /// Where in it: "year 2015, female, age 5".
    public var place: String
    /// The value computed.
    public var value: Double
    public var problem: Problem

    public init(file: String, place: String, value: Double, problem: Problem) {
        self.file = file
        self.place = place
        self.value = value
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case .nonFinite:
            return "\(file): the run produced a non-finite value (\(value)) at \(place); this means an input outside its range "
                + "(a count or rate too large or too small to compute with); check the inputs of that year and age"
        case .negativeCount:
            return "\(file): the run produced a negative count (\(value)) at \(place); this means an input outside its range "
                + "(a survival ratio above 1, or a rate too large for the step); check the inputs of that year and age"
        }
    }
}

/// The checks a writer makes on a number before it becomes text.
enum OutputValue {
    /// A count: finite and 0 or more, in full precision.
    static func count(_ value: Double, in file: String, at place: @autoclosure () -> String) throws(OutputValueError) -> String {
        guard value.isFinite else { throw OutputValueError(file: file, place: place(), value: value, problem: .nonFinite) }
        guard value >= 0 else { throw OutputValueError(file: file, place: place(), value: value, problem: .negativeCount) }
        return ProjectionTables.format(value)
    }

    /// The check of ``count(_:in:at:)`` alone, for writers that format the value themselves.
    @inline(__always)
    static func checkCount(_ value: Double, in file: String, at place: @autoclosure () -> String) throws(OutputValueError) {
        guard value.isFinite else { throw OutputValueError(file: file, place: place(), value: value, problem: .nonFinite) }
        guard value >= 0 else { throw OutputValueError(file: file, place: place(), value: value, problem: .negativeCount) }
    }

    /// A number of either sign (net migrants, a growth rate): finite, in full precision.
    static func number(_ value: Double, in file: String, at place: @autoclosure () -> String) throws(OutputValueError) -> String {
        try finite(value, in: file, at: place())
        return ProjectionTables.format(value)
    }

    /// An indicator that may be undefined: NaN (undefined, see ``SummaryIndicators``)
    /// becomes an empty field; ±inf is refused.
    static func indicator(_ value: Double, in file: String, at place: @autoclosure () -> String) throws(OutputValueError) -> String {
        if value.isNaN { return "" }
        return try number(value, in: file, at: place())
    }

    /// Refuses a value that is not finite.
    static func finite(_ value: Double, in file: String, at place: @autoclosure () -> String) throws(OutputValueError) {
        guard value.isFinite else { throw OutputValueError(file: file, place: place(), value: value, problem: .nonFinite) }
    }
}
