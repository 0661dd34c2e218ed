import Foundation
import Demography

/// Reads trajectories of TFR, e0 and net migration from a directory, in the
/// long format that bayesTFR, bayesLife and bayesMig export:
///
/// | file | columns | channel |
/// |---|---|---|
/// | `tfr.csv` | trajectory,year,value | TFR, children per woman |
/// | `e0_female.csv` | trajectory,year,value | e0 of females, years |
/// | `e0_male.csv` | trajectory,year,value | e0 of males, years |
/// | `mig_net_total.csv` | trajectory,year,value | total net migrants during the period, persons (the unit of the base population) |
///
/// `year` is the first year of the period (for annual data the year itself);
/// `trajectory` is an integer id (1-based in bayesPop, any integers here: they
/// are ranked). At least one file must be there; a missing file means the
/// medium path for that channel. Every file must hold the same trajectories
/// and years, or a single trajectory (then used for every trajectory).
///
/// Each value is read as the ``Quantity`` of its channel (TFR, e0 above 0,
/// net migrants): a value outside its limits is refused, one outside its usual
/// range is read and warned of. Two rows for one (trajectory, year) are refused,
/// and every message gives the file's own line number (comments and blank lines
/// counted).
public enum TrajectoryFiles {
    /// The file of each channel.
    public static let fileNames: [TrajectoryChannel: String] = [
        .totalFertility: "tfr.csv", .lifeExpectancyFemale: "e0_female.csv",
        .lifeExpectancyMale: "e0_male.csv", .netMigration: "mig_net_total.csv",
    ]

    /// What each channel's values measure.
    public static let quantities: [TrajectoryChannel: Quantity] = [
        .totalFertility: .totalFertility, .lifeExpectancyFemale: .lifeExpectancy,
        .lifeExpectancyMale: .lifeExpectancy, .netMigration: .netMigrants(),
    ]

    /// The trajectories in a directory, with the warnings of their values.
    public struct Contents: Sendable {
        /// The paths of every channel present.
        public var paths: TrajectoryPaths
        /// Values read as given but outside their usual range.
        public var warnings: [InputProblem]
    }

    /// The trajectories in `directory` (their warnings: ``readWithWarnings(directory:)``).
    public static func read(directory: URL) throws(DatasetError) -> TrajectoryPaths {
        try readWithWarnings(directory: directory).paths
    }

    /// The trajectories in `directory` and the warnings of their values.
    public static func readWithWarnings(directory: URL) throws(DatasetError) -> Contents {
        var tables: [(TrajectoryChannel, String, [Int: [Int: Double]])] = []
        var problems: [InputProblem] = []
        for channel in TrajectoryChannel.allCases {
            guard let name = fileNames[channel], let quantity = quantities[channel] else { continue }
            let url = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let table: CSVTable
            do { table = try CSVTable.read(url, displayName: name) } catch {
                problems += error.problems
                continue
            }
            if let repeated = table.repeatedColumn { problems.append(repeated) }
            var columns: [Int] = []
            for column in ["trajectory", "year", "value"] {
                switch table.column(column) {
                case .success(let i): columns.append(i)
                case .failure(let problem): problems.append(problem)
                }
            }
            guard columns.count == 3 else { continue }
            var fileProblems: [InputProblem] = []
            var values: [Int: [Int: Double]] = [:]
            var lines: [Int: [Int: Int]] = [:]
            var tally = ProblemTally(file: name)
            for (r, row) in table.rows.enumerated() {
                var problems: [InputProblem] = []
                defer { tally.add(problems, to: &fileProblems) }
                let line = table.lines[r]
                let id = Quantity.wholeNumber(row[columns[0]], "a trajectory number", in: nil, file: name, line: line,
                                              column: "trajectory", problems: &problems)
                let year = Quantity.wholeNumber(row[columns[1]], "a year", in: Quantity.calendarYears, file: name, line: line,
                                                column: "year", problems: &problems)
                let v = quantity.read(row[columns[2]], file: name, line: line, column: "value", problems: &problems)
                guard let id, let year, let v else { continue }
                if let first = lines[id]?[year] {
                    problems.append(InputProblem(file: name, line: line, column: "year", value: String(year),
                                                 expected: "one row for trajectory \(id) in \(year), but line \(first) has it already"))
                    continue
                }
                values[id, default: [:]][year] = v
                lines[id, default: [:]][year] = line
            }
            tally.close(&fileProblems)
            problems += fileProblems
            if table.rows.isEmpty {
                problems.append(InputProblem(file: name, expected: "at least one data row (trajectory,year,value)"))
            }
            tables.append((channel, name, values))
        }
        guard !problems.hasErrors else { throw DatasetError(problems.errors) }
        guard let first = tables.first else {
            throw DatasetError([InputProblem(file: directory.path, expected: "at least one of \(fileNames.values.sorted().joined(separator: ", "))")])
        }
        let count = tables.map { $0.2.count }.max() ?? 0
        let years = Set(first.2.values.flatMap { $0.keys }).sorted()
        guard let firstYear = years.first, let lastYear = years.last else {
            throw DatasetError([InputProblem(file: first.1, expected: "at least one data row (trajectory,year,value)")])
        }
        var channels: [TrajectoryChannel: [Double]] = [:]
        for (channel, name, values) in tables {
            guard values.count == count || values.count == 1 else {
                throw DatasetError([InputProblem(file: name, value: "\(values.count) trajectories",
                                                 expected: "\(count) trajectories (as the other files) or a single one")])
            }
            if let extra = Set(values.values.flatMap(\.keys)).subtracting(years).min() {
                throw DatasetError([InputProblem(file: name, column: "year", value: String(extra),
                                                 expected: "the years of \(first.1) (\(firstYear)–\(lastYear)), which has no \(extra)")])
            }
            let ids = values.keys.sorted()
            var out: [Double] = []
            out.reserveCapacity(count * years.count)
            for i in 0..<count {
                let id = ids[values.count == 1 ? 0 : i]
                for year in years {
                    guard let v = values[id]?[year] else {
                        throw DatasetError([InputProblem(file: name, column: "year", value: String(year),
                                                         expected: "a value for trajectory \(id) in every year of \(first.1) (\(firstYear)–\(lastYear))")])
                    }
                    out.append(v)
                }
            }
            channels[channel] = out
        }
        do {
            return Contents(paths: try TrajectoryPaths(years: years, count: count, channels: channels), warnings: problems.warnings)
        } catch {
            throw DatasetError([InputProblem(file: directory.path, expected: error.description)])
        }
    }
}
