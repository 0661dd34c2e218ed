import Testing
import Foundation
@testable import DemographyIO

/// Each value is checked against what it measures: outside the limits refused
/// with a located message (and a likely cause when there is one), outside the
/// usual range read with a warning.
@Suite struct QuantityRangeTests {
    static func read(_ quantity: Quantity, _ text: String) -> (Double?, [InputProblem]) {
        var problems: [InputProblem] = []
        let v = quantity.read(text, file: "f.csv", line: 3, column: "value", problems: &problems)
        return (v, problems)
    }

    @Test func sexRatioPer100FemalesIsRefusedWithTheHint() {
        let (v, p) = Self.read(.sexRatioAtBirth, "105.9")
        #expect(v == nil)
        #expect(p.map(\.description) == [
            "f.csv, line 3, column value: found \"105.9\", expected a sex ratio at birth in males per female from 0.5 to 2; it looks like males per 100 females; divide by 100 (1.059) or declare srb,per 100 females in units.csv",
        ])
    }

    @Test func sexRatioAtBirthInDatasetIsLocated() throws {
        let dir = try ReaderStrictnessTests.copy("sweden1993")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "year,value\n1993,105.9\n".write(to: dir.appendingPathComponent("srb.csv"), atomically: true, encoding: .utf8)
        let error = try #require(throws: DatasetError.self) { try DatasetReader().read(directory: dir) }
        #expect(error.problems.first?.description == "srb.csv, line 2, column value: found \"105.9\", expected a sex ratio at birth in males per female from 0.5 to 2; it looks like males per 100 females; divide by 100 (1.059) or declare srb,per 100 females in units.csv")
    }

    @Test func totalFertilityOf143IsRefused() {
        let (v, p) = Self.read(.totalFertility, "143")
        #expect(v == nil)
        #expect(p.count == 1 && p[0].severity == .error)
        #expect(p[0].expected.hasPrefix("a total fertility rate in children per woman from 0 to 20"), "\(p)")
        #expect(p[0].expected.contains("divide by 100 (1.43)"))
    }

    @Test(arguments: [(Quantity.survivalRatio, "1.5"), (.survivalRatio, "-0.1"), (.lifeExpectancy, "0"), (.lifeExpectancy, "-1"),
                      (.lifeExpectancy, "-1e-300"), (.fertilityRate, "1e308"), (.population(), "1e300"), (.deathRate, "1e6"),
                      (.netMigrants(), "1e300"), (.netMigrationRate, "11"), (.percentage, "101"), (.proportion, "1.01"),
                      (.totalFertility, "-1")])
    func outsideTheLimitsIsRefused(quantity: Quantity, text: String) {
        let (v, p) = Self.read(quantity, text)
        #expect(v == nil)
        #expect(p.count == 1 && p[0].severity == .error && p[0].value == text && p[0].line == 3, "\(p)")
        #expect(p[0].expected.hasPrefix(quantity.expectation))
    }

    @Test func lifeExpectancyOfZeroSaysAbove0() {
        #expect(Self.read(.lifeExpectancy, "0").1.first?.expected == "a life expectancy at birth in years above 0 to 120")
    }

    @Test(arguments: [(Quantity.sexRatioAtBirth, "1.3", 1.3), (.totalFertility, "12", 12), (.lifeExpectancy, "10", 10),
                      (.deathRate, "5", 5), (.fertilityRate, "0.7", 0.7), (.netMigrationRate, "-0.5", -0.5)])
    func unusualValueIsReadWithAWarning(quantity: Quantity, text: String, value: Double) {
        let (v, p) = Self.read(quantity, text)
        #expect(v == value)
        #expect(p.count == 1 && p[0].severity == .warning, "\(p)")
        #expect(p[0].description.hasPrefix("warning: f.csv, line 3, column value: found \"\(text)\""))
        #expect(!p.hasErrors && p.warnings.count == 1)
    }

    @Test(arguments: [(Quantity.sexRatioAtBirth, "1.05"), (.totalFertility, "1.9"), (.lifeExpectancy, "81.2"),
                      (.survivalRatio, "1"), (.population(), "0"), (.netMigrants(), "-6840")])
    func usualValueIsReadQuietly(quantity: Quantity, text: String) {
        let (v, p) = Self.read(quantity, text)
        #expect(v == Double(text))
        #expect(p.isEmpty)
    }

    /// A warning does not stop the read, and reaches the dataset's warnings.
    @Test func unusualValueInDatasetIsReadAndWarned() throws {
        let dir = try ReaderStrictnessTests.copy("sweden1993")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "year,value\n1993,1.3\n".write(to: dir.appendingPathComponent("srb.csv"), atomically: true, encoding: .utf8)
        let dataset = try DatasetReader().read(directory: dir)
        #expect(dataset.inputs.sexRatioAtBirth[1993] == 1.3)
        #expect(dataset.warnings.map(\.description) == [
            "warning: srb.csv, line 2, column value: found \"1.3\", expected a sex ratio at birth in males per female usually from 0.95 to 1.2; read as given",
        ])
    }

    /// The published fixtures raise no warning: the usual ranges hold real data.
    @Test(arguments: ["sweden1993", "canada1x1", "kuwait1x1"])
    func publishedDatasetsAreUsual(name: String) throws {
        let dataset = try DatasetReader().read(directory: ReaderStrictnessTests.fixture(name))
        #expect(dataset.warnings.isEmpty, "\(dataset.warnings)")
    }
}
