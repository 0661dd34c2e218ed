import Foundation

/// The units of a dataset's numbers, declared in its `units.csv` (header
/// `quantity,unit`) or on the command line, never guessed.
///
/// | quantity | units (the first is the canonical one, and the default) | applies to |
/// |---|---|---|
/// | `population` | `persons`, `thousands` | every count: pop_base, hist_pop, migration counts and totals, expected_* |
/// | `srb` | `per female`, `per 100 females` | srb.csv, hist_srb.csv: male births per female birth |
/// | `asfr` | `per woman`, `per 1000 women` | asfr.csv, hist_asfr.csv: births per woman-year |
/// | `pasfr` | `percent` | pasfr.csv, hist_pasfr.csv: per cent of the TFR, summing to 100 |
/// | `mx` | `per person-year`, `per 1000` | mx.csv, hist_mx.csv, the mx column of life_table.csv |
/// | `mig_net_total` | `per period`, `per year` | mig_net_total.csv, hist_mig_net_total.csv: net migrants during the period, or a year's (multiplied by the period's length) |
///
/// The readers convert every declared unit to the canonical one (SRB per 100
/// females divided by 100, ASFR and mx per 1,000 divided by 1,000, yearly net
/// migration multiplied by the period's width), except the population's: counts
/// are kept as given, in persons or thousands, and the dataset says which
/// (``Dataset/units``, ``AssumptionsDataset/units``), so that outputs can say it.
/// A dataset without `units.csv` has the canonical units: population in persons.
/// The UN's WPP files give the population in thousands: their `units.csv` says
/// `population,thousands` (data/wpp2024, the embedded WPP 2024 archive).
public struct DatasetUnits: Sendable, Equatable {
    /// Counts of persons, or of thousands of persons.
    public enum Population: String, Sendable, CaseIterable { case persons, thousands }
    /// SRB in males per female, or per 100 females (the UN portal's).
    public enum SexRatio: String, Sendable, CaseIterable { case perFemale = "per female", per100Females = "per 100 females" }
    /// ASFR in births per woman a year, or per 1,000 women (the UN portal's).
    public enum FertilityRate: String, Sendable, CaseIterable { case perWoman = "per woman", per1000Women = "per 1000 women" }
    /// PASFR in per cent.
    public enum Percentage: String, Sendable, CaseIterable { case percent }
    /// mx in deaths per person-year, or per 1,000 person-years.
    public enum DeathRate: String, Sendable, CaseIterable { case perPersonYear = "per person-year", per1000 = "per 1000" }
    /// Total net migrants during each period, or in a year of it (WPP 2022 and the UN portal).
    public enum MigrationTotal: String, Sendable, CaseIterable { case perPeriod = "per period", perYear = "per year" }

    public var population: Population = .persons
    public var srb: SexRatio = .perFemale
    public var asfr: FertilityRate = .perWoman
    public var pasfr: Percentage = .percent
    public var mx: DeathRate = .perPersonYear
    public var migNetTotal: MigrationTotal = .perPeriod
    /// Where each declared quantity was declared ("units.csv, line 2", "--unit"); a
    /// quantity not there has its canonical unit by default.
    public var declared: [String: String] = [:]

    /// The canonical units (a dataset without `units.csv`).
    public init() {}

    /// The quantities and their units, the canonical one first.
    public static let allowed: [(quantity: String, units: [String])] = [
        ("population", Population.allCases.map(\.rawValue)), ("srb", SexRatio.allCases.map(\.rawValue)),
        ("asfr", FertilityRate.allCases.map(\.rawValue)), ("pasfr", Percentage.allCases.map(\.rawValue)),
        ("mx", DeathRate.allCases.map(\.rawValue)), ("mig_net_total", MigrationTotal.allCases.map(\.rawValue)),
    ]

    /// One declaration, `quantity,unit` of units.csv or `quantity=unit` of `--unit`.
    public struct Declaration: Sendable, Equatable {
        public var quantity: String
        public var unit: String
        public init(quantity: String, unit: String) {
            self.quantity = quantity
            self.unit = unit
        }

