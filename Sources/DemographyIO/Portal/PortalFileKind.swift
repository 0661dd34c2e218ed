/// The kinds of CSV file the UN Population Division publishes for the World
/// Population Prospects (WPP) at https://population.un.org/wpp/downloads
/// ("CSV format"), recognised by their header, never by their name.
///
/// Two header generations are read. WPP 2022 and 2024 open every file with
/// `SortOrder,LocID,Notes,ISO3_code,ISO2_code,SDMX_code,LocTypeID,LocTypeName,ParentID,Location,VarID,Variant,Time`;
/// WPP 2019 (and the short files of 2022) with `LocID,Location,VarID,Variant,Time`.
/// The columns that follow name the kind:
///
/// | kind | columns after `Time` | unit |
/// |---|---|---|
/// | ``population`` | MidPeriod,AgeGrp,AgeGrpStart,AgeGrpSpan,PopMale,PopFemale,PopTotal | thousands, 1 July |
/// | ``fertility`` | MidPeriod,AgeGrp,AgeGrpStart,AgeGrpSpan,ASFR,PASFR,Births | ASFR per 1,000 women, PASFR per cent, births thousands |
/// | ``lifeTable`` | MidPeriod,Sex,SexID,AgeGrp,AgeGrpStart,AgeGrpSpan,mx,qx,px,lx,dx,Lx,Sx,Tx,ex,ax | mx deaths per person-year |
/// | ``indicators`` | TFR, SRB, NetMigrations, LExMale, LExFemale among many | SRB males per 100 females, NetMigrations thousands |
///
/// Source: United Nations, Department of Economic and Social Affairs,
/// Population Division (2024), *World Population Prospects 2024*, CSV files,
/// and the definitions of their indicators on the same page.
public enum PortalFileKind: String, Sendable, Hashable, CaseIterable {
    /// 1 July population by age and sex (`PopulationBySingleAgeSex`, `PopulationByAge5GroupSex`).
    case population
    /// Fertility by age of mother (`Fertility_by_Age1`, `Fertility_by_Age5`).
    case fertility
    /// Complete or abridged life tables by sex (`Life_Table_Complete`, `Life_Table_Abridged`).
    case lifeTable
    /// The demographic indicators (`Demographic_Indicators`; WPP 2019 `Period_Indicators`).
    case indicators

    /// The columns every file starts with, in either generation.
    static let keyColumns = ["LocID", "Location", "Variant", "Time"]

    /// The columns that mark each kind (besides ``keyColumns``).
    var requiredColumns: [String] {
        switch self {
        case .population: return ["AgeGrp", "PopMale", "PopFemale"]
        case .fertility: return ["AgeGrp", "PASFR"]
        case .lifeTable: return ["Sex", "AgeGrp", "mx"]
        case .indicators: return ["TFR", "SRB", "NetMigrations", "LExMale", "LExFemale"]
        }
    }

    /// The kind a header names, or nil. A header matches a kind when it has the
    /// key columns and the kind's columns; the kinds' column sets are disjoint
    /// enough that at most one matches (a life table has `mx`, a fertility file
    /// `PASFR`, a population file `PopMale`).
    public static func recognise(header: [String]) -> PortalFileKind? {
        let names = Set(header)
        guard keyColumns.allSatisfy(names.contains) else { return nil }
        return allCases.first { $0.requiredColumns.allSatisfy(names.contains) }
    }

    /// What it is, for messages ("abridged or complete life tables").
    public var description: String {
        switch self {
        case .population: return "population by age and sex"
        case .fertility: return "fertility by age of mother"
        case .lifeTable: return "life tables by sex"
        case .indicators: return "demographic indicators"
        }
    }

    /// The download of the UN portal that provides the kind, for a message that
    /// says which file to get.
    public var download: String {
        switch self {
        case .population:
            return "WPP2024_PopulationByAge5GroupSex_Medium.csv.gz (or WPP2024_PopulationBySingleAgeSex_Medium_*.csv.gz) from the \"Population\" CSV files"
        case .fertility:
            return "WPP2024_Fertility_by_Age5.csv.gz (or WPP2024_Fertility_by_Age1.csv.gz) from the \"Fertility\" CSV files"
        case .lifeTable:
            return "WPP2024_Life_Table_Abridged_Medium_*.csv.gz (or the Life_Table_Complete files) from the \"Mortality\" CSV files"
        case .indicators:
            return "WPP2024_Demographic_Indicators_Medium.csv.gz from the \"Summary indicators\" CSV files"
        }
    }

    /// Where the portal's downloads are.
    public static let downloadsPage = "https://population.un.org/wpp/downloads (CSV format)"
}
