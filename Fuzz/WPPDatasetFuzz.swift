import Foundation
import Demography
import DemographyIO

// Fuzz target `dataset_wpp`: the WPP layout of summary assumptions
// (`AssumptionsReader`, location 752), with the Rogers-Castro migration pattern
// (even first byte) or the residual one from the hist_* files (odd). The rest of
// the first byte chooses the file the rest of the input replaces. Accepted
// assumptions must be finite, with no negative population, TFR, fertility
// pattern or death rate, and sex ratios above 0.
nonisolated(unsafe) let wppBase = ScratchDataset(base: "wpp752")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWPPDataset(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (selector, content) = FuzzInput(data, size).selectorAndContent
    let pattern: MigrationPatternChoice = selector % 2 == 0 ? .rogersCastro() : .residual
    wppBase.withFile(selector / 2, content: content) { directory, _ in
        guard let dataset = try? AssumptionsReader(location: "752").read(.directory(directory), migrationPattern: pattern) else { return }
        let a = dataset.assumptions
        FuzzCheck.bySex(a.basePopulation.counts, "base population")
        for (year, tfr) in a.totalFertility { FuzzCheck.values([tfr], "TFR of \(year)") }
        for (year, p) in a.fertilityPattern { FuzzCheck.values(p, "fertility pattern of \(year)") }
        for (year, mx) in a.deathRates { FuzzCheck.bySex(mx, "death rates of \(year)") }
        for (year, srb) in a.sexRatioAtBirth { FuzzCheck.require(srb.isFinite && srb > 0, "sex ratio at birth \(srb) in \(year)") }
        for (year, m) in a.netMigration { FuzzCheck.values([m], signed: true, "net migration of \(year)") }
        FuzzCheck.bySex(a.migrationPattern, signed: true, "migration pattern")
    }
    return 0
}
