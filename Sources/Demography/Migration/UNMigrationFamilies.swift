/// A model age pattern of net international migration from the UN Population Division.
///
/// Three families, each for immigration (net gains) and emigration (net losses):
///
/// - ``family``: migration of families, children with their parents; the sexes
///   split 50.0/50.0.
/// - ``maleLabor``: labour migration led by men; 65.5 % male.
/// - ``femaleLabor``: labour migration led by women; 64.5 % female.
///
/// Each family is a table of net migrants by sex and five-year age group
/// (0–4, …, 75–79, 80+) per 100,000 net migrants of both sexes (``table(direction:)``);
/// the emigration tables are the immigration tables with a minus sign. DemoTools
/// also carries a Rogers-Castro curve fitted to each table
/// (``fittedSchedule(direction:sex:)``); the curve is not published by the UN and
/// differs from the table by up to about 300 per 100,000 below age 80 and by far
/// more at 80+, so the table is the reference and the curve only shapes the
/// split of its groups (see ``MigrationAgePattern/init(family:direction:on:lastAge:)``).
///
/// Source: UN Population Division, "UNPD Migration Age Patterns" (spreadsheet), as
/// carried by timriffe/DemoTools (`data/mig_un_families.rda`, `data/mig_un_params.rda`;
/// tables as in its test `test_mig_un_fam.R`; fitted parameters are the posterior
/// medians of DemoTools' `mig_estimate_rc`). DemoTools is CC BY-SA 3.0 IGO.
public enum UNMigrationFamily: String, Sendable, Hashable, CaseIterable, Codable {
    case family
    case maleLabor = "male_labor"
    case femaleLabor = "female_labor"

