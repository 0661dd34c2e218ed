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
enum DecimalNumber {
    /// The value of `text` when it is a decimal number; nil otherwise. The value
    /// may be infinite when the magnitude is beyond `Double` (`1e5000`): callers
    /// refuse non-finite values with their own message.
    static func parse<S: StringProtocol>(_ text: S) -> Double? {
        guard isDecimal(text.utf8) else { return nil }
        return Double(String(text))
    }

    /// The value of `text` when it is a whole number in plain decimal (`1993`,
    /// `-5`, `+5`; also `1993.0`, a spreadsheet's way of writing a year), within
    /// `Int`'s range; nil otherwise.
    static func wholeNumber(_ text: String) -> Int? {
        // The common case, a few plain digits: read without the general grammar.
        var value = 0, digits = 0
        for b in text.utf8 {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9"), digits < 18 else { return generalWholeNumber(text) }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    private static func generalWholeNumber<S: StringProtocol>(_ text: S) -> Int? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, isDecimal(bytes) else { return nil }
        let digitsStart = bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") ? 1 : 0
        if bytes[digitsStart...].allSatisfy(isDigit) {
            return Int(String(decoding: bytes[(bytes[0] == UInt8(ascii: "+") ? 1 : 0)...], as: UTF8.self))
        }
        // A decimal point followed by zeros only, no exponent: 1993.0, 5.00.
        guard let point = bytes.firstIndex(of: UInt8(ascii: ".")),
              bytes[(point + 1)...].allSatisfy({ $0 == UInt8(ascii: "0") }),
              point > digitsStart else { return nil }
        return generalWholeNumber(String(decoding: bytes[..<point], as: UTF8.self))
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    /// Whether the bytes follow the decimal grammar above.
    private static func isDecimal<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var i = bytes.startIndex
        func at(_ j: C.Index) -> UInt8? { j < bytes.endIndex ? bytes[j] : nil }
        if let b = at(i), b == UInt8(ascii: "+") || b == UInt8(ascii: "-") { i = bytes.index(after: i) }
        var mantissaDigits = 0
        while let b = at(i), isDigit(b) { mantissaDigits += 1; i = bytes.index(after: i) }
        if at(i) == UInt8(ascii: ".") {
            i = bytes.index(after: i)
            while let b = at(i), isDigit(b) { mantissaDigits += 1; i = bytes.index(after: i) }
        }
        guard mantissaDigits > 0 else { return false }
        if let b = at(i), b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
            i = bytes.index(after: i)
            if let s = at(i), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { i = bytes.index(after: i) }
            var exponentDigits = 0
            while let b = at(i), isDigit(b) { exponentDigits += 1; i = bytes.index(after: i) }
            guard exponentDigits > 0 else { return false }
        }
        return i == bytes.endIndex
    }
}
