import Demography
import Foundation

/// The wide tables of a dataset (``WideTable``), turned into the tidy files they
/// stand for and added to the dataset's other files.
///
/// Several tables may make one tidy file (`mx_female.csv=mx,years,female` and
/// `mx_male.csv=mx,years,male`; a population by sexes for each of two years); a
/// value given twice (the same year, sex and age) is refused with both places.
/// A tidy file of the dataset that a wide table stands for is refused too: which
/// one to read would be a guess.
///
/// Problems the dataset readers then find in those files (an age grid unlike the
/// population's, a value out of its limits, an implausible unit) are reported
/// in the wide table's file, line and column by ``relocated(_:)``.
public struct WideTables: Sendable {
    /// The tables, in the order given.
    public let tables: [WideTable]

    /// Tables already read.
    public init(_ tables: [WideTable]) { self.tables = tables }

    /// Reads each file (gzip-compressed when its name ends in `.gz`) with its
    /// layout; `name` is how messages name it. Every table's problems are
    /// reported together.
    public static func read(_ files: [(url: URL, name: String, layout: WideTableLayout)]) throws(DatasetError) -> WideTables {
        var tables: [WideTable] = [], problems: [InputProblem] = []
        for file in files {
            do {
                let text = try CSVTable.text(of: file.url, displayName: file.name)
                tables.append(try WideTable.read(text, file: file.name, layout: file.layout))
            } catch { problems += error.problems }
        }
        if !problems.isEmpty { throw DatasetError(problems) }
        return WideTables(tables)
    }

    /// Where a row of a made tidy file came from: its table's file, line and column.
    struct Origin: Sendable {
        var file: String
        var line: Int
        var column: String
        var ageColumn: String
    }

    /// The tidy files by name, and the origin of each of their lines (line 1 is the header).
    func tidyFiles() throws(DatasetError) -> [String: (text: String, origins: [Int: Origin])] {
        var problems: [InputProblem] = []
        var out: [String: (text: String, origins: [Int: Origin])] = [:]
        let inputs = Dictionary(grouping: tables, by: \.layout.input)
        for input in WideTableLayout.Input.allCases {
            guard let group = inputs[input] else { continue }
            var rows: [(key: [Int], cell: WideTable.Cell, table: WideTable)] = []
            for table in group {
                for cell in table.cells {
                    rows.append(([cell.year, cell.sex == .male ? 1 : 0, cell.age], cell, table))
                }
            }
            rows.sort { $0.key.lexicographicallyPrecedes($1.key) }
            var text = input.bySex ? "year,sex,age,open_age,\(input.valueColumn)\n" : "year,age,open_age,\(input.valueColumn)\n"
            var origins: [Int: Origin] = [:]
            var line = 1
            for (i, row) in rows.enumerated() {
                if i > 0, rows[i - 1].key == row.key {
                    let other = rows[i - 1]
                    problems.append(InputProblem(file: row.table.file, line: row.cell.line, column: row.cell.column, value: row.cell.value,
                                                 expected: "one value for \(row.cell.year)\(row.cell.sex.map { ", \($0.rawValue)" } ?? ""), age \(row.cell.age); \(other.table.file) line \(other.cell.line), column \(other.cell.column) gives it too"))
                    continue
                }
                let c = row.cell
                text += input.bySex ? "\(c.year),\(c.sex?.rawValue ?? ""),\(c.age),\(c.isOpen ? 1 : 0),\(c.value)\n" : "\(c.year),\(c.age),\(c.isOpen ? 1 : 0),\(c.value)\n"
                line += 1
                origins[line] = Origin(file: row.table.file, line: c.line, column: c.column, ageColumn: row.table.ageColumn)
            }
            out[input.tidyFile] = (text, origins)
        }
        if !problems.isEmpty { throw DatasetError(problems) }
        return out
    }

    /// The dataset of `directory` with the tidy files these tables make: every
    /// other `.csv` (or `.csv.gz`) file of the directory as it is, the tables'
    /// own files left out.
    public func source(over directory: URL) throws(DatasetError) -> DatasetSource {
        let made = try tidyFiles()
        let own = Set(tables.map(\.file))
        var files: [String: String] = [:]
        var problems: [InputProblem] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names.sorted() where name.hasSuffix(".csv") || name.hasSuffix(".csv.gz") {
            let url = directory.appendingPathComponent(name)
            if own.contains(name) || own.contains(url.path) { continue }
            let tidyName = name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
            if made[tidyName] != nil {
                let by = tables.filter { $0.layout.input.tidyFile == tidyName }.map(\.file).joined(separator: ", ")
                problems.append(InputProblem(file: name, expected: "no \(tidyName) beside the wide table \(by) that stands for it: remove one, or give the other a name the dataset does not read"))
                continue
            }
            do { files[tidyName] = try CSVTable.text(of: url, displayName: name) } catch { problems += error.problems }
        }
        if !problems.isEmpty { throw DatasetError(problems) }
        for (name, file) in made { files[name] = file.text }
        let list = tables.map(\.file).joined(separator: ", ")
        return .translated(description: "\(directory.path) with the wide tables \(list)", files: files)
    }

    /// `error` with each problem in a made tidy file moved to the wide table's
    /// file, line and column (the age column for a problem with the age); a
    /// problem of a whole made file names the tables that made it.
    public func relocated(_ error: DatasetError) -> DatasetError {
        guard let made = try? tidyFiles() else { return error }
        let problems = error.problems.map { problem -> InputProblem in
            guard let file = made[problem.file] else { return problem }
            var moved = problem
            if let line = problem.line, let origin = file.origins[line] {
                moved.file = origin.file
                moved.line = origin.line
                moved.column = problem.column == "age" || problem.column == "open_age" ? origin.ageColumn : origin.column
            } else {
                let by = tables.filter { $0.layout.input.tidyFile == problem.file }.map(\.file).joined(separator: ", ")
                moved.file = "\(by) (read as \(problem.file))"
                moved.line = nil
            }
            return moved
        }
        return DatasetError(problems, omitted: error.omittedProblems)
    }
}
