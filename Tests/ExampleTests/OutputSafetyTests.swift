import Testing
import Foundation

/// End to end: `--out` is never merged, never a device or pipe, never shared by
/// two runs, and a run stopped by a signal leaves no staging folder behind.
@Suite struct OutputSafetyTests {
    static func entries(_ url: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    static func scratch() throws -> URL {
        let root = PopProjRunner.temporaryDirectory()
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    @Test func aSecondRunIsRefusedAndOverwriteReplacesTheFolderWhole() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("run")
        let variants = try PopProjRunner.run(["project", "--variants", "medium,high", "--location", "566", "--out", out.path, "--quiet"])
        #expect(variants.status == 0, "\(variants.stderr)")
        #expect(try Self.entries(out).contains("total_population.svg"))

        let sweden = ["project", "--data", PopProjRunner.fixture("sweden1993").path, "--out", out.path, "--quiet"]
        let refused = try PopProjRunner.run(sweden)
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("popproj: cannot write \(out.path): the folder is not empty ("))
        #expect(refused.stderr.hasSuffix("pass --overwrite to replace its contents, or choose another folder\n"))
        #expect(try Self.entries(out).contains("total_population.svg"))

        let replaced = try PopProjRunner.run(sweden + ["--overwrite"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        // Only Sweden's files: the first run's chart is gone, not merged.
        #expect(try Self.entries(out) == ["births.csv", "births_by_age.csv", "deaths.csv", "population.csv",
                                          "pyramid.svg", "summary.csv", "summary.json", "units.csv"])
        #expect(try Self.entries(root) == ["run"])
    }

    @Test func anEmptyOutIsRefused() throws {
        let run = try PopProjRunner.run(["project", "--data", PopProjRunner.fixture("sweden1993").path, "--out", "", "--quiet"])
        #expect(run.status == 1)
        #expect(run.stderr == "popproj: cannot write \"\": the path is empty; name a folder to write into\n")
    }

    @Test func parentFoldersAreCreated() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("a/b/c")
        let run = try PopProjRunner.run(["project", "--data", PopProjRunner.fixture("sweden1993").path, "--out", out.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.entries(out).contains("population.csv"))
    }

