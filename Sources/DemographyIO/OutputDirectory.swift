import Foundation

/// Why output could not be written.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    /// The directory or file concerned.
    public var path: String
    /// What went wrong.
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Writes a run's files all together or not at all.
public enum OutputDirectory {
    /// Writes `files` (name → text) into `directory`.
    ///
    /// The files are first written into a staging folder beside `directory`; a
    /// new directory is then renamed into place in one step, and into an existing
    /// one each file replaces its namesake by a rename. A failure before that
    /// point leaves `directory` untouched.
    public static func write(_ files: [String: String], to directory: URL) throws(OutputError) {
        let fm = FileManager.default
        let parent = directory.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: parent.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OutputError(path: directory.path, reason: "its parent folder \(parent.path) does not exist")
        }
        let exists = fm.fileExists(atPath: directory.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw OutputError(path: directory.path, reason: "it is a file, not a folder")
        }
        let staging = parent.appendingPathComponent(".\(directory.lastPathComponent).partial-\(UUID().uuidString)")
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw OutputError(path: directory.path, reason: "the folder \(parent.path) is not writable")
        }
        defer { try? fm.removeItem(at: staging) }
        do {
            for (name, text) in files.sorted(by: { $0.key < $1.key }) {
                try Data(text.utf8).write(to: staging.appendingPathComponent(name))
            }
        } catch {
            throw OutputError(path: directory.path, reason: error.localizedDescription)
        }
        if !exists {
            guard rename(staging.path, directory.path) == 0 else {
                throw OutputError(path: directory.path, reason: String(cString: strerror(errno)))
            }
            return
        }
        guard access(directory.path, W_OK) == 0 else {
            throw OutputError(path: directory.path, reason: "the folder is not writable")
        }
        for name in files.keys.sorted() {
            let target = directory.appendingPathComponent(name)
            guard rename(staging.appendingPathComponent(name).path, target.path) == 0 else {
                throw OutputError(path: target.path, reason: String(cString: strerror(errno)))
            }
        }
    }

    /// Writes one file atomically: into a temporary file beside it, then renamed over it.
    public static func writeFile(_ text: String, to url: URL) throws(OutputError) {
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OutputError(path: url.path, reason: "its folder \(directory.path) does not exist")
        }
        do { try Data(text.utf8).write(to: url, options: .atomic) } catch {
            throw OutputError(path: url.path, reason: error.localizedDescription)
        }
    }
}
