import ArgumentParser
import DemographyIO
import DemographyMPI
import Foundation

/// popproj — population projection by the cohort-component method.
///
/// A small driver: parse the command line, load inputs through DemographyIO,
/// run the library, write the results. No demography is computed here.
@main
struct PopProj: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "popproj",
        abstract: "Population projection by the cohort-component method (UN CCMPP).",
        discussion: """
            With no subcommand, projects the world from the embedded UN World Population
            Prospects 2024 (the sum of the projections of its 236 countries and areas,
            medium variant, 2020-2100) and prints a summary. --location picks one of
            them by code, ISO3 code or name (`popproj locations` lists them).

            Examples:
              popproj
              popproj project --location kenya
              popproj project --data data/wpp2024 --location "cote d'ivoire"
              popproj project --data Tests/Fixtures/sweden1993 --out out/
            """,
        version: PopProj.version,
        subcommands: PopProj.commands,
        defaultSubcommand: ProjectCommand.self
    )

    /// The processes of the run: one, or the ranks started by `mpirun` when
    /// popproj is built with the `MPI` trait. Rank 0 prints and writes.
    nonisolated(unsafe) static var communicator = Communicator.start()

    /// Runs the command line; any error becomes one line on standard error and a
    /// non-zero exit code, never a stack trace.
    static func main() {
        SignalCleanup.install()
        let communicator = PopProj.communicator
        if !communicator.isRoot {
            // Only rank 0 prints: the other ranks' standard output goes to /dev/null.
            let null = open("/dev/null", O_WRONLY)
            if null >= 0 { dup2(null, STDOUT_FILENO) }
        }
        do {
            var command = try parseAsRoot()
            try command.run()
            communicator.finish()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                communicator.finish()
                Foundation.exit(0)
            }
            let text = errorText(error, message: message)
            if communicator.isRoot || error is RankFailure {
                let rank = communicator.isDistributed ? " (rank \(communicator.rank))" : ""
                FileHandle.standardError.write(Data("popproj\(rank): \(text)\n".utf8))
            }
            communicator.finish()
            Foundation.exit(code.rawValue == 0 ? 1 : code.rawValue)
        }
    }

    /// Writes a run's files, on rank 0 only (all or nothing, and an existing folder
    /// only with `overwrite`: see `OutputDirectory`).
    static func write(_ files: [String: String], to path: String, overwrite: Bool) throws {
        guard communicator.isRoot else { return }
        do { try OutputDirectory.write(files, to: path, overwrite: overwrite) } catch {
            throw CommandFailure(error.description)
        }
    }
}

extension PopProj {
    /// The error to report for a failed distributed step: this rank's own message
    /// (printed by this rank when the run is distributed), or "another rank failed".
    static func report(_ failure: DistributedFailure) -> Error {
        switch failure {
        case .thisRank(let message): return communicator.isDistributed ? RankFailure(description: message) : CommandFailure(message)
        case .anotherRank: return CommandFailure(failure.description)
        }
    }
}

/// A failure on one rank of a distributed run, reported by that rank.
struct RankFailure: Error, CustomStringConvertible {
    var description: String
}

/// A failure to report as one line (input problems, unwritable output, refused options).
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
