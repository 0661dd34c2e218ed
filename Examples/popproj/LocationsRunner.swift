import Demography
import DemographyIO
import DemographyMPI
import Foundation

/// `popproj project --locations all|LIST`: the same variant(s) for several
/// locations of a WPP-layout dataset, the locations split across MPI ranks.
///
/// Each rank projects its block of locations; the tables are concatenated in
/// location order along the ranks' binary tree and written by rank 0, so the files
/// are the same whatever the number of ranks: `population.csv` and `summary.csv`
/// with a leading `location` column (and `variant` when several variants run),
/// and `units.csv`, the counts' unit (the dataset's, as `units.csv` and `--unit`
/// declare it).
struct LocationsRunner {
    var scenario: ScenarioOptions
    var out: String?
    var overwrite: Bool
    var quiet: Bool

    static let files = ["population.csv", "summary.csv"]

    func run() throws {
        guard scenario.location == nil else { throw CommandFailure("give either --location or --locations, not both") }
        let data = try scenario.scenarioData()
        if case .folder(let source) = data, !AssumptionsReader.looksLikeAssumptions(source) {
            throw CommandFailure("--locations needs summary assumptions with a location column (the WPP layout)")
        }
        let known = try data.locations()
        let codes: [String]
        if scenario.locations?.lowercased() == "all" {
            guard !known.isEmpty else { throw CommandFailure("\(data.locationsSource) has no locations.csv to list all locations") }
            codes = known.map(\.code)
        } else {
            codes = try (scenario.chosenLocations() ?? []).map { try data.code(of: $0, option: "--locations") }
            // Two spellings of one location ("KEN,404") would project it twice.
            var seen: Set<String> = []
            for code in codes where !seen.insert(code).inserted {
                throw CommandFailure("--locations: location \(code) is named twice; expected each at most once")
            }
        }
        guard !codes.isEmpty else { throw CommandFailure("--locations: expected all or a comma-separated list of codes") }
        // The counts' unit is the dataset's: one units.csv (and --unit) for every location.
        let first = try data.source(for: codes[0]), declared = try scenario.unitDeclarations()
        let unit: String
        do { unit = try DatasetUnits.read(first, overrides: declared).population.rawValue } catch {
            throw error.failure(allProblems: scenario.allProblems)
        }
        let communicator = PopProj.communicator
        let local: [String]
        do { local = try communicator.agreeing { try tables(data, codes[communicator.share(of: codes.count)]) } } catch {
            throw PopProj.report(error)
        }
        guard let bodies = communicator.gatherText(local) else { return }
        let variants = scenario.variants != nil
        let headers = ["location," + (variants ? "variant," : "") + "year,sex,age,open_age,value",
                       "location," + SummaryTables.columns.joined(separator: ",")]
        var files: [String: String] = [:]
        for (i, name) in Self.files.enumerated() { files[name] = headers[i] + "\n" + bodies[i] }
        files["units.csv"] = "quantity,unit\npopulation,\(unit)\n"
        // Render before writing: a run that cannot print leaves no files.
        var report = ""
        if !quiet {
            let names = Dictionary(known.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
            let ranks = communicator.isDistributed ? " on \(communicator.size) MPI ranks" : ""
            report += "\(codes.count) locations\(ranks); total population (in \(unit)) by location and year in summary.csv\n"
            report += TextTable.render(Self.lastYearTable(bodies[1], names: names), leftAligned: [0, 1]) + "\n"
            if let out { report += "wrote \((Self.files + ["units.csv"]).joined(separator: ", ")) to \(out)\n" }
        }
        if let out { try PopProj.write(files, to: out, overwrite: overwrite) }
        print(report, terminator: "")
    }

    /// The rows of population.csv and summary.csv for `codes`, each prefixed with
    /// its location; their datasets decoded from the archive one by one, or split
    /// from a directory whose files are each read once. The locations are read and
    /// projected in parallel; rows and warnings come out in the order of `codes`.
    func tables(_ data: ScenarioData, _ codes: ArraySlice<String>) throws -> [String] {
        let sources = try data.sources(for: Array(codes))
        let options = scenario
        let wanted = try scenario.chosenVariants()
        let perLocation = try parallelMap(Array(codes)) { code -> ([String], [InputProblem]) in
            guard let source = sources[code] else { throw CommandFailure("location \(code): no data") }
            let (assumptions, _, warnings) = try options.readAssumptions(source, location: code, name: "", warningPrefix: "location \(code): ")
            let results = try wanted.map { variant -> ScenarioResult in
                var held: Int?
                let scenario = try options.horizon(try assumptions.scenario(variant), &held, prefix: "location \(code): ")
                do { return try scenario.run() } catch {
                    throw CommandFailure("location \(code): the \(variant.rawValue) variant: \(error)")
                }
            }
            let tables = [
                options.variants == nil ? try ProjectionTables.population(results[0].result)
                    : try ProjectionTables.all(results.map { ($0.name, $0.result) })["population.csv"] ?? "",
                try SummaryTables.csv(results),
            ]
            // Drop the header line; prefix every row with the location.
            let bodies = tables.map { Self.rows($0, prefixedWith: code) }
            return (bodies, warnings)
        }
        var bodies = [String](repeating: "", count: Self.files.count)
        for (code, (tables, warnings)) in zip(codes, perLocation) {
            printWarnings(warnings, prefix: "location \(code): ")
            for (i, table) in tables.enumerated() { bodies[i] += table }
        }
        return bodies
    }

    /// The lines of `table` after its header, each as "`code`,line\n" (empty
    /// lines left out), made on the UTF-8 bytes.
    static func rows(_ table: String, prefixedWith code: String) -> String {
        var table = table
        let prefix = Array((code + ",").utf8)
        return table.withUTF8 { bytes -> String in
            let newline = UInt8(ascii: "\n")
            guard var start = bytes.firstIndex(of: newline).map({ $0 + 1 }) else { return "" }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count - start + (bytes.count - start) / 8 * prefix.count)
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: newline) ?? bytes.count
                if end > start {
                    out += prefix
                    out += bytes[start..<end]
                    out.append(newline)
                }
                start = end + 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// location, name, variant, year and population of each location's last date.
    static func lastYearTable(_ summary: String, names: [String: String]) -> [[String]] {
        var last: [String: [String]] = [:]
        var order: [String] = []
        for line in summary.split(separator: "\n") {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count > 4 else { continue }
            let key = f[0] + "," + f[1]
            if last[key] == nil { order.append(key) }
            last[key] = f
        }
        var rows = [["code", "name", "variant", "year", "population"]]
        for key in order {
            guard let f = last[key] else { continue }
            rows.append([f[0], names[f[0]] ?? "", f[1], f[2], SummaryTables.grouped(Double(f[3]) ?? .nan)])
        }
        return rows
    }

}
