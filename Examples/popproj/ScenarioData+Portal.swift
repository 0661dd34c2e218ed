import DemographyIO
import Foundation

extension ScenarioData {
    /// The UN WPP portal files of `path` (`PortalDataset`), or nil when the
    /// directory is not a folder of portal files (it has the tidy layout's files,
    /// or no CSV file with a portal header).
    static func portalFolder(_ path: String) throws -> PortalDataset? {
        let url = URL(fileURLWithPath: path)
        guard PortalDataset.isPortalFolder(url) else { return nil }
        do { return try PortalDataset.open(url) } catch { throw CommandFailure(error.oneLine) }
    }

    /// One location of the portal files in the WPP summary layout (Medium
    /// variant; `baseYear` nil: the base year the files imply).
    static func portalSource(_ portal: PortalDataset, _ code: String, baseYear: Int?) throws -> DatasetSource {
        do { return try portal.source(for: code, baseYear: baseYear) } catch { throw CommandFailure(error.oneLine) }
    }

    /// `data`, unless a portal base year was given for data that are not portal files.
    static func refusingBaseYear(_ baseYear: Int?, _ data: ScenarioData) throws -> ScenarioData {
        guard let baseYear else { return data }
        throw CommandFailure("--base-year \(baseYear): applies to a --data folder of UN WPP portal files only; these data have their own base year (pop_base.csv)")
    }
}
