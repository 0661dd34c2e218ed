import Testing
import Foundation

/// Audit §1b and F13: every odd option value is refused with a message that names
/// the option, the value found and what was expected, or accepted when it is meaningful.
@Suite struct OptionValidationTests {
    /// Runs popproj and returns its exit status and the first line of standard error.
    static func refusal(_ arguments: [String]) throws -> (status: Int32, message: String) {
        let run = try PopProjRunner.run(arguments)
        return (run.status, run.stderr.split(separator: "\n").first.map(String.init) ?? "")
    }

    static let sweden = PopProjRunner.fixture("sweden1993").path
    static let wpp = PopProjRunner.fixture("wpp2017").path
    static let washington = PopProjRunner.fixture("washington").path
    static let whale = PopProjRunner.fixture("matrices/whale.csv").path

    // "Missing value for '--threads <threads>'": the parser read -1 as an option.
    @Test(arguments: [
        (["project", "--threads", "-1"], "popproj: --threads: found -1, expected a whole number from 1 to 1024"),
        (["project", "--threads", "0"], "popproj: --threads: found 0, expected a whole number from 1 to 1024"),
        (["project", "--threads", "100000", "--trajectories", "2"], "popproj: --threads: found 100000, expected a whole number from 1 to 1024"),
        (["stable", "--data", sweden, "--year", "-1"], "popproj: --year: found -1, expected a whole number from 1 to 9999"),
        (["lifetable", "--mx", "x.csv", "--year", "-1"], "popproj: --year: found -1, expected a whole number from 1 to 9999"),
        (["multiregional", "--data", washington, "--out", "x", "--steps", "-1"],
         "popproj: --steps: found -1, expected a whole number from 0 to 1000 (every step's populations and flows are held in memory until written)"),
        (["multiregional", "--data", washington, "--out", "x", "--flow-steps", "-3"], "popproj: --flow-steps: found -3, expected a whole number from 0 to 1000"),
    ])
    func negativeAndOutOfRangeWholeNumbers(arguments: [String], message: String) throws {
        let (status, line) = try Self.refusal(arguments)
        #expect(status != 0)
        #expect(line == message)
    }

    // F4: 9223372036854775807 overflowed in the library (signal 4); 2147483648 ran for ever.
    @Test(arguments: ["9223372036854775807", "2147483648", "1000001", "0", "-5"])
    func trajectoriesAreBounded(value: String) throws {
        let (status, line) = try Self.refusal(["project", "--trajectories", value])
        #expect(status == 64 || status == 1)
        #expect(line.hasPrefix("popproj: --trajectories: found \(value), expected a whole number from 1 to 1000000 (each trajectory is a whole projection"))
    }

    @Test(arguments: ["nan", "inf", "1e308", "-1"])
    func progressDelayIsFiniteAndBounded(value: String) throws {
        let (status, line) = try Self.refusal(["project", "--progress-delay", value])
        #expect(status != 0)
        #expect(line.hasPrefix("popproj: --progress-delay: found "))
        #expect(line.hasSuffix("expected a number of seconds from 0 to 3600"))
    }

    // F9: --width 1e308 and 4.9e-324 printed inf.
    @Test(arguments: ["1e308", "4.9e-324", "1e-320", "0", "-1", "nan", "1001"])
    func stableWidthIsBounded(value: String) throws {
        let (status, line) = try Self.refusal(["stable", "--matrix", Self.whale, "--width", value])
        #expect(status != 0)
        #expect(line.hasSuffix("expected a number of years above 0 and at most 1000"), "\(line)")
        #expect(!line.contains("inf "))
    }

