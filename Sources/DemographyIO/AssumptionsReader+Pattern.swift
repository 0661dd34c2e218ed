import Demography

extension AssumptionsReader {
    /// Reads the assumptions with the migration pattern `choice`; the residual
    /// method uses the estimation period (`hist_pop.csv` and the `hist_*` rates).
    public func read(
        _ source: DatasetSource, migrationPattern choice: MigrationPatternChoice,
        migrationTiming: MigrationTiming = .evenlyDuringStep,
        lifeTableOptions: LifeTableOptions = LifeTableOptions(infantSeparation: .coaleDemeny(.west))
    ) throws(DatasetError) -> AssumptionsDataset {
        var dataset = try read(source, migrationPattern: { (ages) throws(DemographyError) in
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
        }, migrationTiming: migrationTiming, lifeTableOptions: lifeTableOptions)
        guard case .residual = choice else { return dataset }
        do {
            dataset.assumptions.migrationPattern = try residualPattern(dataset, timing: migrationTiming, options: lifeTableOptions).shares
        } catch {
            throw DatasetError([InputProblem(file: "hist_pop.csv", expected: "an estimation period for the residual method: \(error)")])
        }
        return dataset
    }

    /// The residual net migration of the estimation period, as a pattern.
    func residualPattern(_ dataset: AssumptionsDataset, timing: MigrationTiming, options: LifeTableOptions) throws(DemographyError) -> MigrationAgePattern {
        let a = dataset.assumptions
        guard let history = dataset.history, let start = history.population else {
            throw .invalidParameter(name: "estimation-period files (hist_pop.csv, hist_mx.csv, hist_tfr.csv or hist_asfr.csv)",
                                    value: 0, expected: "present for the residual method")
        }
        let sx = try BySex(female: LifeTable(sex: .female, ages: a.deathRateAges, deathRates: history.deathRates.female, options: options)
                            .survivalRatios(width: a.width).values,
                           male: LifeTable(sex: .male, ages: a.deathRateAges, deathRates: history.deathRates.male, options: options)
                            .survivalRatios(width: a.width).values)
        let fertility = try FertilitySchedule(totalFertility: history.totalFertility, percentagePattern: history.fertilityPattern,
                                              ages: a.basePopulation.ages)
        let residual = try ResidualMigration(start: start, end: a.basePopulation, survivalRatios: sx,
                                             fertilityRates: fertility.rates,
                                             sexRatioAtBirth: history.sexRatioAtBirth ?? a.sexRatioAtBirth[a.baseYear] ?? 1.05,
                                             timing: timing)
        return try residual.pattern()
    }
}
