import ArgumentParser
import Demography
import DemographyIO
import Foundation

/// `popproj stable`: stable-population analysis of a projection matrix.
struct StableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stable",
        abstract: "Stable-population analysis: λ, r, R0, generation time, damping ratio, momentum.",
        discussion: """
            Analyses a projection matrix held constant: a matrix file (square CSV, with or
            without stage names, or the long to_index,from_index,value layout), or the
            female-dominant Leslie matrix of one period of a dataset directory (female Sx,
            ASFR, SRB; migration left out). With --out, writes stable_distribution.csv,
            reproductive_values.csv and elasticities.csv.

            Examples:
              popproj stable --data Tests/Fixtures/sweden1993 --year 1993
              popproj stable --matrix Tests/Fixtures/matrices/whale.csv --format json
              popproj stable --matrix Tests/Fixtures/matrices/tortoise.csv --name high --out out/tortoise
            """)

    @Option(name: .long, help: "A projection matrix file (CSV).", completion: .file())
    var matrix: String?

    @Option(name: .long, help: "The matrix to use when a long matrix file holds several.")
    var name: String?

    @Option(name: .long, help: "With --matrix: the years per projection step (default 1).")
    var width: Double = 1

    @Option(name: .long, help: "With --matrix: a file with the reproduction part F of the matrix (default: its first row).", completion: .file())
    var fertility: String?

    @Option(name: .long, help: "A dataset directory.", completion: .directory)
    var data: String?

    @Option(name: .long, help: "With --data: the first year of the period whose rates to use.")
    var year: Int?

    @Option(name: .long, help: "With --data: the location code, when the files hold several.")
    var location: String?

    @Option(name: .long, help: "Write the stable distribution, reproductive values and elasticities into this folder.", completion: .directory)
    var out: String?

    @Option(name: .long, help: "Output format: text or json (one JSON object).")
    var format: StableOutputFormat = .text

    func validate() throws {
        guard (matrix == nil) != (data == nil) else {
            throw ValidationError("give either --matrix FILE or --data DIR --year Y")
        }
        if data != nil && year == nil { throw ValidationError("--data needs --year, the first year of a period") }
        if matrix != nil && (year != nil || location != nil) {
            throw ValidationError("--year and --location go with --data, not --matrix")
        }
        if data != nil && (name != nil || fertility != nil) {
            throw ValidationError("--name and --fertility go with --matrix, not --data")
        }
        guard width.isFinite, width > 0 else { throw ValidationError("--width must be a positive number of years") }
    }

    func run() throws {
        let analysis = try data != nil ? analyseDataset() : analyseMatrixFile()
        if let out {
            try PopProj.write(analysis.tables(), to: out)
        }
        switch format {
        case .text: print(analysis.text())
        case .json: print(try analysis.json())
        }
    }

    private func analyseDataset() throws -> StableAnalysis {
        guard let data, let year else { throw CommandFailure("--data needs --year") }
        let dataset: Dataset
        do { dataset = try DatasetReader(location: location).read(directory: URL(fileURLWithPath: data)) } catch {
            throw CommandFailure(error.oneLine)
        }
        let inputs = dataset.inputs
        let projection: Projection
        do { projection = try inputs.projection(survival: .given) } catch { throw CommandFailure(error.description) }
        let offset = year - inputs.baseYear
        guard offset >= 0, offset % inputs.width == 0, offset / inputs.width < projection.steps.count else {
            let years = projection.steps.indices.map { String(inputs.baseYear + $0 * inputs.width) }
            throw CommandFailure("no period starts in \(year); the data have periods starting in \(years.joined(separator: ", "))")
        }
        let leslie = FemaleLeslieMatrix(step: projection.steps[offset / inputs.width])
        let ages = leslie.ages
        return try StableAnalysis(
            matrix: leslie.matrix, width: Double(leslie.width), split: .firstRow,
            stages: (0..<ages.count).map { ages.label(at: $0) },
            keyfitz: attempt { () throws(LinearAlgebraError) in try leslie.keyfitzMomentum() })
    }

    private func analyseMatrixFile() throws -> StableAnalysis {
        guard let matrix else { throw CommandFailure("--matrix needs a file") }
        let file: MatrixFile
        var split = ReproductionSplit.firstRow
        do {
            file = try MatrixFile.read(URL(fileURLWithPath: matrix), matrixName: name)
            if let fertility {
                split = .given(try MatrixFile.read(URL(fileURLWithPath: fertility), matrixName: name).matrix)
            }
        } catch {
            throw CommandFailure(error.oneLine(in: "the matrix file"))
        }
        let stages = file.stageNames ?? (1...file.matrix.rows).map { "stage\($0)" }
        return try StableAnalysis(matrix: file.matrix, width: width, split: split, stages: stages, keyfitz: nil)
    }
}

