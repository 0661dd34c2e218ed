/// What to do when the files of a dataset end their ages at different open age
/// groups (a population to 100+ and death rates to 85+, the everyday case:
/// national life tables often stop at 85+ or 90+, UN WPP at 100+, the Human
/// Mortality Database at 110+). Without a choice the readers refuse the data
/// and name each file with its grid.
///
/// - ``regroup``: the data with the higher open age are combined down to the
///   lower one: counts summed (``AgeStructure/summingOpenGroup(_:at:)``), rates
///   combined with the population as weights where there is one
///   (``AgeStructure/weightedOpenGroup(_:weights:at:)``), death rates by their
///   life table (``DeathRateOpenAge/lowered(_:on:sex:to:options:)``).
/// - ``extend``: death rates with the lower open age are extended up to the
///   population's by a Kannisto law (``DeathRateOpenAge/kannistoExtended(_:on:to:fitFrom:extrapolateTo:)``).
public enum AgeGridReconciliation: String, Sendable, Hashable, CaseIterable {
    /// Combine down to the lower open age.
    case regroup
    /// Extend the rates up to the higher open age.
    case extend
}
