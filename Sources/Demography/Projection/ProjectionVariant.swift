/// The UN's standard projection variants (World Population Prospects 2017,
/// Methodology report, "Projection variants"), each a transformation of the
/// medium-variant assumptions.
///
/// | variant | fertility | mortality | migration |
/// |---|---|---|---|
/// | medium | medium | medium | medium |
/// | high | medium + 0.25 (first 5 years), + 0.40 (next 5), + 0.50 after | medium | medium |
/// | low | medium − the same (never below 0) | medium | medium |
/// | constant fertility | held at the reference period's | medium | medium |
/// | instant replacement | rescaled to NRR = 1 in every step | medium | medium |
/// | momentum | instant replacement (NRR = 1 under constant mortality) | constant | zero |
/// | zero migration | medium | medium | zero |
/// | constant mortality | medium | held at the reference period's | medium |
/// | no change | constant | constant | medium |
///
/// Where the data give the low and high TFR themselves (WPP 2024 `tfr_low.csv`
/// and `tfr_high.csv`, read into ``Assumptions/variantTotalFertility``), the
/// low and high variants take them instead of the offsets above: in WPP 2024 the
/// first period (2020–2025) holds estimated years common to every variant, so
/// its low and high TFR are closer to the medium than the offset rule says.
///
/// The reference period is the estimation period before the projection
/// (2010–2015 in WPP 2017) when its inputs are given, else the first projection
/// period. Note the names: momentum is *not* "constant fertility"; instant
/// replacement keeps medium mortality and migration; constant mortality keeps
/// medium fertility — the UN's public variant builder mislabels these three.
public enum ProjectionVariant: String, Sendable, Hashable, CaseIterable, Codable {
    case medium
    case high
    case low
    case constantFertility = "constant-fertility"
    case instantReplacement = "instant-replacement"
    case momentum
    case zeroMigration = "zero-migration"
    case constantMortality = "constant-mortality"
    case noChange = "no-change"

    /// The TFR added to the medium variant `yearsSinceStart` years into the
    /// projection, for data that do not give the variant's TFR.
    public func fertilityOffset(yearsSinceStart: Int) -> Double {
        let size: Double = yearsSinceStart < 5 ? 0.25 : (yearsSinceStart < 10 ? 0.40 : 0.50)
        switch self {
        case .high: return size
        case .low: return -size
        default: return 0
        }
    }

    /// Whether fertility is held at the reference period's.
    public var holdsFertilityConstant: Bool { self == .constantFertility || self == .noChange }
    /// Whether mortality is held at the reference period's.
    public var holdsMortalityConstant: Bool { self == .constantMortality || self == .noChange || self == .momentum }
    /// Whether fertility is rescaled to replacement (NRR = 1) every step.
    public var usesReplacementFertility: Bool { self == .instantReplacement || self == .momentum }
    /// Whether net migration is zero.
    public var hasZeroMigration: Bool { self == .zeroMigration || self == .momentum }
}
