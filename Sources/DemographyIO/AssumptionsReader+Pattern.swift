import Demography

extension AssumptionsReader {
    /// Reads the assumptions with the migration pattern `choice`; the residual
    /// method uses the estimation period (`hist_pop.csv` and the `hist_*` rates)
    /// and the assumptions' timing, `MigrationTiming.unWPP` (see
    /// `Assumptions.withResidualMigrationPattern(from:sexRatioAtBirth:)` to
    /// estimate it under another). `lifeTableOptions` nil: the conventions of
    /// the data's revision (`AssumptionsReader.defaultLifeTableOptions(for:)`).
    public func read(
        _ source: DatasetSource, migrationPattern choice: MigrationPatternChoice,
        lifeTableOptions: LifeTableOptions? = nil
    ) throws(DatasetError) -> AssumptionsDataset {
        let dataset = try read(source, migrationPattern: { (ages) throws(DemographyError) in
            switch choice {
            case .rogersCastro(let schedule, let maleShare):
                return try MigrationAgePattern(rogersCastro: schedule, on: ages, maleShare: maleShare).shares
            case .unFamily(let family):
                return try MigrationAgePattern(family: family, direction: .immigration, on: ages).shares
            case .given(let values):
                return try MigrationAgePattern(ages: ages, values: values).shares
            case .residual:
                // Replaced below, once the estimation period has been read.
                return BySex(female: [1] + [Double](repeating: 0, count: ages.count - 1),
                             male: [Double](repeating: 0, count: ages.count))
            }
        }, lifeTableOptions: lifeTableOptions)
        guard case .residual = choice else { return dataset }
        return try dataset.withResidualMigrationPattern()
    }
}

extension AssumptionsDataset {
    /// The same dataset with the migration pattern of its assumptions estimated
    /// by the residual method over its estimation period, under the assumptions'
    /// own timing (`Assumptions.withResidualMigrationPattern(from:sexRatioAtBirth:)`).
    public func withResidualMigrationPattern() throws(DatasetError) -> AssumptionsDataset {
        do {
            guard let history, let start = history.population else {
                throw DemographyError.invalidParameter(
                    name: "estimation-period files (hist_pop.csv, hist_mx.csv, hist_tfr.csv or hist_asfr.csv)",
                    value: 0, expected: "present for the residual method")
            }
            var copy = self
            copy.assumptions = try assumptions.withResidualMigrationPattern(from: start, sexRatioAtBirth: history.sexRatioAtBirth)
            return copy
        } catch {
            throw DatasetError([InputProblem(file: "hist_pop.csv", expected: "an estimation period for the residual method: \(error)")])
        }
    }
}