    @Test func lifetableNeverReplacesAPipe() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let fifo = root.appendingPathComponent("lt.csv").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let mx = PopProjRunner.fixture("canada1x1/mx.csv").path
        let run = try PopProjRunner.run(["lifetable", "--mx", mx, "--out", fifo, "--overwrite"])
        #expect(run.status == 1)
        #expect(run.stderr == "popproj: cannot write \(fifo): it is a named pipe (FIFO), not a regular file\n")
        #expect(run.stdout.isEmpty)
        var status = stat()
        #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
        #expect(try Self.entries(root) == ["lt.csv"])
    }

    @Test func lifetableRefusesAnExistingFileWithoutOverwrite() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("lt.csv")
        try "keep\n".write(to: file, atomically: false, encoding: .utf8)
        let mx = PopProjRunner.fixture("canada1x1/mx.csv").path
        let run = try PopProjRunner.run(["lifetable", "--mx", mx, "--year", "2019", "--out", file.path])
        #expect(run.status == 1)
        #expect(run.stderr == "popproj: cannot write \(file.path): the file exists; pass --overwrite to replace it, or choose another file\n")
        #expect(try String(contentsOf: file, encoding: .utf8) == "keep\n")
        let replaced = try PopProjRunner.run(["lifetable", "--mx", mx, "--year", "2019", "--out", file.path, "--overwrite"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix("year,sex,age,"))
    }

    @Test func aRunWritingTheSameOutIsRefused() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("run")
        // This process stands for a run that holds the lock.
        let lock = root.appendingPathComponent(".run.lock").path
        let fd = open(lock, O_RDWR | O_CREAT, 0o644)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let run = try PopProjRunner.run(["project", "--data", PopProjRunner.fixture("sweden1993").path, "--out", out.path, "--quiet"])
        #expect(run.status == 1)
        #expect(run.stderr == "popproj: cannot write \(out.path): another popproj run is writing run (lock \(lock)); wait for it or choose another --out\n")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// The report is rendered before the files are written, so a run that fails
    /// to print leaves no output (here a population of 1e22 per group, whose
    /// printed table once trapped after the files were written).
    @Test func aRunThatFailsToPrintLeavesNoOutput() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("data")
        try FileManager.default.copyItem(at: PopProjRunner.fixture("sweden1993"), to: data)
        let base = data.appendingPathComponent("pop_base.csv")
        let lines = try String(contentsOf: base, encoding: .utf8).split(separator: "\n")
        let huge = [String(lines[0])] + lines.dropFirst().map { line in
            (line.split(separator: ",", omittingEmptySubsequences: false).dropLast() + ["1e22"]).joined(separator: ",")
        }
        try (huge.joined(separator: "\n") + "\n").write(to: base, atomically: false, encoding: .utf8)
        let out = root.appendingPathComponent("run")
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        let run = try PopProjRunner.run(["project", "--data", data.path, "--out", out.path], environment: environment)
        if run.status == 0 {
            #expect(try Self.entries(out).contains("summary.csv"))
        } else {
            #expect(!FileManager.default.fileExists(atPath: out.path), "status \(run.status) left \(out.path)")
        }
        #expect(try Self.entries(root) == ["data"] || run.status == 0)
    }

    /// SIGTERM while the files are being written: the staging folder goes with the run.
    ///
    /// The run is started as a shell would start it (no signal blocked: the test
    /// runner's threads block SIGTERM, and `Process` would pass that on). It is
    /// paused (SIGSTOP) at short intervals; as soon as its staging folder is seen
    /// while it is paused, it is sent SIGTERM and resumed, so the signal surely
    /// arrives while the staging folder exists.
    @Test func aTerminatedRunLeavesNoStagingFolder() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let pid = try Self.spawn([PopProjRunner.executable.path, "multiregional", "--data", PopProjRunner.fixture("washington").path,
                                  "--out", root.appendingPathComponent("wa").path, "--steps", "40", "--flow-steps", "2"])
        var status: Int32 = 0
        var ended = false
        var caught = false
        while !caught {
            usleep(1000)
            if waitpid(pid, &status, WNOHANG) == pid { ended = true; break }
            guard kill(pid, SIGSTOP) == 0 else { break }
            if ((try? Self.entries(root)) ?? []).contains(where: { $0.hasPrefix(".wa.partial-") }) {
                kill(pid, SIGTERM)
                caught = true
            }
            kill(pid, SIGCONT)
        }
        if !ended {
            if !caught { kill(pid, SIGTERM) }
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        }
        #expect(caught, "the run ended before its staging folder was seen")
        // Exited (not killed by the signal) with 128 + 15, as a shell reports SIGTERM.
        let exited = status & 0x7f == 0
        #expect(exited && (status >> 8) & 0xff == 128 + SIGTERM, "wait status \(status)")
        let left = try Self.entries(root)
        #expect(left.allSatisfy { !$0.hasPrefix(".wa.") }, "\(left)")
    }

    /// A file larger than `ulimit -f` fails the write (no SIGXFSZ death), and the
    /// staging folder is removed like that of any failed write.
    @Test func aFileSizeLimitLeavesNoStagingFolder() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let command = "ulimit -f 100; exec \"$0\" multiregional --data \"$1\" --out \"$2\" --steps 5 --flow-steps 1"
        let pid = try Self.spawn(["/bin/sh", "-c", command, PopProjRunner.executable.path,
                                  PopProjRunner.fixture("washington").path, root.appendingPathComponent("wa").path])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        #expect(status & 0x7f == 0 && (status >> 8) & 0xff == 1, "wait status \(status)")
        #expect(try Self.entries(root) == [])
    }

    /// Starts `arguments` with an empty signal mask and default signal actions,
    /// its output discarded; returns its pid.
    static func spawn(_ arguments: [String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), handled = sigset_t()
        sigemptyset(&none)
        sigemptyset(&handled)
        for number in [SIGINT, SIGTERM, SIGHUP, SIGXFSZ] { sigaddset(&handled, number) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &handled)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard code == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "posix_spawn: \(code)"]) }
        return pid
    }
}