        /// `population=thousands` (the value of `--unit`), or the problem.
        public static func parse(option text: String) -> Result<Declaration, InputProblem> {
            let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                return .failure(InputProblem(file: "--unit", value: InputProblem.excerpt(text),
                                             expected: "quantity=unit, such as population=thousands; \(DatasetUnits.allowedText)"))
            }
            let declaration = Declaration(quantity: String(parts[0]), unit: String(parts[1]))
            var units = DatasetUnits()
            if let problem = units.apply(declaration, file: "--unit", line: nil, column: nil, quantityColumn: nil) {
                return .failure(problem)
            }
            return .success(declaration)
        }
    }

    /// "population: persons or thousands; srb: per female or per 100 females; …".
    public static var allowedText: String {
        allowed.map { "\($0.quantity): \($0.units.joined(separator: " or "))" }.joined(separator: "; ")
    }

    /// The units of `source`: its `units.csv` when there, then `overrides` (the
    /// command line's, which win). Problems name the file, line, column and value,
    /// and list what is allowed; a quantity declared twice in the file is refused.
    public static func read(_ source: DatasetSource, overrides: [Declaration] = []) throws(DatasetError) -> DatasetUnits {
        var units = DatasetUnits()
        var problems: [InputProblem] = []
        if source.contains("units.csv") {
            let table = try source.table("units.csv")
            if let repeated = table.repeatedColumn { problems.append(repeated) }
            var columns: [Int] = []
            for name in ["quantity", "unit"] {
                switch table.column(name) {
                case .success(let i): columns.append(i)
                case .failure(let problem): problems.append(problem)
                }
            }
            if columns.count == 2 {
                var lines: [String: Int] = [:]
                for (r, row) in table.rows.enumerated() {
                    let line = table.lines[r]
                    let declaration = Declaration(quantity: row[columns[0]], unit: row[columns[1]])
                    let quantity = declaration.quantity.trimmingCharacters(in: .whitespaces).lowercased()
                    if let first = lines[quantity] {
                        problems.append(InputProblem(file: "units.csv", line: line, column: "quantity", value: InputProblem.excerpt(declaration.quantity),
                                                     expected: "one row for \(quantity), but line \(first) has it already"))
                        continue
                    }
                    if let problem = units.apply(declaration, file: "units.csv", line: line, column: "unit", quantityColumn: "quantity") {
                        problems.append(problem)
                    } else {
                        lines[quantity] = line
                    }
                }
            }
        }
        for declaration in overrides {
            if let problem = units.apply(declaration, file: "--unit", line: nil, column: nil, quantityColumn: nil) { problems.append(problem) }
        }
        guard problems.isEmpty else { throw DatasetError(problems) }
        return units
    }

    /// Sets the unit of one quantity (case and surrounding spaces ignored, "1,000"
    /// read as "1000"), or returns the problem.
    mutating func apply(_ declaration: Declaration, file: String, line: Int?, column: String?, quantityColumn: String?) -> InputProblem? {
        let quantity = declaration.quantity.trimmingCharacters(in: .whitespaces).lowercased()
        let unit = declaration.unit.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: "1,000", with: "1000")
        guard let known = Self.allowed.first(where: { $0.quantity == quantity }) else {
            return InputProblem(file: file, line: line, column: quantityColumn, value: InputProblem.excerpt(declaration.quantity),
                                expected: "a quantity: \(Self.allowed.map(\.quantity).joined(separator: ", "))")
        }
        guard known.units.contains(unit) else {
            let shown = column == nil ? "\(declaration.quantity)=\(declaration.unit)" : declaration.unit
            return InputProblem(file: file, line: line, column: column, value: InputProblem.excerpt(shown),
                                expected: "a unit of \(quantity): \(known.units.joined(separator: " or "))")
        }
        switch quantity {
        case "population": population = Population(rawValue: unit) ?? population
        case "srb": srb = SexRatio(rawValue: unit) ?? srb
        case "asfr": asfr = FertilityRate(rawValue: unit) ?? asfr
        case "pasfr": pasfr = Percentage(rawValue: unit) ?? pasfr
        case "mx": mx = DeathRate(rawValue: unit) ?? mx
        default: migNetTotal = MigrationTotal(rawValue: unit) ?? migNetTotal
        }
        declared[quantity] = line.map { "\(file), line \($0)" } ?? file
        return nil
    }

    /// Persons in one unit of the counts (1 or 1000).
    public var personsPerCount: Double { population == .thousands ? 1000 : 1 }

    /// The text `units.csv` for these units, every quantity listed.
    public var csv: String {
        "quantity,unit\npopulation,\(population.rawValue)\nsrb,\(srb.rawValue)\nasfr,\(asfr.rawValue)\npasfr,\(pasfr.rawValue)\nmx,\(mx.rawValue)\nmig_net_total,\(migNetTotal.rawValue)\n"
    }
}
