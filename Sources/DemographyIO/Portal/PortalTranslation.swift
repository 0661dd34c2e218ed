import Demography

/// One location of UN WPP portal files translated into the WPP
/// summary-assumption layout (the files ``AssumptionsReader`` and
/// ``SingleYearEmulation`` read), in the layout's units.
///
/// | tidy file | from | conversion |
/// |---|---|---|
/// | `pop_base.csv` | population by age (`PopFemale`, `PopMale`) | 1 July of the base year, thousands as given; single ages summed into 0-4, …, 95-99 and the open group when no five-year file is there |
/// | `mx.csv` | life tables (`mx`, `Sex` Female and Male) | period mean of the years' rates; abridged tables preferred to complete ones (complete tables give single-age rates) |
/// | `tfr.csv` | demographic indicators (`TFR`) | period mean |
/// | `pasfr.csv` | fertility by age (`PASFR`) | period mean weighted by each year's TFR (so the pattern of the period's mean ASFR); single ages summed into five-year groups |
/// | `srb.csv` | demographic indicators (`SRB`, per 100 females) | period mean, divided by 100 |
/// | `mig_net_total.csv` | demographic indicators (`NetMigrations`, thousands a year) | period sum of the years |
/// | `tfr_1x1.csv`, `srb_1x1.csv` | demographic indicators | each year from the base year as given (SRB / 100) |
/// | `e0_1x1.csv` | demographic indicators (`LExFemale`, `LExMale`, `LEx`) | each year from the base year, female / male / both |
/// | `locations.csv`, `units.csv` | `LocID`, `Location`, `ISO3_code` | one location; `population,thousands` |
///
/// **Periods.** Period t is 1 July t to 1 July t+5 and starts at the base year
/// (t = base, base + 5, …); it is made of the portal's years t … t+4
/// (``PortalPeriods``: a rate is their mean, a flow their sum). A file of
/// five-year periods (WPP 2019, `Time` "2020-2025") gives its period's value
/// as it is. The periods run as long as every series has all its years; a
/// series with a missing year before the others end is refused, naming the file
/// and the year. The WPP dates are those of `data/wpp2024/SOURCE.md` ("Dates"):
/// the annual rates of the portal are those of calendar year `Time`, the
/// populations those of 1 July of `Time`.
///
/// Sources: United Nations, Department of Economic and Social Affairs,
/// Population Division (2024), *World Population Prospects 2024*, CSV files
/// (https://population.un.org/wpp/downloads) and its definitions of the
/// indicators (TFR in children per woman, SRB in males per 100 females,
/// NetMigrations in thousands, ASFR in births per 1,000 women, PASFR in per cent
/// of the TFR, populations in thousands).
struct PortalTranslation {
    let dataset: PortalDataset
    let location: LocationName
    let variant: String

    private var isMedium: Bool { variant.lowercased() == "medium" }

    /// The location's rows of `kind` in the chosen variant, by file: a row of
    /// the variant itself, else (for a `Time` the variant does not have) of the
    /// Medium or Estimates rows.
    private func rows(_ kind: PortalFileKind) throws(DatasetError) -> [(file: PortalFile, rows: [Int])] {
        let files = dataset.files(of: kind)
        guard !files.isEmpty else {
            throw DatasetError([InputProblem(file: dataset.name,
                                             expected: "a UN WPP portal file of \(kind.description) (columns \(kind.requiredColumns.joined(separator: ","))): download \(kind.download), \(PortalFileKind.downloadsPage)")])
        }
        var out: [(PortalFile, [Int])] = []
        for source in files {
            guard let file = try source.rows(of: location.code), let rows = file.rowsByLocation[location.code],
                  let v = file.column("Variant"), let t = file.column("Time") else { continue }
            let own = rows.filter { file.cell($0, v).lowercased() == variant.lowercased() || (isMedium && file.cell($0, v) == "Estimates") }
            var chosen = own
            if !isMedium {
                let times = Set(own.map { file.cell($0, t) })
                chosen += rows.filter { ["medium", "estimates"].contains(file.cell($0, v).lowercased()) && !times.contains(file.cell($0, t)) }
            }
            if !chosen.isEmpty { out.append((file, chosen.sorted())) }
        }
        guard !out.isEmpty else {
            let names = files.map(\.name).joined(separator: ", ")
            throw DatasetError([InputProblem(file: names, column: "LocID", value: location.code,
                                             expected: "rows of \(location.name) (LocID \(location.code)), Variant \(variant), in the \(kind.description) files")])
        }
        return out
    }

