import Testing
import Foundation
import Demography
@testable import DemographyIO

/// Files whose age grids end at different open ages: refused with both grids
/// named, or reconciled on purpose with `ageGrids` (`--ages regroup|extend`).
@Suite struct AgeGridReconciliationTests {
    static func fixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    static func lines(_ name: String, _ file: String) throws -> [String] {
        try String(contentsOf: fixture(name).appendingPathComponent(file), encoding: .utf8)
            .split(whereSeparator: \.isNewline).map(String.init)
    }

    /// A WPP 2017 dataset of Sweden (752) whose mx.csv and hist_mx.csv stop at 85+
    /// (the rows above 85 dropped, 85 flagged open), as a national life table would.
    static func swedenTo85() throws -> DatasetSource {
        var files: [String: String] = [:]
        for file in ["pop_base.csv", "tfr.csv", "pasfr.csv", "srb.csv", "mig_net_total.csv", "locations.csv",
                     "hist_pop.csv", "hist_tfr.csv", "hist_pasfr.csv", "hist_srb.csv", "hist_mig_net_total.csv", "units.csv"] {
            files[file] = try lines("wpp2017", file).joined(separator: "\n") + "\n"
        }
        for file in ["mx.csv", "hist_mx.csv"] {
            var out: [String] = []
            for line in try lines("wpp2017", file) {
                let f = line.split(separator: ",").map(String.init)
                guard let age = Int(f[3]) else { out.append(line); continue }
                if age < 85 { out.append(line) } else if age == 85 { out.append("\(f[0]),\(f[1]),\(f[2]),85,1,\(f[5])") }
            }
            files[file] = out.joined(separator: "\n") + "\n"
        }
        return .embedded(name: "WPP 2017 with mx to 85+", files: files)
    }

    static func read(_ source: DatasetSource, _ choice: AgeGridReconciliation?) throws(DatasetError) -> AssumptionsDataset {
        try AssumptionsReader(location: "752", ageGrids: choice).read(source, migrationPattern: .unFamily(.family))
    }

    @Test func wppLayoutWithoutAChoiceNamesBothFilesAndGrids() throws {
        let error = try #require(throws: DatasetError.self) { try Self.read(Self.swedenTo85(), nil) }
        let message = error.problems.map(\.description).joined(separator: "\n")
        #expect(message.contains("mx.csv, column age: found \"85+\", expected the open age group of pop_base.csv, 100+"))
        #expect(message.contains("pop_base.csv has ages 0-4, 5-9, 10-14 ... 100+ (5-year, open 100+), mx.csv has 0, 1-4, 5-9 ... 85+ (abridged, open 85+)"))
        #expect(message.contains("give --ages regroup (pop_base.csv and the files on its ages summed down to 85+) or --ages extend (the rates of mx.csv extended to 100+ by a Kannisto law fitted to ages 60 to 85)"))
    }

    /// Identity: regrouping sums the population's groups from 85 up and keeps the
    /// rest exactly; the fertility pattern keeps its sum (100 as published); and the first step
    /// balances (population accounting: P(t+5) = P(t) + births − deaths + migrants).
    @Test func regroupSumsThePopulationDownAndKeepsAccounts() throws {
        let givenAssumptions = try Self.read(.directory(Self.fixture("wpp2017")), nil).assumptions
        let given = givenAssumptions.basePopulation
        let dataset = try Self.read(Self.swedenTo85(), .regroup)
        let population = dataset.assumptions.basePopulation
        #expect(population.ages == (try AgeStructure.fiveYear(openAge: 85)))
        for sex in Sex.allCases {
            #expect(Array(population.counts[sex].prefix(17)) == Array(given.counts[sex].prefix(17)))
            #expect(population.counts[sex][17] == given.counts[sex][17...].reduce(0, +))
        }
        #expect(abs(population.total - given.total) <= 1e-9 * given.total)
        for (year, pattern) in dataset.assumptions.fertilityPattern {
            let sum = try #require(givenAssumptions.fertilityPattern[year]).reduce(0, +)
            #expect(abs(pattern.reduce(0, +) - sum) <= 1e-12 * sum)
        }
        let step = try #require(try dataset.assumptions.inputs(for: .medium).projection(survival: .recompute(dataset.assumptions.lifeTableOptions)).steps.first)
        let result = try step.apply(to: population)
        #expect(abs(result.accountingResidual(from: population)) < 1e-9 * population.total)
    }

