import Foundation
import Demography

/// The results of a stable-population analysis of one projection matrix, as
/// the writers of ``StableTables`` need them.
///
/// Quantities that may be undefined for a matrix (R0, generation time,
/// momentum) are kept with their error, so that the text says why.
public struct StableAnalysis: Sendable {
    /// The stage names, one per row of the matrix.
    public let stages: [String]
    /// The years per projection step.
    public let width: Double
    /// λ, r, the stable distribution and the reproductive values.
    public let stable: StablePopulation
    /// R0 — the net reproductive rate.
    public let netReproductiveRate: Result<Double, LinearAlgebraError>
    /// T — the generation time, in years.
    public let generationTime: Result<Double, LinearAlgebraError>
    /// The population momentum, by projection to stationarity.
    public let projectedMomentum: Result<ProjectedMomentum, LinearAlgebraError>
    /// The population momentum by Keyfitz's (1971) formula (Leslie matrices only).
    public let keyfitz: Result<KeyfitzMomentum, LinearAlgebraError>?

    /// Analyses `stable`: R0 and T with the reproduction part `split`, and the
    /// momentum by projection to stationarity (at most 20,000 steps).
    public init(stable: StablePopulation, stages: [String], split: ReproductionSplit,
                keyfitz: Result<KeyfitzMomentum, LinearAlgebraError>? = nil) {
        self.stable = stable
        self.stages = stages
        self.width = stable.width
        netReproductiveRate = Result { () throws(LinearAlgebraError) in try stable.netReproductiveRate(split: split) }
        generationTime = Result { () throws(LinearAlgebraError) in try stable.generationTime(split: split) }
        projectedMomentum = Result { () throws(LinearAlgebraError) in
            try stable.momentumByProjection(split: split, maximumSteps: 20_000)
        }
        self.keyfitz = keyfitz
    }

    /// Reproductive values with v₀ = 1 when the first stage has any, else ⟨v, w⟩ = 1.
    public var reproductiveValues: [Double] {
        stable.eigen.eigenpair.reproductiveValuesRelativeToFirstStage ?? stable.reproductiveValues
    }
}

/// Writes a ``StableAnalysis``: the text of `popproj stable`, one JSON object,
/// and CSV tables of the stable distribution, reproductive values and elasticities.
public enum StableTables {
    /// The analysis as aligned lines: λ per step, r per year, R0, generation time,
    /// damping ratio, momentum, and a note when the matrix is reducible,
    /// imprimitive or λ is not strictly dominant.
    public static func text(_ analysis: StableAnalysis) throws(OutputValueError) -> String {
        try check(analysis, file: "the printed analysis")
        let stable = analysis.stable, eigen = stable.eigen
        func line(_ label: String, _ value: String) -> String {
            label.padding(toLength: 18, withPad: " ", startingAt: 0) + value
        }
        func show<T>(_ result: Result<T, LinearAlgebraError>, _ format: (T) -> String) -> String {
            switch result {
            case .success(let value): return format(value)
            case .failure(let error): return "undefined (\(error.description))"
            }
        }
        let per = analysis.width == 1 ? "per step" : "per \(number(analysis.width)) years"
        var lines = [
            line("lambda", String(format: "%.6f %@", eigen.eigenvalue, per)),
            line("r", String(format: "%.6f per year", stable.intrinsicRate)),
            line("R0", show(analysis.netReproductiveRate) { String(format: "%.6f", $0) }),
            line("generation time", show(analysis.generationTime) { String(format: "%.3f years", $0) }),
            line("damping ratio", eigen.dampingRatio.isFinite ? String(format: "%.6f", eigen.dampingRatio) : "infinite"),
            line("momentum", show(analysis.projectedMomentum) { String(format: "%.6f (projection to stationarity)", $0.momentum) }),
        ]
        if let keyfitz = analysis.keyfitz {
            lines.append(line("", show(keyfitz) { String(format: "%.6f (Keyfitz 1971 formula)", $0.momentum) }))
        }
        var flags: [String] = []
        if !eigen.isIrreducible { flags.append("reducible (some stages, such as post-reproductive ages, never contribute to the others)") }
        if eigen.isIrreducible && !eigen.isPrimitive { flags.append("imprimitive: the population cycles and never converges") }
        if !eigen.isStrictlyDominant { flags.append("lambda is not strictly dominant") }
        if !flags.isEmpty { lines.append(line("note", flags.joined(separator: "; "))) }
        return lines.joined(separator: "\n")
    }

