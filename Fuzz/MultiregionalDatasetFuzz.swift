import Foundation
import Demography
import DemographyIO

// Fuzz target `multiregional`: `MultiregionalDataset.read`, as `popproj
// multiregional --data` reads it, over four base datasets: the Willekens-Rogers
// data as counts (mig_flows.csv), as OD rates (mx.csv, asfr.csv, mig_rates.csv),
// as out-migration rates and destination shares (with net_migration.csv), and
// the county layout (Washington cut to three counties). The first input byte
// chooses the base (byte % 4) and the file (byte / 4). An accepted dataset must
// have a finite start population of 0 or more and finite external migrants; when
// its step can be built, the transition probabilities and fertility rates must
// be finite and 0 or more (negative ones give negative flows, audit F8).
nonisolated(unsafe) let multiregionalBases = ["mr_flows", "mr_rates", "mr_outmig", "county"].map { ScratchDataset(base: $0) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMultiregionalDataset(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (selector, content) = FuzzInput(data, size).selectorAndContent
    multiregionalBases[selector % 4].withFile(selector / 4, content: content) { directory, _ in
        guard let dataset = try? MultiregionalDataset.read(directory: directory) else { return }
        FuzzCheck.values(dataset.start.counts, "start population")
        if let external = dataset.externalMigrants { FuzzCheck.values(external, signed: true, "external migrants") }
        guard let step = try? dataset.step() else { return }
        FuzzCheck.values(step.transitions, "transition probabilities")
        FuzzCheck.values(step.fertilityRates, "fertility rates")
        FuzzCheck.values(step.externalMigrants, signed: true, "external migrants of the step")
    }
    return 0
}
