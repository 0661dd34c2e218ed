import Testing
@testable import DemographyIO

/// The number syntax of every input file: plain decimal and nothing else (F12).
@Suite struct DecimalNumberTests {
    @Test(arguments: [("12", 12.0), ("-5", -5), ("+5", 5), ("0.25", 0.25), (".5", 0.5), ("5.", 5), ("-.5", -0.5),
                      ("1e3", 1000), ("1.5E-3", 0.0015), ("2e+2", 200), ("0", 0), ("007", 7)])
    func plainDecimalsAreRead(text: String, value: Double) {
        #expect(DecimalNumber.parse(text) == value)
    }

    /// Each of these passes `Double(String)` or `Int(String)` but is not a number a table would hold.
    @Test(arguments: ["0x1p3", "0X10", "1993\0", "1e", "1e+", "e5", ".", "", "-", "+", "１２", "1_000", "nan", "NaN",
                      "inf", "-Infinity", "infinity", "1.2.3", "1,5", " 5", "5 ", "--5", "5e1.5", "١٢"])
    func otherFormsAreRefused(text: String) {
        #expect(DecimalNumber.parse(text) == nil, "\(text.debugDescription) was read as \(String(describing: DecimalNumber.parse(text)))")
        #expect(DecimalNumber.wholeNumber(text) == nil)
    }

    @Test func hexFloatIsNotEight() {
        #expect(Double("0x1p3") == 8, "the reason for the grammar: Double(String) reads hex floats")
        #expect(DecimalNumber.parse("0x1p3") == nil)
    }

    /// A magnitude beyond Double is read as infinite, and the caller (a quantity) refuses it.
    @Test func hugeMagnitudeIsInfiniteAndRefusedByItsQuantity() {
        #expect(DecimalNumber.parse("1e5000") == .infinity)
        var problems: [InputProblem] = []
        #expect(Quantity.population().read("1e5000", file: "pop_base.csv", line: 2, column: "value", problems: &problems) == nil)
        #expect(problems.count == 1 && problems[0].severity == .error)
        #expect(problems[0].description.hasPrefix("pop_base.csv, line 2, column value: found \"1e5000\", expected a population count from 0"))
    }

    @Test func wholeNumbersInPlainDecimal() {
        #expect(DecimalNumber.wholeNumber("1993") == 1993)
        #expect(DecimalNumber.wholeNumber("+5") == 5)
        #expect(DecimalNumber.wholeNumber("-5") == -5)
        #expect(DecimalNumber.wholeNumber("1993.0") == 1993)
        #expect(DecimalNumber.wholeNumber("2015.5") == nil)
        #expect(DecimalNumber.wholeNumber("1e3") == nil)
        #expect(DecimalNumber.wholeNumber("99999999999999999999") == nil)
    }

    /// A NUL byte after a year is shown escaped in the message, not written raw.
    @Test func nulAfterAYearIsRefusedAndShownEscaped() {
        var problems: [InputProblem] = []
        #expect(Quantity.wholeNumber("1993\0", "a year", in: Quantity.calendarYears, file: "srb.csv", line: 2,
                                     column: "year", problems: &problems) == nil)
        #expect(problems.first?.value == "1993\\u{0}")
    }
}
