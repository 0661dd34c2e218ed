import ArgumentParser
import Demography

// The library's option enums as command-line values, read in any case
// (`--variant Medium`, `--form denseblock`); the help and the error of a wrong
// value list the spellings.

/// An enum whose raw values are its command-line spellings, matched in any case.
protocol CaselessArgument: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension CaselessArgument {
    /// The case whose raw value equals `argument` ignoring case.
    init?(caseless argument: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == argument.lowercased() }) else { return nil }
        self = match
    }
}

extension ProjectionVariant: CaselessArgument {
    public init?(argument: String) { self.init(caseless: argument) }
}
extension MigrationTiming: CaselessArgument {
    public init?(argument: String) { self.init(caseless: argument) }
}
extension Sex: CaselessArgument {
    public init?(argument: String) { self.init(caseless: argument) }
}
extension OpenAgeGroupRule: CaselessArgument {
    public init?(argument: String) { self.init(caseless: argument) }
}
extension AgeGridReconciliation: CaselessArgument {
    public init?(argument: String) { self.init(caseless: argument) }
}
extension MultiregionalForm: CaselessArgument {
    public init?(argument: String) { self.init(caseless: argument) }
}

/// A value spelled on the command line by one of a fixed list of names (any case).
protocol SpelledArgument: ExpressibleByArgument, Equatable {
    /// The names and their values, in the order the help lists them.
    static var spellings: [(name: String, value: Self)] { get }
}

extension SpelledArgument {
    public init?(argument: String) {
        guard let match = Self.spellings.first(where: { $0.name.lowercased() == argument.lowercased() }) else { return nil }
        self = match.value
    }
    public var defaultValueDescription: String { Self.spellings.first { $0.value == self }?.name ?? "\(self)" }
    public static var allValueStrings: [String] { spellings.map(\.name) }
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

/// `--survival given|recompute` (recompute: the default life-table conventions).
extension SurvivalSource: SpelledArgument {
    static var spellings: [(name: String, value: SurvivalSource)] {
        [("given", .given), ("recompute", .recompute(LifeTableOptions()))]
    }
}

/// `--a0`: the separation factor of the first age group.
extension SeparationFactorRule: SpelledArgument {
    static var spellings: [(name: String, value: SeparationFactorRule)] {
        [("andreev-kingkade", .andreevKingkade), ("un-wpp2019", .andreevKingkadeWPP2019),
         ("demotools", .andreevKingkadeDemoTools),
         ("coale-demeny", .coaleDemeny(.west)), ("mid-interval", .midInterval)]
    }
}

/// `--open-age reciprocal|kannisto`: how the open age group of a life table closes.
extension LifeTableOptions.OpenAgeClosure: SpelledArgument {
    static var spellings: [(name: String, value: LifeTableOptions.OpenAgeClosure)] {
        [("reciprocal", .reciprocalOfRate), ("kannisto", .kannisto())]
    }
}

/// `--closed-groups`: nax of the closed groups after the first (two).
extension LifeTableOptions.ClosedGroupSeparation: SpelledArgument {
    static var spellings: [(name: String, value: LifeTableOptions.ClosedGroupSeparation)] {
        [("greville", .greville), ("un", .unitedNations()), ("un-mortpak", .unitedNations(greville5to14: false)),
         ("pas", .midInterval), ("mid-interval", .midInterval), ("iterated", .iterated)]
    }
}

/// `--law`: the law that extends old-age death rates (`kannisto-makeham` or `kannisto_makeham`).
extension MortalityLaw: ExpressibleByArgument {
    public init?(argument: String) {
        let spelled = argument.lowercased().replacingOccurrences(of: "-", with: "_")
        guard let law = Self.allCases.first(where: { $0.rawValue == spelled }) else { return nil }
        self = law
    }
    public var defaultValueDescription: String { rawValue.replacingOccurrences(of: "_", with: "-") }
    public static var allValueStrings: [String] { allCases.map(\.defaultValueDescription) }
}
