import ArgumentParser
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
            With no subcommand, projects the embedded default scenario and prints a summary.

            Examples:
              popproj
              popproj project --data Tests/Fixtures/sweden1993 --out out/
            """,
        subcommands: PopProj.commands,
        defaultSubcommand: ProjectCommand.self
    )

    /// Runs the command line; any error becomes one line on standard error and a
    /// non-zero exit code, never a stack trace.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            let firstLine = message.split(separator: "\n").first.map(String.init) ?? "\(error)"
            let text = firstLine.hasPrefix("Error: ") ? String(firstLine.dropFirst(7)) : firstLine
            FileHandle.standardError.write(Data("popproj: \(text)\n".utf8))
            Foundation.exit(code.rawValue == 0 ? 1 : code.rawValue)
        }
    }
}

/// A failure to report as one line (input problems, unwritable output, refused options).
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
