import Foundation
import Demography
import DemographyIO

// Shared by every fuzz target (compiled into each one by scripts/fuzz.sh).
//
// A target traps (through `FuzzCheck.require`) when a reader *accepted* an input
// but broke a rule its result must keep: a trap is what libFuzzer reports, so a
// broken invariant is found like a crash.

/// The fuzz input as bytes and as text.
struct FuzzInput {
    let bytes: [UInt8]

    init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        bytes = Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The bytes decoded as UTF-8 (invalid sequences become U+FFFD, as a reader would see them after decoding).
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The first byte (which of several files or modes the input is for) and the rest (the file's content).
    var selectorAndContent: (selector: Int, content: Data) {
        guard let first = bytes.first else { return (0, Data()) }
        return (Int(first), Data(bytes.dropFirst()))
    }
}

/// Invariants of accepted inputs; a violation traps so that the fuzzer reports it.
enum FuzzCheck {
    static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition {
            FileHandle.standardError.write(Data("fuzz invariant broken: \(message())\n".utf8))
            abort()
        }
    }

    /// Every value finite (and 0 or more unless `signed`).
    static func values<S: Sequence>(_ values: S, signed: Bool = false, _ what: @autoclosure () -> String) where S.Element == Double {
        for v in values {
            require(v.isFinite, "\(what()): \(v) is not finite")
            if !signed { require(v >= 0, "\(what()): \(v) is negative") }
        }
    }

    static func bySex(_ values: BySex<[Double]>, signed: Bool = false, _ what: @autoclosure () -> String) {
        Self.values(values.female, signed: signed, "\(what()) (female)")
        Self.values(values.male, signed: signed, "\(what()) (male)")
    }
}

/// A copy of one base dataset (a folder of `$FUZZ_BASES`, written by
/// `scripts/fuzz-campaign.py --make-bases`) in a private temporary folder. Each
/// fuzz input replaces one of its files, the reader runs, and the file is put back.
final class ScratchDataset {
    let directory: URL
    /// The dataset's CSV files, sorted by name, with their original bytes.
    let files: [(name: String, original: Data)]

    init(base name: String) {
        guard let bases = ProcessInfo.processInfo.environment["FUZZ_BASES"] else {
            FileHandle.standardError.write(Data("FUZZ_BASES is not set (scripts/fuzz.sh sets it)\n".utf8))
            exit(2)
        }
        let source = URL(fileURLWithPath: bases).appendingPathComponent(name)
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("fuzz-\(name)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        var files: [(String, Data)] = []
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for file in try FileManager.default.contentsOfDirectory(atPath: source.path).sorted() where file.hasSuffix(".csv") {
                let data = try Data(contentsOf: source.appendingPathComponent(file))
                try data.write(to: directory.appendingPathComponent(file))
                files.append((file, data))
            }
        } catch {
            FileHandle.standardError.write(Data("cannot copy the base dataset \(source.path): \(error)\n".utf8))
            exit(2)
        }
        if files.isEmpty {
            FileHandle.standardError.write(Data("the base dataset \(source.path) has no CSV files\n".utf8))
            exit(2)
        }
        self.files = files
        scratchFolders.append(directory.path)
        if scratchFolders.count == 1 {
            atexit { for path in scratchFolders { try? FileManager.default.removeItem(atPath: path) } }
        }
    }

    /// Replaces file number `selector % files.count` with `content`, runs `body`, and restores the file.
    func withFile(_ selector: Int, content: Data, _ body: (URL, String) -> Void) {
        let file = files[selector % files.count]
        let url = directory.appendingPathComponent(file.name)
        try? content.write(to: url)
        body(directory, file.name)
        try? file.original.write(to: url)
    }
}

/// Scratch folders to remove when the fuzzer exits.
nonisolated(unsafe) var scratchFolders: [String] = []
