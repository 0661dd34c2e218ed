import Foundation
import Demography
import DemographyIO

// Fuzz target `dataset_full`: the single-region full-rate layout, as `popproj
// project --data` reads it (`DatasetReader`). Two base datasets: Sweden 1993
// (5x5, Sx of life_table.csv) and Canada 1x1 1950-52 (mx.csv only). The first
// input byte chooses the base (even: Sweden, odd: Canada) and the file (the rest
// of the byte); the rest of the input replaces that file. An accepted dataset
// must hold finite populations, rates and migrants, no negative population or
// rate, survival ratios of at most 1 (audit F7), and sex ratios above 0.
nonisolated(unsafe) let fullRateBases = [ScratchDataset(base: "sweden"), ScratchDataset(base: "canada_mx")]

func checkFullRateInputs(_ inputs: ProjectionInputs) {
    FuzzCheck.bySex(inputs.basePopulation.counts, "base population")
    for (year, sx) in inputs.survivalRatios {
        FuzzCheck.bySex(sx, "survival ratios of \(year)")
        FuzzCheck.require((sx.female + sx.male).allSatisfy { $0 <= 1 }, "a survival ratio above 1 in \(year)")
    }
    for (year, mx) in inputs.deathRates { FuzzCheck.bySex(mx, "death rates of \(year)") }
    for (year, f) in inputs.fertilityRates { FuzzCheck.values(f, "fertility rates of \(year)") }
    for (year, srb) in inputs.sexRatioAtBirth { FuzzCheck.require(srb.isFinite && srb > 0, "sex ratio at birth \(srb) in \(year)") }
    for (year, m) in inputs.netMigrants { FuzzCheck.bySex(m, signed: true, "net migrants of \(year)") }
    for (year, m) in inputs.netMigrationRates { FuzzCheck.bySex(m, signed: true, "net migration rates of \(year)") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFullRateDataset(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (selector, content) = FuzzInput(data, size).selectorAndContent
    fullRateBases[selector % 2].withFile(selector / 2, content: content) { directory, _ in
        guard let dataset = try? DatasetReader().read(directory: directory) else { return }
        checkFullRateInputs(dataset.inputs)
    }
    return 0
}
