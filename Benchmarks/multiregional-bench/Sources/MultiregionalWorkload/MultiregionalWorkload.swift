import Demography
import Foundation

/// The seeded multiregional problem both multiregional benchmarks time (this
/// package's and Benchmarks/mpi-bench): R regions, single years 0-100+, two sexes,
/// rates from the library's SplitMix64 (seed 2024), so runs compare across machines.
public enum MultiregionalWorkload {
    /// The step and the start population (S×A×R, region fastest).
    public static func problem(regions r: Int) throws -> (step: MultiregionalStep, start: [Double]) {
        var rng = SplitMix64(seed: 2024)
        let rates = try Self.rates(regions: r, rng: &rng)
        let a = rates.ages.count
        let step = try MultiregionalStep(rates: rates, externalMigrants: { _, _ in (0..<a).map { _ in 10 * rng.nextUniform() - 4 } }, migrationTiming: .endOfStep)
        let start = (0..<(2 * a * r)).map { _ in 500 + 1000 * rng.nextUniform() }
        return (step, start)
    }

    /// The rates of the problem (the first draws of `rng`).
    public static func rates(regions r: Int, rng: inout SplitMix64) throws -> MultiregionalRates {
        let ages = try AgeStructure.singleYear(openAge: 100)
        let a = ages.count
        let names = (0..<r).map { "region\($0)" }
        let weights = (0..<r).map { _ in 0.2 + rng.nextUniform() }
        let migration = try MigrationFlowMatrix(
            regions: names, ages: ages,
            outMigrationRate: { _, _, x in 0.01 + 0.03 * exp(-pow(Double(x) - 23, 2) / 200) },
            destinationShares: MigrationFlowMatrix.destinationShares(proportionalTo: weights))
        return try MultiregionalRates(
            regions: names, ages: ages,
            deathRate: { _, _ in (0..<a).map { 0.0002 + 0.00005 * exp(0.09 * Double($0)) * (0.9 + 0.2 * rng.nextUniform()) } },
            migration: migration,
            fertilityRate: { _ in (0..<a).map { x in x >= 15 && x < 50 ? 0.06 * exp(-pow(Double(x) - 29, 2) / 50) : 0 } },
            sexRatioAtBirth: 1.05)
    }

    /// The same problem as a projection of `steps` steps from year 0.
    public static func projection(regions r: Int, steps: Int) throws -> MultiregionalProjection {
        let (step, counts) = try problem(regions: r)
        let a = step.ages.count
        let start = try MultiregionalPopulation(regions: step.regions, ages: step.ages, sexes: step.sexes) { region, sex in
            let s = sex == .female ? 0 : 1
            return (0..<a).map { counts[(s * a + $0) * r + region] }
        }
        return try MultiregionalProjection(start: start, startYear: 0, step: step, count: steps)
    }
}