    /// Extending keeps every rate below 85 exactly and gives rates up to 100+.
    @Test func extendKeepsTheRatesBelowTheOldOpenAge() throws {
        let cut = try Self.read(Self.swedenTo85(), .extend).assumptions
        #expect(cut.deathRateAges == (try AgeStructure.abridged(openAge: 100)))
        #expect(cut.basePopulation.ages == (try AgeStructure.fiveYear(openAge: 100)))
        let given = try Self.read(.directory(Self.fixture("wpp2017")), nil).assumptions
        for (year, rates) in cut.deathRates {
            let full = try #require(given.deathRates[year])
            for sex in Sex.allCases {
                #expect(Array(rates[sex].prefix(18)) == Array(full[sex].prefix(18)))
                #expect(rates[sex][18...].allSatisfy { $0 > rates[sex][17] })
            }
        }
        _ = try cut.projection(.medium)
    }

    /// Full rates: Sweden 1993 (five-year ages to 85+) with death rates to 100+
    /// (WPP 2017's Sweden 2015, relabelled 1993) and no life table.
    static func swedenFullRates() throws -> DatasetSource {
        var files: [String: String] = [:]
        for file in ["pop_base.csv", "asfr.csv", "srb.csv"] {
            files[file] = try lines("sweden1993", file).joined(separator: "\n") + "\n"
        }
        var mx = ["year,sex,age,open_age,value"]
        for line in try lines("wpp2017", "mx.csv") {
            let f = line.split(separator: ",").map(String.init)
            if f[0] == "752" && f[1] == "2015" { mx.append((["1993"] + f[2...]).joined(separator: ",")) }
        }
        files["mx.csv"] = mx.joined(separator: "\n") + "\n"
        return .embedded(name: "Sweden 1993 with mx to 100+", files: files)
    }

    /// WPP 2017's death rates of Sweden, 2015, for `sex`, by age.
    static func sweden2015Rates(_ sex: Sex) throws -> [Double] {
        var byAge: [(Int, Double)] = []
        for line in try lines("wpp2017", "mx.csv") {
            let f: [String] = line.split(separator: ",").map(String.init)
            guard f[0] == "752", f[1] == "2015", f[2] == sex.rawValue, let age = Int(f[3]), let value = Double(f[5]) else { continue }
            byAge.append((age, value))
        }
        return byAge.sorted { $0.0 < $1.0 }.map(\.1)
    }

