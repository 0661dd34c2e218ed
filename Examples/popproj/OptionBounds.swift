import ArgumentParser
import Foundation

/// The ranges of the numeric options, and the one message that refuses a value
/// outside them: "--threads: found -1, expected a whole number from 1 to 1024".
///
/// Every numeric option is declared with `parsing: .unconditional`, so that a
/// negative value reaches these checks (the argument parser would otherwise read
/// `-1` as an option and say "Missing value"). Each bound says why it is there.
enum OptionBounds {
    /// Worker threads: at least 1; more than 1024 is a typing slip, not a machine.
    static let threads = 1...1024
    /// Trajectories of a probabilistic run: each is a whole projection, and a
    /// million (about 20 s per thread) already leave the quantiles' sampling
    /// error far below the spread between trajectories.
    static let trajectories = 1...1_000_000
    /// Steps of a multiregional run: the whole result is held in memory, and a
    /// thousand steps of five years is five millennia.
    static let multiregionalSteps = 0...1000
    /// A calendar year.
    static let years = 1...9999
    /// Seconds before the progress bar appears: at most an hour.
    static let progressDelay = 0.0...3600
    /// Years per step of a matrix analysed by `stable`.
    static let stepWidth = 1000.0
    /// The most rows `flows.csv` may have: about 1 GB of text, held in memory
    /// before it is written.
    static let flowRows = 20_000_000

    /// Refuses `value` outside `range`.
    static func check(_ option: String, _ value: Int?, in range: ClosedRange<Int>, why: String? = nil) throws(ValidationError) {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("\(option): found \(value), expected a whole number from \(range.lowerBound) to \(range.upperBound)"
                              + (why.map { " (\($0))" } ?? ""))
    }

    /// Refuses a value that is not finite or lies outside `range`.
    static func check(_ option: String, _ value: Double?, in range: ClosedRange<Double>, unit: String) throws(ValidationError) {
        guard let value, !(value.isFinite && range.contains(value)) else { return }
        throw ValidationError("\(option): found \(value), expected a number of \(unit) from \(number(range.lowerBound)) to \(number(range.upperBound))")
    }

    /// Refuses a value that is not finite, not above 0, above `maximum`, or subnormal
    /// (so small that dividing by it overflows).
    static func checkPositive(_ option: String, _ value: Double, atMost maximum: Double, unit: String) throws(ValidationError) {
        guard !(value.isFinite && value.isNormal && value > 0 && value <= maximum) else { return }
        throw ValidationError("\(option): found \(value), expected a number of \(unit) above 0 and at most \(number(maximum))")
    }

    /// Refuses a rate outside [0, 1), and a subnormal one (0 itself is accepted).
    static func checkRate(_ option: String, _ value: Double) throws(ValidationError) {
        guard !(value == 0 || (value.isNormal && value > 0 && value < 1)) else { return }
        throw ValidationError("\(option): found \(value), expected a rate from 0 up to (not including) 1, and 0 or at least \(Double.leastNormalMagnitude)")
    }

    /// The items of a comma-separated list option: none empty, none twice.
    static func items(_ option: String, _ text: String, expected: String) throws(ValidationError) -> [String] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if items.allSatisfy(\.isEmpty) {
            throw ValidationError("\(option): found \"\(text)\", expected \(expected)")
        }
        if let empty = items.firstIndex(where: \.isEmpty) {
            throw ValidationError("\(option): found \"\(text)\", whose item \(empty + 1) is empty; expected \(expected)")
        }
        var seen: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            if let first = seen[item.lowercased()] {
                throw ValidationError("\(option): found \"\(text)\", which names \"\(item)\" twice (items \(first + 1) and \(i + 1)); expected each at most once")
            }
            seen[item.lowercased()] = i
        }
        return items
    }

    private static func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : "\(v)" }
}
