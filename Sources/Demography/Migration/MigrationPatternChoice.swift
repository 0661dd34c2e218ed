/// How the age-sex pattern of net migration is chosen for a projection from totals.
public enum MigrationPatternChoice: Sendable, Hashable {
    /// A Rogers-Castro schedule (default: the standard schedule), split 50/50 by sex.
    case rogersCastro(RogersCastroSchedule = .standard, maleShare: Double = 0.5)
    /// One of the UN model families (immigration shape; a negative total mirrors it).
    case unFamily(UNMigrationFamily)
    /// Estimated by the residual method from the estimation period before the projection.
    case residual
    /// Given by the user on the population's age groups (any scale; normalised).
    case given(BySex<[Double]>)

    /// The UN's "family" pattern, which reproduces WPP 2017 best among these choices.
    public static let `default` = MigrationPatternChoice.unFamily(.family)
}
