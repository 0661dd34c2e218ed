import Demography
import Foundation
import Testing
@testable import DemographyIO

/// The conversions of single-age files, of another variant and of the base year.
@Suite struct PortalConversionTests {
    static let fixture = PortalErrorTests.fixture

    /// Rows of `lines` (header first) with each five-year row split into five
    /// single-age rows of a fifth of `valueColumns` (counts and PASFR are sums
    /// over the ages of a group); other columns (rates) keep the group's value.
    static func splitAges(_ lines: [String], valueColumns: [String]) -> [String] {
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let grp = header.firstIndex(of: "AgeGrp")!, start = header.firstIndex(of: "AgeGrpStart")!, span = header.firstIndex(of: "AgeGrpSpan")!
        var out = [lines[0]]
        for line in lines.dropFirst() where !line.isEmpty {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard let width = Int(f[span]), width > 1, let a = Int(f[start]) else { out.append(line); continue }
            for age in a..<(a + width) {
                var g = f
                g[grp] = "\(age)"; g[start] = "\(age)"; g[span] = "1"
                for c in valueColumns { if let i = header.firstIndex(of: c), let v = Double(f[i]) { g[i] = "\(v / Double(width))" } }
                out.append(g.joined(separator: ","))
            }
        }
        return out + [""]
    }

