import Foundation

/// The place an output path names, and what is there now.
///
/// The path is examined with `lstat`, so a device, a named pipe, a socket or a
/// symbolic link is seen for what it is before anything is written: a run writes
/// only folders (or, for a one-file output, regular files) and never replaces a
/// device node such as `/dev/full` with a file. A symbolic link is followed to
/// what it names, and the output lands there.
struct OutputTarget {
    /// Whether the output is a folder of files or one file.
    enum Kind { case folder, file }

    /// What the final path holds before the run replaces it.
    enum Existing: Equatable {
        /// Nothing: the output is new.
        case nothing
        /// A folder with these entries (hidden ones included).
        case folder(entries: [String])
        /// A regular file of this many bytes.
        case file(bytes: Int)
    }

    /// The path as the caller gave it, for messages.
    var shown: String
    /// The absolute path the output takes (a symbolic link resolved).
    var final: URL
    /// Whether a folder or a file is written.
    var kind: Kind
    /// Whether the path given was a symbolic link, resolved to `final`.
    var linked = false

    /// The folder that holds the output, its lock and its staging folders.
    var parent: URL { final.deletingLastPathComponent() }
    /// The last component of the final path.
    var name: String { final.lastPathComponent }

    /// Resolves `path`: refuses an empty path and the root folder, and follows a
    /// symbolic link (refusing one that leads nowhere).
    init(_ path: String, kind: Kind) throws(OutputError) {
        shown = path
        self.kind = kind
        let noun = kind == .folder ? "folder" : "file"
        guard !path.isEmpty else {
            throw OutputError(path: path, reason: "the path is empty; name a \(noun) to write into")
        }
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var status = stat()
        if lstat(url.path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK {
            guard let real = realpath(url.path, nil) else {
                let code = errno
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "?"
                throw OutputError(path: path, reason: "it is a symbolic link to \(target), which cannot be followed (\(OutputError.systemReason(code)))")
            }
            url = URL(fileURLWithPath: String(cString: real))
            free(real)
            linked = true
        }
        guard url.path != "/", !url.lastPathComponent.isEmpty else {
            throw OutputError(path: path, reason: "the root folder cannot be an output \(noun)")
        }
        // The parent without links, when it exists: two runs that name the same place
        // by different paths then share one lock and see each other's staging.
        if let real = realpath(url.deletingLastPathComponent().path, nil) {
            url = URL(fileURLWithPath: String(cString: real)).appendingPathComponent(url.lastPathComponent)
            free(real)
        }
        final = url
    }

    /// What the final path holds now; refuses anything but a folder (for a folder
    /// output) or a regular file (for a file output).
    func existing() throws(OutputError) -> Existing {
        var status = stat()
        guard lstat(final.path, &status) == 0 else {
            let code = errno
            if code == ENOENT { return .nothing }
            if code == ENOTDIR { throw refusal("a part of its path is a file, not a folder") }
            throw refusal(OutputError.systemReason(code))
        }
        let wanted = kind == .folder ? "not a folder" : "not a regular file"
        let it = linked ? "it links to \(final.path), which" : "it"
        switch status.st_mode & S_IFMT {
        case S_IFDIR:
            guard kind == .folder else { throw refusal("\(it) is a folder; name a file to write") }
            do { return .folder(entries: try FileManager.default.contentsOfDirectory(atPath: final.path).sorted()) } catch {
                throw refusal("the folder cannot be read")
            }
        case S_IFREG:
            guard kind == .file else { throw refusal("\(it) is a file, not a folder") }
            return .file(bytes: Int(status.st_size))
        case S_IFCHR, S_IFBLK: throw refusal("\(it) is a device, \(wanted); a device is never replaced")
        case S_IFIFO: throw refusal("\(it) is a named pipe (FIFO), \(wanted)")
        case S_IFSOCK: throw refusal("\(it) is a socket, \(wanted)")
        case S_IFLNK: throw refusal("\(it) is a symbolic link, \(wanted)")
        default: throw refusal("\(it) is \(wanted)")
        }
    }

    /// Refuses to replace what is there unless `overwrite` is given: an existing
    /// empty folder or empty file may be replaced, anything else needs `overwrite`,
    /// and even then only a folder holding nothing but regular files (popproj
    /// writes no subfolders, so a subfolder means the folder is not a run's output).
    /// The current folder and its ancestors are never replaced.
    func checkReplaceable(_ existing: Existing, overwrite: Bool) throws(OutputError) {
        switch existing {
        case .nothing: return
        case .file(let bytes):
            if bytes > 0 && !overwrite {
                throw refusal("the file exists; pass --overwrite to replace it, or choose another file")
            }
        case .folder(let entries):
            let here = FileManager.default.currentDirectoryPath
            let real = realpath(here, nil).map { p in defer { free(p) }; return String(cString: p) } ?? here
            if real == final.path || real.hasPrefix(final.path + "/") {
                throw refusal("it is the current folder or holds it; choose another folder")
            }
            guard !entries.isEmpty else { return }
            guard overwrite else {
                throw refusal("the folder is not empty (\(Self.list(entries))); pass --overwrite to replace its contents, or choose another folder")
            }
            for entry in entries {
                var status = stat()
                let path = final.appendingPathComponent(entry).path
                guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
                    throw refusal("it holds \(entry), which is not a regular file; --overwrite replaces only a folder of files (as popproj writes), so remove it yourself or choose another folder")
                }
            }
        }
    }

    /// An error about this output, under the path as given.
    func refusal(_ reason: String) -> OutputError { OutputError(path: shown, reason: reason) }

    /// "a.csv, b.csv, c.csv and 4 more".
    static func list(_ entries: [String]) -> String {
        let shown = entries.prefix(3).joined(separator: ", ")
        return entries.count > 3 ? "\(shown) and \(entries.count - 3) more" : shown
    }
}
