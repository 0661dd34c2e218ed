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

    @Option(name: .long, parsing: .unconditional, help: "With --matrix: the years per projection step, above 0 and at most 1000 (default 1).")
    var width: Double = 1

    @Option(name: .long, help: "With --matrix: a file with the reproduction part F of the matrix (default: its first row).", completion: .file())
    var fertility: String?

    @Option(name: .long, help: "A dataset directory.", completion: .directory)
    var data: String?

    @Option(name: .long, parsing: .unconditional, help: "With --data: the first year of the period whose rates to use.")
    var year: Int?

    @Option(name: .long, help: "With --data: the location code, when the files hold several.")
    var location: String?

    @Option(name: .long, help: "Write the stable distribution, reproductive values and elasticities into this new folder (see --overwrite).", completion: .directory)
    var out: String?

    @Flag(name: .long, help: OutputHelp.overwrite)
    var overwrite = false

    @Option(name: .long, help: "Output format: text or json (one JSON object).")
    var format: StableOutputFormat = .text

    @Flag(name: .long, help: "List every problem in the input files, grouped by file, instead of the first one.")
    var allProblems = false

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
        try OptionBounds.checkPositive("--width", width, atMost: OptionBounds.stepWidth, unit: "years")
        try OptionBounds.check("--year", year, in: OptionBounds.years)
    }

    func run() throws {
        let analysis = try data != nil ? analyseDataset() : analyseMatrixFile()
        // Render before writing: a run that cannot print leaves no files.
        let report: String
        switch format {
        case .text: report = try StableTables.text(analysis)
        case .json:
            do { report = try StableTables.json(analysis) } catch let error as OutputValueError { throw error } catch {
                throw CommandFailure("cannot write JSON: \(error.localizedDescription)")
            }
        }
        if let out {
            try PopProj.write(StableTables.csv(analysis), to: out, overwrite: overwrite)
        }
        print(report)
    }

    private func analyseDataset() throws -> StableAnalysis {
        guard let data, let year else { throw CommandFailure("--data needs --year") }
        let directory = URL(fileURLWithPath: data)
        if AssumptionsReader.looksLikeAssumptions(.directory(directory)) {
            throw CommandFailure("stable --data needs full rates (pop_base.csv, life_table.csv with Sx, asfr.csv, srb.csv); "
                                 + "\(data) holds UN WPP summary assumptions (tfr.csv, pasfr.csv, mig_net_total.csv)")
        }
        let dataset: Dataset
        do { dataset = try DatasetReader(location: location).read(directory: directory) } catch {
            throw error.failure(allProblems: allProblems)
        }
        printWarnings(dataset.warnings)
        let inputs = dataset.inputs
        let step: ProjectionStep?
        do { step = try inputs.step(startingIn: year, survival: .given) } catch { throw CommandFailure(error.description) }
        guard let step else {
            let years = inputs.periodStartYears(survival: .given)
            guard let first = years.first, let last = years.last else {
                let why = inputs.survivalRatios.isEmpty
                    ? "they hold no survival ratios (the Sx column of life_table.csv; death rates alone are not used here)"
                    : "no period from the base year \(inputs.baseYear) has survival ratios, fertility rates and a sex ratio at birth together"
                throw CommandFailure("no period starts in \(year): the data have no period with full rates, because \(why)")
            }
            let list = years.count <= 12 ? years.map(String.init).joined(separator: ", ")
                : "\(first) to \(last) every \(inputs.width) years"
            throw CommandFailure("no period starts in \(year); the data have periods starting in \(list)")
        }
        let leslie = step.femaleLeslieMatrix()
        let ages = leslie.ages
        return try Self.analyse(
            leslie.matrix, width: Double(leslie.width), split: .firstRow,
            stages: (0..<ages.count).map { ages.label(at: $0) },
            keyfitz: Result { () throws(LinearAlgebraError) in try leslie.keyfitzMomentum() })
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
            throw error.failure(allProblems: allProblems, in: "the matrix file")
        }
        let stages = file.stageNames ?? (1...file.matrix.rows).map { "stage\($0)" }
        return try Self.analyse(file.matrix, width: width, split: split, stages: stages, keyfitz: nil)
    }

    private static func analyse(_ matrix: Matrix, width: Double, split: ReproductionSplit, stages: [String],
                                keyfitz: Result<KeyfitzMomentum, LinearAlgebraError>?) throws -> StableAnalysis {
        guard stages.count == matrix.rows else {
            throw CommandFailure("the file names \(stages.count) stages for a \(matrix.rows) x \(matrix.columns) matrix")
        }
        do {
            return StableAnalysis(stable: try StablePopulation(matrix: matrix, width: width), stages: stages, split: split,
                                  keyfitz: keyfitz)
        } catch {
            throw CommandFailure(error.description)
        }
    }
}

/// `--format text|json`.
enum StableOutputFormat: String, CaselessArgument {
    case text, json
    init?(argument: String) { self.init(caseless: argument) }
}
