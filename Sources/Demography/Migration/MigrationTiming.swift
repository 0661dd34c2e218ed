/// When net migrants enter a projection step (UN CCMPP conventions).
///
/// - ``endOfStep``: all migrants are added after births and deaths are counted;
///   they neither die nor give birth during the step.
/// - ``evenlyDuringStep``: half are added at the start of the step, exposed to
///   deaths and counted in the female population that gives birth; the other
///   half are added at the end, before births are counted, so they contribute
///   to the end-of-step female population in the births formula.
///
/// Where no input states the timing, ``unWPP`` applies; it is the package's
/// only default.
///
/// Source: UN Population Division, ccmppWPP `project_ccmpp_z_by_z`;
/// Preston, Heuveline & Guillot (2001), ch. 6, Box 6.2.
public enum MigrationTiming: String, Sendable, Hashable, CaseIterable, Codable {
    case endOfStep = "end"
    case evenlyDuringStep = "even"

    /// The share of the step's migrants added at its start.
    public var shareAtStart: Double {
        switch self {
        case .endOfStep: return 0
        case .evenlyDuringStep: return 0.5
        }
    }
}

extension MigrationTiming {
    /// The timing of the UN's World Population Prospects: migrants enter evenly
    /// during the step (``evenlyDuringStep``).
    ///
    /// This is the package's only default timing. ``Assumptions`` take it unless
    /// given another, and a period of ``ProjectionInputs`` whose data state no
    /// timing (a full-rate dataset without a row for it in `mig_parameter.csv`)
    /// is projected with it. A timing stated by the data wins over it, and
    /// ``ProjectionInputs/withMigrationTiming(_:)`` or
    /// ``Assumptions/withMigrationTiming(_:)`` (`popproj --timing`) overrides both.
    ///
    /// Source: UN Population Division, ccmppWPP: the `mig_assumption` parameter
    /// ("end" or "even", per period in its `mig_parameter` input) is "even" by
    /// default in its compiled step `proj_pop_cpp` and in its check against the
    /// WPP 2010–2015 figures for Kuwait; the WPP 2017 totals of
    /// `Tests/Fixtures/wpp2017` are reproduced with it.
    public static let unWPP: MigrationTiming = .evenlyDuringStep
}
