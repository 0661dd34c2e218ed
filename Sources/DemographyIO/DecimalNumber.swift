/// The number syntax of every input file: plain decimal, as demographers' tables
/// and spreadsheets write it, and nothing else.
///
/// `Double(String)` also takes hexadecimal floats (`0x1p3` is 8), `nan`, `inf`
/// and `infinity` in any case, and Swift's `Int(String)` takes a leading `+`;
/// a typo or a damaged file could pass as a number. Here a number is
///
///     [+|-] digits [. digits] [(e|E) [+|-] digits]      or      [+|-] . digits [exponent]
///
/// with ASCII digits only (no `1_000`, no full-width `１２`, no NUL or other
/// trailing bytes). Surrounding spaces are the CSV reader's to strip.
///
/// The value is read from the UTF-8 bytes in one pass and correctly rounded (the
/// nearest `Double`, ties to even, as `Double(String)` and C's `strtod` give).
/// Most numbers of a table take the fast path of Clinger (1990, "How to read
/// floating point numbers accurately", PLDI '90): a significand of at most 19
/// digits that is below 2^53 is exact as a `Double`, so are the powers of ten up
/// to 10^22, and one IEEE multiplication or division of two exact operands is
/// correctly rounded. Every other number (more digits, a larger exponent) is
/// handed, already checked against the grammar, to `Double(String)`.
enum DecimalNumber {
    /// The value of `text` when it is a decimal number; nil otherwise. The value
    /// may be infinite when the magnitude is beyond `Double` (`1e5000`): callers
    /// refuse non-finite values with their own message.
    static func parse<S: StringProtocol>(_ text: S) -> Double? {
        if let value = text.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0) }) { return value }
        return Array(text.utf8).withUnsafeBufferPointer { parse(bytes: $0) }
    }

    /// The value of the UTF-8 `bytes` when they are a decimal number; nil otherwise.
    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = bytes.count
        var i = 0
        var negative = false
        if i < n, bytes[i] == plus || bytes[i] == minus { negative = bytes[i] == minus; i += 1 }
        // The significand's first 19 significant digits, and the count of the rest.
        var significand: UInt64 = 0
        var significantDigits = 0
        var digits = 0
        var pointShift = 0   // the decimal exponent the point's position gives
        while i < n, isDigit(bytes[i]) {
            addDigit(bytes[i], &significand, &significantDigits, &pointShift, afterPoint: false)
            digits += 1; i += 1
        }
        if i < n, bytes[i] == point {
            i += 1
            while i < n, isDigit(bytes[i]) {
                addDigit(bytes[i], &significand, &significantDigits, &pointShift, afterPoint: true)
                digits += 1; i += 1
            }
        }
        guard digits > 0 else { return nil }
        var exponent = 0
        if i < n, bytes[i] == lowerE || bytes[i] == upperE {
            i += 1
            var exponentNegative = false
            if i < n, bytes[i] == plus || bytes[i] == minus { exponentNegative = bytes[i] == minus; i += 1 }
            var exponentDigits = 0
            while i < n, isDigit(bytes[i]) {
                // Capped: beyond 10^±100000 the value is 0 or infinite either way (the slow path says which).
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[i] - zero) }
                exponentDigits += 1; i += 1
            }
            guard exponentDigits > 0 else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        guard i == n else { return nil }
        if significand == 0 && significantDigits == 0 { return negative ? -0.0 : 0.0 }
        let scale = exponent + pointShift
        if significantDigits <= 19, significand <= 1 << 53, (-22...22).contains(scale) {
            var value = Double(significand)
            if scale < 0 { value /= powersOfTen[-scale] } else if scale > 0 { value *= powersOfTen[scale] }
            return negative ? -value : value
        }
        // Correctly rounded by the standard library (strtod); the grammar is checked above.
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    /// The value of `text` when it is a whole number in plain decimal (`1993`,
    /// `-5`, `+5`; also `1993.0`, a spreadsheet's way of writing a year), within
    /// `Int`'s range; nil otherwise.
    static func wholeNumber(_ text: String) -> Int? {
        if let value = text.utf8.withContiguousStorageIfAvailable({ wholeNumber(bytes: $0) }) { return value }
        return Array(text.utf8).withUnsafeBufferPointer { wholeNumber(bytes: $0) }
    }

    /// ``wholeNumber(_:)`` of the UTF-8 `bytes`.
    static func wholeNumber(bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        // The common case, a few plain digits: read without the general grammar.
        var value = 0, digits = 0
        for b in bytes {
            guard isDigit(b), digits < 18 else { return generalWholeNumber(Array(bytes)) }
            value = value * 10 + Int(b - zero)
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    private static func generalWholeNumber(_ bytes: [UInt8]) -> Int? {
        guard !bytes.isEmpty, bytes.withUnsafeBufferPointer({ parse(bytes: $0) }) != nil else { return nil }
        let digitsStart = bytes[0] == plus || bytes[0] == minus ? 1 : 0
        if bytes[digitsStart...].allSatisfy(isDigit) {
            return Int(String(decoding: bytes[(bytes[0] == plus ? 1 : 0)...], as: UTF8.self))
        }
        // A decimal point followed by zeros only, no exponent: 1993.0, 5.00.
        guard let point = bytes.firstIndex(of: point),
              bytes[(point + 1)...].allSatisfy({ $0 == zero }),
              point > digitsStart else { return nil }
        return generalWholeNumber(Array(bytes[..<point]))
    }

    /// Adds a digit to the significand: leading zeros are not significant (but
    /// move the point when after it), digits past the 19th are counted only.
    @inline(__always)
    private static func addDigit(_ b: UInt8, _ significand: inout UInt64, _ significantDigits: inout Int,
                                 _ pointShift: inout Int, afterPoint: Bool) {
        let d = UInt64(b - zero)
        if significantDigits == 0 && d == 0 {
            if afterPoint { pointShift -= 1 }
            return
        }
        if significantDigits < 19 {
            significand = significand * 10 + d
            if afterPoint { pointShift -= 1 }
        } else if !afterPoint {
            pointShift += 1
        }
        significantDigits += 1
    }

    @inline(__always) private static func isDigit(_ b: UInt8) -> Bool { b &- zero < 10 }

    private static let zero = UInt8(ascii: "0"), plus = UInt8(ascii: "+"), minus = UInt8(ascii: "-")
    private static let point = UInt8(ascii: "."), lowerE = UInt8(ascii: "e"), upperE = UInt8(ascii: "E")

    /// 10^0 ... 10^22, each exact as a `Double` (10^22 = 2^22 · 5^22, and 5^22 < 2^53).
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
