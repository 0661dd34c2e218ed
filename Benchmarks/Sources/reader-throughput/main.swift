import DemographyIO
import Foundation

// Reader throughput in MB/s on synthetic tidy files made here (run by hand, never
// by the checks): `swift run -c release --package-path Benchmarks reader-throughput [MB]`.
//
// 1. `CSVTable.parse` of a tidy text of about MB megabytes (default 100):
//    country_code,year,sex,age,open_age,value rows, values with 10 significant digits.
// 2. `TidyFile.schedulesBySex` of a one-location file of every year from 1000 to
//    3000, both sexes, ages 0..200 (about 27 MB): the parse, then every key and
//    value read and checked as the projection's readers do.
// Best of 5 runs each.

/// A splitmix64 stream (Steele, Lea & Flood 2014), for reproducible values.
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func value() -> String {
        let v = Double(next() >> 11) / Double(1 << 53) * 1e5
        return String(format: "%.10g", v)
    }
}

func best(of runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return best
}

let megabytes = CommandLine.arguments.dropFirst().first.flatMap(Double.init) ?? 100
var random = SplitMix(state: 1)

var text = "country_code,year,sex,age,open_age,value\n"
text.reserveCapacity(Int(megabytes * 1.05e6))
var code = 1
while Double(text.utf8.count) < megabytes * 1e6 {
    for year in 1950...2100 {
        for sex in ["female", "male"] {
            for age in 0...100 { text += "\(code),\(year),\(sex),\(age),\(age == 100 ? 1 : 0),\(random.value())\n" }
        }
    }
    code += 1
}
let size = Double(text.utf8.count) / 1e6
var rows = 0
let parse = try best(of: 5) { rows = try CSVTable.parse(text, file: "synthetic.csv").rowCount }
print(String(format: "CSVTable.parse: %.1f MB, %d rows, %.3f s, %.0f MB/s", size, rows, parse, size / parse))

var tidy = "year,sex,age,open_age,value\n"
for year in 1000...3000 {
    for sex in ["female", "male"] {
        for age in 0...200 { tidy += "\(year),\(sex),\(age),\(age == 200 ? 1 : 0),\(random.value())\n" }
    }
}
let url = FileManager.default.temporaryDirectory.appendingPathComponent("reader-throughput-\(getpid()).csv")
try tidy.write(to: url, atomically: true, encoding: .utf8)
defer { try? FileManager.default.removeItem(at: url) }
let tidySize = Double(tidy.utf8.count) / 1e6
var years = 0
let read = try best(of: 5) { years = try TidyFile.schedulesBySex(url).values.count }
print(String(format: "TidyFile.schedulesBySex: %.1f MB, %d years, %.3f s, %.0f MB/s", tidySize, years, read, tidySize / read))
