import Testing
import Foundation
import DemographyIO

/// `Gzip.decompress` and the `.csv.gz` files of a dataset directory: gzip
/// members made by the system's gzip(1) (a literal below, and the files of
/// data/wpp2024, written with `gzip -9 -n`) give back their text; several
/// members read as one; a damaged or truncated stream is refused with a message.
@Suite struct GzipTests {
    /// `printf 'hello\n' | gzip -9 -n` (GNU gzip 1.12): one member, RFC 1952.
    static let hello = Data([
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xcb, 0x48,
        0xcd, 0xc9, 0xc9, 0xe7, 0x02, 0x00, 0x20, 0x30, 0x3a, 0x36, 0x06, 0x00,
        0x00, 0x00,
    ])

    static func wpp2024(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data/wpp2024").appendingPathComponent(name)
    }

    static func failure(_ data: Data) -> String? {
        do { _ = try Gzip.decompress(data); return nil } catch { return error.description }
    }

    @Test func aMemberOfGzipDecompressesToItsText() throws {
        #expect(try Gzip.decompress(Self.hello) == Data("hello\n".utf8))
    }

    @Test func concatenatedMembersAreReadWhole() throws {
        // `cat a.gz b.gz` is a valid gzip file whose text is a's then b's (RFC 1952 §2.2).
        #expect(try Gzip.decompress(Self.hello + Self.hello) == Data("hello\nhello\n".utf8))
        let tfr = try Data(contentsOf: Self.wpp2024("tfr.csv.gz")), srb = try Data(contentsOf: Self.wpp2024("srb.csv.gz"))
        #expect(try Gzip.decompress(tfr + srb) == (try Gzip.decompress(tfr)) + (try Gzip.decompress(srb)))
    }

    @Test func truncatedOrDamagedStreamsAreRefused() throws {
        let tfr = try Data(contentsOf: Self.wpp2024("tfr.csv.gz"))
        // Cut in the deflate data, in the CRC-32/size trailer, and after the header.
        for cut in [tfr.count / 2, tfr.count - 4, 10] {
            let message = try #require(Self.failure(tfr.prefix(cut)), "cut at \(cut)")
            #expect(message.contains("ends early") || message.contains("valid gzip"), "cut at \(cut): \(message)")
        }
        #expect(Self.failure(Data()) == "an empty file, not a gzip stream")
        #expect(Self.failure(Data("country_code,year,value\n".utf8)) != nil)
        var flipped = Self.hello
        flipped[12] ^= 0xff   // inside the deflate data: a bad block or a CRC mismatch
        #expect(Self.failure(flipped) != nil)
        // The output bound holds: 6 bytes do not fit in 5.
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(Self.hello, maximumSize: 5) }
    }

    @Test func aDirectoryReadsNameDotGzWhenNameIsAbsent() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gzip-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let compressed = try Data(contentsOf: Self.wpp2024("tfr.csv.gz"))
        try compressed.write(to: directory.appendingPathComponent("tfr.csv.gz"))
        let source = DatasetSource.directory(directory)
        #expect(source.contains("tfr.csv"))
        let text = try source.text("tfr.csv")
        #expect(Data(text.utf8) == (try Gzip.decompress(compressed)))
        let table = try source.table("tfr.csv")
        #expect(table.header == ["country_code", "year", "value"])
        #expect(table.rows.count == text.split(separator: "\n").count - 1)
        // The plain file wins when both are there.
        try Data("country_code,year,value\n4,2020,1.5\n".utf8).write(to: directory.appendingPathComponent("tfr.csv"))
        #expect(try source.table("tfr.csv").rows == [["4", "2020", "1.5"]])
        // A damaged .gz is refused naming the file.
        try compressed.prefix(compressed.count / 2).write(to: directory.appendingPathComponent("srb.csv.gz"))
        do {
            _ = try source.table("srb.csv")
            Issue.record("a truncated srb.csv.gz was read")
        } catch {
            #expect(error.oneLine.hasPrefix("srb.csv.gz: "), "\(error.oneLine)")
            #expect(error.oneLine.contains("ends early"), "\(error.oneLine)")
        }
    }
}
