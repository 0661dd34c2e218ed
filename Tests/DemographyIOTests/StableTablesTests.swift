import Testing
import Foundation
import Demography
import DemographyIO

/// The stable-population writers give what `popproj stable` printed before they
/// moved into DemographyIO (killer whale, Caswell 2001, Example 5.1).
@Suite struct StableTablesTests {
    static func whale() throws -> StableAnalysis {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/matrices/whale.csv")
        let file = try MatrixFile.read(url)
        return StableAnalysis(stable: try StablePopulation(matrix: file.matrix, width: 1),
                              stages: try #require(file.stageNames), split: .firstRow)
    }

    /// `popproj stable --matrix Tests/Fixtures/matrices/whale.csv --format json`
    /// as printed by the command before the move.
    static let previousJSON = #"{"R0":2.0131440182101716,"damping_ratio":1.0459417845066774,"generation_time":27.850790932634087,"irreducible":false,"lambda":1.0254413255303465,"momentum_keyfitz":null,"momentum_projection":1.5677477748323934,"period_of_oscillation":null,"primitive":false,"r":0.025123081418390543,"reproductive_values":[1,1.0490448343021446,1.5713203382455176,0],"stable_distribution":[0.036971868285886084,0.31607121119006043,0.3229096768047274,0.32404724371932603],"stages":["yearling","juvenile","mature","postreprod"],"strictly_dominant":true,"width":1}"#

    @Test func jsonHasThePreviousKeysAndValues() throws {
        let json = try StableTables.json(try Self.whale())
        let now = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let before = try #require(try JSONSerialization.jsonObject(with: Data(Self.previousJSON.utf8)) as? [String: Any])
        #expect(Set(now.keys) == Set(before.keys))
        #expect(now.keys.count == 15)
        // Keys are sorted, as before.
        #expect(json.hasPrefix(#"{"R0":"#) && json.contains(#""momentum_keyfitz":null,"#))
        for (key, value) in before {
            switch value {
            case let number as Double:
                let x = try #require(now[key] as? Double, "\(key)")
                #expect(abs(x - number) <= 1e-12 * max(1, abs(number)), "\(key)")
            case let numbers as [Double]:
                let xs = try #require(now[key] as? [Double], "\(key)")
                #expect(xs.count == numbers.count && zip(xs, numbers).allSatisfy { abs($0 - $1) <= 1e-12 }, "\(key)")
            case is NSNull:
                #expect(now[key] is NSNull, "\(key)")
            default:
                #expect("\(now[key] ?? "")" == "\(value)", "\(key)")
            }
        }
        // Caswell (2001), Example 5.1: lambda = 1.0254.
        #expect(abs((now["lambda"] as? Double ?? 0) - 1.0254) < 0.00005)
    }

    @Test func textIsThePreviousText() throws {
        #expect(try StableTables.text(try Self.whale()) == """
            lambda            1.025441 per step
            r                 0.025123 per year
            R0                2.013144
            generation time   27.851 years
            damping ratio     1.045942
            momentum          1.567748 (projection to stationarity)
            note              reducible (some stages, such as post-reproductive ages, never contribute to the others)
            """)
    }

    @Test func csvTablesHaveOneRowPerStageOrPair() throws {
        let tables = try StableTables.csv(try Self.whale())
        #expect(Set(tables.keys) == ["stable_distribution.csv", "reproductive_values.csv", "elasticities.csv"])
        let distribution = try #require(tables["stable_distribution.csv"]).split(separator: "\n")
        #expect(distribution.first == "stage,value" && distribution.count == 5)
        #expect(distribution[1].hasPrefix("yearling,0.0369718682"))
        let elasticities = try #require(tables["elasticities.csv"]).split(separator: "\n")
        #expect(elasticities.count == 1 + 16)
        // Elasticities of λ sum to 1 (Caswell 2001, section 9.2).
        let sum = elasticities.dropFirst().compactMap { Double($0.split(separator: ",").last ?? "") }.reduce(0, +)
        #expect(abs(sum - 1) < 1e-8)
    }
}
