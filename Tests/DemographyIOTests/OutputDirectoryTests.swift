import Testing
import Foundation
import DemographyIO

/// The rules of `OutputDirectory`: whole folders or nothing, never over what it
/// should not replace, one run at a time, and no staging left behind.
@Suite struct OutputDirectoryTests {
    /// A fresh temporary folder, removed by the caller.
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("output-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        return url
    }

    static func entries(_ url: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    static func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// The reason of the refusal of `body`, or nil when it succeeded.
    static func refusal(_ body: () throws(OutputError) -> Void) -> String? {
        do { try body(); return nil } catch { return error.description }
    }

    @Test func writesANewFolderAndLeavesNothingBeside() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("run")
        try OutputDirectory.write(["a.csv": "x\n", "b.csv": "y\n"], to: out.path)
        #expect(try Self.entries(out) == ["a.csv", "b.csv"])
        #expect(try Self.read(out.appendingPathComponent("b.csv")) == "y\n")
        // No staging folder and no lock file remain beside it.
        #expect(try Self.entries(root) == ["run"])
    }

    @Test func createsParentFolders() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("a/b/c")
        try OutputDirectory.write(["a.csv": "x\n"], to: out.path)
        #expect(try Self.entries(out) == ["a.csv"])
        #expect(try Self.entries(root.appendingPathComponent("a/b")) == ["c"])
    }

    @Test func refusesAFolderThatIsNotEmpty() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("run")
        try OutputDirectory.write(["a.csv": "old\n"], to: out.path)
        let reason = Self.refusal { () throws(OutputError) in try OutputDirectory.write(["b.csv": "new\n"], to: out.path) }
        #expect(reason == "cannot write \(out.path): the folder is not empty (a.csv); pass --overwrite to replace its contents, or choose another folder")
        // Untouched: no merge.
        #expect(try Self.entries(out) == ["a.csv"])
        #expect(try Self.read(out.appendingPathComponent("a.csv")) == "old\n")
    }

    @Test func overwriteReplacesTheFolderWhole() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("run")
        try OutputDirectory.write(["a.csv": "old\n", "stale.svg": "<svg/>"], to: out.path)
        try OutputDirectory.write(["a.csv": "new\n"], to: out.path, overwrite: true)
        #expect(try Self.entries(out) == ["a.csv"])
        #expect(try Self.read(out.appendingPathComponent("a.csv")) == "new\n")
        // The old folder moved aside is gone too.
        #expect(try Self.entries(root) == ["run"])
    }

    @Test func anEmptyFolderIsReplacedWithoutOverwrite() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("run")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
        try OutputDirectory.write(["a.csv": "x\n"], to: out.path)
        #expect(try Self.entries(out) == ["a.csv"])
    }

    @Test func overwriteRefusesAFolderWithASubfolder() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("run")
        try FileManager.default.createDirectory(at: out.appendingPathComponent("keep"), withIntermediateDirectories: true)
        let reason = Self.refusal { () throws(OutputError) in try OutputDirectory.write(["a.csv": "x\n"], to: out.path, overwrite: true) }
        #expect(reason?.contains("it holds keep, which is not a regular file") == true, "\(reason ?? "written")")
        #expect(try Self.entries(out) == ["keep"])
    }

    @Test func removesStagingLeftByADeadProcess() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        // The pid of a process that has ended.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let dead = ended.processIdentifier
        let fm = FileManager.default
        let stale = root.appendingPathComponent(".run.partial-\(dead)-\(UUID().uuidString)")
        let staleOld = root.appendingPathComponent(".run.old-\(dead)-\(UUID().uuidString)")
        try fm.createDirectory(at: stale, withIntermediateDirectories: false)
        try fm.createDirectory(at: staleOld, withIntermediateDirectories: false)
        try "truncated".write(to: stale.appendingPathComponent("population.csv"), atomically: false, encoding: .utf8)
        // A staging folder of a live process (this one) is left alone.
        let live = root.appendingPathComponent(".run.partial-\(getppid())-\(UUID().uuidString)")
        try fm.createDirectory(at: live, withIntermediateDirectories: false)
        try OutputDirectory.write(["a.csv": "x\n"], to: root.appendingPathComponent("run").path)
        #expect(try Self.entries(root) == [live.lastPathComponent, "run"])
    }

    @Test func refusesWhileAnotherRunHoldsTheLock() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("run")
        let lockPath = root.appendingPathComponent(".run.lock").path
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let reason = Self.refusal { () throws(OutputError) in try OutputDirectory.write(["a.csv": "x\n"], to: out.path) }
        #expect(reason == "cannot write \(out.path): another popproj run is writing run (lock \(lockPath)); wait for it or choose another --out")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        // Once the holder lets go, a leftover lock file blocks nothing.
        close(fd)
        try OutputDirectory.write(["a.csv": "x\n"], to: out.path)
        #expect(try Self.entries(out) == ["a.csv"])
        #expect(try Self.entries(root) == ["run"])
    }

    @Test func refusesWhatIsNotAFolder() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let fifo = root.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let file = root.appendingPathComponent("file.csv")
        try "keep\n".write(to: file, atomically: false, encoding: .utf8)
        let linkToFile = root.appendingPathComponent("link").path
        try FileManager.default.createSymbolicLink(atPath: linkToFile, withDestinationPath: file.path)
        let dangling = root.appendingPathComponent("dangling").path
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: root.appendingPathComponent("nowhere").path)
        let cases: [(String, String)] = [
            ("", "cannot write \"\": the path is empty; name a folder to write into"),
            (fifo, "cannot write \(fifo): it is a named pipe (FIFO), not a folder"),
            (file.path, "cannot write \(file.path): it is a file, not a folder"),
            (linkToFile, "cannot write \(linkToFile): it links to \(file.path), which is a file, not a folder"),
            (dangling, "cannot write \(dangling): it is a symbolic link to \(root.path)/nowhere, which cannot be followed (No such file or directory)"),
        ]
        for (path, expected) in cases {
            let reason = Self.refusal { () throws(OutputError) in
                try OutputDirectory.write(["a.csv": "x\n"], to: path, overwrite: true)
            }
            #expect(reason == expected)
        }
        // Nothing was replaced or created.
        #expect(try Self.entries(root) == ["dangling", "file.csv", "link", "pipe"])
        var status = stat()
        #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
        #expect(try Self.read(file) == "keep\n")
    }

    @Test func aLinkToAFolderIsFollowed() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let real = root.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: false)
        let link = root.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        try OutputDirectory.write(["a.csv": "x\n"], to: link.path)
        #expect(try Self.entries(real) == ["a.csv"])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
    }

    @Test func oneFileFollowsTheSameRules() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("sub/lt.csv")
        try OutputDirectory.writeFile("one\n", to: file.path)
        #expect(try Self.read(file) == "one\n")
        let refused = Self.refusal { () throws(OutputError) in try OutputDirectory.writeFile("two\n", to: file.path) }
        #expect(refused == "cannot write \(file.path): the file exists; pass --overwrite to replace it, or choose another file")
        #expect(try Self.read(file) == "one\n")
        try OutputDirectory.writeFile("two\n", to: file.path, overwrite: true)
        #expect(try Self.read(file) == "two\n")
        #expect(try Self.entries(root.appendingPathComponent("sub")) == ["lt.csv"])

        let fifo = root.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let pipe = Self.refusal { () throws(OutputError) in try OutputDirectory.writeFile("x\n", to: fifo, overwrite: true) }
        #expect(pipe == "cannot write \(fifo): it is a named pipe (FIFO), not a regular file")
        let folder = Self.refusal { () throws(OutputError) in try OutputDirectory.writeFile("x\n", to: root.path + "/sub", overwrite: true) }
        #expect(folder == "cannot write \(root.path)/sub: it is a folder; name a file to write")
        var status = stat()
        #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
        #expect(try Self.entries(root) == ["pipe", "sub"])
    }
}
