/// The `Time` of a UN portal row: a calendar year ("2024": the year, or 1 July
/// of it for a population) or, in WPP 2019's period files, a five-year period
/// "2020-2025" (1 July 2020 to 1 July 2025).
struct PortalTime: Hashable, Sendable {
    /// The year, or the period's first year.
    var start: Int
    /// 1 for a year, the period's length for a period.
    var length: Int

    init(start: Int, length: Int) {
        self.start = start
        self.length = length
    }

    /// The time a label names, or nil.
    init?(label: String) {
        let text = label.trimmingCharacters(in: .whitespaces)
        if let dash = text.firstIndex(of: "-"), dash != text.startIndex {
            guard let a = Self.year(text[..<dash]), let b = Self.year(text[text.index(after: dash)...]), b > a else { return nil }
            (start, length) = (a, b - a)
        } else {
            guard let a = Self.year(Substring(text)) else { return nil }
            (start, length) = (a, 1)
        }
    }

    /// What a label must look like, for messages.
    static let expected = "a year such as 2024 or a period such as 2020-2025"

    private static func year(_ text: Substring) -> Int? {
        guard text.count == 4, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let y = Int(text) else { return nil }
        return y
    }
}
