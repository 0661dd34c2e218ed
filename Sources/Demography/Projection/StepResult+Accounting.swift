extension StepResult {
    /// The balancing equation P(t+z) − [P(t) + B − D + M], both sexes, all ages.
    ///
    /// Zero up to rounding whenever no cell was floored (see ``wasFloored``):
    /// every person at the end was either there at the start, born, or a migrant,
    /// and did not die (Preston, Heuveline & Guillot 2001, ch. 1).
    public func accountingResidual(from start: Population) -> Double {
        population.total - (start.total + totalBirths - totalDeaths + totalNetMigrants)
    }
}