    /// One JSON object with sorted keys: lambda, r, R0, generation_time,
    /// damping_ratio, period_of_oscillation, momentum_projection,
    /// momentum_keyfitz, width, irreducible, primitive, strictly_dominant,
    /// stages, stable_distribution, reproductive_values (undefined quantities
    /// are null).
    public static func json(_ analysis: StableAnalysis) throws -> String {
        try check(analysis, file: "the JSON analysis")
        func value<T>(_ result: Result<T, LinearAlgebraError>?, _ pick: (T) -> Double) -> Double? {
            guard case .success(let v)? = result else { return nil }
            let number = pick(v)
            return number.isFinite ? number : nil
        }
        let stable = analysis.stable, eigen = stable.eigen
        let object = StableJSON(
            lambda: eigen.eigenvalue, r: stable.intrinsicRate,
            R0: value(analysis.netReproductiveRate) { $0 }, generation_time: value(analysis.generationTime) { $0 },
            damping_ratio: eigen.dampingRatio.isFinite ? eigen.dampingRatio : nil,
            period_of_oscillation: eigen.periodOfOscillation.isFinite ? eigen.periodOfOscillation : nil,
            momentum_projection: value(analysis.projectedMomentum) { $0.momentum },
            momentum_keyfitz: value(analysis.keyfitz) { $0.momentum },
            width: analysis.width, irreducible: eigen.isIrreducible, primitive: eigen.isPrimitive,
            strictly_dominant: eigen.isStrictlyDominant, stages: analysis.stages,
            stable_distribution: stable.stableDistribution, reproductive_values: analysis.reproductiveValues)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(object), as: UTF8.self)
    }

    /// `stable_distribution.csv`, `reproductive_values.csv` (stage,value) and
    /// `elasticities.csv` (to_stage,from_stage,value), by file name.
    public static func csv(_ analysis: StableAnalysis) throws(OutputValueError) -> [String: String] {
        try check(analysis, file: "the stable-population tables")
        let stages = analysis.stages
        func column(_ values: [Double]) -> String {
            "stage,value\n" + zip(stages, values).map { "\(csvField($0)),\(number($1))\n" }.joined()
        }
        let e = analysis.stable.elasticities()
        for (k, v) in e.entries.enumerated() {
            try OutputValue.finite(v, in: "elasticities.csv", at: "to \(stages[k / e.columns]), from \(stages[k % e.columns])")
        }
        var elasticities = "to_stage,from_stage,value\n"
        for i in 0..<e.rows {
            for j in 0..<e.columns {
                elasticities += "\(csvField(stages[i])),\(csvField(stages[j])),\(number(e[i, j]))\n"
            }
        }
        return ["stable_distribution.csv": column(analysis.stable.stableDistribution),
                "reproductive_values.csv": column(analysis.reproductiveValues),
                "elasticities.csv": elasticities]
    }

    /// Refuses an analysis whose λ, r, width, stable distribution or reproductive
    /// values are not finite (a matrix or width outside the range of Double arithmetic).
    static func check(_ analysis: StableAnalysis, file: String) throws(OutputValueError) {
        let stable = analysis.stable
        try OutputValue.finite(stable.eigen.eigenvalue, in: file, at: "lambda")
        try OutputValue.finite(stable.intrinsicRate, in: file, at: "r (per year, from a step of \(number(analysis.width)) years)")
        for (name, values) in [("stable distribution", stable.stableDistribution), ("reproductive values", analysis.reproductiveValues)] {
            for (i, v) in values.enumerated() {
                try OutputValue.finite(v, in: file, at: "\(name), stage \(i < analysis.stages.count ? analysis.stages[i] : String(i + 1))")
            }
        }
    }

    /// A number with ten significant digits (`%.10g`).
    static func number(_ value: Double) -> String { String(format: "%.10g", value) }

    /// A CSV field, quoted when it holds a comma or a quote.
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
