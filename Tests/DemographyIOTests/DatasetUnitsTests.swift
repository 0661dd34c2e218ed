import Testing
import Foundation
import Demography
@testable import DemographyIO

/// Declared units (units.csv, `--unit`): converted to the canonical ones, so that
/// the same data in another declared unit project identically; numbers that look
/// like another unit refused with the file, the value and the likely mistake; bad
/// declarations refused with the file, line, column, value and what is allowed.
@Suite struct DatasetUnitsTests {
    static func write(_ text: String, _ dir: URL, _ file: String) throws {
        try text.write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8)
    }

    /// Multiplies the last column (the value) of every data row of `file` by
    /// `factor`, written to 15 significant digits; `only` limits it to rows
    /// starting with that text.
    static func rescale(_ dir: URL, _ file: String, by factor: Double, only prefix: String? = nil) throws {
        let url = dir.appendingPathComponent(file)
        // Split at "\r\n" too (a single Character in Swift): some fixtures have CRLF lines.
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        var out = [lines[0]]
        for line in lines.dropFirst() {
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if prefix == nil || line.hasPrefix(prefix ?? "") {
                let last = try #require(fields.last)
                let value = try #require(Double(last), "\(file): \(line)")
                fields[fields.count - 1] = String(format: "%.15g", value * factor)
            }
            out.append(fields.joined(separator: ","))
        }
        try (out.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    static func problems(_ body: () throws -> Void) -> [InputProblem] {
        do { try body() } catch let error as DatasetError { return error.problems } catch { return [] }
        return []
    }

    // MARK: The acceptance cases

    /// WPP 2022's SRB, males per 100 females, copied into srb.csv of the WPP layout.
    @Test func sexRatioPer100IsRefusedNamingFileValueAndUnit() throws {
        let dir = try ReaderStrictnessTests.copy("canada2023")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.rescale(dir, "srb.csv", by: 100, only: "2024,")
        let p = Self.problems { _ = try AssumptionsReader().read(.directory(dir), migrationPattern: .default) }
        // The refused row also leaves its year missing, which is the next problem.
        #expect(p.first?.description == "srb.csv, line 3, column value: found \"105.3\", expected a sex ratio at birth in males per female from 0.5 to 2; it looks like males per 100 females; divide by 100 (1.053) or declare srb,per 100 females in units.csv", "\(p)")
    }

    /// Net migrants in persons next to a population in thousands (WPP 2017,
    /// Sweden: 2015-2020 net migration 195.4 thousand written as 195,400 persons).
    @Test func migrationInPersonsWithPopulationInThousandsIsRefused() throws {
        let dir = try ReaderStrictnessTests.copy("wpp2017")
        defer { try? FileManager.default.removeItem(at: dir) }
        let line = try #require(try String(contentsOf: dir.appendingPathComponent("mig_net_total.csv"), encoding: .utf8)
            .split(separator: "\n").first { $0.hasPrefix("752,2015,") })
        let field = try #require(line.split(separator: ",").last)
        let published = try #require(Double(field))
        try Self.rescale(dir, "mig_net_total.csv", by: 1000, only: "752,2015,")
        let p = Self.problems { _ = try AssumptionsReader(location: "752").read(.directory(dir), migrationPattern: .default) }
        let problem = try #require(p.first, "\(p)")
        #expect(p.count == 1, "\(p)")
        #expect(problem.file == "mig_net_total.csv" && problem.column == "value" && problem.line != nil)
        #expect(problem.value == UnitPlausibility.text(published * 1000), "\(problem)")
        #expect(problem.expected.contains("it looks like persons while the population is in thousands: divide by 1000 (\(UnitPlausibility.text(published)))"), "\(problem)")
        #expect(problem.expected.contains("thousands in pop_base.csv"), "\(problem)")
    }

    /// One later period's total typed in persons (the newcomer's 147 → 147000):
    /// refused against the largest population possible by then.
    @Test func aLaterPeriodInTheWrongUnitIsRefused() throws {
        let dir = try ReaderStrictnessTests.copy("wpp2017")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.rescale(dir, "mig_net_total.csv", by: 1000, only: "752,2030,")
        let p = Self.problems { _ = try AssumptionsReader(location: "752").read(.directory(dir), migrationPattern: .default) }
        let problem = try #require(p.first, "\(p)")
        #expect(p.count == 1, "\(p)")
        #expect(problem.file == "mig_net_total.csv", "\(problem)")
        #expect(problem.expected.hasPrefix("net migrants during the period 2030 of at most twice the largest population possible by then"), "\(problem)")
        #expect(problem.expected.contains("it looks like persons while the population is in thousands: divide by 1000"), "\(problem)")
    }

    /// Net migration by age in persons next to a population in thousands (full rates).
    @Test func migrationCountsInTheWrongUnitAreRefused() throws {
        let dir = try ReaderStrictnessTests.copy("sweden1993")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.rescale(dir, "pop_base.csv", by: 0.001)
        try Self.write("quantity,unit\npopulation,thousands\n", dir, "units.csv")
        let p = Self.problems { _ = try DatasetReader().read(directory: dir) }
        let problem = try #require(p.first, "\(p)")
        #expect(p.count == 1, "\(p)")
        #expect(problem.file == "mig_net_count.csv" && problem.line == 2, "\(problem)")
        #expect(problem.expected.hasPrefix("net migrants during the period 1993 of at most twice the base population"), "\(problem)")
        #expect(problem.expected.contains("it looks like persons while the population is in thousands"), "\(problem)")
    }

    /// The WPP files' thousands declared as persons, and the same with no declaration.
    @Test(arguments: [true, false])
    func thousandsDeclaredAsPersonsAreRefused(declared: Bool) throws {
        let dir = try ReaderStrictnessTests.copy("wpp2017")
        defer { try? FileManager.default.removeItem(at: dir) }
        if declared {
            try Self.write("quantity,unit\npopulation,persons\n", dir, "units.csv")
        } else {
            try FileManager.default.removeItem(at: dir.appendingPathComponent("units.csv"))
        }
        let p = Self.problems { _ = try AssumptionsReader(location: "752").read(.directory(dir), migrationPattern: .default) }
        let problem = try #require(p.first, "\(p)")
        #expect(p.count == 1, "\(p)")
        #expect(problem.file == "pop_base.csv" && problem.column == "value", "\(problem)")
        // The first row of Sweden in Tests/Fixtures/wpp2017/pop_base.csv.
        let rows = try String(contentsOf: dir.appendingPathComponent("pop_base.csv"), encoding: .utf8).split(separator: "\n")
        let first = try #require(rows.firstIndex { $0.hasPrefix("752,") })
        #expect(problem.line == first + 1 && problem.value == rows[first].split(separator: ",").last.map(String.init), "\(problem)")
        #expect(problem.expected.contains("these look like thousands"), "\(problem)")
        #expect(problem.expected.hasSuffix("declare population,thousands in units.csv (or --unit population=thousands)"), "\(problem)")
        #expect(problem.expected.contains(declared ? "as declared in units.csv, line 2" : "no unit is declared"), "\(problem)")
    }

    /// Persons (Sweden 1993, whole numbers, 8.7 million) declared as thousands.
    @Test func personsDeclaredAsThousandsAreRefused() throws {
        let dir = try ReaderStrictnessTests.copy("sweden1993")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write("quantity,unit\npopulation,thousands\n", dir, "units.csv")
        let p = Self.problems { _ = try DatasetReader().read(directory: dir) }
        let problem = try #require(p.first, "\(p)")
        #expect(problem.file == "pop_base.csv", "\(problem)")
        #expect(problem.expected.contains("these look like persons; declare population,persons in units.csv"), "\(problem)")
    }

    /// Death rates per 1,000 person-years in the file of rates per person-year.
    @Test func deathRatesPer1000AreRefused() throws {
        let dir = try ReaderStrictnessTests.copy("wpp2017")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.rescale(dir, "mx.csv", by: 1000, only: "752,2015,male,45,")
        let p = Self.problems { _ = try AssumptionsReader(location: "752").read(.directory(dir), migrationPattern: .default) }
        let problem = try #require(p.first, "\(p)")
        #expect(p.count == 1, "\(p)")
        #expect(problem.file == "mx.csv" && problem.line != nil, "\(problem)")
        #expect(problem.expected.hasPrefix("a death rate at age 45 of at most 1 a person-year"), "\(problem)")
        #expect(problem.expected.contains("it looks like deaths per 1000 person-years"), "\(problem)")
    }

    /// Every fixture and the WPP 2024 folder pass the unit checks as they are
    /// (their units.csv or the canonical units).
    @Test func publishedDataPassTheUnitChecks() throws {
        for name in ["sweden1993", "canada1x1", "kuwait1x1"] {
            let dataset = try DatasetReader().read(directory: ReaderStrictnessTests.fixture(name))
            #expect(dataset.units.population == .persons, "\(name)")
        }
        let canada = try AssumptionsReader().read(.directory(ReaderStrictnessTests.fixture("canada2023")), migrationPattern: .default)
        #expect(canada.units.population == .persons && canada.units.declared["population"] == "units.csv, line 2")
        let folder = ReaderStrictnessTests.fixture("wpp2017")
        for code in try LocationTable.read(.directory(folder)).map(\.code) {
            let dataset = try AssumptionsReader(location: code).read(.directory(folder), migrationPattern: .default)
            #expect(dataset.units.population == .thousands, "\(code)")
        }
        let wpp2024 = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/wpp2024")
        let archive = EmbeddedDatasets.wpp2024
        let split = try LocationSplit.split(.directory(wpp2024), files: archive.files, locations: archive.codes, name: "wpp2024")
        var refused: [String] = []
        for code in archive.codes {
            let source = try #require(split[code])
            do {
                let dataset = try AssumptionsReader(location: code).read(source, migrationPattern: .default)
                if dataset.units.population != .thousands { refused.append("\(code): \(dataset.units.population)") }
            } catch { refused.append("\(code): \(error.oneLine)") }
        }
        #expect(refused.isEmpty, "\(refused.prefix(3))")
    }

    // MARK: Conversion: the same data in other units project identically

    /// WPP 2017 Sweden with SRB per 100 females, ASFR and mx per 1,000, net
    /// migration per year and the population in persons: by population accounting
    /// the projection is the original's times 1000 (every count scaled, every rate
    /// the same).
    @Test func declaredUnitsProjectAsTheCanonicalOnes() throws {
        let dir = try ReaderStrictnessTests.copy("wpp2017")
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = try AssumptionsReader(location: "752").read(.directory(dir), migrationPattern: .default)
        for file in ["srb.csv", "hist_srb.csv"] { try Self.rescale(dir, file, by: 100) }
        for file in ["mx.csv", "hist_mx.csv", "asfr.csv", "hist_asfr.csv"] { try Self.rescale(dir, file, by: 1000) }
        for file in ["pop_base.csv", "hist_pop.csv"] { try Self.rescale(dir, file, by: 1000) }
        for file in ["mig_net_total.csv", "hist_mig_net_total.csv"] { try Self.rescale(dir, file, by: 1000.0 / 5) }
        try Self.write("quantity,unit\npopulation,persons\nsrb,per 100 females\nasfr,per 1000 women\nmx,per 1000\nmig_net_total,per year\npasfr,percent\n",
                       dir, "units.csv")
        let declared = try AssumptionsReader(location: "752").read(.directory(dir), migrationPattern: .default)
        #expect(declared.units.population == .persons && declared.units.migNetTotal == .perYear)
        #expect(declared.warnings.isEmpty, "\(declared.warnings)")
        let a = try original.assumptions.projection(.medium).run()
        let b = try declared.assumptions.projection(.medium).run()
        try Self.expectScaled(a, b, by: 1000)
    }

    /// Sweden 1993 (full rates) with the population and migration in thousands and
    /// ASFR per 1,000 women, declared by the caller (`--unit`) with no units.csv:
    /// the projection is the original's divided by 1000.
    @Test func callerDeclarationsConvertAsUnitsCSVDoes() throws {
        let dir = try ReaderStrictnessTests.copy("sweden1993")
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = try DatasetReader().read(directory: dir)
        for file in ["pop_base.csv", "mig_net_count.csv"] { try Self.rescale(dir, file, by: 0.001) }
        try Self.rescale(dir, "asfr.csv", by: 1000)
        try Self.rescale(dir, "srb.csv", by: 100)
        let units = try ["population=thousands", "asfr=per 1,000 women", "SRB = Per 100 Females"].map {
            try DatasetUnits.Declaration.parse(option: $0).get()
        }
        let declared = try DatasetReader(units: units).read(directory: dir)
        #expect(declared.units.population == .thousands && declared.units.declared["population"] == "--unit")
        let a = try original.inputs.projection(survival: .given).run()
        let b = try declared.inputs.projection(survival: .given).run()
        try Self.expectScaled(a, b, by: 0.001)
    }

    /// Every population of `b` is that of `a` times `factor`, to 1e-10 relative.
    static func expectScaled(_ a: ProjectionResult, _ b: ProjectionResult, by factor: Double) throws {
        #expect(a.populations.count == b.populations.count && a.populations.count > 1)
        for (pa, pb) in zip(a.populations, b.populations) {
            for (x, y) in zip(pa.counts.female + pa.counts.male, pb.counts.female + pb.counts.male) {
                #expect(abs(x * factor - y) <= 1e-10 * max(1, abs(x * factor)), "\(x) × \(factor) vs \(y)")
            }
        }
    }

    // MARK: Bad declarations

    @Test func badUnitsFileEntriesAreRefusedWithWhatIsAllowed() throws {
        let dir = try ReaderStrictnessTests.copy("sweden1993")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write("quantity,unit\npopulation,millions\nfertility,per woman\nsrb,per female\nsrb,per 100 females\n", dir, "units.csv")
        let p = Self.problems { _ = try DatasetReader().read(directory: dir) }
        #expect(p.map(\.description) == [
            "units.csv, line 2, column unit: found \"millions\", expected a unit of population: persons or thousands",
            "units.csv, line 3, column quantity: found \"fertility\", expected a quantity: population, srb, asfr, pasfr, mx, mig_net_total",
            "units.csv, line 5, column quantity: found \"srb\", expected one row for srb, but line 4 has it already",
        ])
    }

    @Test func unitsFileWithoutItsColumnsIsRefused() throws {
        let dir = try ReaderStrictnessTests.copy("sweden1993")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write("population,thousands\n", dir, "units.csv")
        let p = Self.problems { _ = try DatasetReader().read(directory: dir) }
        #expect(p.count == 2 && p.allSatisfy { $0.file == "units.csv" && $0.line == 1 }, "\(p)")
        #expect(p.first?.expected.contains("\"quantity\"") == true, "\(p)")
    }

    @Test(arguments: [
        ("population", "--unit: found \"population\", expected quantity=unit, such as population=thousands; population: persons or thousands; srb: per female or per 100 females; asfr: per woman or per 1000 women; pasfr: percent; mx: per person-year or per 1000; mig_net_total: per period or per year"),
        ("population=millions", "--unit: found \"population=millions\", expected a unit of population: persons or thousands"),
        ("tfr=per woman", "--unit: found \"tfr\", expected a quantity: population, srb, asfr, pasfr, mx, mig_net_total"),
    ])
    func badOptionsAreRefused(text: String, message: String) {
        switch DatasetUnits.Declaration.parse(option: text) {
        case .success(let d): Issue.record("accepted \(d)")
        case .failure(let problem): #expect(problem.description == message)
        }
    }

    /// A declared unit sets the limits of its file: SRB 1.05 declared per 100 females is refused.
    @Test func aValueOutsideTheDeclaredUnitIsRefusedInThatUnit() throws {
        let dir = try ReaderStrictnessTests.copy("sweden1993")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write("quantity,unit\nsrb,per 100 females\n", dir, "units.csv")
        let p = Self.problems { _ = try DatasetReader().read(directory: dir) }
        #expect(p.first?.description.hasSuffix("expected a sex ratio at birth in males per 100 females from 50 to 200") == true, "\(p)")
    }
}
