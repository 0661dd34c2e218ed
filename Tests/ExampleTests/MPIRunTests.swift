import Testing
import Foundation

/// `mpirun -np 2 popproj …` writes exactly what the single-process run writes.
///
/// Runs when `DEMOGRAPHY_MPI_POPPROJ` names a popproj built with the `MPI` trait
/// (`./scripts/test.sh` builds one in `.build-mpi` and sets it); the default build
/// needs no MPI and skips this suite.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["DEMOGRAPHY_MPI_POPPROJ"] != nil))
struct MPIRunTests {
    let executable = ProcessInfo.processInfo.environment["DEMOGRAPHY_MPI_POPPROJ"] ?? ""

    func run(_ launcher: String?, _ arguments: [String]) throws -> PopProjRunner.Output {
        let process = Process()
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = "1"   // ranks and BLAS threads must not oversubscribe
        process.environment = environment
        if let launcher {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [launcher, "--allow-run-as-root", "--oversubscribe", "-np", "2", executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return .init(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                     stderr: String(decoding: stderr, as: UTF8.self))
    }

    func files(_ directory: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            out[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return out
    }

    @Test(arguments: [
        ["project", "--trajectories", "300", "--seed", "11", "--threads", "1", "--location", "566"],
        ["project", "--trajectories", "7", "--seed", "2", "--threads", "1", "--location", "752"],
        ["project", "--variants", "all", "--location", "nigeria"],
        ["project", "--data", PopProjRunner.fixture("wpp2017").path, "--locations", "all", "--variants", "medium,high"],
        // 39 counties split 24 + 15 between the ranks, flows exchanged every step.
        ["multiregional", "--data", PopProjRunner.fixture("washington").path, "--steps", "6", "--flow-steps", "2", "--stable"],
        ["multiregional", "--data", PopProjRunner.fixture("multiregional").path],
    ])
    func twoRanksWriteWhatOneProcessWrites(_ arguments: [String]) throws {
        let single = PopProjRunner.temporaryDirectory(), double = PopProjRunner.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: single)
            try? FileManager.default.removeItem(at: double)
        }
        let one = try run(nil, arguments + ["--out", single.path])
        #expect(one.status == 0, "\(one.stderr)")
        let two = try run("mpirun", arguments + ["--out", double.path])
        #expect(two.status == 0, "\(two.stderr)")
        if arguments.contains("--trajectories") { #expect(two.stdout.contains("on each of 2 MPI ranks")) }
        if arguments[0] == "multiregional" { #expect(two.stdout.contains("regions split across 2 MPI ranks")) }
        let a = try files(single), b = try files(double)
        #expect(!a.isEmpty && a.keys.sorted() == b.keys.sorted())
        for (name, data) in a { #expect(b[name] == data, "\(name) differs") }
    }

    @Test func aFailingRankWritesNothing() throws {
        let out = PopProjRunner.temporaryDirectory()
        let run = try run("mpirun", ["project", "--trajectories", "10", "--location", "999", "--out", out.path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("popproj (rank 0): "))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
