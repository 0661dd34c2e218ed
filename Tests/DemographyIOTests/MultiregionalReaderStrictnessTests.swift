import Testing
import Foundation
import Demography
@testable import DemographyIO

/// The audit's damaged multiregional files (Willekens & Rogers layouts): each is
/// refused with a problem naming the damaged file, its line, the value and what
/// was expected, and the undamaged layouts still read.
@Suite struct MultiregionalReaderStrictnessTests {
    static let fixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/multiregional")

    enum Layout { case flows, rates, outMigration }

    /// A copy of the Willekens–Rogers data in a fresh folder: the counts as
    /// published (`flows`), or turned into the rates layouts (`mx.csv`,
    /// `asfr.csv`, and `mig_rates.csv` or `outmig_rates.csv` + `destination_shares.csv`).
    static func copy(_ layout: Layout) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mr-strict-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for name in ["pop_base.csv", "deaths.csv", "births.csv", "mig_flows.csv"] {
            try FileManager.default.copyItem(at: fixture.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        guard layout != .flows else { return dir }
        let data = try MultiregionalDataset.read(directory: fixture)
        let rates = data.rates, regions = rates.regions, ages = rates.ages
        func open(_ x: Int) -> Int { x == ages.count - 1 ? 1 : 0 }
        var mx = "year,region,sex,age,open_age,value\n", asfr = "year,region,age,open_age,value\n"
        for (i, region) in regions.enumerated() {
            for (x, age) in ages.startAges.enumerated() {
                mx += "1961,\(region),female,\(age),\(open(x)),\(rates.deathRates(region: i, sex: .female)[x])\n"
                asfr += "1961,\(region),\(age),\(open(x)),\(rates.fertilityRates(region: i)[x])\n"
            }
        }
        try write(mx, "mx.csv", in: dir)
        try write(asfr, "asfr.csv", in: dir)
        for name in ["deaths.csv", "births.csv", "mig_flows.csv"] { try FileManager.default.removeItem(at: dir.appendingPathComponent(name)) }
        if layout == .rates {
            var od = "year,origin,destination,sex,age,open_age,value\n"
            for (i, origin) in regions.enumerated() {
                for (j, destination) in regions.enumerated() where j != i {
                    for (x, age) in ages.startAges.enumerated() {
                        od += "1961,\(origin),\(destination),female,\(age),\(open(x)),\(rates.migration.rate(from: i, to: j, sex: .female, ageIndex: x))\n"
                    }
                }
            }
            try write(od, "mig_rates.csv", in: dir)
        } else {
            var out = "year,region,sex,age,open_age,value\n"
            for (i, region) in regions.enumerated() {
                for (x, age) in ages.startAges.enumerated() {
                    out += "1961,\(region),female,\(age),\(open(x)),\(rates.migration.outMigrationRates(sex: .female, ageIndex: x)[i])\n"
                }
            }
            try write(out, "outmig_rates.csv", in: dir)
            try write("origin,destination,value\nslovenia,rest_of_yugoslavia,1\nrest_of_yugoslavia,slovenia,1\n", "destination_shares.csv", in: dir)
        }
        return dir
    }

    static func write(_ text: String, _ name: String, in dir: URL) throws {
        try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    /// Replaces line `line` (1-based) of `name` by `transform` of it.
    static func edit(_ dir: URL, _ name: String, line: Int, _ transform: (String) -> String) throws {
        let url = dir.appendingPathComponent(name)
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        lines[line - 1] = transform(lines[line - 1])
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    /// Line `line` with its last field replaced by `value`.
    static func setValue(_ dir: URL, _ name: String, line: Int, to value: String) throws {
        try edit(dir, name, line: line) { $0.split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ",") + ",\(value)" }
    }

    static func appendLine(_ dir: URL, _ name: String, copyOf line: Int, transform: (String) -> String = { $0 }) throws {
        let url = dir.appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.components(separatedBy: "\n").filter { !$0.isEmpty }
        lines.append(transform(lines[line - 1]))
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    static func problems(_ dir: URL) -> [InputProblem] {
        defer { try? FileManager.default.removeItem(at: dir) }
        do { _ = try MultiregionalDataset.read(directory: dir); return [] } catch { return error.problems }
    }

    @Test(arguments: [Layout.flows, .rates, .outMigration])
    func undamagedLayoutsRead(layout: Layout) throws {
        let dir = try Self.copy(layout)
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try MultiregionalDataset.read(directory: dir)
        #expect(data.start.regionCount == 2 && data.startYear == 1961)
        #expect(data.warnings.isEmpty)
    }

    /// F8: mx = 5 in one cell gave negative flows; now refused at the line of the rate.
    @Test func deathRateTooHighForTheLinearMethodIsRefusedAtItsLine() throws {
        let dir = try Self.copy(.rates)
        try Self.setValue(dir, "mx.csv", line: 3, to: "5")
        let found = Self.problems(dir)
        #expect(found.count == 1)
        let p = try #require(found.first)
        #expect(p.file == "mx.csv" && p.line == 3 && p.column == "value" && p.value == "5")
        #expect(p.expected.contains("linear survival/transition matrix"))
        #expect(p.expected.contains("slovenia, female, age 5"))
    }

    /// F8 through the out-migration rate: the line named is the out-migration rate's.
    @Test func outMigrationRateTooHighIsRefusedAtItsLine() throws {
        let dir = try Self.copy(.outMigration)
        try Self.setValue(dir, "outmig_rates.csv", line: 4, to: "0.9")
        let found = Self.problems(dir)
        #expect(found.count == 1)
        #expect(found.first?.file == "outmig_rates.csv" && found.first?.line == 4 && found.first?.value == "0.9")
    }

    /// F9: inputs of 1e300 gave "population: … -> inf"; the limits refuse them.
    @Test(arguments: ["pop_base.csv", "deaths.csv", "births.csv", "mig_flows.csv"])
    func valuesOf1e300AreRefused(file: String) throws {
        let dir = try Self.copy(.flows)
        try Self.setValue(dir, file, line: 3, to: "1e300")
        let found = Self.problems(dir)
        #expect(found.first?.file == file && found.first?.line == 3 && found.first?.value == "1e300")
    }

    /// F12: hexadecimal floats and other non-decimal syntax.
    @Test(arguments: ["0x1p3", "1_000", "nan", "inf", "1e", "１２"])
    func nonDecimalNumbersAreRefused(text: String) throws {
        let dir = try Self.copy(.rates)
        try Self.setValue(dir, "mig_rates.csv", line: 2, to: text)
        let found = Self.problems(dir)
        #expect(found.count == 1)
        #expect(found.first?.file == "mig_rates.csv" && found.first?.line == 2 && found.first?.value == text)
    }

    /// F11: duplicate keys in births.csv and the OD files were summed, in
    /// destination_shares.csv overwritten; each is now a problem at the second line.
    @Test(arguments: [("births.csv", Layout.flows), ("mig_flows.csv", .flows), ("mig_rates.csv", .rates),
                      ("destination_shares.csv", .outMigration), ("deaths.csv", .flows), ("outmig_rates.csv", .outMigration)])
    func duplicateKeysAreRefused(file: String, layout: Layout) throws {
        let dir = try Self.copy(layout)
        try Self.appendLine(dir, file, copyOf: 2)
        let lines = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8).split(separator: "\n").count
        let found = Self.problems(dir)
        #expect(found.contains { $0.file == file && $0.line == lines && $0.expected.contains("line 2 has it already") }, "\(found)")
    }

    /// `data: expected sum of the destination shares of slovenia is 2, expected 1`
    /// named no file; now destination_shares.csv and the origin.
    @Test func destinationSharesNotSummingToOneNameTheFile() throws {
        let dir = try Self.copy(.outMigration)
        try Self.write("origin,destination,value\nslovenia,rest_of_yugoslavia,0.5\nrest_of_yugoslavia,slovenia,1\n",
                       "destination_shares.csv", in: dir)
        let found = Self.problems(dir)
        #expect(found == [InputProblem(file: "destination_shares.csv", column: "origin", value: "slovenia",
                                       expected: "destination shares of slovenia summing to 1, found 0.5")])
    }

    /// F11: an unreadable srb.csv fell back to 1.05.
    @Test(arguments: ["value\nabc\n", "value\n0x1p0\n", "value\n105\n", "srb\n1.05\n", "value\n"])
    func unreadableSexRatioIsRefused(text: String) throws {
        let dir = try Self.copy(.flows)
        try Self.write(text, "srb.csv", in: dir)
        let found = Self.problems(dir)
        #expect(found.count == 1 && found.first?.file == "srb.csv", "\(found)")
    }

    /// F11: open-age flags were ignored.
    @Test func openAgeFlagsAreChecked() throws {
        let middle = try Self.copy(.flows)
        try Self.edit(middle, "deaths.csv", line: 5) { $0.replacingOccurrences(of: ",0,", with: ",1,") }
        #expect(Self.problems(middle).first.map { $0.file == "deaths.csv" && $0.line == 5 && $0.column == "open_age" } == true)
        let last = try Self.copy(.flows)
        try Self.edit(last, "pop_base.csv", line: 19) { $0.replacingOccurrences(of: ",85,1,", with: ",85,0,") }
        #expect(Self.problems(last).first.map { $0.file == "pop_base.csv" && $0.line == 19 && $0.column == "open_age" } == true)
    }

    /// A gap in the fertility ages (they were zero).
    @Test func aGapInTheFertilityAgesIsRefused() throws {
        let dir = try Self.copy(.flows)
        try Self.edit(dir, "births.csv", line: 6) { _ in "# removed" }
        let found = Self.problems(dir)
        #expect(found.count == 1 && found.first?.file == "births.csv" && found.first?.value == "20", "\(found)")
    }

    /// A row of another year in a one-year file.
    @Test func aSecondYearIsRefused() throws {
        let dir = try Self.copy(.flows)
        try Self.edit(dir, "deaths.csv", line: 4) { $0.replacingOccurrences(of: "1961,", with: "1962,") }
        let found = Self.problems(dir)
        #expect(found.count == 1 && found.first?.file == "deaths.csv" && found.first?.line == 4 && found.first?.column == "year")
    }

    /// Deaths in a group with no population were silently rate 0.
    @Test func eventsInAnEmptyGroupAreRefused() throws {
        let dir = try Self.copy(.flows)
        try Self.setValue(dir, "pop_base.csv", line: 3, to: "0")
        let found = Self.problems(dir)
        #expect(found.contains { $0.file == "deaths.csv" && $0.line == 3 && $0.expected.contains("no deaths in a group with no population") })
        #expect(found.contains { $0.file == "mig_flows.csv" && $0.line == 3 })
    }
}
