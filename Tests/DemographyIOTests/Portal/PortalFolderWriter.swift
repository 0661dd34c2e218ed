import Foundation
@testable import DemographyIO

/// Writes one location's tidy WPP 2024 data (data/wpp2024, through the
/// embedded archive) as UN portal CSV files of WPP 2024 (headers of
/// https://population.un.org/wpp/downloads, "CSV format"), in the portal's
/// units: populations in thousands, ASFR per 1,000 women, PASFR per cent, SRB
/// per 100 females, NetMigrations in thousands a year (the period's total / 5
/// in each of its years). A five-year period's rates are repeated in each of
/// its years t … t+4; the indicators of 2100 repeat those of 2095-2100.
struct PortalFolderWriter {
    static let prefix = "SortOrder,LocID,Notes,ISO3_code,ISO2_code,SDMX_code,LocTypeID,LocTypeName,ParentID,Location,VarID,Variant,Time"
    static let populationHeader = prefix + ",MidPeriod,AgeGrp,AgeGrpStart,AgeGrpSpan,PopMale,PopFemale,PopTotal"
    static let fertilityHeader = prefix + ",MidPeriod,AgeGrp,AgeGrpStart,AgeGrpSpan,ASFR,PASFR,Births"
    static let lifeTableHeader = prefix + ",MidPeriod,Sex,SexID,AgeGrp,AgeGrpStart,AgeGrpSpan,mx,qx,px,lx,dx,Lx,Sx,Tx,ex,ax"
    static let indicatorColumns = ["TPopulation1Jan", "TPopulation1July", "TPopulationMale1July", "TPopulationFemale1July",
        "PopDensity", "PopSexRatio", "MedianAgePop", "NatChange", "NatChangeRT", "PopChange", "PopGrowthRate", "DoublingTime",
        "Births", "Births1519", "CBR", "TFR", "NRR", "MAC", "SRB", "Deaths", "DeathsMale", "DeathsFemale", "CDR",
        "LEx", "LExMale", "LExFemale", "LE15", "LE15Male", "LE15Female", "LE65", "LE65Male", "LE65Female", "LE80", "LE80Male", "LE80Female",
        "InfantDeaths", "IMR", "LBsurvivingAge1", "Under5Deaths", "Q5", "Q0040", "Q0040Male", "Q0040Female", "Q0060", "Q0060Male", "Q0060Female",
        "Q1550", "Q1550Male", "Q1550Female", "Q1560", "Q1560Male", "Q1560Female", "NetMigrations", "CNMR"]
    static let indicatorHeader = prefix + "," + indicatorColumns.joined(separator: ",")

    /// The tidy source of one location and its rows.
    let tidy: DatasetSource
    let code: String, name: String, iso3: String

    func rows(_ file: String) throws -> [[String: String]] {
        let t = try tidy.table(file)
        return t.rows.map { Dictionary(uniqueKeysWithValues: zip(t.header, $0)) }
    }

    var keyPrefix: String { "1,\(code),,\(iso3),XX,\(code),4,Country/Area,924,\(name),2,Medium" }

    static func label(_ age: Int, _ open: Bool, width: Int) -> (String, Int) {
        open ? ("\(age)+", -1) : width == 1 ? ("\(age)", 1) : ("\(age)-\(age + width - 1)", width)
    }

    /// The period start years of the tidy files (2020 … 2095).
    func periodYears() throws -> [Int] { try rows("tfr.csv").compactMap { Int($0["year"] ?? "") }.sorted() }

    func population() throws -> String {
        var text = Self.populationHeader + "\n"
        var byAge: [Int: (open: Bool, f: String, m: String, year: String)] = [:]
        for r in try rows("pop_base.csv") {
            let age = Int(r["age"]!)!
            var e = byAge[age] ?? (r["open_age"] == "1", "", "", r["year"]!)
            if r["sex"] == "female" { e.f = r["value"]! } else { e.m = r["value"]! }
            byAge[age] = e
        }
        for age in byAge.keys.sorted() {
            let e = byAge[age]!
            let (label, span) = Self.label(age, e.open, width: 5)
            let total = Double(e.f)! + Double(e.m)!
            text += "\(keyPrefix),\(e.year),\(e.year).5,\(label),\(age),\(span),\(e.m),\(e.f),\(total)\n"
        }
        return text
    }

    func lifeTable() throws -> String {
        var text = Self.lifeTableHeader + "\n"
        var byPeriod: [Int: [(sex: String, age: Int, open: Bool, value: String)]] = [:]
        for r in try rows("mx.csv") { byPeriod[Int(r["year"]!)!, default: []].append((r["sex"]!, Int(r["age"]!)!, r["open_age"] == "1", r["value"]!)) }
        for p in byPeriod.keys.sorted() {
            let cells = byPeriod[p]!.sorted { ($0.sex, $0.age) < ($1.sex, $1.age) }
            for year in p..<(p + 5) {
                for c in cells {
                    let width = c.age == 0 ? 1 : c.age == 1 ? 4 : 5
                    let (label, span) = Self.label(c.age, c.open, width: width)
                    let (sex, id) = c.sex == "female" ? ("Female", 2) : ("Male", 1)
                    text += "\(keyPrefix),\(year),\(year).5,\(sex),\(id),\(label),\(c.age),\(span),\(c.value),,,,,,,,,\n"
                    if c.sex == "female" { // a both-sexes row, to be skipped
                        text += "\(keyPrefix),\(year),\(year).5,Total,3,\(label),\(c.age),\(span),\(c.value),,,,,,,,,\n"
                    }
                }
            }
        }
        return text
    }

