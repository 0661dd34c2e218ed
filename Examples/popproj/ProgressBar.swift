import Foundation

/// A progress bar on standard error, drawn only on a terminal and only once a
/// run has lasted `delay` seconds; `finish()` clears it.
final class ProgressBar {
    private let enabled: Bool
    private let delay: Double
    private let start = Date()
    private var drawn = false

    init(enabled: Bool, delay: Double) {
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
        self.delay = delay
    }

    func update(_ done: Int, of total: Int, label: String) {
        guard enabled, total > 0, Date().timeIntervalSince(start) >= delay else { return }
        let width = 30
        let filled = min(width, done * width / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let line = "\r[\(bar)] \(done)/\(total) steps  \(label)"
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }
}