    /// The first projected year: the first year of the variant's own rows when
    /// it is not the Medium; for the Medium, the year after the last
    /// `Estimates` row, else the first year of another projection variant's
    /// rows (Low, High, … which start at the first projected year), else nil.
    private func firstProjectedYear(_ files: [PortalFile]) -> Int? {
        var estimatesEnd: Int?, otherStart: Int?, ownStart: Int?
        for file in files {
            guard let rows = file.rowsByLocation[location.code], let v = file.column("Variant"), let t = file.column("Time") else { continue }
            for r in rows {
                guard let time = PortalTime(label: file.cell(r, t)) else { continue }
                let name = file.cell(r, v).lowercased()
                if name == "estimates" {
                    estimatesEnd = max(estimatesEnd ?? time.start, time.start + time.length - 1)
                } else if name == variant.lowercased() {
                    ownStart = min(ownStart ?? time.start, time.start)
                } else if name != "medium" {
                    otherStart = min(otherStart ?? time.start, time.start)
                }
            }
        }
        if !isMedium { return ownStart }
        return estimatesEnd.map { $0 + 1 } ?? otherStart ?? Self.revisionFirstProjectedYear(files.map(\.table.file))
    }

    /// The first projected year of the WPP revision the file names give, when the
    /// rows do not say: the portal's Medium files hold the estimates under
    /// `Variant` Medium too (1950 to 2100 in one series). The names start with
    /// the revision (`WPP2024_PopulationByAge5GroupSex_Medium.csv.gz`); WPP 2019
    /// projects from 1 July 2020 (its estimates end with the period 2015-2020),
    /// WPP 2022 from 2022 and WPP 2024 from 2024 (estimates to 2021 and 2023;
    /// UN DESA, *World Population Prospects 2022* and *2024: Summary of
    /// Results*), a later revision from its own year. Nil when no name says.
    static func revisionFirstProjectedYear(_ names: [String]) -> Int? {
        let years = names.compactMap { name -> Int? in
            let file = name.split(separator: "/").last.map(String.init) ?? name
            guard file.uppercased().hasPrefix("WPP"), let year = Int(file.dropFirst(3).prefix(4)), (2000...2200).contains(year) else { return nil }
            return year == 2019 ? 2020 : year
        }
        return years.max()
    }

    /// The default base year: the latest population year up to the first
    /// projected year (``firstProjectedYear()``: from the rows, else from the
    /// revision in the file names), or the first population year when neither
    /// says which years are projected.
    static func defaultBaseYear(populationYears: [Int], firstProjected: Int?) -> Int? {
        guard let first = firstProjected else { return populationYears.min() }
        return populationYears.filter { $0 <= first }.max() ?? populationYears.min()
    }

