/// Age groups: start ages x, widths n, and the open age group ω+.
///
/// Ages are whole years. Group `i` runs from `startAges[i]` to `startAges[i+1]`;
/// the last group is open-ended (ω+). Common grids:
/// single years 0, 1, …, 99, 100+ (``singleYear(openAge:)``), five-year groups
/// 0, 5, …, 80, 85+ (``fiveYear(openAge:)``) and abridged groups 0, 1–4, 5–9, …
/// (``abridged(openAge:)``).
public struct AgeStructure: Hashable, Sendable, CustomStringConvertible {
    /// x — the start age of each group; the last is the open age ω.
    public let startAges: [Int]

    /// The highest start age a grid may have: 200, above any recorded human age
    /// (Kannisto closures extrapolate to 130). A larger start age is a damaged
    /// file, and would make widths and life-table sums overflow.
    public static let maximumStartAge = 200

    /// Builds a grid from its start ages, which must begin at 0, increase
    /// strictly (every width n ≥ 1) and stay within 0…``maximumStartAge``.
    public init(startAges: [Int]) throws(DemographyError) {
        guard let first = startAges.first, startAges.count >= 2 else {
            throw .invalidAgeStructure(reason: "an age structure needs at least one closed group and the open group")
        }
        guard first == 0 else {
            throw .invalidAgeStructure(reason: "the first age group must start at 0, not \(first)")
        }
        for i in 1..<startAges.count where startAges[i] <= startAges[i - 1] {
            throw .invalidAgeStructure(reason: "start ages must increase, but \(startAges[i]) follows \(startAges[i - 1])")
        }
        if let last = startAges.last, last > AgeStructure.maximumStartAge {
            throw .invalidAgeStructure(reason: "start ages must be at most \(AgeStructure.maximumStartAge), not \(last)")
        }
        self.startAges = startAges
    }

    /// Single years 0, 1, …, ω−1 and the open group ω+.
    public static func singleYear(openAge: Int) throws(DemographyError) -> AgeStructure {
        guard openAge >= 1 else { throw .invalidAgeStructure(reason: "the open age must be at least 1, not \(openAge)") }
        return try AgeStructure(startAges: Array(0...openAge))
    }

    /// Five-year groups 0–4, 5–9, …, and the open group ω+ (ω a multiple of 5).
    public static func fiveYear(openAge: Int) throws(DemographyError) -> AgeStructure {
        guard openAge >= 5, openAge % 5 == 0 else {
            throw .invalidAgeStructure(reason: "a five-year grid needs an open age that is a positive multiple of 5, not \(openAge)")
        }
        return try AgeStructure(startAges: Array(stride(from: 0, through: openAge, by: 5)))
    }

    /// Abridged groups 0, 1–4, 5–9, …, and the open group ω+ (ω a multiple of 5).
    public static func abridged(openAge: Int) throws(DemographyError) -> AgeStructure {
        guard openAge >= 5, openAge % 5 == 0 else {
            throw .invalidAgeStructure(reason: "an abridged grid needs an open age that is a positive multiple of 5, not \(openAge)")
        }
        return try AgeStructure(startAges: [0, 1] + Array(stride(from: 5, through: openAge, by: 5)))
    }

    /// The number of age groups, the open group included.
    public var count: Int { startAges.count }

    /// ω — the start age of the open group.
    public var openAge: Int { startAges[startAges.count - 1] }

    /// n — the width of group `index` in years, or `nil` for the open group.
    public func width(at index: Int) -> Int? {
        index + 1 < startAges.count ? startAges[index + 1] - startAges[index] : nil
    }

    /// The common width of all closed groups, or `nil` when they differ (abridged grids).
    public var uniformWidth: Int? {
        let n = startAges[1] - startAges[0]
        for i in 1..<(startAges.count - 1) where startAges[i + 1] - startAges[i] != n { return nil }
        return n
    }

    /// Whether this is the abridged grid 0, 1–4, 5–9, … .
    public var isAbridged: Bool {
        startAges.count >= 3 && startAges[1] == 1 && startAges[2] == 5
            && AgeStructure.isRegular(Array(startAges.dropFirst(2)), width: 5)
    }

    /// The index of the group that starts at `age`, if any.
    public func index(ofStartAge age: Int) -> Int? {
        startAges.firstIndex(of: age)
    }

    /// The label of group `index`: "0", "1-4", "85+".
    public func label(at index: Int) -> String {
        guard let n = width(at: index) else { return "\(startAges[index])+" }
        return n == 1 ? "\(startAges[index])" : "\(startAges[index])-\(startAges[index] + n - 1)"
    }

    public var description: String {
        if let n = uniformWidth { return "\(n)-year ages 0..\(openAge)+" }
        return isAbridged ? "abridged ages 0, 1-4, 5-9, ..., \(openAge)+" : "ages \(startAges.map(String.init).joined(separator: ","))+"
    }

    private static func isRegular(_ ages: [Int], width: Int) -> Bool {
        for i in 1..<ages.count where ages[i] - ages[i - 1] != width { return false }
        return true
    }
}
