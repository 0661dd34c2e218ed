import Foundation
import Demography

// Fuzz target `sketch`: serialised probabilistic-run shares (what MPI ranks send
// each other: values, or per cell the rank brackets) and quantile sketches through
// `StochasticPartial(serialized:)` and `QuantileSketch(serialized:)`. The input is read as doubles: with an even first
// byte, 8 raw bytes each; with an odd one, one small whole number per byte (so
// the fuzzer reaches valid headers), except that byte 255 takes the next 8 raw
// bytes. An accepted sketch must serialise back to the same doubles (bit for
// bit), answer quantiles and merge with itself; an accepted share must
// serialise back to the same doubles.
func fuzzDoubles(_ bytes: [UInt8]) -> [Double] {
    guard let mode = bytes.first else { return [] }
    var out: [Double] = []
    var i = 1
    func raw() -> Double? {
        guard i + 8 <= bytes.count else { return nil }
        var bits: UInt64 = 0
        for k in 0..<8 { bits |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
        i += 8
        return Double(bitPattern: bits)
    }
    if mode % 2 == 0 {
        while let v = raw() { out.append(v) }
    } else {
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            if b == 255 { if let v = raw() { out.append(v) } else { break } } else { out.append(Double(b)) }
        }
    }
    return out
}

func sameBits(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSketch(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let values = fuzzDoubles(Array(UnsafeBufferPointer(start: data, count: size)))
    if var sketch = try? QuantileSketch(serialized: values) {
        let again = sketch.serialized
        FuzzCheck.require((try? QuantileSketch(serialized: again)).map { sameBits($0.serialized, again) } ?? false,
                          "a sketch that does not read back from its own serialisation")
        _ = sketch.quantiles([0, 0.1, 0.5, 0.9, 1])
        _ = sketch.rank(of: 0)
        let copy = sketch
        sketch.merge(copy)
        _ = sketch.quantile(0.5)
    }
    if let partial = try? StochasticPartial(serialized: values) {
        let again = partial.serialized
        FuzzCheck.require((try? StochasticPartial(serialized: again)).map { sameBits($0.serialized, again) } ?? false,
                          "a share that does not read back from its own serialisation")
        _ = try? partial.merged(with: partial)
    }
    return 0
}
