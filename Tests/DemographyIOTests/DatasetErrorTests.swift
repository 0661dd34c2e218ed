import Testing
import Foundation
import Demography
@testable import DemographyIO

/// Every class of bad input is reported with file, line and column, and all the
/// problems in a file are reported together.
@Suite struct DatasetErrorTests {
    /// A small valid five-year dataset (ages 0, 5, 10+), written to a fresh folder.
    static func writeDataset(replacing overrides: [String: String] = [:], removing: Set<String> = []) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("demography-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var files = [
            "pop_base.csv": """
            year,sex,age,open_age,value
            2000,female,0,0,100
            2000,female,5,0,90
            2000,female,10,1,80
            2000,male,0,0,105
            2000,male,5,0,95
            2000,male,10,1,75
            """,
            "life_table.csv": """
            year,sex,age,open_age,Sx
            2000,female,0,0,0.99
            2000,female,5,0,0.995
            2000,female,10,1,0.5
            2000,male,0,0,0.98
            2000,male,5,0,0.99
            2000,male,10,1,0.4
            2005,female,0,0,0.99
            2005,female,5,0,0.995
            2005,female,10,1,0.5
            2005,male,0,0,0.98
            2005,male,5,0,0.99
            2005,male,10,1,0.4
            """,
            "asfr.csv": """
            year,age,open_age,value
            2000,5,0,0.1
            2005,5,0,0.1
            """,
            "srb.csv": """
            year,value
            2000,1.05
            2005,1.05
            """,
        ]
        for (k, v) in overrides { files[k] = v }
        for (name, text) in files where !removing.contains(name) {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return dir
    }

    static func problems(replacing overrides: [String: String] = [:], removing: Set<String> = []) throws -> [InputProblem] {
        let dir = try writeDataset(replacing: overrides, removing: removing)
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try DatasetReader().read(directory: dir)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func validDatasetReads() throws {
        let dir = try Self.writeDataset()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dataset = try DatasetReader().read(directory: dir)
        #expect(dataset.inputs.basePopulation.total == 545)
        #expect(try dataset.inputs.projection(survival: .given).steps.count == 2)
    }

    @Test func missingFile() throws {
        let p = try Self.problems(removing: ["srb.csv"])
        #expect(p.count == 1)
        #expect(p[0].file == "srb.csv")
        #expect(p[0].description.contains("srb.csv"))
    }

    @Test func missingColumn() throws {
        let p = try Self.problems(replacing: ["srb.csv": "year,ratio\n2000,1.05\n"])
        #expect(p.count == 1)
        #expect(p[0].file == "srb.csv" && p[0].line == 1 && p[0].column == "value")
    }

    @Test func unknownColumnValuesAndNonNumericValuesAreAllReported() throws {
        let p = try Self.problems(replacing: ["asfr.csv": """
            year,age,open_age,value
            2000,5,0,abc
            2005,five,0,0.1
            """])
        #expect(p.count == 2)
        #expect(p[0] == InputProblem(file: "asfr.csv", line: 2, column: "value", value: "abc",
                                     expected: "an age-specific fertility rate in births per woman: a plain decimal number such as 12, 0.25 or 1.5e-3"))
        #expect(p[1].line == 3 && p[1].column == "age" && p[1].value == "five")
    }

    @Test func negativeAndInfiniteRates() throws {
        let p = try Self.problems(replacing: ["asfr.csv": """
            year,age,open_age,value
            2000,5,0,-0.1
            2005,5,0,inf
            """])
        #expect(p.count == 2)
        #expect(p[0].line == 2 && p[0].column == "value" && p[0].value == "-0.1" && p[0].expected.contains("from 0 to 1"))
        #expect(p[1].line == 3 && p[1].column == "value" && p[1].value == "inf" && p[1].expected.contains("plain decimal number"))
    }

    @Test func ageGridsThatDisagree() throws {
        let p = try Self.problems(replacing: ["asfr.csv": """
            year,age,open_age,value
            2000,7,0,0.1
            2005,5,0,0.1
            """])
        #expect(p.count == 1)
        #expect(p[0].file == "asfr.csv" && p[0].line == 2 && p[0].column == "age" && p[0].value == "7", "\(p)")
    }

    @Test func openGroupNotLast() throws {
        let p = try Self.problems(replacing: ["pop_base.csv": """
            year,sex,age,open_age,value
            2000,female,0,0,100
            2000,female,5,1,90
            2000,female,10,1,80
            2000,male,0,0,105
            2000,male,5,0,95
            2000,male,10,1,75
            """])
        #expect(p.count == 1)
        #expect(p[0].file == "pop_base.csv" && p[0].line == 3 && p[0].column == "open_age")
    }

    @Test func missingYear() throws {
        let p = try Self.problems(replacing: ["srb.csv": "year,value\n2000,1.05\n2010,1.05\n"])
        #expect(p.count == 1)
        // Located at the row after the gap, naming the year missing.
        #expect(p[0].file == "srb.csv" && p[0].line == 3 && p[0].column == "year" && p[0].value == "2010")
        #expect(p[0].expected.contains("year 2005 is missing"), "\(p[0])")
    }

    @Test func missingAge() throws {
        let p = try Self.problems(replacing: ["pop_base.csv": """
            year,sex,age,open_age,value
            2000,female,0,0,100
            2000,female,5,0,90
            2000,female,10,1,80
            2000,male,0,0,105
            2000,male,10,1,75
            """])
        #expect(p.count == 1)
        #expect(p[0].file == "pop_base.csv" && p[0].column == "age" && p[0].value == "5")
    }

    @Test func duplicateRow() throws {
        let p = try Self.problems(replacing: ["srb.csv": "year,value\n2000,1.05\n2005,1.05\n2005,1.06\n"])
        #expect(p.count == 1)
        #expect(p[0].file == "srb.csv" && p[0].line == 4 && p[0].column == "year" && p[0].expected.contains("line 3"))
        let q = try Self.problems(replacing: ["asfr.csv": "year,age,open_age,value\n2000,5,0,0.1\n2005,5,0,0.1\n2000,5,0,0.2\n"])
        #expect(q.count == 1)
        #expect(q[0].file == "asfr.csv" && q[0].line == 4 && q[0].column == "age")
    }

    @Test func wrongFieldCount() throws {
        let p = try Self.problems(replacing: ["srb.csv": "year,value\n2000,1.05,7\n2005\n"])
        #expect(p.count == 2)
        #expect(p.map(\.line) == [2, 3])
    }

    @Test func severalLocationsNeedAChoice() throws {
        let table = try CSVTable.parse("country_code,year,value\n1,2000,1.05\n2,2000,1.06\n", file: "srb.csv")
        var problems: [InputProblem] = []
        _ = TidyRows(table, location: nil, problems: &problems)
        #expect(problems.count == 1 && problems[0].column == "country_code")
        problems = []
        let chosen = TidyRows(table, location: "2", problems: &problems)
        #expect(problems.isEmpty && chosen.selected == [1])
        _ = TidyRows(table, location: "3", problems: &problems)
        #expect(problems.count == 1 && problems[0].value == "3")
    }

    @Test func windowsLineEndsAndByteOrderMark() throws {
        let table = try CSVTable.parse("\u{FEFF}year,value\r\n2000,1.05\r\n\r\n# a comment\r\n2005,\"1.06\"\r\n", file: "srb.csv")
        #expect(table.header == ["year", "value"])
        #expect(table.rows == [["2000", "1.05"], ["2005", "1.06"]])
        #expect(table.lines == [2, 5])
    }
}
