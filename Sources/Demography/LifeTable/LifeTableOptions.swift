/// Conventions of a life table that the data do not fix.
public struct LifeTableOptions: Sendable, Hashable {
    /// Separation factors of the closed groups after the first (or first two) groups.
    public enum ClosedGroupSeparation: Sendable, Hashable {
        /// nax = n/2 — also the US Census Bureau's PAS convention (DemoTools
        /// `lt_abridged(axmethod = "pas")`, `lt_a_pas`).
        case midInterval
        /// The UN (1982) rule for abridged tables: 2.5 at 5–9 and 10–14, and
        /// Greville's 5ax = 2.5 − (25/12)(5mx − k), k = ln(5m(x+5)/5m(x−5))/10,
        /// from 15–19 to the last closed group (whose next rate is the open group's).
        case greville
        /// The UN rule of DemoTools `lt_abridged(axmethod = "un")` (`lt_a_un` for
        /// death rates, `lt_id_morq_a_greville` with `mod = TRUE`), after the UN's
        /// MORTPAK (Manual X; UN 1988): Greville's
        /// nax = n/2 − (n²/12)·(nMx − k·A), k = ln(M(x+n)/M(x−n)), A = 1/(n₋/2 + n + n₊/2),
        /// from 5–9 to the last closed group; from age 10 on, a value outside
        /// [0.4n, 0.6n] is replaced by the constant-hazard nax = n + 1/nMx − n/(1 − e^(−n·nMx)).
        /// A non-finite or negative value falls back to n/2. With `greville5to14`
        /// false, 5–9 and 10–14 keep n/2 = 2.5 (DemoTools `mod = FALSE`, MORTPAK's
        /// original choice).
        case unitedNations(greville5to14: Bool = true)
        /// Preston, Heuveline & Guillot (2001), p. 45 (after Keyfitz 1966): starting
        /// from n/2, nax = (−(n/24)·ndx−n + (n/2)·ndx + (n/24)·ndx+n) / ndx for each
        /// closed group whose neighbours have its width, recomputing ndx and
        /// repeating until nax changes by less than 1e-10 (at most 50 rounds).
        case iterated
        /// nax given for every closed group (the value for the open group is ignored).
        case given([Double])
    }

    /// How the open group ω+ is closed.
    public enum OpenAgeClosure: Sendable, Hashable {
        /// L(ω) = l(ω)/M(ω), so e(ω) = 1/M(ω) (Preston, Heuveline & Guillot 2001, ch. 3).
        case reciprocalOfRate
        /// e(ω) given (for example from a life table extended beyond ω).
        case givenExpectancy(Double)
        /// e(ω) from a Kannisto law fitted to single-year rates at ages `fitFrom` … ω
        /// (the open group's rate included) and extended to age `extrapolateTo`:
        ///
        ///     μ(x) = a·e^(b·x′) / (1 + a·e^(b·x′)),  x′ = x − fitFrom + 1
        ///     e(ω) = Σ_{x = ω…K} Lx / l(ω)   (ax = 0.5, qK = 1, L(K) = 0.5·l(K))
        ///
        /// The convention of the UN's World Population Prospects 2019 complete life
        /// tables: DemoTools `lt_single_mx` with its 2020–2021 defaults (fit from 60,
        /// extend to 130, MortalityLaws loss "LF2" minimised by R's Nelder-Mead). The
        /// table keeps the observed M(ω). Needs single-year groups from `fitFrom` to ω.
        /// Law: Kannisto (1994); Thatcher, Kannisto & Vaupel (1998). See ``KannistoClosure``.
        case kannisto(fitFrom: Int = 60, extrapolateTo: Int = 130)
    }

    /// What a computed nqx above 1 becomes (a short group with a high rate and small nax).
    public enum ProbabilityAboveOne: Sendable, Hashable {
        /// nqx = 1: everyone dies in the group.
        case capAtOne
        /// nqx = 1 − e^(−n·nMx), the constant-hazard value (DemoTools `lt_id_ma_q`).
        case constantHazard
    }

    /// a0 (and 4a1): Andreev-Kingkade by default.
    public var infantSeparation: SeparationFactorRule
    /// nax of the other closed groups.
    public var closedGroups: ClosedGroupSeparation
    /// The open group's closure.
    public var openAgeClosure: OpenAgeClosure
    /// 1q0 given directly (an infant mortality rate) instead of derived from 1m0 and a0.
    public var infantDeathProbability: Double?
    /// l0 — the radix.
    public var radix: Double
    /// What a computed nqx above 1 becomes: 1 by default.
    public var probabilityAboveOne: ProbabilityAboveOne = .capAtOne

    /// Andreev-Kingkade a0, mid-interval nax, L(ω) = l(ω)/M(ω), radix 100,000.
    public init(
        infantSeparation: SeparationFactorRule = .andreevKingkade,
        closedGroups: ClosedGroupSeparation = .midInterval,
        openAgeClosure: OpenAgeClosure = .reciprocalOfRate,
        infantDeathProbability: Double? = nil,
        radix: Double = 100_000
    ) {
        self.infantSeparation = infantSeparation
        self.closedGroups = closedGroups
        self.openAgeClosure = openAgeClosure
        self.infantDeathProbability = infantDeathProbability
        self.radix = radix
    }
}
