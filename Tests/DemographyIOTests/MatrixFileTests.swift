import Testing
import Foundation
import Demography
import DemographyIO

/// Square and long matrix files, and the located problems of bad ones.
@Suite struct MatrixFileTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/matrices")

    static func problems(_ text: String, matrixName: String? = nil) -> [InputProblem] {
        do {
            _ = try MatrixFile.parse(text, file: "a.csv", matrixName: matrixName)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func squareWithoutNames() throws {
        let file = try MatrixFile.parse("# killer whale\n0,0.0043,0.1132,0\n0.9775,0.9111,0,0\n0,0.0736,0.9534,0\n0,0,0.0452,0.9804\n", file: "w.csv")
        #expect(file.matrix.rows == 4 && file.stageNames == nil)
        #expect(file.matrix[1, 0] == 0.9775 && file.matrix[3, 3] == 0.9804)
    }

    @Test func squareWithHeaderOnly() throws {
        let file = try MatrixFile.parse("a,b\n0,2\n0.5,0.1\n", file: "m.csv")
        #expect(file.stageNames == ["a", "b"])
        #expect(file.matrix.entries == [0, 2, 0.5, 0.1])
    }

    @Test func squareWithHeaderAndRowNames() throws {
        let file = try MatrixFile.parse("stage,a,b\na,0,2\nb,0.5,0.1\n", file: "m.csv")
        #expect(file.stageNames == ["a", "b"])
        #expect(file.matrix.entries == [0, 2, 0.5, 0.1])
        let rowNamesOnly = try MatrixFile.parse("a,0,2\nb,0.5,0.1\n", file: "m.csv")
        #expect(rowNamesOnly.stageNames == ["a", "b"] && rowNamesOnly.matrix.entries == [0, 2, 0.5, 0.1])
    }

    @Test func longFileSelectsAMatrixByName() throws {
        let file = try MatrixFile.read(Self.fixtures.appendingPathComponent("tortoise.csv"), matrixName: "high")
        #expect(file.matrix.rows == 8 && file.matrixName == "high")
        #expect(file.stageNames?.first == "yearling")
        let whale = try MatrixFile.read(Self.fixtures.appendingPathComponent("whale.csv"))
        #expect(whale.matrix[0, 2] == 0.1132 && whale.matrixName == "whale")
    }

    @Test func badNumberIsLocatedByLineAndColumn() {
        let found = Self.problems("a,b\n0,2\n0.5,x\n")
        #expect(found == [InputProblem(file: "a.csv", line: 3, column: "b", value: "x", expected: "a number")])
    }

    @Test func everyBadCellIsReported() {
        let found = Self.problems("# comment\n0,-2\nnan,0.1\n")
        #expect(found.count == 2)
        #expect(found[0].line == 2 && found[0].column == "2" && found[0].value == "-2")
        #expect(found[1].line == 3 && found[1].column == "1" && found[1].expected == "a finite number")
        #expect(found[0].description == "a.csv, line 2, column 2: found \"-2\", expected a number of 0 or more (a projection matrix holds rates)")
    }

    @Test func nonSquareFileIsRefused() {
        let found = Self.problems("0,1,2\n0.5,0,0\n")
        #expect(found.count == 1 && found[0].expected.contains("square"))
        // A row with a different number of fields is located by CSVTable.
        let ragged = Self.problems("0,1\n0.5,0,3\n")
        #expect(ragged.first?.line == 2)
    }

    @Test func rowNamesMustMatchTheHeader() {
        let found = Self.problems("stage,a,b\na,0,2\nc,0.5,0.1\n")
        #expect(found == [InputProblem(file: "a.csv", line: 3, column: "stage", value: "c",
                                       expected: "the stage named in the header for row 2, b")])
    }

    @Test func longFileWithSeveralMatricesNeedsAName() throws {
        let text = "matrix,to_index,from_index,value\nA,0,0,1\nB,0,0,2\n"
        #expect(Self.problems(text).first?.column == "matrix")
        #expect(Self.problems(text, matrixName: "C").first?.value == "C")
        #expect(try MatrixFile.parse(text, file: "a.csv", matrixName: "B").matrix.entries == [2])
        let duplicate = Self.problems("to_index,from_index,value\n0,0,1\n0,0,2\n")
        #expect(duplicate.first?.line == 3)
        let badIndex = Self.problems("to_index,from_index,value\n-1,0,1\n")
        #expect(badIndex == [InputProblem(file: "a.csv", line: 2, column: "to_index", value: "-1", expected: "a stage index of 0 or more")])
    }

    @Test func missingFileIsReported() {
        #expect(throws: DatasetError.self) { try MatrixFile.read(Self.fixtures.appendingPathComponent("nope.csv")) }
    }
}

