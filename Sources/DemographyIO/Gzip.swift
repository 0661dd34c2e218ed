import CZlib
import Foundation

/// gzip (RFC 1952) and zlib (RFC 1950) streams decompressed with zlib.
///
/// The datasets ship as `.csv.gz` (the WPP 2024 folder is about a fifth of its
/// CSV size that way), and the embedded dataset is a deflate stream per location.
/// A stream of several gzip members (as `cat a.gz b.gz` makes) is read whole.
/// The output is bounded (``maximumSize``), so a small damaged or hostile file
/// cannot expand until memory runs out.
public enum Gzip {
    /// The largest decompressed size accepted: 2 GiB, far above any dataset here
    /// (the annual WPP 2024 migration by single age is 92 MB).
    public static let maximumSize = 2 << 30

    /// Why a stream could not be decompressed.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The decompressed bytes of `data` (gzip or zlib, detected from the header).
    public static func decompress(_ data: Data, maximumSize: Int = Gzip.maximumSize) throws(Failure) -> Data {
        guard !data.isEmpty else { throw Failure(description: "an empty file, not a gzip stream") }
        var output = Data()
        var failure: Failure?
        data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            guard let base = input.baseAddress?.assumingMemoryBound(to: Bytef.self) else { return }
            var stream = z_stream()
            // 15 + 32: the largest window, and a gzip or zlib header detected automatically.
            guard inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                failure = Failure(description: "zlib could not start")
                return
            }
            defer { inflateEnd(&stream) }
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = uInt(input.count)
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { buffer -> (Int32, Int) in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (status, buffer.count - Int(stream.avail_out))
                }
                output.append(contentsOf: chunk[0..<produced])
                if output.count > maximumSize {
                    failure = Failure(description: "a stream that expands beyond \(maximumSize) bytes")
                    return
                }
                switch status {
                case Z_OK:
                    if stream.avail_in == 0 && produced == 0 {
                        failure = Failure(description: "a complete gzip stream, but it ends early (truncated after \(input.count) bytes)")
                        return
                    }
                case Z_STREAM_END:
                    // Another gzip member may follow.
                    guard stream.avail_in > 0 else { return }
                    guard inflateReset(&stream) == Z_OK else {
                        failure = Failure(description: "a readable gzip member after the first")
                        return
                    }
                case Z_BUF_ERROR where stream.avail_in == 0:
                    failure = Failure(description: "a complete gzip stream, but it ends early (truncated after \(input.count) bytes)")
                    return
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    failure = Failure(description: "a valid gzip stream (zlib: \(message))")
                    return
                }
            }
        }
        if let failure { throw failure }
        return output
    }
}