    /// The family named `name`: `family`, `male_labor`, `female_labor`
    /// (case, spaces and the spelling "labour" are tolerated: "Male Labour").
    /// - Throws: ``DemographyError/invalidParameter(name:value:expected:)`` for any other name.
    public init(name: String) throws(DemographyError) {
        let key = name.lowercased()
            .replacingOccurrences(of: " ", with: "_")
            .replacingOccurrences(of: "-", with: "_")
            .replacingOccurrences(of: "labour", with: "labor")
        guard let family = UNMigrationFamily(rawValue: key) else {
            throw .missing(what: "UN migration family \"\(name)\"",
                           expected: "one of " + UNMigrationFamily.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self = family
    }

    /// x — the start ages of the tables: 0, 5, …, 75 and the open group 80+.
    public static let tableStartAges: [Int] = Array(stride(from: 0, through: 80, by: 5))

    /// Net migrants per 100,000 net migrants of both sexes, by sex, at ages 0, 5, …, 75, 80+.
    ///
    /// Positive for ``MigrationDirection/immigration``, negative for
    /// ``MigrationDirection/emigration``; each table sums to ±100,000 over both
    /// sexes (within 0.2 for the labour families, as printed).
    public func table(direction: MigrationDirection) -> BySex<[Double]> {
        let sign = direction.sign
        return UNMigrationFamily.immigrationTable(self).map { $0.map { sign * $0 } }
    }

    /// The Rogers-Castro curve DemoTools fitted to this family's table for one sex.
    ///
    /// Seven parameters (a1, α1, a2, α2, μ2, λ2, c), fitted to the table split into
    /// single ages 0…80 and taken as positive for both directions.
    public func fittedSchedule(direction: MigrationDirection, sex: Sex) -> RogersCastroSchedule {
        let p = UNMigrationFamily.fittedParameters(self, direction, sex)
        return RogersCastroSchedule(
            trusted: p[0], alpha1: p[1],
            labourForce: RogersCastroSchedule.Peak(trusted: p[2], descent: p[3], peakAge: p[4], ascent: p[5]),
            c: p[6])
    }
}

/// Whether a migration pattern describes net gains or net losses.
public enum MigrationDirection: String, Sendable, Hashable, CaseIterable, Codable {
    /// Net immigration: the pattern's counts are positive.
    case immigration
    /// Net emigration: the pattern's counts are negative.
    case emigration

    /// +1 for immigration, −1 for emigration.
    public var sign: Double { self == .immigration ? 1 : -1 }
}

// The tables and fitted parameters, copied from DemoTools (see UNMigrationFamily).
extension UNMigrationFamily {
    /// Net immigrants per 100,000 (both sexes) at ages 0, 5, …, 75, 80+, as printed.
    static func immigrationTable(_ family: UNMigrationFamily) -> BySex<[Double]> {
        switch family {
        case .family:
            return BySex(
                female: [3080.3, 1338.7, 1095.0, 5789.1, 10073.8, 9327.4, 6803.1, 4543.3, 2937.5, 1876.8, 1194.0, 758.5, 481.5, 305.7, 194.0, 123.1, 78.2],
                male: [3082.9, 1339.8, 1027.1, 5237.0, 9426.2, 9059.2, 6861.3, 4758.8, 3195.5, 2120.5, 1401.2, 924.4, 609.6, 401.9, 264.9, 174.6, 115.1])
        case .maleLabor:
            return BySex(
                female: [2124.3, 923.2, 755.2, 3992.5, 6947.4, 6432.7, 4691.8, 3133.3, 2025.8, 1294.4, 823.5, 523.1, 332.1, 210.8, 133.8, 84.9, 53.9],
                male: [2136.3, 928.4, 1020.0, 7082.7, 12987.6, 12522.1, 9494.8, 6589.0, 4425.9, 2937.7, 1941.4, 1280.9, 844.7, 556.9, 367.1, 242.0, 159.6])
        case .femaleLabor:
            return BySex(
                female: [3974.5, 1727.3, 1412.9, 7469.8, 12998.4, 12035.4, 8778.2, 5862.3, 3790.3, 2421.7, 1540.7, 978.7, 621.3, 394.4, 250.3, 158.9, 100.9],
                male: [3945.5, 1714.7, 1029.8, 3513.1, 6102.1, 5827.5, 4403.8, 3050.9, 2047.3, 1358.0, 897.1, 591.7, 390.1, 257.2, 169.5, 111.8, 73.7])
        }
    }

    /// DemoTools' fitted Rogers-Castro parameters (a1, alpha1, a2, alpha2, mu2, lambda2, c).
    static func fittedParameters(_ family: UNMigrationFamily, _ direction: MigrationDirection, _ sex: Sex) -> [Double] {
        switch (family, direction, sex) {
        case (.family, .immigration, .female): return [0.0079394824, 0.1657589022, 0.04731432921, 0.09498522877, 19.75551354, 0.1971961019, 9.939164846e-05]
        case (.family, .immigration, .male): return [0.007955410085, 0.1659732957, 0.04327634099, 0.08695630515, 19.73102987, 0.1980885736, 0.0001152378115]
        case (.family, .emigration, .female): return [0.007941208531, 0.1655295884, 0.04730393751, 0.09492917439, 19.74705703, 0.1973421308, 9.833779087e-05]
        case (.family, .emigration, .male): return [0.007942281283, 0.1656303687, 0.04325402208, 0.08684084262, 19.7168325, 0.1983728969, 0.0001154080429]
        case (.maleLabor, .immigration, .female): return [0.005472899746, 0.1655385598, 0.0326327047, 0.09494342139, 19.75354403, 0.1971550555, 6.740997192e-05]
        case (.maleLabor, .immigration, .male): return [0.005257807112, 0.1683851999, 0.0600368968, 0.0870480918, 19.73782011, 0.197606401, 0.0001668433459]
        case (.maleLabor, .emigration, .female): return [0.005482950062, 0.1653275275, 0.03262564936, 0.09485579667, 19.74665022, 0.197312409, 6.52741711e-05]
        case (.maleLabor, .emigration, .male): return [0.005263640561, 0.1678047985, 0.05995858721, 0.08684069006, 19.71958673, 0.1981240235, 0.0001578590086]
        case (.femaleLabor, .immigration, .female): return [0.01025745786, 0.1659159804, 0.06104851251, 0.09490795922, 19.7487977, 0.1971121942, 0.0001246182328]
        case (.femaleLabor, .immigration, .male): return [0.01041059509, 0.1653789796, 0.0277227131, 0.0871164658, 19.75291319, 0.1976964233, 7.460585273e-05]
        case (.femaleLabor, .emigration, .female): return [0.01025790266, 0.1656138386, 0.06114466943, 0.09507959938, 19.76686717, 0.1967062548, 0.0001253028441]
        case (.femaleLabor, .emigration, .male): return [0.01039928706, 0.1650709676, 0.02768666303, 0.08688255093, 19.72969392, 0.1983153336, 7.204069725e-05]
        }
    }
}
