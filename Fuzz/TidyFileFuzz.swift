import Foundation
import Demography
import DemographyIO

// Fuzz target `tidy`: the single files read outside a dataset folder. An even
// first byte reads the rest as a death-rate file (`TidyFile.schedulesBySex`, as
// `popproj lifetable --mx` does), an odd one as a migration age pattern
// (`MigrationPatternFile.read`, `--migration-pattern FILE`). Accepted death
// rates must be finite, 0 or more, one per age group; an accepted pattern finite.
let tidyScratch: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-tidy-\(ProcessInfo.processInfo.processIdentifier).csv")
    atexit { try? FileManager.default.removeItem(at: tidyScratch) }
    return url
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTidyFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (selector, content) = FuzzInput(data, size).selectorAndContent
    try? content.write(to: tidyScratch)
    if selector % 2 == 0 {
        guard let (ages, values) = try? TidyFile.schedulesBySex(tidyScratch) else { return 0 }
        for (year, mx) in values {
            FuzzCheck.bySex(mx, "death rates of \(year)")
            for schedule in [mx.female, mx.male] where !schedule.isEmpty {
                FuzzCheck.require(schedule.count == ages.count, "\(schedule.count) rates for \(ages.count) age groups in \(year)")
            }
        }
    } else {
        guard let pattern = try? MigrationPatternFile.read(tidyScratch) else { return 0 }
        FuzzCheck.bySex(pattern, signed: true, "migration pattern")
    }
    return 0
}
