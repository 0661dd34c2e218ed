/// An age label of the Human Mortality and Fertility Databases.
///
/// HMD 1x1 files: `0`, `1`, ..., `109`, `110+`; 5x1 files: `0`, `1-4`, `5-9`, ...,
/// `105-109`, `110+` (HMD Methods Protocol v6, Wilmoth et al. 2021, "Data file
/// formats"). HFD files: `12-` (age 12 and below), `13`, ..., `54`, `55+` (age 55
/// and above; HFD Methods Protocol, Jdanov et al. 2019).
public struct HumanMortalityAge: Sendable, Hashable {
    /// The first age of the group (12 for `12-`).
    public var start: Int
    /// The last age of a closed group (`1-4`: 4); nil for an open group.
    public var end: Int?
    /// `12-`: the group holds the ages at and below `start`.
    public var isOpenBelow: Bool

    /// Reads `text`: `x`, `x-y` (y ≥ x), `x+` or `x-`; nil when it is none of these.
    public init?(_ text: String) {
        func number(_ s: Substring) -> Int? {
            guard !s.isEmpty, s.count <= 3, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(s)
        }
        if text.hasSuffix("+"), let a = number(text.dropLast()) {
            (start, end, isOpenBelow) = (a, nil, false)
        } else if text.hasSuffix("-"), let a = number(text.dropLast()) {
            (start, end, isOpenBelow) = (a, a, true)
        } else if let dash = text.firstIndex(of: "-"), let a = number(text[..<dash]),
                  let b = number(text[text.index(after: dash)...]), b >= a {
            (start, end, isOpenBelow) = (a, b, false)
        } else if let a = number(Substring(text)) {
            (start, end, isOpenBelow) = (a, a, false)
        } else {
            return nil
        }
    }

    /// Whether the group is open above (`110+`).
    public var isOpenAbove: Bool { end == nil }
}