/// Runs `body`, keeping its typed error as a value (for quantities that may be undefined).
private func attempt<T>(_ body: () throws(LinearAlgebraError) -> T) -> Result<T, LinearAlgebraError> {
    do { return .success(try body()) } catch { return .failure(error) }
}

/// `--format text|json`.
enum StableOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// The library's results for one matrix, and their text, JSON and CSV forms.
private struct StableAnalysis {
    let stages: [String]
    let width: Double
    let stable: StablePopulation
    let netReproductiveRate: Result<Double, LinearAlgebraError>
    let generationTime: Result<Double, LinearAlgebraError>
    let projectedMomentum: Result<ProjectedMomentum, LinearAlgebraError>
    let keyfitz: Result<KeyfitzMomentum, LinearAlgebraError>?

    init(matrix: Matrix, width: Double, split: ReproductionSplit, stages: [String],
         keyfitz: Result<KeyfitzMomentum, LinearAlgebraError>?) throws {
        guard stages.count == matrix.rows else {
            throw CommandFailure("the file names \(stages.count) stages for a \(matrix.rows) x \(matrix.columns) matrix")
        }
        let analysed: StablePopulation
        do { analysed = try StablePopulation(matrix: matrix, width: width) } catch {
            throw CommandFailure(error.description)
        }
        stable = analysed
        self.stages = stages
        self.width = width
        netReproductiveRate = attempt { () throws(LinearAlgebraError) in try analysed.netReproductiveRate(split: split) }
        generationTime = attempt { () throws(LinearAlgebraError) in try analysed.generationTime(split: split) }
        projectedMomentum = attempt { () throws(LinearAlgebraError) in
            try analysed.momentumByProjection(split: split, maximumSteps: 20_000)
        }
        self.keyfitz = keyfitz
    }

    static func number(_ value: Double) -> String { String(format: "%.10g", value) }

    /// Reproductive values with v₀ = 1 when the first stage has any, else ⟨v, w⟩ = 1.
    var reproductiveValues: [Double] {
        stable.eigen.eigenpair.reproductiveValuesRelativeToFirstStage ?? stable.reproductiveValues
    }

    func text() -> String {
        let eigen = stable.eigen
        func line(_ label: String, _ value: String) -> String {
            label.padding(toLength: 18, withPad: " ", startingAt: 0) + value
        }
        func show<T>(_ result: Result<T, LinearAlgebraError>, _ format: (T) -> String) -> String {
            switch result {
            case .success(let value): return format(value)
            case .failure(let error): return "undefined (\(error.description))"
            }
        }
        let per = width == 1 ? "per step" : "per \(Self.number(width)) years"
        var lines = [
            line("lambda", String(format: "%.6f %@", eigen.eigenvalue, per)),
            line("r", String(format: "%.6f per year", stable.intrinsicRate)),
            line("R0", show(netReproductiveRate) { String(format: "%.6f", $0) }),
            line("generation time", show(generationTime) { String(format: "%.3f years", $0) }),
            line("damping ratio", eigen.dampingRatio.isFinite ? String(format: "%.6f", eigen.dampingRatio) : "infinite"),
            line("momentum", show(projectedMomentum) { String(format: "%.6f (projection to stationarity)", $0.momentum) }),
        ]
        if let keyfitz {
            lines.append(line("", show(keyfitz) { String(format: "%.6f (Keyfitz 1971 formula)", $0.momentum) }))
        }
        var flags: [String] = []
        if !eigen.isIrreducible { flags.append("reducible (some stages, such as post-reproductive ages, never contribute to the others)") }
        if eigen.isIrreducible && !eigen.isPrimitive { flags.append("imprimitive: the population cycles and never converges") }
        if !eigen.isStrictlyDominant { flags.append("lambda is not strictly dominant") }
        if !flags.isEmpty { lines.append(line("note", flags.joined(separator: "; "))) }
        return lines.joined(separator: "\n")
    }