    /// The tidy files of the location.
    func files(baseYear requested: Int?) throws(DatasetError) -> [String: String] {
        var problems: [InputProblem] = []
        let population = try rows(.population)
        let lifeTables = try rows(.lifeTable)
        let fertility = try rows(.fertility)
        let indicators = try rows(.indicators)
        var parsed: [PortalFile] = []
        for source in dataset.files { if let f = try source.rows(of: location.code) { parsed.append(f) } }

        // Population by year and age group, five-year files preferred.
        let pop = readPopulation(population, problems: &problems)
        guard !problems.hasErrors else { throw DatasetError(problems.errors) }
        let years = Array(pop.values.keys)
        guard let base = requested ?? Self.defaultBaseYear(populationYears: years, firstProjected: firstProjectedYear(parsed)) else {
            throw DatasetError([InputProblem(file: population.map(\.file.table.file).joined(separator: ", "), column: "Time",
                                             expected: "population rows of \(location.name)")])
        }
        guard let groups = pop.values[base] else {
            throw DatasetError([InputProblem(file: pop.file, column: "Time", value: String(base),
                                             expected: "a base year the population file has: \(years.sorted().map(String.init).prefix(12).joined(separator: ", "))\(years.count > 12 ? ", ..." : "")")])
        }
        if let gap = Self.gap(in: Array(groups.keys)) {
            problems.append(InputProblem(file: pop.file, column: "AgeGrp", value: gap,
                                         expected: "the age groups of \(location.name) in \(base) from 0 to an open group (\"100+\") without gaps or overlaps"))
        }
        let periods = PortalPeriods(baseYear: base)
        let code = location.code

        // Indicators: TFR, SRB, net migration and e0 by year.
        var tfr: [PortalTime: Double] = [:], srb: [PortalTime: Double] = [:], mig: [PortalTime: Double] = [:]
        var e0: [String: [PortalTime: Double]] = [:]
        let indicatorFile = indicators.map(\.file.table.file).joined(separator: ", ")
        for (file, rows) in indicators {
            var seen: [PortalTime: Int] = [:]
            for r in rows {
                guard let time = file.time(r, problems: &problems) else { continue }
                if let first = seen[time] {
                    problems.append(file.problem(r, "Time", expected: "one row for \(location.name) in \(file.timeLabel(r)), but line \(first) has it already"))
                    continue
                }
                seen[time] = file.line(r)
                tfr[time] = file.number(r, "TFR", .totalFertility, problems: &problems)
                srb[time] = file.number(r, "SRB", .sexRatioAtBirth, divisor: 100, problems: &problems)
                mig[time] = file.number(r, "NetMigrations", .netMigrants(), problems: &problems)
                if time.length == 1 {
                    e0["female", default: [:]][time] = file.number(r, "LExFemale", .lifeExpectancy, problems: &problems)
                    e0["male", default: [:]][time] = file.number(r, "LExMale", .lifeExpectancy, problems: &problems)
                    if file.column("LEx") != nil { e0["both", default: [:]][time] = file.number(r, "LEx", .lifeExpectancy, problems: &problems) }
                }
            }
        }
        let weights = Dictionary(tfr.filter { $0.key.length == 1 }.map { ($0.key.start, $0.value) }, uniquingKeysWith: { a, _ in a })

        // Life tables and fertility by sex / age.
        let mx = readByAge(lifeTables, value: "mx", quantity: .deathRate, bySex: true, fiveYear: { $0.contains { $0.width == 4 || $0.width == 5 } }, problems: &problems)
        let pasfr = readByAge(fertility, value: "PASFR", quantity: .percentage, bySex: false, fiveYear: { $0.contains { $0.width == 5 } }, problems: &problems)
        guard !problems.hasErrors else { throw DatasetError(problems.errors) }
        for sex in ["female", "male"] {
            let groups = mx.series.keys.filter { $0.sex == sex }.map(\.group)
            if let gap = Self.gap(in: groups) {
                problems.append(InputProblem(file: mx.file, column: "AgeGrp", value: groups.isEmpty ? "none for Sex \(sex)" : gap,
                                             expected: "the \(sex) life-table age groups of \(location.name) from 0 to an open group without gaps or overlaps"))
            }
        }
        guard !problems.hasErrors else { throw DatasetError(problems.errors) }
        let pasfr5 = pasfr.fiveYear ? pasfr.series : Self.fiveYearGroups(pasfr.series)

        // Every series by period; all end together.
        // A series that stops while others of its file go on lacks a year (or an
        // age group in a year); files may end in different years (the common end is taken).
        var results: [(file: String, group: Int, what: String, result: PortalPeriods.Result)] = []
        func add(_ file: String, _ group: Int, _ what: String, _ series: [PortalTime: Double], _ c: PortalPeriods.Combination) -> PortalPeriods.Result {
            let r = periods.periods(of: series, c)
            results.append((file, group, what, r))
            return r
        }
        let tfrP = add(indicatorFile, 0, "TFR", tfr, .mean)
        let srbP = add(indicatorFile, 0, "SRB", srb, .mean)
        let migP = add(indicatorFile, 0, "NetMigrations", mig, .sum)
        var mxP: [AgeKey: PortalPeriods.Result] = [:]
        for (key, series) in mx.series { mxP[key] = add(mx.file, 1, "mx of Sex \(key.sex ?? "") AgeGrp \(key.label)", series, .mean) }
        var pasfrP: [AgeKey: PortalPeriods.Result] = [:]
        for (key, series) in pasfr5 { pasfrP[key] = add(pasfr.file, 2, "PASFR of AgeGrp \(key.label)", series, .weighted(weights)) }
        let count = results.map(\.result.count).min() ?? 0
        var longest: [Int: Int] = [:]
        for r in results { longest[r.group] = max(longest[r.group] ?? 0, r.result.count) }
        for (file, group, what, r) in results.sorted(by: { ($0.group, $0.what) < ($1.group, $1.what) }) {
            if let gap = r.missing, r.count == 0 || r.resumes != nil || r.count < (longest[group] ?? 0) {
                problems.append(InputProblem(file: file, column: "Time", value: String(gap),
                                             expected: "\(what) of \(location.name) in every year from \(base) (five-year periods from 1 July \(base), made of the years t to t+4): \(gap) is missing"))
            }
        }
        guard !problems.hasErrors, count > 0 else {
            throw DatasetError(problems.errors.isEmpty ? [InputProblem(file: indicatorFile, column: "Time", expected: "the years of a five-year period from \(base)")] : problems.errors)
        }
        let periodYears = (0..<count).map { base + PortalPeriods.length * $0 }

        // The tidy texts.
        var out: [String: String] = [:]
        out["pop_base.csv"] = Self.ageTable(bySex: true, rows: Self.populationRows(groups, fiveYear: pop.fiveYear).map { (code, base, $0.sex, $0.age, $0.open, $0.value) })
        var mxRows: [(String, Int, String?, Int, Bool, Double)] = []
        for year in periodYears {
            for sex in ["female", "male"] {
                for key in mx.series.keys.filter({ $0.sex == sex }).sorted(by: { $0.group.start < $1.group.start }) {
                    if let v = mxP[key]?.values[year] { mxRows.append((code, year, sex, key.group.start, key.group.isOpen, v)) }
                }
            }
        }
        out["mx.csv"] = Self.ageTable(bySex: true, rows: mxRows)
        var pasfrRows: [(String, Int, String?, Int, Bool, Double)] = []
        for year in periodYears {
            for key in pasfr5.keys.sorted(by: { $0.group.start < $1.group.start }) {
                if let v = pasfrP[key]?.values[year] { pasfrRows.append((code, year, nil, key.group.start, key.group.isOpen, v)) }
            }
        }
        out["pasfr.csv"] = Self.ageTable(bySex: false, rows: pasfrRows)
        out["tfr.csv"] = Self.yearTable(code, periodYears.compactMap { y in tfrP.values[y].map { (y, $0) } })
        out["srb.csv"] = Self.yearTable(code, periodYears.compactMap { y in srbP.values[y].map { (y, $0) } })
        out["mig_net_total.csv"] = Self.yearTable(code, periodYears.compactMap { y in migP.values[y].map { (y, $0) } })
        func annual(_ s: [PortalTime: Double]) -> [(Int, Double)] {
            s.filter { $0.key.length == 1 && $0.key.start >= base }.map { ($0.key.start, $0.value) }.sorted { $0.0 < $1.0 }
        }
        if !annual(tfr).isEmpty {
            out["tfr_1x1.csv"] = Self.yearTable(code, annual(tfr))
            out["srb_1x1.csv"] = Self.yearTable(code, annual(srb))
            var e0Text = "country_code,year,sex,value\n"
            for (year, _) in annual(tfr) {
                for sex in ["female", "male", "both"] {
                    if let v = e0[sex]?[PortalTime(start: year, length: 1)] { e0Text += "\(code),\(year),\(sex),\(v)\n" }
                }
            }
            out["e0_1x1.csv"] = e0Text
        }
        out["locations.csv"] = "country_code,name,iso3\n\(code),\(Self.csvField(location.name)),\(location.iso3 ?? "")\n"
        out["units.csv"] = "quantity,unit\npopulation,thousands\n"
        return out
    }

