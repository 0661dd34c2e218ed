import Foundation

/// What a number in an input file measures, the values it can take, and the
/// values a demographer would not expect.
///
/// A reader checks every value against its quantity: outside `limits` the value
/// is refused with a located ``InputProblem`` (never capped or replaced);
/// inside the limits but outside `usual`, it is read and a warning names it.
/// The limits are facts of the measure (a survival ratio is a probability, a
/// woman bears at most about one child a year); the usual ranges are what the UN
/// World Population Prospects 2024 holds for every country and year since 1950,
/// widened, so that a warning means "look again", not "wrong".
///
/// | quantity | limits | usual | |
/// |---|---|---|---|
/// | population count | 0 ... 1e11 a cell | | the world holds 8.2e9 persons; the summary layout holds thousands (WPP) or persons (canada2023), so its limit is that of persons |
/// | survival ratio Sx | 0 ... 1 | | a probability |
/// | death rate nMx | 0 ... 100 a year | 0 ... 3 | mx = 100: all die within days |
/// | ASFR nFx | 0 ... 1 a woman a year | 0 ... 0.5 | 1 ... 500 is read as "per 1000 women" |
/// | TFR | 0 ... 20 children a woman | 0.5 ... 10 | the highest national TFR since 1950 is under 9; 50 ... 1000 is read as "per 100 women" |
/// | SRB | 0.5 ... 2 males a female | 0.95 ... 1.2 | 80 ... 130 is read as "per 100 females" and refused |
/// | e0 | (0, 120] years | 15 ... 100 | |
/// | net migrants | ±1e10 a cell | | in persons or thousands, as the population |
/// | net migration rate | ±10 a person a year | ±0.2 | |
/// | share or proportion | 0 ... 1 | | |
/// | percentage | 0 ... 100 | | |
/// | weight of an age pattern | ±1e12 | | any scale: shares, counts |
/// | any number | finite | | files read for their shape (outputs read back) |
///
/// The limits and usual ranges are those of the canonical units; a unit a
/// dataset declares (``DatasetUnits``: SRB per 100 females, ASFR or mx per
/// 1,000, counts in thousands) scales them, and its values are converted on
/// reading (see Quantity+Units.swift).
///
/// Keys are whole numbers with their own ranges: a calendar year is from
/// ``calendarYears`` (1000 to 3000: any historical series or projection horizon,
/// and no year so far away that a per-year check runs for hours), an age from
/// ``ages`` (0 to 200).
public struct Quantity: Sendable {
    /// What the value measures, as said in messages ("a survival ratio Sx").
    public var name: String
    /// The values the quantity can take (inclusive unless `excludesLowerLimit`).
    public var limits: ClosedRange<Double>
    /// Whether the lower limit itself is refused (e0 > 0).
    public var excludesLowerLimit = false
    /// The values that raise no warning; nil when every legal value is usual.
    public var usual: ClosedRange<Double>?
    /// A cause to name for a refused value (a value in another unit), if any.
    var likelyCause: (@Sendable (Double) -> String?)? = nil
    /// Canonical units in one unit of the file (0.01 for SRB per 100 females):
    /// ``read(_:file:line:column:problems:)`` returns the value times this, the
    /// limits being those of the file's unit (``written(in:canonicalPerUnit:)``).
    var canonicalPerUnit: Double = 1

