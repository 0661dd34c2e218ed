import Testing
import Foundation
import Demography
import DemographyIO

/// The one directory check, the one-line form of a `DatasetError`, and the
/// choice of a multiregional layout by the files of a directory.
@Suite struct DatasetSourceTests {
    static func fixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    @Test func aMissingDirectoryIsOneProblem() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/dataset")
        #expect(throws: DatasetError.self) { try DatasetSource.existingDirectory(missing) }
        do {
            _ = try DatasetSource.existingDirectory(missing)
        } catch {
            #expect(error.oneLine == "/nonexistent/dataset: expected a dataset directory")
        }
        // A file is not a directory either.
        #expect(throws: DatasetError.self) {
            try DatasetSource.existingDirectory(Self.fixture("sweden1993/srb.csv"))
        }
        let sweden = try DatasetSource.existingDirectory(Self.fixture("sweden1993"))
        #expect(sweden.contains("pop_base.csv"))
    }

    @Test func oneLineNamesTheCountAndTheFirstProblem() {
        let first = InputProblem(file: "asfr.csv", line: 2, column: "value", value: "abc", expected: "a number")
        let second = InputProblem(file: "srb.csv", expected: "the file to exist")
        #expect(DatasetError([first]).oneLine == first.description)
        #expect(DatasetError([first, second]).oneLine
                == "2 problems in the data; the first: asfr.csv, line 2, column value: found \"abc\", expected a number")
        #expect(DatasetError([first, second]).oneLine(in: "the matrix file").hasPrefix("2 problems in the matrix file; the first: "))
        #expect(DatasetError([first]).oneLine(in: "the matrix file") == first.description)
    }

    /// The Willekens & Rogers (1978) example and the PAA 2025 workshop counties
    /// are read by the reader of their layout.
    @Test func multiregionalLayoutIsChosenByTheFiles() throws {
        let yu = try MultiregionalDataset.read(directory: Self.fixture("multiregional"))
        #expect(yu.start.regionCount == 2)
        #expect(yu.title == (try MultiregionalReader.read(directory: Self.fixture("multiregional"))).title)
        let washington = try MultiregionalDataset.read(directory: Self.fixture("washington"), internalOutMigrationRate: 0.03)
        let direct = try CountyDatasetReader(internalOutMigrationRate: 0.03).read(directory: Self.fixture("washington"))
        #expect(washington.start.regionCount == 39)
        #expect(washington.title == direct.title && washington.start == direct.start)
        #expect(throws: DatasetError.self) { try MultiregionalDataset.read(directory: URL(fileURLWithPath: "/nonexistent")) }
    }
}
