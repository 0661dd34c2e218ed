/// What one projection step produced.
public struct StepResult: Sendable, Hashable {
    /// nPx(t+z) — the population at the end of the step.
    public var population: Population
    /// Births during the step, by sex of the child.
    public var births: BySex<Double>
    /// Births (both sexes) by age group of mother; zero in the first and open groups.
    public var birthsByAgeOfMother: [Double]
    /// Cohort deaths during the step, by sex and by the age group the cohort
    /// reaches at the end of the step (group 0: deaths among the step's births).
    public var deaths: BySex<[Double]>
    /// The net migrants actually applied (after the migration guard).
    public var netMigrants: BySex<[Double]>
    /// Cells where the migration guard or the floor changed the UN step.
    public var adjustments: [StepAdjustment]

    /// Births of both sexes.
    public var totalBirths: Double { births.female + births.male }
    /// Cohort deaths of both sexes at all ages.
    public var totalDeaths: Double { deaths.female.reduce(0, +) + deaths.male.reduce(0, +) }
    /// Net migrants applied, both sexes, all ages.
    public var totalNetMigrants: Double { netMigrants.female.reduce(0, +) + netMigrants.male.reduce(0, +) }
    /// Whether any end population was floored (the accounting identity then does not hold).
    public var wasFloored: Bool {
        adjustments.contains { if case .floor = $0.kind { return true } else { return false } }
    }
}

/// A cell where a UN safeguard changed the step, reported rather than hidden.
public struct StepAdjustment: Sendable, Hashable {
    /// What changed.
    public enum Kind: Sendable, Hashable {
        /// P(x) + M(x) ≤ 0: the outflow was reduced to leave 1e-5 persons.
        case migrationGuard(requested: Double, applied: Double)
        /// The end population was below zero and was set to 0.0005.
        case floor(computed: Double)
    }
    /// The sex of the cell.
    public var sex: Sex
    /// The index of the age group.
    public var ageIndex: Int
    /// What changed.
    public var kind: Kind
}
