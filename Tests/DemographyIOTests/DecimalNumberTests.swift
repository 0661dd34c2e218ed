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

    /// Hard cases of correct rounding (Clinger 1990; Paxson 1991, "A program for
    /// testing IEEE decimal–binary conversion"): the expected value is Swift's
    /// `Double(String)`, correctly rounded as C's `strtod`, compared bit for bit.
    @Test(arguments: [
        "0.1", "0.2", "0.3", "2.2250738585072011e-308", "2.2250738585072014e-308", "2.2250738585072012e-308",
        "9007199254740993", "9007199254740992", "9007199254740991", "9007199254740995", "1e23", "1e22", "1e-22", "8.98846567431158e307",
        "1.7976931348623157e308", "1.7976931348623159e308", "5e-324", "4.9406564584124654e-324", "2.4703282292062327e-324",
        "2.4703282292062328e-324", "1.0000000000000000000000001", "0.3333333333333333333333333", "1234567890123456789012345",
        "1.00000000000000011102230246251565404236316680908203125", "1.00000000000000011102230246251565404236316680908203124",
        "1.00000000000000011102230246251565404236316680908203126", "0.99999999999999994448884876874217297881841659545898437",
        "4503599627370496.5", "4503599627370497.5", "9007199254740992e-22", "9007199254740993e-22", "123456789012345678e-5",
        "9999999999999999999", "18446744073709551615", "18446744073709551616", "7.2057594037927933e16", "3.0517578125e-05",
        "0.000000000000000000000000000001", "100000000000000000000000e-23", "0.1e1", "-0.0", "-0", "0e999999", "1e-400",
        "358416272e-33", "89255.0e-22", "0.0000008", "4.35723e-10", "0.03587971269", "7175306.326", "2.3e22", "2.3e23",
    ])
    func correctlyRoundedAsDoubleFromString(text: String) throws {
        let expected = try #require(Double(text))
        #expect(DecimalNumber.parse(text)?.bitPattern == expected.bitPattern, "\(text)")
    }

    /// 20,000 decimals of 1 to 25 digits with exponents from -40 to 40, from a
    /// fixed seed: the fast path and the fallback give `Double(String)`'s value bit
    /// for bit.
    @Test func randomDecimalsMatchDoubleFromString() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {   // SplitMix64 (Steele, Lea & Flood 2014)
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            let digits = Int(next() % 25) + 1
            var text = next() % 4 == 0 ? "-" : ""
            let point = Int(next() % UInt64(digits + 1))
            for d in 0..<digits {
                if d == point && d > 0 { text += "." }
                text += String(next() % 10)
            }
            if next() % 2 == 0 { text += "e\(Int(next() % 81) - 40)" }
            guard let expected = Double(text) else { continue }
            if DecimalNumber.parse(text)?.bitPattern != expected.bitPattern { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    /// More forms that are not plain decimals, read from the bytes as from a string.
    @Test(arguments: ["1E", "e", "-e1", ".e5", "1.5e", "+-1", "1e+-1", "1..2", "1 e1", "1e1\n", "\u{0}", "0b101", "1d", "1f",
                      "1,000", "\u{FEFF}1", "1\u{00A0}", "+", "-.", ".e", "0x", "Inf", "NAN", "1e1e1", "1.e", "٣"])
    func moreFormsAreRefused(text: String) {
        #expect(DecimalNumber.parse(text) == nil, "\(text.debugDescription)")
        #expect(DecimalNumber.wholeNumber(text) == nil, "\(text.debugDescription)")
    }
}