    /// A population count, in persons when `personsPerUnit` is 1 (1000: thousands).
    public static func population(personsPerUnit: Double = 1) -> Quantity {
        Quantity(name: "a population count", limits: 0...(1e11 / personsPerUnit))
    }
    /// Sx, a probability of surviving from one age group into the next.
    public static let survivalRatio = Quantity(name: "a survival ratio", limits: 0...1)
    /// nMx, deaths per person-year lived.
    public static let deathRate = Quantity(name: "a death rate", limits: 0...100, usual: 0...3)
    /// nFx, births per woman-year lived.
    public static let fertilityRate = Quantity(
        name: "an age-specific fertility rate in births per woman", limits: 0...1, usual: 0...0.5,
        likelyCause: { (1...500).contains($0) ? "it looks like births per 1000 women; divide by 1000 (\(Quantity.rounded($0 / 1000))) or declare asfr,per 1000 women in units.csv" : nil })
    /// TFR, children per woman. The usual range starts at 0.3: the lowest national
    /// TFR observed is about 0.7 (Republic of Korea, 2023), and the UN's WPP 2024 low
    /// variant (medium − 0.5) goes down to 0.31 (Macao SAR, tfr_low.csv).
    public static let totalFertility = Quantity(
        name: "a total fertility rate in children per woman", limits: 0...20, usual: 0.3...10,
        likelyCause: { (50...1000).contains($0) ? "it looks like children per 100 women; divide by 100 (\(Quantity.rounded($0 / 100)))" : nil })
    /// SRB, males per female birth.
    public static let sexRatioAtBirth = Quantity(
        name: "a sex ratio at birth in males per female", limits: 0.5...2, usual: 0.95...1.2,
        likelyCause: { (80...130).contains($0) ? "it looks like males per 100 females; divide by 100 (\(Quantity.rounded($0 / 100))) or declare srb,per 100 females in units.csv" : nil })
    /// e0, years.
    public static let lifeExpectancy = Quantity(name: "a life expectancy at birth in years", limits: 0...120,
                                                excludesLowerLimit: true, usual: 15...100)
    /// Net migrants in one cell, in persons when `personsPerUnit` is 1.
    public static func netMigrants(personsPerUnit: Double = 1) -> Quantity {
        Quantity(name: "a net migrant count", limits: (-1e10 / personsPerUnit)...(1e10 / personsPerUnit))
    }
    /// Net migrants per person per year.
    public static let netMigrationRate = Quantity(name: "a net migration rate", limits: -10...10, usual: -0.2...0.2)
    /// A share between 0 and 1.
    public static let proportion = Quantity(name: "a proportion", limits: 0...1)
    /// A share between 0 and 100.
    public static let percentage = Quantity(name: "a percentage", limits: 0...100)
    /// A weight of an age pattern, in any scale (a user's migration pattern).
    public static let patternWeight = Quantity(name: "a weight of the age pattern", limits: -1e12...1e12)
    /// Any finite number, of 0 or more unless `signed`: for files read for their
    /// shape, whose values are checked elsewhere (outputs read back in tests).
    public static func anyNumber(signed: Bool = false) -> Quantity {
        Quantity(name: signed ? "a finite number" : "a finite number of 0 or more",
                 limits: (signed ? -Double.greatestFiniteMagnitude : 0)...Double.greatestFiniteMagnitude)
    }

    /// The calendar years a file may name (see the table above).
    public static let calendarYears = 1000...3000
    /// The ages a file may name.
    public static let ages = 0...200

    /// The value of `text` as this quantity: a plain decimal number
    /// (`DecimalNumber`) within the limits, or nil with the refusal appended to
    /// `problems`. A usual value adds nothing; an unusual one adds a warning and
    /// is returned.
    public func read(_ text: String, file: String, line: Int?, column: String?,
                     problems: inout [InputProblem]) -> Double? {
        if let value = text.utf8.withContiguousStorageIfAvailable({
            read(bytes: $0, file: file, line: line, column: column, problems: &problems)
        }) { return value }
        return Array(text.utf8).withUnsafeBufferPointer { read(bytes: $0, file: file, line: line, column: column, problems: &problems) }
    }

    /// ``read(_:file:line:column:problems:)`` of the UTF-8 `bytes` of a field;
    /// a `String` of them is made only for a message.
    func read(bytes: UnsafeBufferPointer<UInt8>, file: String, line: Int?, column: String?,
              problems: inout [InputProblem]) -> Double? {
        func text() -> String { InputProblem.excerpt(String(decoding: bytes, as: UTF8.self)) }
        guard let value = DecimalNumber.parse(bytes: bytes) else {
            problems.append(InputProblem(file: file, line: line, column: column, value: text(),
                                         expected: "\(name): a plain decimal number such as 12, 0.25 or 1.5e-3"))
            return nil
        }
        if let refusal = refusal(of: value, text: text(), file: file, line: line, column: column) {
            problems.append(refusal)
            return nil
        }
        if let warning = warning(for: value, text: text(), file: file, line: line, column: column) {
            problems.append(warning)
        }
        return canonicalPerUnit == 1 ? value : value * canonicalPerUnit
    }

    /// A whole number in `range` (a year, an age, a flag) from `text`, or nil with
    /// the refusal appended to `problems`; `what` names it ("a year").
    static func wholeNumber(_ text: String, _ what: String, in range: ClosedRange<Int>?, file: String, line: Int?,
                            column: String?, problems: inout [InputProblem]) -> Int? {
        if let value = text.utf8.withContiguousStorageIfAvailable({
            wholeNumber(bytes: $0, what, in: range, file: file, line: line, column: column, problems: &problems)
        }) { return value }
        return Array(text.utf8).withUnsafeBufferPointer {
            wholeNumber(bytes: $0, what, in: range, file: file, line: line, column: column, problems: &problems)
        }
    }

