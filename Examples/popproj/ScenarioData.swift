import Demography
import DemographyIO
import Foundation

/// Where the scenario's data come from: the embedded UN WPP 2024 archive (no
/// `--data`), or a dataset directory.
///
/// Both give the datasets of single locations: the archive decodes one location
/// at a time; a directory of many locations is split with `LocationSplit` when
/// several are projected, so that each file is read once and not once per location.
enum ScenarioData {
    /// The locations compiled into popproj (``EmbeddedDatasets/wpp2024``).
    case archive(LocationArchive)
    /// A dataset directory (`--data`).
    case folder(DatasetSource)
    /// A directory of the UN's WPP portal CSV files, translated one location at a time.
    case portal(PortalDataset, baseYear: Int?)

    /// The archive without `--data`, else the directory, which must exist.
    static func open(data: String?, portalBaseYear: Int? = nil) throws -> ScenarioData {
        guard let data else { return try refusingBaseYear(portalBaseYear, .archive(EmbeddedDatasets.wpp2024)) }
        if let hmd = try HumanMortalityData.source(data) { return try refusingBaseYear(portalBaseYear, .folder(hmd)) }
        let folder = try directory(data)
        if let portal = try portalFolder(data) { return .portal(portal, baseYear: portalBaseYear) }
        return try refusingBaseYear(portalBaseYear, .folder(folder))
    }

    /// The directory `path`, which must exist.
    static func directory(_ path: String) throws -> DatasetSource {
        do { return try .existingDirectory(URL(fileURLWithPath: path)) } catch { throw CommandFailure(error.oneLine) }
    }

    /// The locations (code, name, ISO3): the archive's, or the directory's
    /// `locations.csv` (none when it has no such file).
    func locations() throws -> [LocationName] {
        switch self {
        case .archive(let archive): return archive.locations
        case .folder(let source):
            do { return try LocationTable.names(source) } catch { throw CommandFailure(error.oneLine) }
        case .portal(let portal, _): return portal.locations
        }
    }

    /// Where `locations.csv` is, for messages and the listing.
    var locationsSource: DatasetSource {
        switch self {
        case .archive(let archive): return archive.locationsSource
        case .folder(let source): return source
        case .portal(let portal, _): return portal.locationsSource
        }
    }

    /// The code of the location `value` names (a code, an ISO3 code or a name; see
    /// `LocationLookup`). A dataset without `locations.csv` takes `value` as a code.
    func code(of value: String, option: String) throws -> String {
        let known = try locations()
        guard !known.isEmpty else { return value }
        do { return try LocationLookup(known).code(value) } catch {
            throw CommandFailure("\(option): \(error)")
        }
    }

    /// The codes of an aggregate run, when there is one: every location of the
    /// archive, or of a directory of WPP summary assumptions whose `locations.csv`
    /// lists more than one location. nil: the data are one location's.
    func aggregateCodes() throws -> [String]? {
        switch self {
        case .archive(let archive): return archive.codes
        case .folder(let source):
            guard AssumptionsReader.looksLikeAssumptions(source) else { return nil }
            let codes = try locations().map(\.code)
            return codes.count > 1 ? codes : nil
        case .portal(let portal, _):
            let codes = portal.countries.map(\.code)
            return codes.count > 1 ? codes : nil
        }
    }

    /// The dataset of one location (`code` nil: the directory as it is).
    func source(for code: String?) throws -> DatasetSource {
        switch self {
        case .archive(let archive):
            guard let code else {
                throw CommandFailure("the embedded dataset \(archive.name) holds \(archive.codes.count) locations: give --location (see `popproj locations`)")
            }
            do { return try archive.source(for: code) } catch { throw CommandFailure(error.oneLine) }
        case .folder(let source): return source
        case .portal(let portal, let baseYear):
            guard let code else {
                throw CommandFailure("the UN WPP portal files in \(portal.name) hold \(portal.locations.count) locations: give --location (see `popproj locations --data`)")
            }
            return try Self.portalSource(portal, code, baseYear: baseYear)
        }
    }

    /// The files a WPP-layout run of one location reads (the assumptions, the
    /// estimation period, the names and the published totals).
    static let assumptionFiles = [
        "locations.csv", "pop_base.csv", "mx.csv", "pasfr.csv", "asfr.csv", "tfr.csv", "tfr_low.csv", "tfr_high.csv", "srb.csv",
        "mig_net_count.csv", "mig_net_total.csv", "expected_pop_total.csv", "expected_pop_total_low.csv",
        "expected_pop_total_high.csv", "hist_pop.csv", "hist_mx.csv", "hist_tfr.csv", "hist_pasfr.csv",
        "hist_asfr.csv", "hist_srb.csv", "hist_mig_net_total.csv",
    ]

    /// The annual files a `--grid 1x1` run reads besides (`SingleYearEmulation`).
    static let singleYearFiles = ["tfr_1x1.csv", "srb_1x1.csv", "e0_1x1.csv", "mig_net_count_1x1.csv"]

    /// The dataset of each of `codes`: decoded from the archive one by one, or the
    /// directory's files each read once and split by location.
    func sources(for codes: [String], singleYear: Bool = false) throws -> [String: DatasetSource] {
        switch self {
        case .archive(let archive):
            var out: [String: DatasetSource] = [:]
            for code in codes {
                do { out[code] = try archive.source(for: code) } catch { throw CommandFailure(error.oneLine) }
            }
            return out
        case .folder(let source):
            do {
                return try LocationSplit.split(source, files: Self.assumptionFiles + (singleYear ? Self.singleYearFiles : []), locations: codes, name: "\(source)")
            } catch { throw CommandFailure(error.oneLine) }
        case .portal(let portal, let baseYear):
            var out: [String: DatasetSource] = [:]
            for code in codes { out[code] = try Self.portalSource(portal, code, baseYear: baseYear) }
            return out
        }
    }

    /// Whether these are the UN's WPP 2024 data: the archive, or a directory with
    /// the same locations (data/wpp2024).
    var isWPP2024Locations: Bool {
        switch self {
        case .archive: return true
        case .folder:
            guard let codes = try? locations().map(\.code) else { return false }
            return Set(codes) == Set(EmbeddedDatasets.wpp2024.codes)
        case .portal(let portal, _):
            return Set(portal.countries.map(\.code)) == Set(EmbeddedDatasets.wpp2024.codes)
        }
    }
}