    @Test func stableWidthInRangeIsAccepted() throws {
        let run = try PopProjRunner.run(["stable", "--matrix", Self.whale, "--width", "1000"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("inf") && !run.stdout.contains("nan"))
    }

    // F8 at the option: 1e-320 gave flows of -7.7e-320.
    @Test(arguments: ["1e-320", "1", "1.5", "-0.1", "nan"])
    func internalRateIsARate(value: String) throws {
        let (status, line) = try Self.refusal(["multiregional", "--data", Self.washington, "--out", "x", "--internal-rate", value])
        #expect(status != 0)
        #expect(line.hasPrefix("popproj: --internal-rate: found "))
        #expect(line.contains("expected a rate from 0 up to (not including) 1"))
    }

    // §1b: 10,000 steps were accepted; 300 county steps wrote 4.7 GB of flows.csv.
    @Test func multiregionalOutputIsBounded() throws {
        let (status, line) = try Self.refusal(["multiregional", "--data", Self.washington, "--out", "x", "--steps", "300"])
        #expect(status != 0)
        #expect(line.contains("flows.csv of 300 steps would have 89,809,200 rows"))
        #expect(line.contains("give --flow-steps N with N at most 66"))
        let (_, held) = try Self.refusal(["multiregional", "--data", Self.washington, "--out", "x", "--steps", "1000", "--flow-steps", "1"])
        #expect(held.contains("give at most --steps 813"))
    }

    // §1b: medium,medium ran medium twice; medium,,high skipped the empty item; '' said "no complete period".
    @Test(arguments: [
        ("--variants", "medium,medium", "popproj: --variants: found \"medium,medium\", which names \"medium\" twice (items 1 and 2); expected each at most once"),
        ("--variants", "medium,,high", "popproj: --variants: found \"medium,,high\", whose item 2 is empty; expected all or a comma-separated list of variants (medium, high, low, constant-fertility, instant-replacement, momentum, zero-migration, constant-mortality, no-change)"),
        ("--variants", "", "popproj: --variants: found \"\", expected all or a comma-separated list of variants (medium, high, low, constant-fertility, instant-replacement, momentum, zero-migration, constant-mortality, no-change)"),
        ("--variants", ",", "popproj: --variants: found \",\", expected all or a comma-separated list of variants (medium, high, low, constant-fertility, instant-replacement, momentum, zero-migration, constant-mortality, no-change)"),
        ("--variants", "medium,foo", "popproj: --variants: found \"foo\", expected all or some of medium, high, low, constant-fertility, instant-replacement, momentum, zero-migration, constant-mortality, no-change"),
        ("--locations", "752,752", "popproj: --locations: found \"752,752\", which names \"752\" twice (items 1 and 2); expected each at most once"),
        ("--locations", "752,,752", "popproj: --locations: found \"752,,752\", whose item 2 is empty; expected all or a comma-separated list of location codes, ISO3 codes or names"),
    ])
    func listItemsAreNamedOnceAndNotEmpty(option: String, value: String, message: String) throws {
        let (status, line) = try Self.refusal(["project", "--data", Self.wpp, option, value])
        #expect(status != 0)
        #expect(line == message)
    }

    // F13: "UN migration family "xyz" is nan".
    @Test func unknownMigrationFamilyListsTheFamilies() throws {
        let (status, line) = try Self.refusal(["project", "--migration-pattern", "un-family:xyz"])
        #expect(status != 0)
        #expect(line == "popproj: --migration-pattern: found \"un-family:xyz\", expected a UN family: un-family:family, un-family:male-labor, un-family:female-labor")
    }

    @Test func enumValuesInAnyCaseAreAccepted() throws {
        let run = try PopProjRunner.run(["project", "--variant", "Medium", "--timing", "EVEN", "--format", "CSV", "--location", "NGA", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let stable = try PopProjRunner.run(["stable", "--matrix", Self.whale, "--format", "JSON"])
        #expect(stable.status == 0, "\(stable.stderr)")
        #expect(stable.stdout.hasPrefix("{"))
    }

    // The value list was cut at "Please provide one of the following:" (the first line only).
    @Test func wrongEnumValueListsTheValuesOnOneLine() throws {
        let (status, line) = try Self.refusal(["project", "--variant", "foo"])
        #expect(status != 0)
        #expect(line == "popproj: The value 'foo' is invalid for '--variant <variant>'. Please provide one of 'medium', 'high', 'low', 'constant-fertility', 'instant-replacement', 'momentum', 'zero-migration', 'constant-mortality', 'no-change'.")
    }

    @Test func largestSeedIsAccepted() throws {
        let run = try PopProjRunner.run(["project", "--trajectories", "2", "--threads", "1", "--seed", "18446744073709551615", "--location", "566", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func versionIsPrinted() throws {
        let run = try PopProjRunner.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout == "0.14.0\n")
    }
}
