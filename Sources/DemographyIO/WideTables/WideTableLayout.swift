import Demography

/// How a wide table exported from a spreadsheet is laid out, as the user declares
/// it: which tidy file of the dataset it stands for, and what its columns are.
///
/// A wide table has one row an age group (the first column holds the age labels)
/// and one column a year or a sex:
///
/// ```
/// Age,2020,2025,2030          Age group;Females;Males
/// 0,0.00312,0.00287,0.00265   0-4;293395;308150
/// 1-4,0.00021,...             ...
/// 85+,0.1421,...              85+;147225;82345
/// ```
///
/// The layout is written `FILE=QUANTITY,COLUMNS[,FIXED]`: QUANTITY the tidy file
/// it stands for (``Input``), COLUMNS `years` or `sexes`, FIXED the sex of a
/// table whose columns are years (`female`, `male`; not for ASFR or PASFR), or
/// the year of a table whose columns are sexes (`mx_female.csv=mx,years,female`,
/// `population.csv=pop_base,sexes,2020`).
public struct WideTableLayout: Sendable, Hashable {
    /// The tidy files a wide table may stand for, by their name without `.csv`.
    public enum Input: String, Sendable, Hashable, CaseIterable {
        /// `pop_base.csv`: the base population by sex and age.
        case populationBase = "pop_base"
        /// `mx.csv`: death rates by sex and age.
        case deathRates = "mx"
        /// `life_table.csv`: survival ratios Sx by sex and age.
        case survivalRatios = "life_table"
        /// `asfr.csv`: age-specific fertility rates (women).
        case fertilityRates = "asfr"
        /// `pasfr.csv`: the percentage age pattern of fertility (women).
        case fertilityPattern = "pasfr"
        /// `mig_net_count.csv`: net migrants by sex and age.
        case netMigrants = "mig_net_count"
        /// `mig_net_rate.csv`: net migration rates by sex and age.
        case netMigrationRates = "mig_net_rate"

        /// The tidy file's name.
        public var tidyFile: String { rawValue + ".csv" }
        /// Whether the tidy file has a sex column (fertility is of women only).
        public var bySex: Bool { self != .fertilityRates && self != .fertilityPattern }
        /// The tidy file's value column.
        public var valueColumn: String { self == .survivalRatios ? "Sx" : "value" }
    }

    /// What the columns after the age column are.
    public enum Columns: Sendable, Hashable {
        /// One column a year (`2020`, or a period `2020-2025` read as its start),
        /// all of one sex (nil for ASFR and PASFR).
        case years(sex: Sex?)
        /// One column a sex (`Female`, `Male`; `Total` and `Both sexes` skipped),
        /// all of one year.
        case sexes(year: Int)
    }

    /// The tidy file the table stands for.
    public var input: Input
    /// What its columns are.
    public var columns: Columns

    /// A layout.
    public init(input: Input, columns: Columns) {
        self.input = input
        self.columns = columns
    }

    /// The layout written `QUANTITY,COLUMNS[,FIXED]` (``WideTableLayout``), or a
    /// message saying what was expected.
    public static func parse(_ text: String) -> Result<WideTableLayout, WideTableLayoutError> {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let quantities = Input.allCases.map(\.rawValue).joined(separator: ", ")
        guard let first = parts.first, let quantity = Input(rawValue: first.hasSuffix(".csv") ? String(first.dropLast(4)) : first) else {
            return .failure(WideTableLayoutError(text: text, expected: "QUANTITY,COLUMNS[,FIXED] with QUANTITY one of \(quantities)"))
        }
        guard parts.count >= 2, ["years", "sexes"].contains(parts[1]) else {
            return .failure(WideTableLayoutError(text: text, expected: "the columns after \(quantity.rawValue): years or sexes (\(quantity.rawValue),years\(quantity.bySex ? ",female" : "") or \(quantity.rawValue),sexes,2020)"))
        }
        let fixed = parts.count > 2 ? parts[2] : nil
        guard parts.count <= 3 else {
            return .failure(WideTableLayoutError(text: text, expected: "at most three items: QUANTITY,COLUMNS,FIXED"))
        }
        if parts[1] == "years" {
            guard quantity.bySex else {
                if fixed != nil {
                    return .failure(WideTableLayoutError(text: text, expected: "\(quantity.rawValue),years without a sex: \(quantity.rawValue) is of women"))
                }
                return .success(WideTableLayout(input: quantity, columns: .years(sex: nil)))
            }
            guard let fixed, let sex = Sex(rawValue: fixed) else {
                return .failure(WideTableLayoutError(text: text, expected: "the sex of the table's years: \(quantity.rawValue),years,female or \(quantity.rawValue),years,male"))
            }
            return .success(WideTableLayout(input: quantity, columns: .years(sex: sex)))
        }
        guard quantity.bySex else {
            return .failure(WideTableLayoutError(text: text, expected: "\(quantity.rawValue),years: \(quantity.rawValue) is of women, it has no columns by sex"))
        }
        guard let fixed, let year = Int(fixed), (1000...3000).contains(year) else {
            return .failure(WideTableLayoutError(text: text, expected: "the year of the table's sexes: \(quantity.rawValue),sexes,YEAR (a year from 1000 to 3000)"))
        }
        return .success(WideTableLayout(input: quantity, columns: .sexes(year: year)))
    }
}

/// A layout that cannot be read: what was given and what was expected.
public struct WideTableLayoutError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The layout as given.
    public var text: String
    /// What was expected.
    public var expected: String
    /// "found "x", expected ...".
    public var description: String { "found \"\(text)\", expected \(expected)" }
}