    // MARK: Reading

    /// A series key: sex (nil for fertility) and age group.
    struct AgeKey: Hashable {
        var sex: String?
        var group: PortalAgeGroup
        var label: String { group.isOpen ? "\(group.start)+" : group.width == 1 ? "\(group.start)" : "\(group.start)-\(group.start + (group.width ?? 1) - 1)" }
    }

    /// The population by year: female and male counts by age group, from the
    /// five-year files when there are any, else the single-age ones.
    private func readPopulation(_ files: [(file: PortalFile, rows: [Int])], problems: inout [InputProblem])
        -> (values: [Int: [PortalAgeGroup: (female: Double, male: Double)]], fiveYear: Bool, file: String) {
        let parsed = files.map { (file, rows) -> (PortalFile, [(Int, PortalTime, PortalAgeGroup)]) in
            (file, rows.compactMap { r in
                guard let t = file.time(r, problems: &problems), let g = file.ageGroup(r, problems: &problems) else { return nil }
                return (r, t, g)
            })
        }
        let five = parsed.filter { $0.1.contains { $0.2.width == 5 } }
        let chosen = five.isEmpty ? parsed : five
        var out: [Int: [PortalAgeGroup: (female: Double, male: Double)]] = [:]
        var lines: [Int: [PortalAgeGroup: Int]] = [:]
        for (file, rows) in chosen {
            for (r, time, group) in rows {
                guard time.length == 1 else {
                    problems.append(file.problem(r, "Time", expected: "a year (a population is that of 1 July of a year)"))
                    continue
                }
                if let first = lines[time.start]?[group] {
                    problems.append(file.problem(r, "AgeGrp", expected: "one row for \(location.name) in \(time.start) and this age group, but line \(first) has it already"))
                    continue
                }
                lines[time.start, default: [:]][group] = file.line(r)
                guard let f = file.number(r, "PopFemale", .population(), problems: &problems),
                      let m = file.number(r, "PopMale", .population(), problems: &problems) else { continue }
                out[time.start, default: [:]][group] = (f, m)
            }
        }
        return (out, !five.isEmpty, chosen.map(\.0.table.file).joined(separator: ", "))
    }

