import Foundation

/// An age label as spreadsheets and published tables write it, read into the
/// group's first age and whether the group is open.
///
/// | label | group |
/// |---|---|
/// | `0`, `45` | the group starting there (a single year, or a group up to the next row's age) |
/// | `1-4`, `1–4` (en dash), `1 - 4`, `1 to 4` | ages 1 to 4 |
/// | `Under 1`, `<1` | from 0 to the age before |
/// | `85+`, `85 +`, `85 and over`, `85 and older`, `85 or more`, `85 plus` | the open group from 85 |
///
/// `Total`, `All ages` and `All` label a sum, not an age group.
enum SpreadsheetAgeLabel: Equatable {
    /// A group from `start` to `end` (nil end: up to the next row's age).
    case closed(start: Int, end: Int?)
    /// The open group from `start`.
    case open(start: Int)
    /// A row of all ages.
    case total

    /// The label read, or nil when it is none of the forms above.
    static func read(_ text: String) -> SpreadsheetAgeLabel? {
        let label = text.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: "\u{2013}", with: "-").replacingOccurrences(of: "\u{2014}", with: "-")
            .replacingOccurrences(of: " years", with: "").replacingOccurrences(of: " year", with: "")
        if ["total", "all ages", "all"].contains(label) { return .total }
        for suffix in ["+", " and over", " and older", " or more", " plus", " or over"] where label.hasSuffix(suffix) {
            guard let start = age(label.dropLast(suffix.count)) else { return nil }
            return .open(start: start)
        }
        for prefix in ["under ", "<"] where label.hasPrefix(prefix) {
            guard let end = age(label.dropFirst(prefix.count)), end > 0 else { return nil }
            return .closed(start: 0, end: end - 1)
        }
        for separator in ["-", " to "] {
            let parts = label.components(separatedBy: separator)
            if parts.count == 2 {
                guard let start = age(Substring(parts[0])), let end = age(Substring(parts[1])), end >= start else { return nil }
                return .closed(start: start, end: end)
            }
        }
        return age(Substring(label)).map { .closed(start: $0, end: nil) }
    }

    private static func age(_ text: Substring) -> Int? {
        let digits = text.trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, digits.count <= 3, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(digits)
    }
}