    func json() throws -> String {
        func value<T>(_ result: Result<T, LinearAlgebraError>?, _ pick: (T) -> Double) -> Double? {
            guard case .success(let v)? = result else { return nil }
            let number = pick(v)
            return number.isFinite ? number : nil
        }
        let eigen = stable.eigen
        let object = StableJSON(
            lambda: eigen.eigenvalue, r: stable.intrinsicRate,
            R0: value(netReproductiveRate) { $0 }, generation_time: value(generationTime) { $0 },
            damping_ratio: eigen.dampingRatio.isFinite ? eigen.dampingRatio : nil,
            period_of_oscillation: eigen.periodOfOscillation.isFinite ? eigen.periodOfOscillation : nil,
            momentum_projection: value(projectedMomentum) { $0.momentum },
            momentum_keyfitz: value(keyfitz) { $0.momentum },
            width: width, irreducible: eigen.isIrreducible, primitive: eigen.isPrimitive,
            strictly_dominant: eigen.isStrictlyDominant, stages: stages,
            stable_distribution: stable.stableDistribution, reproductive_values: reproductiveValues)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(decoding: try encoder.encode(object), as: UTF8.self)
        } catch {
            throw CommandFailure("cannot write JSON: \(error.localizedDescription)")
        }
    }

    /// stable_distribution.csv, reproductive_values.csv (stage,value), elasticities.csv (to_stage,from_stage,value).
    func tables() -> [String: String] {
        func column(_ values: [Double]) -> String {
            "stage,value\n" + zip(stages, values).map { "\(Self.csvField($0)),\(Self.number($1))\n" }.joined()
        }
        let e = stable.elasticities()
        var elasticities = "to_stage,from_stage,value\n"
        for i in 0..<e.rows {
            for j in 0..<e.columns {
                elasticities += "\(Self.csvField(stages[i])),\(Self.csvField(stages[j])),\(Self.number(e[i, j]))\n"
            }
        }
        return ["stable_distribution.csv": column(stable.stableDistribution),
                "reproductive_values.csv": column(reproductiveValues),
                "elasticities.csv": elasticities]
    }

    static func csvField(_ text: String) -> String {
        text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}

/// The JSON object of `--format json` (undefined quantities are null).
private struct StableJSON: Encodable {
    let lambda: Double
    let r: Double
    let R0: Double?
    let generation_time: Double?
    let damping_ratio: Double?
    let period_of_oscillation: Double?
    let momentum_projection: Double?
    let momentum_keyfitz: Double?
    let width: Double
    let irreducible: Bool
    let primitive: Bool
    let strictly_dominant: Bool
    let stages: [String]
    let stable_distribution: [Double]
    let reproductive_values: [Double]

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(lambda, forKey: .lambda)
        try c.encode(r, forKey: .r)
        try c.encode(R0, forKey: .R0)
        try c.encode(generation_time, forKey: .generation_time)
        try c.encode(damping_ratio, forKey: .damping_ratio)
        try c.encode(period_of_oscillation, forKey: .period_of_oscillation)
        try c.encode(momentum_projection, forKey: .momentum_projection)
        try c.encode(momentum_keyfitz, forKey: .momentum_keyfitz)
        try c.encode(width, forKey: .width)
        try c.encode(irreducible, forKey: .irreducible)
        try c.encode(primitive, forKey: .primitive)
        try c.encode(strictly_dominant, forKey: .strictly_dominant)
        try c.encode(stages, forKey: .stages)
        try c.encode(stable_distribution, forKey: .stable_distribution)
        try c.encode(reproductive_values, forKey: .reproductive_values)
    }

    enum Key: String, CodingKey {
        case lambda, r, R0, generation_time, damping_ratio, period_of_oscillation, momentum_projection,
             momentum_keyfitz, width, irreducible, primitive, strictly_dominant, stages, stable_distribution,
             reproductive_values
    }
}
