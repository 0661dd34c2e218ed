/// When net migrants enter a projection step (UN CCMPP conventions).
///
/// - ``endOfStep``: all migrants are added after births and deaths are counted;
///   they neither die nor give birth during the step.
/// - ``evenlyDuringStep``: half are added at the start of the step, exposed to
///   deaths and counted in the female population that gives birth; the other
///   half are added at the end, before births are counted, so they contribute
///   to the end-of-step female population in the births formula.
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