    func fertility() throws -> String {
        var text = Self.fertilityHeader + "\n"
        var tfr: [Int: Double] = [:]
        for r in try rows("tfr.csv") { tfr[Int(r["year"]!)!] = Double(r["value"]!)! }
        var byPeriod: [Int: [(age: Int, pasfr: String)]] = [:]
        for r in try rows("pasfr.csv") { byPeriod[Int(r["year"]!)!, default: []].append((Int(r["age"]!)!, r["value"]!)) }
        for p in byPeriod.keys.sorted() {
            for year in p..<(p + 5) {
                for c in byPeriod[p]!.sorted(by: { $0.age < $1.age }) {
                    let asfr = tfr[p]! * Double(c.pasfr)! / 100 / 5 * 1000
                    text += "\(keyPrefix),\(year),\(year).5,\(c.age)-\(c.age + 4),\(c.age),5,\(asfr),\(c.pasfr),0\n"
                }
            }
        }
        return text
    }

    /// The indicators of each year from the first period to `lastYear`, and the
    /// e0 rows written (for the tidy reference).
    func indicators(lastYear: Int = 2100) throws -> (text: String, e0: [Int: (f: String, m: String, b: String)]) {
        func byYear(_ file: String) throws -> [Int: String] {
            Dictionary(uniqueKeysWithValues: try rows(file).map { (Int($0["year"]!)!, $0["value"]!) })
        }
        let tfr = try byYear("tfr.csv"), srb = try byYear("srb.csv"), mig = try byYear("mig_net_total.csv")
        var e0: [Int: [String: String]] = [:]
        for r in try rows("e0_1x1.csv") { e0[Int(r["year"]!)!, default: [:]][r["sex"]!] = r["value"]! }
        let first = try periodYears()[0], firstAnnual = e0.keys.min()!
        var text = Self.indicatorHeader + "\n"
        var written: [Int: (String, String, String)] = [:]
        for year in first...lastYear {
            let p = min(first + 5 * ((year - first) / 5), try periodYears().last!)
            let e = e0[max(year, firstAnnual)]!
            written[year] = (e["female"]!, e["male"]!, e["both"]!)
            var cells = [String](repeating: "", count: Self.indicatorColumns.count)
            func set(_ column: String, _ value: String) { cells[Self.indicatorColumns.firstIndex(of: column)!] = value }
            set("TFR", tfr[p]!)
            set("SRB", "\(Double(srb[p]!)! * 100)")
            set("NetMigrations", "\(Double(mig[p]!)! / 5)")
            set("LEx", e["both"]!)
            set("LExMale", e["male"]!)
            set("LExFemale", e["female"]!)
            text += "\(keyPrefix),\(year)," + cells.joined(separator: ",") + "\n"
        }
        return (text, written)
    }

    /// The tidy layout of the same data: the five-year files with the total
    /// net migration only, and the annual TFR, SRB and e0 the indicators give
    /// (the period's value in each of its years; e0 as written).
    func tidyReference(e0: [Int: (f: String, m: String, b: String)], lastYear: Int = 2100) throws -> DatasetSource {
        var files: [String: String] = [:]
        for f in ["pop_base.csv", "mx.csv", "pasfr.csv", "tfr.csv", "srb.csv", "mig_net_total.csv", "locations.csv", "units.csv"] {
            files[f] = try tidy.text(f)
        }
        func byYear(_ file: String) throws -> [Int: String] {
            Dictionary(uniqueKeysWithValues: try rows(file).map { (Int($0["year"]!)!, $0["value"]!) })
        }
        let tfr = try byYear("tfr.csv"), srb = try byYear("srb.csv")
        let periods = try periodYears()
        var tfr1 = "country_code,year,value\n", srb1 = "country_code,year,value\n", e01 = "country_code,year,sex,value\n"
        for year in periods[0]...lastYear {
            let p = min(periods[0] + 5 * ((year - periods[0]) / 5), periods.last!)
            tfr1 += "\(code),\(year),\(tfr[p]!)\n"
            srb1 += "\(code),\(year),\(srb[p]!)\n"
            let e = e0[year]!
            e01 += "\(code),\(year),female,\(e.f)\n\(code),\(year),male,\(e.m)\n\(code),\(year),both,\(e.b)\n"
        }
        files["tfr_1x1.csv"] = tfr1
        files["srb_1x1.csv"] = srb1
        files["e0_1x1.csv"] = e01
        return .embedded(name: "tidy \(code)", files: files)
    }

    /// Writes the four portal files into `folder` under names unlike the
    /// portal's (files are recognised by their header).
    func write(to folder: URL) throws -> (e0: [Int: (f: String, m: String, b: String)], Void) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (indicators, e0) = try indicators()
        try population().write(to: folder.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        try lifeTable().write(to: folder.appendingPathComponent("b.csv"), atomically: true, encoding: .utf8)
        try fertility().write(to: folder.appendingPathComponent("c.csv"), atomically: true, encoding: .utf8)
        try ("\u{FEFF}" + indicators).write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        return (e0, ())
    }

    static func temporaryFolder(_ tag: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("portal-\(tag)-\(UUID().uuidString)")
    }
}
