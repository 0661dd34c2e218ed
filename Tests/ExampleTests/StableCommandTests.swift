import Testing
import Foundation

/// `popproj stable`: the eigen analysis from a matrix file or a dataset year.
@Suite struct StableCommandTests {
    @Test func jsonHasTheDocumentedKeys() throws {
        let run = try PopProjRunner.run(["stable", "--matrix", PopProjRunner.fixture("matrices/whale.csv").path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        for key in ["lambda", "r", "R0", "generation_time", "damping_ratio", "stable_distribution", "reproductive_values"] {
            #expect(object[key] != nil, "\(key)")
        }
        // Caswell (2001), Example 5.1: lambda = 1.0254 for the killer whale.
        #expect(abs((object["lambda"] as? Double ?? 0) - 1.0254) < 0.00005)
        #expect((object["stable_distribution"] as? [Double])?.count == 4)
    }

    @Test func datasetYearGivesPrestonsLambda() throws {
        let run = try PopProjRunner.run(["stable", "--data", PopProjRunner.fixture("sweden1993").path, "--year", "1993", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        // Preston, Heuveline & Guillot (2001), Box 6.2 female rates: lambda = 1.001113 per five years.
        #expect(abs((object["lambda"] as? Double ?? 0) - 1.001113) < 1e-6)
    }

    @Test func badInputIsOneLine() throws {
        for arguments in [["stable"], ["stable", "--matrix", "/nonexistent.csv"],
                          ["stable", "--data", PopProjRunner.fixture("sweden1993").path, "--year", "1800"]] {
            let run = try PopProjRunner.run(arguments)
            #expect(run.status != 0, "\(arguments)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(arguments): \(run.stderr)")
        }
    }
}