    @Test func fullRatesWithoutAChoiceNameBothGridsAndOfferRegroup() throws {
        let error = try #require(throws: DatasetError.self) { try DatasetReader().read(Self.swedenFullRates()) }
        #expect(error.problems.map(\.description) == [
            "mx.csv, column age: found \"100+\", expected the open age group of pop_base.csv, 85+: pop_base.csv has ages 0-4, 5-9, 10-14 ... 85+ (5-year, open 85+), mx.csv has 0, 1-4, 5-9 ... 100+ (abridged, open 100+); give --ages regroup (the rates of mx.csv combined down to 85+ by their life table, 1/e(85))",
        ])
        let extend = try #require(throws: DatasetError.self) { try DatasetReader(ageGrids: .extend).read(Self.swedenFullRates()) }
        #expect(extend.problems.first?.description.contains("--ages extend raises the rates' open age to the population's; here pop_base.csv's, 85+, is the lower") == true)
    }

    /// Regrouping the rates down keeps those below 85 and gives 85+ the rate of the
    /// life table's stationary population above 85, and the data then project.
    @Test func fullRatesRegroupCombinesTheRatesDown() throws {
        let dataset = try DatasetReader(ageGrids: .regroup).read(Self.swedenFullRates())
        let inputs = dataset.inputs
        let ages = try AgeStructure.abridged(openAge: 100)
        #expect(inputs.deathRateAges == (try AgeStructure.abridged(openAge: 85)))
        for sex in Sex.allCases {
            let rates = try #require(inputs.deathRates[1993]?[sex])
            let full = try Self.sweden2015Rates(sex)
            #expect(full.count == ages.count)
            #expect(Array(rates.prefix(18)) == Array(full.prefix(18)))
            let table = try LifeTable(sex: sex, ages: ages, deathRates: full, options: LifeTableOptions())
            #expect(abs(rates[18] - table.survivors[18] / table.personYearsAbove[18]) <= 1e-15 * rates[18])
        }
        _ = try inputs.projection(survival: .recompute(LifeTableOptions())).run()
    }

    /// Annual rows in a dataset of five-year periods (NEWCOMER-REPORT §2) are
    /// refused with the first one's place, never skipped.
    @Test func annualRowsInFiveYearDataAreRefused() throws {
        guard case .embedded(let name, var files) = try Self.swedenTo85() else { return }
        files["tfr.csv", default: ""] += (2016...2019).map { "752,\($0),1.9" }.joined(separator: "\n") + "\n"
        let error = try #require(throws: DatasetError.self) { try Self.read(.embedded(name: name, files: files), .extend) }
        let lines = try Self.lines("wpp2017", "tfr.csv").count
        #expect(error.problems.map(\.description) == [
            "tfr.csv, line \(lines + 1), column year: found \"2016\", expected a period start year 2015, 2020, ... (steps of 5 years from the base year); the file has rows for 4 years between the periods (annual rows?): give one row per 5-year period, for example the mean over its years, or single ages with annual steps",
        ])
    }

    // MARK: Single years and five-year groups

    /// Sweden 1993 (five-year groups) with its ASFR written for each single year
    /// (every year of a group given the group's rate).
    static func swedenSingleYearFertility() throws -> (DatasetSource, [Double]) {
        var files: [String: String] = [:]
        for file in ["pop_base.csv", "life_table.csv", "srb.csv"] {
            files[file] = try lines("sweden1993", file).joined(separator: "\n") + "\n"
        }
        var asfr = ["year,age,open_age,value"]
        var five: [Double] = []
        for line in try lines("sweden1993", "asfr.csv").dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            guard let age = Int(f[1]), let value = Double(f[3]) else { continue }
            five.append(value)
            for x in age..<(age == 85 ? 86 : age + 5) { asfr.append("1993,\(x),\(x == 85 ? 1 : 0),\(f[3])") }
        }
        files["asfr.csv"] = asfr.joined(separator: "\n") + "\n"
        return (.embedded(name: "Sweden 1993 with single-year ASFR", files: files), five)
    }

    @Test func singleYearFertilityOnFiveYearPopulationNamesBothGrids() throws {
        let error = try #require(throws: DatasetError.self) { try DatasetReader().read(Self.swedenSingleYearFertility().0) }
        #expect(error.problems.map(\.description) == [
            "asfr.csv, column age: found \"0,1,2,3,4,5\", expected the age groups of pop_base.csv: asfr.csv has ages 0, 1, 2 ... 85+ (single years, open 85+), pop_base.csv has 0-4, 5-9, 10-14 ... 85+ (5-year, open 85+); give --ages regroup (asfr.csv's single years averaged into pop_base.csv's 5-year groups)",
        ])
    }

    /// Identity: the mean of a group's equal single-year rates is the group's rate.
    @Test func regroupAveragesSingleYearFertilityIntoGroups() throws {
        let (source, five) = try Self.swedenSingleYearFertility()
        let rates = try #require(try DatasetReader(ageGrids: .regroup).read(source).inputs.fertilityRates[1993])
        #expect(rates.count == five.count)
        for (r, f) in zip(rates, five) { #expect(abs(r - f) <= 1e-15 * max(f, 1e-300)) }
    }

    /// Kuwait 1950 (single years) with its ASFR in five-year groups (the means of
    /// the UN's single-year rates): refused without a choice; with `extend` the
    /// graduated single-year rates keep every group's births per woman, so the
    /// TFR is the UN's single-year TFR (FertilityGraduation keeps group totals).
    @Test func extendGraduatesFiveYearFertilityToSingleYears() throws {
        var files: [String: String] = [:]
        for file in ["pop_base.csv", "life_table.csv", "srb.csv"] {
            files[file] = try Self.lines("kuwait1x1", file).joined(separator: "\n") + "\n"
        }
        var single = [Double](repeating: 0, count: 101)
        for line in try Self.lines("kuwait1x1", "asfr.csv").dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            if f[0] == "1950", let age = Int(f[1]), let value = Double(f[3]) { single[age] = value }
        }
        var asfr = ["year,age,open_age,value"]
        for age in stride(from: 0, through: 100, by: 5) {
            let mean = age == 100 ? single[100] : single[age..<(age + 5)].reduce(0, +) / 5
            asfr.append("1950,\(age),\(age == 100 ? 1 : 0),\(mean)")
        }
        files["asfr.csv"] = asfr.joined(separator: "\n") + "\n"
        let source = DatasetSource.embedded(name: "Kuwait 1950 with five-year ASFR", files: files)
        let error = try #require(throws: DatasetError.self) { try DatasetReader().read(source) }
        #expect(error.problems.first?.description.contains("asfr.csv has ages 0-4, 5-9, 10-14 ... 100+ (5-year, open 100+), pop_base.csv has 0, 1, 2 ... 100+ (single years, open 100+); give --ages extend") == true)
        let rates = try #require(try DatasetReader(ageGrids: .extend).read(source).inputs.fertilityRates[1950])
        #expect(rates.count == 101)
        let tfr = single.reduce(0, +)
        #expect(abs(rates.reduce(0, +) - tfr) <= 1e-12 * tfr)
    }

    // MARK: Full rates on single years

    /// Canada 1950 (the UN's single-year inputs, Tests/Fixtures/canada1x1) with
    /// mx.csv cut at 85+ (its rate of 85 flagged open) beside life_table.csv's Sx to 100+.
    static func canada1950To85() throws -> DatasetSource {
        var files: [String: String] = [:]
        for file in ["pop_base.csv", "asfr.csv", "srb.csv", "life_table.csv"] {
            let all = try lines("canada1x1", file)
            files[file] = ([all[0]] + all.dropFirst().filter { $0.hasPrefix("1950,") }).joined(separator: "\n") + "\n"
        }
        var mx = ["year,sex,age,open_age,value"]
        for line in try lines("canada1x1", "mx.csv").dropFirst() where line.hasPrefix("1950,") {
            let f = line.split(separator: ",").map(String.init)
            guard let age = Int(f[2]), age <= 85 else { continue }
            mx.append("1950,\(f[1]),\(age),\(age == 85 ? 1 : 0),\(f[4])")
        }
        files["mx.csv"] = mx.joined(separator: "\n") + "\n"
        return .embedded(name: "Canada 1950 with mx to 85+", files: files)
    }

    @Test func singleYearFullRatesNameBothGridsAndRefuseToSumSx() throws {
        let error = try #require(throws: DatasetError.self) { try DatasetReader().read(Self.canada1950To85()) }
        #expect(error.problems.first?.description.contains("pop_base.csv has ages 0, 1, 2 ... 100+ (single years, open 100+), mx.csv has 0, 1, 2 ... 85+ (single years, open 85+); give --ages regroup (pop_base.csv and the files on its ages summed down to 85+) or --ages extend (the rates of mx.csv extended to 100+ by a Kannisto law fitted to ages 60 to 85)") == true, "\(error)")
        let regroup = try #require(throws: DatasetError.self) { try DatasetReader(ageGrids: .regroup).read(Self.canada1950To85()) }
        #expect(regroup.problems.map(\.description) == [
            "life_table.csv, column Sx: expected survival ratios on the regrouped ages (85+): Sx are ratios of person-years and cannot be summed down from 100+; leave Sx out and give --survival recompute, or give --ages extend",
        ])
    }

    /// Extending single-year rates from 85+ to 100+ keeps ages 0–84 exactly and
    /// continues them with the fitted law (its logit rises by b a year).
    @Test func singleYearFullRatesExtendWithTheLaw() throws {
        let inputs = try DatasetReader(ageGrids: .extend).read(Self.canada1950To85()).inputs
        #expect(inputs.deathRateAges == (try AgeStructure.singleYear(openAge: 100)))
        let source = try Self.canada1950To85()
        guard case .embedded(_, let files) = source, let text = files["mx.csv"] else { return }
        for sex in Sex.allCases {
            let given = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
                .filter { $0[1] == sex.rawValue }.compactMap { Double($0[4]) }
            let rates = try #require(inputs.deathRates[1950]?[sex])
            #expect(Array(rates.prefix(85)) == Array(given.prefix(85)))
            func logit(_ m: Double) -> Double { log(m / (1 - m)) }
            let slopes = (85..<99).map { logit(rates[$0 + 1]) - logit(rates[$0]) }
            for s in slopes { #expect(abs(s - slopes[0]) < 1e-9) }
        }
        #expect(try inputs.projection(survival: .recompute(LifeTableOptions())).steps.count == 1)
    }
}