    /// Values by sex (life tables) or not (fertility) and age group, from the
    /// files `fiveYear` says are of five-year (or abridged) groups when there
    /// are any, else the others; life-table rows of both sexes ("Total") skipped.
    private func readByAge(_ files: [(file: PortalFile, rows: [Int])], value: String, quantity: Quantity, bySex: Bool,
                           fiveYear: ([PortalAgeGroup]) -> Bool, problems: inout [InputProblem])
        -> (series: [AgeKey: [PortalTime: Double]], fiveYear: Bool, file: String) {
        let parsed = files.map { (file, rows) -> (PortalFile, [(Int, PortalTime, PortalAgeGroup)]) in
            (file, rows.compactMap { r in
                guard let t = file.time(r, problems: &problems), let g = file.ageGroup(r, problems: &problems) else { return nil }
                return (r, t, g)
            })
        }
        let five = parsed.filter { fiveYear($0.1.map(\.2)) }
        let chosen = five.isEmpty ? parsed : five
        var out: [AgeKey: [PortalTime: Double]] = [:]
        var lines: [AgeKey: [PortalTime: Int]] = [:]
        for (file, rows) in chosen {
            let sexColumn = file.column("Sex")
            for (r, time, group) in rows {
                var sex: String?
                if bySex, let c = sexColumn {
                    let text = file.cell(r, c).lowercased()
                    if text == "total" || text == "both" || text == "both sexes" { continue }
                    guard text == "female" || text == "male" else {
                        problems.append(file.problem(r, "Sex", expected: "Female, Male or Total"))
                        continue
                    }
                    sex = text
                }
                let key = AgeKey(sex: sex, group: group)
                if let first = lines[key]?[time] {
                    problems.append(file.problem(r, "AgeGrp", expected: "one row for \(location.name), \(file.timeLabel(r))\(sex.map { ", " + $0 } ?? "") and this age group, but line \(first) has it already"))
                    continue
                }
                lines[key, default: [:]][time] = file.line(r)
                if let v = file.number(r, value, quantity, problems: &problems) { out[key, default: [:]][time] = v }
            }
        }
        return (out, !five.isEmpty, chosen.map(\.0.table.file).joined(separator: ", "))
    }