    /// ``wholeNumber(_:_:in:file:line:column:problems:)`` of the UTF-8 `bytes` of a field.
    static func wholeNumber(bytes: UnsafeBufferPointer<UInt8>, _ what: String, in range: ClosedRange<Int>?, file: String,
                            line: Int?, column: String?, problems: inout [InputProblem]) -> Int? {
        func text() -> String { InputProblem.excerpt(String(decoding: bytes, as: UTF8.self)) }
        guard let value = DecimalNumber.wholeNumber(bytes: bytes) else {
            problems.append(InputProblem(file: file, line: line, column: column, value: text(),
                                         expected: "\(what): a whole number in plain decimal"))
            return nil
        }
        if let range, !range.contains(value) {
            problems.append(InputProblem(file: file, line: line, column: column, value: text(),
                                         expected: "\(what) from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return value
    }

    /// A value to six significant digits, for hints ("divide by 100 (1.059)").
    static func rounded(_ v: Double) -> Double {
        guard v != 0, v.isFinite else { return v }
        let scale = pow(10, 5 - floor(log10(abs(v))))
        return (v * scale).rounded() / scale
    }

    /// What is expected, as a message says it: "a survival ratio from 0 to 1".
    public var expectation: String {
        let lower = excludesLowerLimit ? "above \(Self.text(limits.lowerBound))" : "from \(Self.text(limits.lowerBound))"
        return "\(name) \(lower) to \(Self.text(limits.upperBound))"
    }

    /// Whether `value` is within the limits.
    public func allows(_ value: Double) -> Bool {
        limits.contains(value) && !(excludesLowerLimit && value == limits.lowerBound)
    }

    /// Whether `value` is legal but outside the usual range.
    public func isUnusual(_ value: Double) -> Bool {
        allows(value) && !(usual?.contains(value) ?? true)
    }

    /// The refusal of `value` at a place, or nil when it is allowed.
    /// (`text` is an autoclosure: the excerpt of a value is made only for a problem.)
    func refusal(of value: Double, text: @autoclosure () -> String, file: String, line: Int?, column: String?) -> InputProblem? {
        guard !allows(value) else { return nil }
        var expected = expectation
        if let cause = likelyCause?(value) { expected += "; \(cause)" }
        return InputProblem(file: file, line: line, column: column, value: text(), expected: expected)
    }

    /// The warning for `value` at a place, or nil when it is usual.
    func warning(for value: Double, text: @autoclosure () -> String, file: String, line: Int?, column: String?) -> InputProblem? {
        guard isUnusual(value), let usual else { return nil }
        return InputProblem(file: file, line: line, column: column, value: text(),
                            expected: "\(name) usually from \(Self.text(usual.lowerBound)) to \(Self.text(usual.upperBound)); read as given",
                            severity: .warning)
    }

    private static func text(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e6 { return String(Int(v)) }
        let exponent = log10(abs(v)).rounded()
        if v == (v < 0 ? -1 : 1) * pow(10, exponent) { return "\(v < 0 ? "-" : "")1e\(Int(exponent))" }
        return "\(v)"
    }
}

// MARK: Multiregional and county quantities

extension Quantity {
    /// A migration rate per person per year: moves from one region to another
    /// (origin–destination), or out of a region to all others (out-migration),
    /// per person-year of the origin's age-sex group. The limit is the death
    /// rate's (100 moves a person-year); the linear multiregional life table
    /// further requires n/2 × (death + out-migration rate) ≤ about 1
    /// (``NegativeLinearTransition``), checked on the whole matrix. Usual: below
    /// 0.5 a year (the highest age-specific rates of moving between US counties
    /// or Yugoslav republics are under 0.3).
    public static let transitionRate = Quantity(name: "a migration rate per person per year", limits: 0...100, usual: 0...0.5)
    /// The share of an origin's leavers who go to one destination.
    public static let destinationShare = Quantity(name: "a destination share", limits: 0...1)
    /// Events (deaths, births or moves) in one cell in one year, in persons: at
    /// most the population limit of a cell.
    public static let eventCount = Quantity(name: "a count of events", limits: 0...1e11)
}
