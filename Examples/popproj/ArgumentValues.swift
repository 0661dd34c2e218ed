import ArgumentParser
import Demography

// The library's option enums as command-line values. Enums with a string raw
// value conform as they are; the others list their spellings here.

extension ProjectionVariant: ExpressibleByArgument {}
extension MigrationTiming: ExpressibleByArgument {}
extension Sex: ExpressibleByArgument {}
extension OpenAgeGroupRule: ExpressibleByArgument {}
extension MultiregionalForm: ExpressibleByArgument {}

/// A value spelled on the command line by one of a fixed list of names.
protocol SpelledArgument: ExpressibleByArgument, Equatable {
    /// The names and their values, in the order the help lists them.
    static var spellings: [(name: String, value: Self)] { get }
}

extension SpelledArgument {
    public init?(argument: String) {
        guard let match = Self.spellings.first(where: { $0.name == argument }) else { return nil }
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
         ("coale-demeny", .coaleDemeny(.west)), ("mid-interval", .midInterval)]
    }
}

/// `--open-age reciprocal|kannisto`: how the open age group of a life table closes.
extension LifeTableOptions.OpenAgeClosure: SpelledArgument {
    static var spellings: [(name: String, value: LifeTableOptions.OpenAgeClosure)] {
        [("reciprocal", .reciprocalOfRate), ("kannisto", .kannisto())]
    }
}
