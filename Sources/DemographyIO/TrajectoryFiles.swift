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
public enum TrajectoryFiles {
    /// The file of each channel.
    public static let fileNames: [TrajectoryChannel: String] = [
        .totalFertility: "tfr.csv", .lifeExpectancyFemale: "e0_female.csv",
        .lifeExpectancyMale: "e0_male.csv", .netMigration: "mig_net_total.csv",
    ]

    /// The trajectories in `directory`.
    public static func read(directory: URL) throws(DatasetError) -> TrajectoryPaths {
        var tables: [(TrajectoryChannel, String, [Int: [Int: Double]])] = []
        var problems: [InputProblem] = []
        for channel in TrajectoryChannel.allCases {
            let name = fileNames[channel]!
            let url = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let table = try CSVTable.read(url, displayName: name)
            var columns: [Int] = []
            for column in ["trajectory", "year", "value"] {
                switch table.column(column) {
                case .success(let i): columns.append(i)
                case .failure(let problem): problems.append(problem)
                }
            }
            guard columns.count == 3 else { continue }
            var values: [Int: [Int: Double]] = [:]
            for (line, row) in table.rows.enumerated() {
                guard let id = Int(row[columns[0]]), let year = Int(row[columns[1]]), let v = Double(row[columns[2]]), v.isFinite else {
                    problems.append(InputProblem(file: name, line: line + 2, value: row.joined(separator: ","),
                                                 expected: "an integer trajectory, an integer year and a finite value"))
                    continue
                }
                values[id, default: [:]][year] = v
            }
            tables.append((channel, name, values))
        }
        guard problems.isEmpty else { throw DatasetError(problems) }
        guard let first = tables.first else {
            throw DatasetError([InputProblem(file: directory.path, expected: "at least one of \(fileNames.values.sorted().joined(separator: ", "))")])
        }
        let count = tables.map { $0.2.count }.max() ?? 0
        let years = Set(first.2.values.flatMap { $0.keys }).sorted()
        var channels: [TrajectoryChannel: [Double]] = [:]
        for (channel, name, values) in tables {
            guard values.count == count || values.count == 1 else {
                throw DatasetError([InputProblem(file: name, value: "\(values.count) trajectories",
                                                 expected: "\(count) trajectories (as the other files) or a single one")])
            }
            let ids = values.keys.sorted()
            var out: [Double] = []
            out.reserveCapacity(count * years.count)
            for i in 0..<count {
                let id = ids[values.count == 1 ? 0 : i]
                for year in years {
                    guard let v = values[id]?[year] else {
                        throw DatasetError([InputProblem(file: name, column: "year", value: String(year),
                                                         expected: "a value for trajectory \(id) in every year of \(first.1) (\(years.first!)–\(years.last!))")])
                    }
                    out.append(v)
                }
            }
            channels[channel] = out
        }
        do { return try TrajectoryPaths(years: years, count: count, channels: channels) } catch {
            throw DatasetError([InputProblem(file: directory.path, expected: error.description)])
        }
    }
}
