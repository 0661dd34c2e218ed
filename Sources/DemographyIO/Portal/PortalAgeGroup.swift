/// An age group as the UN portal files label it in `AgeGrp`: a single age
/// ("0", "37"), a closed group "x-y" (ages x to y, so "0-4" is 5 years wide
/// and "1-4" 4 years) or the open group "x+" ("100+").
///
/// Source: the `AgeGrp`, `AgeGrpStart` and `AgeGrpSpan` columns of the
/// WPP 2024 CSV files (United Nations Population Division 2024), where the
/// open group has `AgeGrpSpan` -1.
struct PortalAgeGroup: Hashable, Sendable {
    /// The first age of the group.
    var start: Int
    /// The width in years; nil for the open group.
    var width: Int?

    /// The group a label names, or nil when the label is none of the three forms.
    init?(label: String) {
        let text = label.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("+") {
            guard let a = Self.age(text.dropLast()) else { return nil }
            (start, width) = (a, nil)
        } else if let dash = text.firstIndex(of: "-"), dash != text.startIndex {
            guard let a = Self.age(text[..<dash]), let b = Self.age(text[text.index(after: dash)...]), b >= a else { return nil }
            (start, width) = (a, b - a + 1)
        } else {
            guard let a = Self.age(Substring(text)) else { return nil }
            (start, width) = (a, 1)
        }
    }

    init(start: Int, width: Int?) {
        self.start = start
        self.width = width
    }

    /// Whether this is the open group "x+".
    var isOpen: Bool { width == nil }

    /// What a label must look like, for messages.
    static let expected = "an age group such as \"0\", \"1-4\", \"0-4\" or \"100+\""

    private static func age(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 3, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(text)
    }
}
