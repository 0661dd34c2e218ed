import Foundation

/// Extends death rates beyond the open age (or from an earlier age) with a
/// ``MortalityLaw`` fitted to old-age rates, as DemoTools `lt_abridged` and
/// `lt_single_mx` do before closing a table (`lt_rule_m_extrapolate`).
///
/// The law is fitted to the rates at ``fitAges`` (by default DemoTools' rule:
/// when the last closed group starts below 85, the groups starting within 20
/// years before it, through it; otherwise the groups from 60 through it). The
/// rates at ages below ``extrapolateFrom`` (default: the open age) are kept;
/// those at `extrapolateFrom`, `extrapolateFrom + n`, … ``extendTo`` (n = the
/// width of the last closed group: 5 in abridged tables, 1 in complete ones)
/// are the fitted hazard μ(x) at the start of each group. With no law given,
/// DemoTools uses Kannisto when the open age is 90 or above and Makeham
/// otherwise (``defaultLaw(openAge:)``).
///
/// Sources: Riffe et al., DemoTools, `lt_abridged`, `lt_rule_m_extrapolate`;
/// Pascariu, MortalityLaws; Thatcher, Kannisto & Vaupel (1998), *The Force of
/// Mortality at Ages 80 to 120*, for the laws' use at the oldest ages.
public struct OldAgeExtrapolation: Sendable, Hashable {
    /// The law fitted and extended.
    public var law: MortalityLaw
    /// Start ages of the groups whose rates are fitted (nil: DemoTools' default rule).
    public var fitAges: [Int]?
    /// The first age whose rate is replaced by the law (nil: the open age).
    public var extrapolateFrom: Int?
    /// The start age of the last (open) group of the extended schedule; DemoTools: 130.
    public var extendTo: Int

    public init(law: MortalityLaw, fitAges: [Int]? = nil, extrapolateFrom: Int? = nil, extendTo: Int = 130) {
        self.law = law
        self.fitAges = fitAges
        self.extrapolateFrom = extrapolateFrom
        self.extendTo = extendTo
    }

    /// DemoTools' law when none is named: Kannisto from an open age of 90, Makeham below.
    public static func defaultLaw(openAge: Int) -> MortalityLaw { openAge >= 90 ? .kannisto : .makeham }

    /// The fitted groups' start ages on `ages` (DemoTools' rule when ``fitAges`` is nil).
    public func fittedAges(on ages: AgeStructure) -> [Int] {
        if let fitAges { return fitAges }
        let closed = ages.startAges.dropLast()
        guard let lastClosed = closed.last else { return [] }
        let from = lastClosed < 85 ? lastClosed - 20 : 60
        return closed.filter { $0 >= from && $0 <= lastClosed }
    }

    /// The extended schedule and the fitted law.
    /// - Throws: ``DemographyError/invalidParameter(name:value:expected:)`` when
    ///   `extrapolateFrom` is not an age of the grid at or below the open age, or
    ///   ``extendTo`` is not above it; the errors of ``MortalityLawFit``.
    public func extend(ages: AgeStructure, deathRates: [Double]) throws(DemographyError)
        -> (ages: AgeStructure, deathRates: [Double], fit: MortalityLawFit) {
        try Validate.schedule(deathRates, on: ages, name: "death rates")
        let from = extrapolateFrom ?? ages.openAge
        guard let fromIndex = ages.index(ofStartAge: from) else {
            throw .invalidParameter(name: "age from which rates are extrapolated", value: Double(from),
                                    expected: "the start of an age group of \(ages), at most the open age \(ages.openAge)")
        }
        guard extendTo > from else {
            throw .invalidParameter(name: "age to which rates are extrapolated", value: Double(extendTo),
                                    expected: "an age above \(from)")
        }
        let step = ages.count >= 2 ? (ages.width(at: ages.count - 2) ?? 1) : 1
        let fit = try MortalityLawFit(law: law, ages: ages.startAges.map(Double.init), deathRates: deathRates,
                                      fitAges: fittedAges(on: ages).map(Double.init))
        var starts = Array(ages.startAges[..<fromIndex])
        var rates = Array(deathRates[..<fromIndex])
        for x in stride(from: from, through: extendTo, by: step) {
            starts.append(x)
            rates.append(fit.hazard(atAge: Double(x)))
        }
        let extended = try AgeStructure(startAges: starts)
        try Validate.schedule(rates, on: extended, name: "death rates extrapolated by the \(fit.lawUsed.rawValue) law")
        return (extended, rates, fit)
    }
}