/// The audit's long-layout reproducers (F3, F13, F12): huge stage indices are
/// refused before anything is allocated, a long header in another case or with
/// another separator is named as such, and entries are plain decimals.
@Suite struct MatrixFileStrictnessTests {
    static func problems(_ text: String) -> [InputProblem] {
        do { _ = try MatrixFile.parse(text, file: "m.csv"); return [] } catch { return error.problems }
    }

    /// F3: `100000,0,1` failed to allocate 80 GB (signal 6); now a located refusal.
    @Test(arguments: ["100000", "10000", "3037000500", "4294967296", "9223372036854775807", "99999999999999999999"])
    func hugeStageIndexIsRefusedAtItsLine(index: String) {
        let found = Self.problems("to_index,from_index,value\n\(index),0,1\n")
        #expect(found == [InputProblem(file: "m.csv", line: 2, column: "to_index", value: index,
                                       expected: "a stage index below 10000 (at most 10000 stages)")])
        let from = Self.problems("to_index,from_index,value\n0,\(index),1\n")
        #expect(from.first?.column == "from_index" && from.count == 1)
    }

    @Test func largestStageIndexIsRead() throws {
        let file = try MatrixFile.parse("to_index,from_index,value\n2,0,0.5\n", file: "m.csv")
        #expect(file.matrix.rows == 3 && file.matrix[2, 0] == 0.5)
    }

    /// Campaign finding: with `--name high`, a NaN, a hex float or a duplicate in
    /// the rows of another matrix of tortoise.csv (Doak et al. 1994) was accepted,
    /// because only the chosen matrix's rows were read.
    @Test(arguments: [("nan", "value"), ("0x1p3", "value"), ("-1", "value")])
    func badEntryOfAnotherMatrixIsRefused(value: String, column: String) throws {
        let text = try String(contentsOf: MatrixFileTests.fixtures.appendingPathComponent("tortoise.csv"), encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        var fields = lines[1].components(separatedBy: ",")   // low,0,0,...: not the chosen matrix
        fields[5] = value
        lines[1] = fields.joined(separator: ",")
        var found: [InputProblem] = []
        do { _ = try MatrixFile.parse(lines.joined(separator: "\n"), file: "tortoise.csv", matrixName: "high") } catch {
            found = error.problems
        }
        #expect(found.count == 1)
        #expect(found.first?.line == 2 && found.first?.column == column && found.first?.value == value)
    }

    @Test func duplicateEntryOfAnotherMatrixIsRefused() throws {
        let text = try String(contentsOf: MatrixFileTests.fixtures.appendingPathComponent("tortoise.csv"), encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        lines.insert(lines[1], at: 2)
        var found: [InputProblem] = []
        do { _ = try MatrixFile.parse(lines.joined(separator: "\n"), file: "tortoise.csv", matrixName: "high") } catch {
            found = error.problems
        }
        #expect(found.map(\.line) == [3])
    }

    /// Campaign finding: 1e308 in a square matrix gave a stable distribution
    /// with a negative share (−1.3e-17); entries above 1e12 are refused.
    @Test func entryAboveTheLargestIsRefused() {
        let found = Self.problems("0.5,1e308\n0.5,0\n")
        #expect(found.count == 1)
        #expect(found.first?.value == "1e308" && found.first?.expected.hasPrefix("a projection-matrix entry from 0 to 1e12") == true)
    }

    /// F13: an upper-case long header was read as a square matrix
    /// ("expected a square matrix, but found 17 rows of 0 numbers").
    @Test func upperCaseLongHeaderIsNamed() {
        let found = Self.problems("TO_INDEX,FROM_INDEX,VALUE\n0,0,1\n1,0,0.5\n")
        #expect(found.count == 1)
        #expect(found.first?.line == 1 && found.first?.expected.contains("looks like a long-layout file with its column names in another case") == true)
    }

    /// F13: a tab-separated long file.
    @Test func tabSeparatedLongFileIsNamed() {
        let found = Self.problems("to_index\tfrom_index\tvalue\n0\t0\t1\n")
        #expect(found.count == 1)
        #expect(found.first?.expected.contains("looks like a long-layout file with its fields separated by tabs") == true)
        let semicolons = Self.problems("to_index;from_index;value\n0;0;1\n")
        #expect(semicolons.first?.expected.contains("separated by semicolons") == true)
    }

    /// F12: hexadecimal floats were read as numbers (`0x1p3` = 8).
    @Test func hexadecimalEntriesAreRefused() {
        let long = Self.problems("to_index,from_index,value\n0,0,0x1p3\n")
        #expect(long == [InputProblem(file: "m.csv", line: 2, column: "value", value: "0x1p3",
                                      expected: "a number in plain decimal (such as 0.25 or 2.5e-3)")])
        let square = Self.problems("0,0x1p-1\n0.5,0\n")
        #expect(square.count == 1 && square.first?.line == 1 && square.first?.value == "0x1p-1")
        let index = Self.problems("to_index,from_index,value\n0x1,0,1\n")
        #expect(index.first?.column == "to_index" && index.first?.value == "0x1")
    }
}
