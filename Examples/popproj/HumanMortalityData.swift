import DemographyIO
import Foundation

/// `--data DIR` holding Human Mortality Database files (Mx_1x1.txt or
/// Deaths_1x1.txt and Exposures_1x1.txt, Population.txt, optional Births.txt) and
/// the Human Fertility Database's asfrRR.txt: a dataset of full rates for one
/// annual step from the last year they share (``HumanMortalityDataset``).
enum HumanMortalityData {
    /// The translated dataset of `path`, or nil when it is not such a folder.
    static func source(_ path: String) throws -> DatasetSource? {
        do { return try HumanMortalityDataset.translate(URL(fileURLWithPath: path)) } catch {
            throw error.failure(allProblems: false, in: "the HMD and HFD files")
        }
    }
}
