import Testing
import Foundation
@testable import Demography
import DemographyIO

/// The published and computed figures of `matrices/lambda.csv` (popbio, popdemo,
/// Caswell 2001), reproduced by ``DominantEigen``; see `Tests/Fixtures/matrices/SOURCE.md`.
@Suite struct DominantEigenTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let dataset, name: String
        let lambda, dampingRatio: Double
        let published: Double?
        let irreducible, primitive: Bool
        let stable: [Double]
        var testDescription: String { "\(dataset)/\(name)" }
    }

    /// lambda.csv: dataset,matrix,n_stages,lambda_numpy,lambda_published,damping_ratio,
    /// irreducible,primitive,stable_stage_distribution,note.
    static let rows: [Row] = {
        guard let table = try? CSVTable.read(Fixture.url("matrices/lambda.csv")) else { return [] }
        return table.rows.compactMap { f in
            guard let lambda = Double(f[3]), let damping = Double(f[5]) else { return nil }
            return Row(dataset: f[0], name: f[1], lambda: lambda, dampingRatio: damping, published: Double(f[4]),
                       irreducible: f[6] == "1", primitive: f[7] == "1",
                       stable: f[8].split(separator: " ").compactMap { Double($0) })
        }
    }()

    static func matrix(_ dataset: String, _ name: String) throws -> Matrix {
        try MatrixFile.read(Fixture.url("matrices/\(dataset.lowercased()).csv"), matrixName: name).matrix
    }

    @Test func fixtureHasEveryMatrix() {
        #expect(Self.rows.count == 13)
    }

    /// λ and the damping ratio are printed to 10 decimals, w to 6: tolerance 1e-6
    /// (half a unit of the printed w is 5e-7, which is also met).
    @Test(arguments: rows)
    func reproducesLambdaTable(_ row: Row) throws {
        let eigen = try DominantEigen(of: try Self.matrix(row.dataset, row.name))
        #expect(abs(eigen.eigenvalue - row.lambda) < 1e-6)
        #expect(abs(eigen.dampingRatio - row.dampingRatio) < 1e-6)
        #expect(eigen.isIrreducible == row.irreducible)
        #expect(eigen.isPrimitive == row.primitive)
        #expect(eigen.stableDistribution.count == row.stable.count)
        for (w, expected) in zip(eigen.stableDistribution, row.stable) {
            #expect(abs(w - expected) <= 5e-7)
        }
    }

    /// Caswell (2001), Example 5.1: the killer whale's λ = 1.0254 (printed to 4 decimals).
    @Test func killerWhaleMatchesCaswellExample5_1() throws {
        let eigen = try DominantEigen(of: try Self.matrix("whale", "whale"))
        #expect(abs(eigen.eigenvalue - 1.0254) <= 0.5e-4)
        // Reducible (post-reproductives never return) but strictly dominant, w > 0.
        #expect(!eigen.isIrreducible && !eigen.isPrimitive && eigen.isStrictlyDominant)
        #expect(eigen.stableDistribution.allSatisfy { $0 > 0 })
        // λ2 is the post-reproductive survival 0.9804: ρ = 1.0254/0.9804.
        #expect(abs((eigen.subdominantEigenvalue?.real ?? 0) - 0.9804) < 1e-12)
        // Post-reproductive females have no reproductive value.
        #expect(abs(eigen.reproductiveValues[3]) < 1e-12)
    }

    /// popbio's 3x3 example: irreducible, imprimitive (index 3), |λ| = 0.36^(1/3) thrice.
    @Test func imprimitiveMatrixIsReportedNotRefused() throws {
        let a = try Self.matrix("imprimitive3", "imprimitive3")
        let eigen = try DominantEigen(of: a)
        #expect(eigen.isIrreducible && !eigen.isPrimitive && !eigen.isStrictlyDominant)
        #expect(abs(eigen.eigenvalue - pow(0.36, 1.0 / 3)) < 1e-12)
        #expect(abs(eigen.dampingRatio - 1) < 1e-9)
        // λ2 = λ1·e^(2πi/3): a cycle of period 3 steps.
        #expect(abs(eigen.periodOfOscillation - 3) < 1e-9)
        #expect(eigen.eigenvalues.allSatisfy { abs($0.modulus - eigen.eigenvalue) < 1e-12 })
        // Power iteration settles on a 3-cycle: reported, not looped on.
        let iteration = try a.powerIteration(maximumIterations: 2_000)
        #expect(!iteration.converged)
        #expect(iteration.iterations == 2_000)
    }

    /// A·w = λ·w and vᵀ·A = λ·vᵀ, Σw = 1, ⟨v, w⟩ = 1 for every matrix.
    @Test(arguments: rows)
    func eigenvectorsSatisfyTheirEquations(_ row: Row) throws {
        let a = try Self.matrix(row.dataset, row.name)
        let eigen = try DominantEigen(of: a)
        let w = eigen.stableDistribution, v = eigen.reproductiveValues, lambda = eigen.eigenvalue
        let aw = a.multiply(w)
        for i in w.indices { #expect(abs(aw[i] - lambda * w[i]) < 1e-12 * max(1, lambda)) }
        var transposed = Matrix(rows: a.columns, columns: a.rows)
        for i in 0..<a.rows { for j in 0..<a.columns { transposed[j, i] = a[i, j] } }
        let va = transposed.multiply(v)
        let scale = v.map(abs).max() ?? 1
        for i in v.indices { #expect(abs(va[i] - lambda * v[i]) < 1e-11 * scale * max(1, lambda)) }
        #expect(abs(w.reduce(0, +) - 1) < 1e-14)
        #expect(abs(zip(v, w).reduce(0) { $0 + $1.0 * $1.1 } - 1) < 1e-12)
    }

    /// Power iteration agrees with DGEEV wherever λ1 is strictly dominant.
    @Test(arguments: rows.filter { $0.name != "imprimitive3" })
    func powerIterationCrossCheck(_ row: Row) throws {
        let a = try Self.matrix(row.dataset, row.name)
        let eigen = try DominantEigen(of: a)
        let iteration = try a.powerIteration()
        #expect(iteration.converged)
        #expect(relativeError(iteration.eigenvalue, eigen.eigenvalue) < 1e-10)
        for (x, w) in zip(iteration.stableDistribution, eigen.stableDistribution) { #expect(abs(x - w) < 1e-10) }
    }

    // MARK: Edge cases and errors

    @Test func negativeEntryIsRefusedWithItsPlace() throws {
        let a = try Matrix(rows: 2, columns: 2, entries: [0, 1.5, -0.5, 0])
        #expect(throws: LinearAlgebraError.negativeEntry(row: 1, column: 0, value: -0.5)) { try DominantEigen(of: a) }
        #expect(throws: LinearAlgebraError.negativeEntry(row: 1, column: 0, value: -0.5)) { try a.powerIteration() }
    }

    @Test func nonFiniteEntryIsRefused() throws {
        let a = try Matrix(rows: 2, columns: 2, entries: [0, .nan, 0.5, 0])
        #expect {
            try DominantEigen(of: a)
        } throws: { error in
            guard case LinearAlgebraError.nonFinite(row: 0, column: 1, _) = error else { return false }
            return true
        }
        let b = try Matrix(rows: 2, columns: 2, entries: [0, 1, .infinity, 0])
        #expect(throws: LinearAlgebraError.nonFinite(row: 1, column: 0, value: .infinity)) { try b.eigenDecomposition() }
    }

    @Test func nonSquareMatrixIsRefused() throws {
        let a = try Matrix(rows: 2, columns: 3, entries: [0, 1, 2, 0.5, 0, 0])
        #expect(throws: LinearAlgebraError.notSquare(rows: 2, columns: 3)) { try DominantEigen(of: a) }
        #expect(throws: LinearAlgebraError.notSquare(rows: 2, columns: 3)) { try a.eigenDecomposition() }
        #expect(throws: LinearAlgebraError.empty) { try DominantEigen(of: Matrix(rows: 0, columns: 0)) }
    }

    /// No reproduction: A is nilpotent, λ1 = 0 — a clear error, not a division by 0.
    @Test func matrixWithoutReproductionHasNoStablePopulation() throws {
        let a = try Matrix(rows: 3, columns: 3, entries: [0, 0, 0, 0.9, 0, 0, 0, 0.8, 0])
        #expect(throws: LinearAlgebraError.zeroSpectralRadius) { try DominantEigen(of: a) }
        #expect(throws: LinearAlgebraError.zeroSpectralRadius) { try a.powerIteration() }
    }

    @Test func errorsReadAsSentences() {
        #expect(LinearAlgebraError.negativeEntry(row: 1, column: 0, value: -0.5).description
                == "matrix entry (2, 1) is -0.5, expected a rate or count of 0 or more")
        #expect(LinearAlgebraError.notSquare(rows: 2, columns: 3).description.contains("2 rows and 3 columns"))
    }
}
