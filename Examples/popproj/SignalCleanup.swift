import Dispatch
import DemographyIO
import Foundation

/// Removes a run's staging folders when the run is stopped by a signal.
///
/// SIGINT, SIGTERM and SIGHUP are taken from their default action and delivered to
/// a dispatch source on a background queue: it removes the staging folders (and
/// any old folder moved aside by `--overwrite`) through
/// `OutputDirectory.removeStaging()`, waiting for a swap already under way, then
/// exits with 128 + the signal number as a shell would report. The work runs on an
/// ordinary thread, not in a signal handler, so it may allocate and call the file
/// system. SIGXFSZ (a file larger than `ulimit -f`) is ignored, so the write fails
/// with "File too large" and the run cleans up like any other failed write.
enum SignalCleanup {
    /// The installed sources, kept alive for the life of the process.
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Installs the handlers; call once, before any output is written.
    static func install() {
        signal(SIGXFSZ, SIG_IGN)
        let queue = DispatchQueue(label: "popproj.signals")
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                OutputDirectory.removeStaging()
                _exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}
