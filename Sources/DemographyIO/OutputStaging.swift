import Foundation

/// The hidden folders (or files) a run writes before its output takes its place,
/// and their removal when the run stops early.
///
/// A run stages into `.NAME.partial-<pid>-<uuid>` beside the output, and an
/// overwrite first moves the old output aside to `.NAME.old-<pid>-<uuid>`. Every
/// such path is registered here while it exists, so a signal handler can remove
/// them (``OutputDirectory/removeStaging()``). A run killed outright (`kill -9`)
/// leaves its staging behind; the next run into the same place removes every
/// staging path whose process is gone (`kill(pid, 0)` fails with `ESRCH`).
final class OutputStaging: @unchecked Sendable {
    /// The process-wide registry.
    static let shared = OutputStaging()

    private let lock = NSLock()
    private var paths: [String] = []
    private var locks: [String] = []
    private var stopping = false

    /// ".NAME.partial-" or ".NAME.old-", the start of a staging name.
    static func prefix(_ name: String, _ role: String) -> String { ".\(name).\(role)-" }

    /// A fresh staging path for `target` in `role` ("partial" or "old").
    static func path(for target: OutputTarget, role: String) -> String {
        target.parent.appendingPathComponent(prefix(target.name, role) + "\(getpid())-\(UUID().uuidString)").path
    }

    /// Runs `make` (which creates something inside a staging folder and returns 0
    /// or an errno value) unless the process is stopping, so nothing new appears in
    /// a staging folder while a signal handler removes it.
    func whileRunning(_ make: () -> Int32) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        guard !stopping else { return EINTR }
        return make()
    }

    /// Creates `path` with `make` (0 or an errno value) and registers it, unless the process is stopping.
    func create(_ path: String, _ make: () -> Int32) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        guard !stopping else { return EINTR }
        let code = make()
        if code == 0 { paths.append(path) }
        return code
    }

    /// Runs `body` with the registry held, so a signal cannot remove staging paths
    /// half way through it (the swap of an output into place); refuses once stopping.
    func exclusively(for target: OutputTarget, _ body: () throws(OutputError) -> Void) throws(OutputError) {
        lock.lock()
        defer { lock.unlock() }
        guard !stopping else { throw target.refusal("the run was interrupted") }
        try body()
    }

    /// Registers a path that appeared by a rename inside `exclusively(for:_:)`.
    func adopt(_ path: String) { paths.append(path) }

    /// Forgets a path that was renamed into place, inside `exclusively(for:_:)`.
    func forget(_ path: String) { paths.removeAll { $0 == path } }

    /// Removes `path` and then forgets it.
    func remove(_ path: String) {
        Self.removeTree(path)
        lock.lock()
        paths.removeAll { $0 == path }
        lock.unlock()
    }

    /// Registers (or, with `held` false, forgets) the lock file of a lock this process holds.
    func lockFile(_ path: String, held: Bool) {
        lock.lock()
        if held { locks.append(path) } else { locks.removeAll { $0 == path } }
        lock.unlock()
    }

    /// Removes every registered path and stops registering new ones; unlinks the
    /// lock files still held (the locks go with the process). The registry stays
    /// held, so nothing of the run's output moves after this: the caller exits.
    func removeAllAndStop() {
        lock.lock()
        stopping = true
        for path in paths { Self.removeTree(path) }
        paths.removeAll()
        for path in locks { unlink(path) }
        locks.removeAll()
    }

    /// Removes the staging paths of `target` left by processes that no longer exist.
    static func removeStale(beside target: OutputTarget) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: target.parent.path) else { return }
        let prefixes = ["partial", "old"].map { prefix(target.name, $0) }
        for entry in entries {
            guard let start = prefixes.first(where: { entry.hasPrefix($0) }) else { continue }
            let digits = entry.dropFirst(start.count).prefix { $0.isNumber }
            guard let pid = Int32(digits), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                removeTree(target.parent.appendingPathComponent(entry).path)
            }
        }
    }

    /// Removes a file, or a folder and everything in it, without following links.
    static func removeTree(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        if status.st_mode & S_IFMT == S_IFDIR {
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                removeTree(path + "/" + entry)
            }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}
