import Foundation

/// Finds a location of a dataset from what a user types: its code (the UN M49
/// code of the WPP files, "404"), its ISO 3166-1 alpha-3 code ("KEN", any case) or
/// its name ("kenya", "cote d'ivoire" for "Côte d'Ivoire").
///
/// Names are compared folded: lower case, without diacritics (Unicode canonical
/// decomposition with the combining marks dropped, as Foundation's
/// diacritic-insensitive folding does), typographic apostrophes as "'", runs of
/// spaces as one. A value that matches nothing is refused with up to
/// ``suggestionLimit`` suggestions: names that start with the folded value, then
/// names that contain it, then names within a small Levenshtein edit distance of
/// it (compared with the whole name and with each run of as many words), so that
/// "kenia" suggests Kenya, "united states" the United States of America and
/// "kongo" both Congos.
public struct LocationLookup: Sendable {
    /// The locations searched, in dataset order.
    public let locations: [LocationName]
    /// The most suggestions an error gives.
    public static let suggestionLimit = 5

    public init(_ locations: [LocationName]) {
        self.locations = locations
    }

    /// Why a value names no single location.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// Nothing matches; the closest locations, best first (maybe none).
        case notFound(value: String, suggestions: [LocationName])
        /// Several locations have this name (or ISO3 code).
        case ambiguous(value: String, matches: [LocationName])

        public var description: String {
            func list(_ ls: [LocationName]) -> String {
                ls.map { "\($0.name) (\($0.code)\($0.iso3.map { ", " + $0 } ?? ""))" }.joined(separator: ", ")
            }
            switch self {
            case .notFound(let value, let suggestions):
                let tail = suggestions.isEmpty ? "see `popproj locations`" : "did you mean \(list(suggestions))?"
                return "found \"\(value)\", expected a location code, ISO3 code or name; \(tail)"
            case .ambiguous(let value, let matches):
                return "\"\(value)\" names several locations: \(list(matches)); give the code"
            }
        }
    }

    /// The location that `value` names: by code first, then by ISO3 code, then by
    /// folded name.
    public func find(_ value: String) throws(Failure) -> LocationName {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let match = locations.first(where: { $0.code == trimmed }) { return match }
        let upper = trimmed.uppercased()
        let byISO = locations.filter { $0.iso3?.uppercased() == upper }
        if byISO.count == 1 { return byISO[0] }
        if byISO.count > 1 { throw .ambiguous(value: value, matches: byISO) }
        let folded = Self.fold(trimmed)
        let byName = locations.filter { Self.fold($0.name) == folded }
        if byName.count == 1 { return byName[0] }
        if byName.count > 1 { throw .ambiguous(value: value, matches: byName) }
        throw .notFound(value: value, suggestions: suggestions(for: trimmed))
    }

    /// The code of the location `value` names (``find(_:)``).
    public func code(_ value: String) throws(Failure) -> String { try find(value).code }

    /// Locations close to `value`, best first: prefix matches, then substring
    /// matches, then names within an edit distance of max(2, a third of the value's
    /// length), nearest first; at most ``suggestionLimit``.
    public func suggestions(for value: String) -> [LocationName] {
        let query = Self.fold(value)
        guard !query.isEmpty else { return [] }
        let queryWords = query.split(separator: " ").count
        let tolerance = max(2, query.count / 3)
        var scored: [(rank: Int, distance: Int, index: Int)] = []
        for (i, location) in locations.enumerated() {
            let name = Self.fold(location.name)
            if name.hasPrefix(query) {
                scored.append((0, 0, i))
            } else if name.contains(query) {
                scored.append((1, 0, i))
            } else {
                let words = name.split(separator: " ").map(String.init)
                var best = Self.editDistance(query, name)
                if words.count > queryWords {
                    for start in 0...(words.count - queryWords) {
                        let window = words[start..<(start + queryWords)].joined(separator: " ")
                        best = min(best, Self.editDistance(query, window))
                    }
                }
                if best <= tolerance { scored.append((2, best, i)) }
            }
        }
        scored.sort { ($0.rank, $0.distance, $0.index) < ($1.rank, $1.distance, $1.index) }
        return scored.prefix(Self.suggestionLimit).map { locations[$0.index] }
    }

    /// `text` folded for comparison: lower case, no diacritics, "'" for ’ ‘ `,
    /// single spaces, no leading or trailing space.
    public static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "\u{2019}", with: "'")
            .replacingOccurrences(of: "\u{2018}", with: "'")
            .replacingOccurrences(of: "`", with: "'")
        return folded.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The Levenshtein distance between `a` and `b`: the fewest insertions,
    /// deletions and substitutions of characters that turn one into the other.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
