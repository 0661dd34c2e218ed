import Foundation

/// Why output could not be written.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    /// The directory or file concerned.
    public var path: String
    /// What went wrong.
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// "cannot write out/india: it is a file, not a folder"; an empty path is shown as `""`.
    public var description: String { "cannot write \(path.isEmpty ? "\"\"" : path): \(reason)" }
}

extension OutputError {
    /// The reason of a failed system call, from `errno`: "No space left on device".
    static func systemReason(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }
}