    /// The first break in `groups` as they must tile the ages (from 0, each
    /// starting where the last ended, an open group last), as a label such as
    /// "50-54 missing", or nil when they tile.
    static func gap(in groups: [PortalAgeGroup]) -> String? {
        let sorted = groups.sorted { $0.start < $1.start }
        var next = 0
        for (i, g) in sorted.enumerated() {
            if g.start != next {
                return g.start > next ? "\(next)-\(g.start - 1) missing" : "\(g.start) overlapping the group before"
            }
            guard let w = g.width else { return i == sorted.count - 1 ? nil : "\(g.start)+ before other groups" }
            next = g.start + w
        }
        return "no open group after \(next - 1)"
    }

    /// Single-age PASFR summed into five-year groups (x to x+4, x a multiple of 5).
    static func fiveYearGroups(_ series: [AgeKey: [PortalTime: Double]]) -> [AgeKey: [PortalTime: Double]] {
        var out: [AgeKey: [PortalTime: Double]] = [:]
        for (key, values) in series {
            let start = key.group.start - key.group.start % 5
            let group = AgeKey(sex: key.sex, group: PortalAgeGroup(start: start, width: key.group.isOpen ? nil : 5))
            for (t, v) in values { out[group, default: [:]][t, default: 0] += v }
        }
        return out
    }

    /// The base population's rows, single ages summed into five-year groups when
    /// the file is of single ages.
    static func populationRows(_ groups: [PortalAgeGroup: (female: Double, male: Double)], fiveYear: Bool)
        -> [(sex: String, age: Int, open: Bool, value: Double)] {
        var byGroup: [PortalAgeGroup: (female: Double, male: Double)] = [:]
        if fiveYear {
            byGroup = groups
        } else {
            for (g, v) in groups {
                let target = g.isOpen ? g : PortalAgeGroup(start: g.start - g.start % 5, width: 5)
                let old = byGroup[target] ?? (0, 0)
                byGroup[target] = (old.female + v.female, old.male + v.male)
            }
        }
        let sorted = byGroup.keys.sorted { $0.start < $1.start }
        return ["female", "male"].flatMap { sex in
            sorted.compactMap { g in byGroup[g].map { (sex, g.start, g.isOpen, sex == "female" ? $0.female : $0.male) } }
        }
    }

    // MARK: Writing

    static func ageTable(bySex: Bool, rows: [(String, Int, String?, Int, Bool, Double)]) -> String {
        var text = bySex ? "country_code,year,sex,age,open_age,value\n" : "country_code,year,age,open_age,value\n"
        for (code, year, sex, age, open, value) in rows {
            text += bySex ? "\(code),\(year),\(sex ?? ""),\(age),\(open ? 1 : 0),\(value)\n" : "\(code),\(year),\(age),\(open ? 1 : 0),\(value)\n"
        }
        return text
    }

    static func yearTable(_ code: String, _ rows: [(Int, Double)]) -> String {
        rows.reduce(into: "country_code,year,value\n") { $0 += "\(code),\($1.0),\($1.1)\n" }
    }

    static func csvField(_ text: String) -> String {
        text.contains(",") ? "\"\(text.replacingOccurrences(of: "\"", with: ""))\"" : text
    }
}
