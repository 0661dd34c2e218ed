/// Why a distributed run stopped: every rank stops when any rank fails, so that
/// nothing is written.
public enum DistributedFailure: Error, CustomStringConvertible {
    /// This rank failed, with its own message.
    case thisRank(String)
    /// Another rank failed; that rank reports its message.
    case anotherRank

    public var description: String {
        switch self {
        case .thisRank(let message): return message
        case .anotherRank: return "another rank failed (see its message); nothing was written"
        }
    }
}

extension Communicator {
    /// Runs `body` on this rank, then agrees with every rank on failure (the
    /// largest of the ranks' failure flags): returns `body`'s value only if no
    /// rank failed, and otherwise throws on every rank.
    ///
    /// - Throws: ``DistributedFailure/thisRank(_:)`` with `body`'s error, or
    ///   ``DistributedFailure/anotherRank`` when this rank succeeded but another did not.
    public func agreeing<T>(_ body: () throws -> T) throws(DistributedFailure) -> T {
        var value: T?
        var failure: String?
        do { value = try body() } catch { failure = String(describing: error) }
        guard maximum(failure == nil ? 0 : 1) == 0, let value else {
            if let failure { throw .thisRank(failure) }
            throw .anotherRank
        }
        return value
    }
}
