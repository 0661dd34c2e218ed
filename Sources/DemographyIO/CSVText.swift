import Foundation

/// The text of an output table built as UTF-8 bytes: fields are appended to one
/// growing buffer, with no `String` made per field or per row.
///
/// Numbers are written as ``ProjectionTables/format(_:)`` writes them: a whole
/// number below 10^15 in plain digits, any other value in the shortest form that
/// reads back to the same `Double` (Swift's `description`, Steele & White /
/// Ryu-style shortest round trip).
struct CSVText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// The text (the bytes are valid UTF-8: only strings and ASCII were appended).
    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func append(byte: UInt8) { bytes.append(byte) }
    mutating func comma() { bytes.append(UInt8(ascii: ",")) }
    mutating func newline() { bytes.append(UInt8(ascii: "\n")) }

    /// A whole number in decimal digits.
    mutating func append(_ value: Int) { append(int64: Int64(value)) }

    mutating func append(int64 value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        // The digits, least significant first, in a fixed buffer (20 digits hold any Int64).
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let count = withUnsafeMutableBytes(of: &digits) { buffer -> Int in
            var n = 0
            while magnitude > 0 {
                buffer[n] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                n += 1
            }
            return n
        }
        withUnsafeBytes(of: &digits) { buffer in
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[i]) }
        }
    }

    /// `value` as ``ProjectionTables/format(_:)`` writes it.
    mutating func append(number value: Double) {
        if value == value.rounded() && abs(value) < 1e15 {
            append(int64: Int64(value))
        } else {
            append(value.description)
        }
    }
}

/// Fixed-point text of numbers, byte for byte as C's `printf("%.2f")` gives it
/// (the exact binary value rounded to two decimals, ties to even), without the
/// cost of a formatted print per number.
enum FixedPoint {
    /// `String(format: "%.2f", value)`.
    ///
    /// The exact product value × 100 is s + e, with s = fl(value × 100) and
    /// e = fma(value, 100, −s) (Dekker's two-product, exact for |value| < 10^11).
    /// It rounds up when frac(s) − ½ + e > 0, down when < 0, and to even on an exact
    /// tie; the sum's sign is exact because frac(s) − ½ is exact near the tie
    /// (Sterbenz) and a rounded sum has the sign of the exact one. Larger values,
    /// and values that are not finite, go through `String(format:)`.
    static func twoDecimals(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e11 else { return String(format: "%.2f", value) }
        let negative = value.sign == .minus
        let a = abs(value)
        let s = a * 100
        let e = (-s).addingProduct(a, 100)
        let whole = s.rounded(.down)
        let d = (s - whole - 0.5) + e
        var q = Int64(whole)
        if d > 0 || (d == 0 && q % 2 == 1) { q += 1 }
        let cents = Int(q % 100)
        let units = q / 100
        return (negative ? "-" : "") + String(units) + (cents < 10 ? ".0" : ".") + String(cents)
    }
}