    /// Identity: single-age populations and PASFR (each group's value split in
    /// fifths) sum back to the five-year groups of the fixture (data/wpp2024,
    /// Sweden 2020), to 1e-12 relative.
    @Test func singleAgeFilesAreSummedIntoFiveYearGroups() throws {
        let folder = try PortalErrorTests.folder(edit: [
            PortalErrorTests.population: { Self.splitAges($0, valueColumns: ["PopMale", "PopFemale", "PopTotal"]) },
            PortalErrorTests.fertility: { Self.splitAges($0, valueColumns: ["PASFR"]) },
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let single = try AssumptionsReader().read(try PortalDataset.open(folder).source(for: "SWE"), migrationPattern: .default).assumptions
        let five = try AssumptionsReader().read(try PortalDataset.open(Self.fixture).source(for: "SWE"), migrationPattern: .default).assumptions
        #expect(single.basePopulation.ages == five.basePopulation.ages)
        for sex in Sex.allCases {
            for (a, b) in zip(single.basePopulation.counts[sex], five.basePopulation.counts[sex]) { #expect(abs(a - b) <= 1e-12 * b) }
        }
        for (a, b) in zip(try #require(single.fertilityPattern[2020]), try #require(five.fertilityPattern[2020])) { #expect(abs(a - b) <= 1e-12 * max(b, 1e-9)) }
    }

    /// A complete life table (single ages, each age with its abridged group's
    /// rate) gives `mx.csv` by single age with those rates.
    @Test func completeLifeTablesGiveSingleAgeRates() throws {
        let folder = try PortalErrorTests.folder(edit: [PortalErrorTests.lifeTable: { Self.splitAges($0, valueColumns: []) }])
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try PortalDataset.open(folder).source(for: "SWE")
        let mx = try source.table("mx.csv")
        let ages = Set(mx.rows.map { $0[3] })
        #expect(ages.count == 101 && ages.contains("99") && ages.contains("100"))
        // Age 7 of females has the 5-9 rate of data/wpp2024 (Sweden 2020, female 5-9).
        let tidy = try EmbeddedDatasets.wpp2024.source(for: "752").table("mx.csv")
        let rate = try #require(tidy.rows.first { $0[1] == "2020" && $0[2] == "female" && $0[3] == "5" }?[5])
        let row: [String]? = mx.rows.first { $0[1] == "2020" && $0[2] == "female" && $0[3] == "7" }
        let value: Double? = row.flatMap { Double($0[5]) }
        #expect(value != nil && value == Double(rate))
    }

    /// Another variant's rows replace the Medium's where they are; the other
    /// years and files keep the Medium's (Low TFR of 1.2 in 2020-2024: the
    /// period TFR is 1.2; SRB stays 105.7 / 100).
    @Test func variantRowsReplaceTheMediumWhereGiven() throws {
        let header = PortalFolderWriter.indicatorHeader
        let tfr = PortalErrorTests.column(header, "TFR"), variant = PortalErrorTests.column(header, "Variant"), varID = PortalErrorTests.column(header, "VarID")
        let folder = try PortalErrorTests.folder(edit: [PortalErrorTests.indicators: { lines in
            var low: [String] = []
            for line in lines.dropFirst() where !line.isEmpty {
                var f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                f[tfr] = "1.2"; f[variant] = "Low"; f[varID] = "4"
                low.append(f.joined(separator: ","))
            }
            return lines.filter { !$0.isEmpty } + low + [""]
        }])
        defer { try? FileManager.default.removeItem(at: folder) }
        let portal = try PortalDataset.open(folder)
        let low = try AssumptionsReader().read(try portal.source(for: "SWE", variant: "Low"), migrationPattern: .default).assumptions
        let medium = try AssumptionsReader().read(try portal.source(for: "SWE"), migrationPattern: .default).assumptions
        #expect(abs((low.totalFertility[2020] ?? 0) - 1.2) < 1e-12)
        #expect(abs((medium.totalFertility[2020] ?? 0) - 1.5282) < 1e-12)
        #expect(abs((low.sexRatioAtBirth[2020] ?? 0) - 1.057) < 1e-12)
    }

    /// A location name with a comma, quoted as the portal writes it
    /// ("Bonaire, Sint Eustatius and Saba"), is read whole and written back
    /// quoted in the translated locations.csv.
    @Test func quotedLocationNamesAreReadWhole() throws {
        let quoted = "\"Bonaire, Sint Eustatius and Saba\""
        func rename(_ lines: [String]) -> [String] { lines.map { $0.replacingOccurrences(of: ",Sweden,", with: ",\(quoted),") } }
        let folder = try PortalErrorTests.folder(edit: [PortalErrorTests.population: rename, PortalErrorTests.fertility: rename,
                                                        PortalErrorTests.indicators: rename, PortalErrorTests.lifeTable: rename])
        defer { try? FileManager.default.removeItem(at: folder) }
        let portal = try PortalDataset.open(folder)
        #expect(portal.locations.map(\.name) == ["Bonaire, Sint Eustatius and Saba"])
        let source = try portal.source(for: "bonaire, sint eustatius and saba")
        #expect(try LocationTable.names(source).map(\.name) == ["Bonaire, Sint Eustatius and Saba"])
        #expect(try LocationTable.names(portal.locationsSource).map(\.name) == ["Bonaire, Sint Eustatius and Saba"])
    }

    /// The default base year: WPP 2024's estimates end in 2023, so with
    /// populations of every year the base is 2024; with five-yearly populations
    /// (2020, 2025) it is 2020; with no estimates marked, the first year.
    @Test func defaultBaseYearIsTheLatestUpToTheFirstProjectedYear() {
        #expect(PortalTranslation.defaultBaseYear(populationYears: Array(1950...2100), firstProjected: 2024) == 2024)
        #expect(PortalTranslation.defaultBaseYear(populationYears: [2015, 2020, 2025], firstProjected: 2024) == 2020)
        #expect(PortalTranslation.defaultBaseYear(populationYears: [1950, 1951], firstProjected: nil) == 1950)
    }

    /// The portal's Medium files label the estimates Medium too: the revision in
    /// the file names says where the projection starts (WPP 2024: estimates to
    /// 2023, projections from 2024; WPP 2022 from 2022; WPP 2019 from 1 July
    /// 2020, UN DESA's Summary of Results of each revision).
    @Test func revisionInTheFileNamesGivesTheFirstProjectedYear() {
        #expect(PortalTranslation.revisionFirstProjectedYear(["dl/WPP2024_PopulationByAge5GroupSex_Medium.csv.gz", "WPP2024_Fertility_by_Age5.csv"]) == 2024)
        #expect(PortalTranslation.revisionFirstProjectedYear(["WPP2022_Demographic_Indicators_Medium.csv"]) == 2022)
        #expect(PortalTranslation.revisionFirstProjectedYear(["WPP2019_Period_Indicators_Medium.csv"]) == 2020)
        #expect(PortalTranslation.revisionFirstProjectedYear(["a.csv", "population.csv"]) == nil)
    }
}
