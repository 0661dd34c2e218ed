import Foundation
import Demography
import DemographyIO

// Fuzz target `trajectories`: one of the files of a 20-trajectory folder
// (tfr.csv, e0_female.csv, e0_male.csv, mig_net_total.csv; the first input byte
// chooses which) replaced by the input, then `TrajectoryFiles.read`. Accepted
// paths must be finite, with TFR of 0 or more and life expectancies above 0
// (an e0 of 0 or less turns into NaN quantiles, audit F9).
nonisolated(unsafe) let trajectoryScratch = ScratchDataset(base: "trajectories")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTrajectoryFiles(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (selector, content) = FuzzInput(data, size).selectorAndContent
    trajectoryScratch.withFile(selector, content: content) { directory, _ in
        guard let paths = try? TrajectoryFiles.read(directory: directory) else { return }
        FuzzCheck.require(paths.count >= 1 && !paths.years.isEmpty, "\(paths.count) trajectories over \(paths.years.count) years")
        for (channel, values) in paths.channels {
            switch channel {
            case .totalFertility: FuzzCheck.values(values, "TFR trajectories")
            case .lifeExpectancyFemale, .lifeExpectancyMale:
                FuzzCheck.values(values, "e0 trajectories")
                FuzzCheck.require(values.allSatisfy { $0 > 0 }, "an e0 trajectory of 0 or less")
            case .netMigration: FuzzCheck.values(values, signed: true, "net migration trajectories")
            }
        }
    }
    return 0
}
