import Foundation
import Demography

/// A multiregional dataset read from a directory: the start population, the
/// rates, the external migrants and the conventions of its method.
public struct MultiregionalDataset: Sendable {
    /// What the data are, in one line.
    public let title: String
    /// The population at the start.
    public let start: MultiregionalPopulation
    /// The year of the start population.
    public let startYear: Int
    /// The rates of every step (held constant).
    public let rates: MultiregionalRates
    /// External net migrants per step, region fastest, then age, then sex (nil: none).
    public let externalMigrants: [Double]?
    /// When the external migrants enter.
    public let migrationTiming: MigrationTiming
    /// The open-age-group convention of the source's method.
    public let openAgeGroup: OpenAgeGroupRule
    /// The number of steps the source projects.
    public let defaultSteps: Int
    /// Assumptions made in building the data, one sentence each.
    public let assumptions: [String]
    /// Values read as given but outside their usual range (``InputProblem`` of
    /// severity `.warning`), for the caller to print.
    public var warnings: [InputProblem] = []

    /// The step of the dataset, with `openAgeGroup` unless another rule is given.
    public func step(openAgeGroup rule: OpenAgeGroupRule? = nil) throws(DemographyError) -> MultiregionalStep {
        let r = start.regionCount, a = start.ages.count
        let migrants = externalMigrants
        let sexes = start.sexes
        return try MultiregionalStep(
            rates: rates,
            externalMigrants: migrants.map { m in { region, sex in
                guard let s = sexes.firstIndex(of: sex) else { return [Double](repeating: 0, count: a) }
                return (0..<a).map { m[(s * a + $0) * r + region] }
            } },
            migrationTiming: migrationTiming, openAgeGroup: rule ?? openAgeGroup)
    }
}

extension MultiregionalDataset {
    /// Reads the dataset directory `directory` (which must exist), choosing its
    /// layout by its files: a county dataset of the PAA 2025 workshop
    /// (``CountyDatasetReader``, with `internalOutMigrationRate`) when it has
    /// `mig_counts.csv` and no `pop_base.csv`, else the multiregional layout of
    /// Willekens & Rogers (1978) (``MultiregionalReader``).
    ///
    /// Every problem of every file is reported at once, located (see the two
    /// readers for the checks); an `internalOutMigrationRate` that is not from 0
    /// to below 1, is subnormal, or gives rates too high for the linear method is
    /// refused as ``CountyDatasetReader/internalRateSource``. Unusual values are
    /// read and listed in ``warnings``.
    public static func read(directory: URL, internalOutMigrationRate: Double = 0.02) throws(DatasetError) -> MultiregionalDataset {
        _ = try DatasetSource.existingDirectory(directory)
        if isCountyLayout(directory) {
            return try CountyDatasetReader(internalOutMigrationRate: internalOutMigrationRate).read(directory: directory)
        }
        return try MultiregionalReader.readMultiregional(directory: directory)
    }

    /// Whether `directory` holds a county dataset: `mig_counts.csv` and no `pop_base.csv`.
    static func isCountyLayout(_ directory: URL) -> Bool {
        let has = { (name: String) in FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path) }
        return has("mig_counts.csv") && !has("pop_base.csv")
    }
}
