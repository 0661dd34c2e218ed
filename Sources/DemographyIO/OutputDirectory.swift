import Foundation

/// Writes a run's files all together or not at all, and never over something it
/// should not replace.
///
/// The rules, in the order they are checked:
/// - Only folders are written (and, by `writeFile`, regular
///   files): an empty path, a device, a named pipe, a socket or a symbolic link to
///   anything else is refused before anything is created.
/// - Missing parent folders are created, as `mkdir -p` would.
/// - An existing folder that is not empty is refused unless `overwrite` is given;
///   with it the old contents are replaced whole, never merged with the new ones.
///   An empty folder is simply replaced.
/// - Two runs into the same place cannot mix: each holds an exclusive lock
///   (`OutputLock`), and the second is refused at once.
/// - The files are written into a fresh staging folder beside the output and
///   renamed into place in one step, so the output is never seen half written.
///   An overwrite moves the old folder aside first and removes it after; if the
///   second rename fails the old folder is put back.
/// - A staging folder is removed when the run fails, when it is stopped by a signal
///   (the CLI calls ``removeStaging()``), and, if the run was killed outright, by
///   the next run into the same place.
public enum OutputDirectory {
    /// Writes `files` (name → text) as the folder `path`; see ``OutputDirectory`` for the rules.
    public static func write(_ files: [String: String], to path: String, overwrite: Bool = false) throws(OutputError) {
        let target = try OutputTarget(path, kind: .folder)
        try target.checkReplaceable(try target.existing(), overwrite: overwrite)
        try makeFolders(target.parent, for: target)
        let lock = try OutputLock(for: target)
        defer { lock.release() }
        OutputStaging.removeStale(beside: target)
        // Checked again under the lock: another run may have finished in between.
        let existing = try target.existing()
        try target.checkReplaceable(existing, overwrite: overwrite)

        let registry = OutputStaging.shared
        let staging = OutputStaging.path(for: target, role: "partial")
        let made = registry.create(staging) { mkdir(staging, 0o777) == 0 ? 0 : errno }
        guard made == 0 else {
            throw target.refusal("the folder \(target.parent.path) is not writable (\(OutputError.systemReason(made)))")
        }
        defer { registry.remove(staging) }
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            try writeNew(text, to: staging + "/" + name, named: name, for: target, register: false)
        }

        let final = target.final.path
        var aside: String?
        try registry.exclusively(for: target) { () throws(OutputError) in
            if case .folder(let entries) = existing, !entries.isEmpty {
                let old = OutputStaging.path(for: target, role: "old")
                guard rename(final, old) == 0 else {
                    throw target.refusal("cannot move the old folder aside (\(OutputError.systemReason()))")
                }
                registry.adopt(old)
                aside = old
                guard rename(staging, final) == 0 else {
                    let code = errno
                    if rename(old, final) == 0 { registry.forget(old); aside = nil }
                    throw target.refusal("cannot move the new folder into place (\(OutputError.systemReason(code)))")
                }
            } else {
                guard rename(staging, final) == 0 else {
                    let code = errno
                    if code == ENOTEMPTY || code == EEXIST {
                        throw target.refusal("something else wrote into the folder during the run; nothing was replaced")
                    }
                    throw target.refusal(OutputError.systemReason(code))
                }
            }
            registry.forget(staging)
        }
        if let aside { registry.remove(aside) }
    }

    /// Writes `files` (name → text) as the folder `directory`; see ``OutputDirectory`` for the rules.
    public static func write(_ files: [String: String], to directory: URL, overwrite: Bool = false) throws(OutputError) {
        try write(files, to: directory.path, overwrite: overwrite)
    }

    /// Writes one file atomically: into a staging file beside it, then renamed over it.
    ///
    /// The same rules as for a folder: the target must be absent, an empty regular
    /// file, or (with `overwrite`) a regular file; a device, a pipe, a socket or a
    /// folder is refused (`/dev/full` is never replaced by a file). Missing parent
    /// folders are created, and the run holds the lock of the file.
    public static func writeFile(_ text: String, to path: String, overwrite: Bool = false) throws(OutputError) {
        let target = try OutputTarget(path, kind: .file)
        try target.checkReplaceable(try target.existing(), overwrite: overwrite)
        try makeFolders(target.parent, for: target)
        let lock = try OutputLock(for: target)
        defer { lock.release() }
        OutputStaging.removeStale(beside: target)
        try target.checkReplaceable(try target.existing(), overwrite: overwrite)

        let registry = OutputStaging.shared
        let staging = OutputStaging.path(for: target, role: "partial")
        defer { registry.remove(staging) }
        try writeNew(text, to: staging, named: target.name, for: target, register: true)
        try registry.exclusively(for: target) { () throws(OutputError) in
            guard rename(staging, target.final.path) == 0 else {
                throw target.refusal(OutputError.systemReason())
            }
            registry.forget(staging)
        }
    }

    /// Writes one file atomically; see the `String` path form.
    public static func writeFile(_ text: String, to url: URL, overwrite: Bool = false) throws(OutputError) {
        try writeFile(text, to: url.path, overwrite: overwrite)
    }

    /// Removes the staging folders and files of this process's runs and stops all
    /// further output: for a signal handler that then exits (see `popproj`'s
    /// `SignalCleanup`). A swap already under way finishes first.
    public static func removeStaging() {
        OutputStaging.shared.removeAllAndStop()
    }

    /// Creates `folder` and its missing ancestors.
    static func makeFolders(_ folder: URL, for target: OutputTarget) throws(OutputError) {
        let path = folder.path
        var status = stat()
        if stat(path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFDIR else {
                throw target.refusal("its parent \(path) is not a folder")
            }
            return
        }
        guard errno == ENOENT, path != "/" else {
            throw target.refusal("its parent folder \(path) cannot be reached (\(OutputError.systemReason()))")
        }
        try makeFolders(folder.deletingLastPathComponent(), for: target)
        guard mkdir(path, 0o777) == 0 || errno == EEXIST else {
            throw target.refusal("cannot create its parent folder \(path) (\(OutputError.systemReason()))")
        }
    }

    /// Creates the file `path` (which must not exist) and writes `text` into it.
    static func writeNew(_ text: String, to path: String, named name: String, for target: OutputTarget,
                         register: Bool) throws(OutputError) {
        var fd: Int32 = -1
        let open: () -> Int32 = {
            fd = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            return fd >= 0 ? 0 : errno
        }
        let registry = OutputStaging.shared
        let opened = register ? registry.create(path, open) : registry.whileRunning(open)
        guard opened == 0 else {
            throw target.refusal("\(name) could not be created (\(OutputError.systemReason(opened)))")
        }
        var code = writeAll(text, to: fd)
        if close(fd) != 0 && code == 0 { code = errno }
        guard code == 0 else {
            throw target.refusal("\(name) could not be written (\(OutputError.systemReason(code)))")
        }
    }

    /// Writes the UTF-8 of `text` to `fd`; 0 or an errno value.
    private static func writeAll(_ text: String, to fd: Int32) -> Int32 {
        func writeBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
            var offset = 0
            while offset < bytes.count {
                guard let base = bytes.baseAddress else { return 0 }
                let n = Foundation.write(fd, base + offset, min(bytes.count - offset, 1 << 30))
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return 0
        }
        if let code = text.utf8.withContiguousStorageIfAvailable(writeBytes) { return code }
        var copy = text
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable(writeBytes) ?? writeBytes(UnsafeBufferPointer(start: nil, count: 0))
    }
}
