import Testing
import Foundation
import Demography
import DemographyIO

/// Sensitivities, elasticities, R0, generation time and momentum (Caswell 2001,
/// ch. 5 and 9; Keyfitz 1971).
@Suite struct StablePopulationTests {
    static func matrix(_ file: String, _ name: String) throws -> Matrix {
        try MatrixFile.read(Fixture.url("matrices/\(file).csv"), matrixName: name).matrix
    }

    static func swedenLeslie() throws -> FemaleLeslieMatrix {
        try #require(try Fixture.dataset("sweden1993").inputs.projection(survival: .given).steps.first).femaleLeslieMatrix()
    }

    /// sᵢⱼ against finite differences of λ1 (DGEEV): central differences with step h
    /// and h/2 combined by Richardson extrapolation, (4·D(h/2) − D(h))/3, error O(h⁴);
    /// with h = 1e-3 DGEEV's rounding (about 1e-15 in λ) adds about 1e-12, so 1e-6 relative holds for every
    /// entry whose sensitivity is at least 1e-4 of the largest (zero entries included).
    @Test(arguments: [("whale", "whale"), ("teasel", "teasel"), ("tortoise", "med.high")])
    func sensitivitiesMatchFiniteDifferences(_ file: String, _ name: String) throws {
        let a = try Self.matrix(file, name)
        try Self.checkSensitivities(a, width: 1)
    }

    @Test func swedenSensitivitiesMatchFiniteDifferences() throws {
        try Self.checkSensitivities(try Self.swedenLeslie().matrix, width: 5)
    }

    /// λ1 of a perturbed matrix, whose entries may go slightly below 0 (largest modulus, then real part).
    static func lambda(_ a: Matrix) throws -> Double {
        let values = try a.eigenDecomposition(vectors: .none).eigenvalues
        let largest = values.map(\.modulus).max() ?? 0
        return values.filter { $0.modulus >= largest * (1 - 1e-10) }.map(\.real).max() ?? 0
    }

    static func checkSensitivities(_ a: Matrix, width: Double) throws {
        let stable = try StablePopulation(matrix: a, width: width)
        let s = stable.sensitivities()
        let largest = s.entries.max() ?? 1
        func centralDifference(_ i: Int, _ j: Int, _ h: Double) throws -> Double {
            var up = a, down = a
            up[i, j] += h
            down[i, j] -= h
            return (try lambda(up) - lambda(down)) / (2 * h)
        }
        var checked = 0
        for i in 0..<a.rows {
            for j in 0..<a.columns where s[i, j] >= 1e-4 * largest {
                let h = 1e-3
                let difference = (4 * (try centralDifference(i, j, h / 2)) - (try centralDifference(i, j, h))) / 3
                #expect(relativeError(s[i, j], difference) < 1e-6, "s[\(i), \(j)] = \(s[i, j]) vs \(difference)")
                checked += 1
            }
        }
        #expect(checked >= a.rows)
    }

    /// Σ eᵢⱼ = 1 (Caswell 2001, §9.2).
    @Test(arguments: [("whale", "whale"), ("teasel", "teasel"), ("pbear", "Y2004"), ("imprimitive3", "imprimitive3")])
    func elasticitiesSumToOne(_ file: String, _ name: String) throws {
        let e = try StablePopulation(matrix: try Self.matrix(file, name)).elasticities()
        #expect(abs(e.entries.reduce(0, +) - 1) < 1e-12)
        #expect(e.entries.allSatisfy { $0 >= -1e-15 })
    }

    /// For a Leslie matrix R0 = Σ A[0,x]·lₓ = π_f·Σ F(x)·L(x)/l0, and T = ln R0 / r.
    @Test func netReproductiveRateOfALeslieMatrix() throws {
        let leslie = try Self.swedenLeslie()
        let stable = try leslie.stablePopulation()
        let r0 = try stable.netReproductiveRate()
        let lx = try leslie.personYearsLived()
        var direct = 0.0
        for x in 1..<(lx.count - 1) { direct += leslie.fertilityRates[x] * lx[x] }
        direct *= leslie.femaleShareOfBirths
        #expect(relativeError(r0, direct) < 1e-12)
        #expect(relativeError(try stable.generationTime(), log(r0) / stable.intrinsicRate) < 1e-15)
        // Sweden 1993 is just above replacement: λ > 1 ⇔ R0 > 1.
        #expect(r0 > 1 && r0 < 1.01)
        let generation = try stable.generationTime()
        #expect(generation > 25 && generation < 35)
    }

    /// λ1 > 1 ⇔ R0 > 1 for a general stage matrix with its fertilities given
    /// (teasel's flowering plants make seeds and rosettes: column 6, rows 1, 3, 4, 5).
    @Test func netReproductiveRateWithAGivenReproductionMatrix() throws {
        let a = try Self.matrix("teasel", "teasel")
        var f = Matrix(rows: 6, columns: 6)
        for i in [0, 2, 3, 4] { f[i, 5] = a[i, 5] }
        let stable = try StablePopulation(matrix: a)
        let r0 = try stable.netReproductiveRate(split: .given(f))
        #expect(r0 > 1 && stable.dominantEigenvalue > 1)
        // Replacement: U + F/R0 has λ1 = 1.
        let replacement = try DominantEigen(of: stable.replacementMatrix(split: .given(f)))
        #expect(abs(replacement.eigenvalue - 1) < 1e-12)
        for tortoise in ["low", "med.low", "med.high", "high"] {
            let r0 = try StablePopulation(matrix: Self.matrix("tortoise", tortoise)).netReproductiveRate()
            #expect(r0 < 1)   // every tortoise scenario declines
        }
    }

    /// A stage that survives for ever without reproducing has no fundamental matrix.
    @Test func netReproductiveRateIsUndefinedWhenSomeoneNeverDies() throws {
        var a = Matrix(rows: 2, columns: 2)
        a.entries = [0, 1.0, 0.5, 1.0]
        #expect {
            try StablePopulation(matrix: a).netReproductiveRate()
        } throws: { error in
            guard case LinearAlgebraError.undefined(quantity: "R0", _) = error else { return false }
            return true
        }
        var f = Matrix(rows: 2, columns: 2)
        f.entries = [0, 2.0, 0, 0]
        #expect {
            try StablePopulation(matrix: a).netReproductiveRate(split: .given(f))
        } throws: { error in
            guard case LinearAlgebraError.undefined(quantity: "the reproduction matrix F", _) = error else { return false }
            return true
        }
    }

    /// The projected limit equals w′·⟨v′, n₀⟩ of the replacement matrix (Σw′ = 1, ⟨v′, w′⟩ = 1).
    @Test func momentumByProjectionEqualsTheEigenvectorLimit() throws {
        for a in [try Self.swedenLeslie().matrix, try Self.matrix("whale", "whale")] {
            let stable = try StablePopulation(matrix: a)
            let projected = try stable.momentumByProjection()
            let replacement = try DominantEigen(of: stable.replacementMatrix())
            let start = stable.stableDistribution
            let limit = zip(replacement.reproductiveValues, start).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(relativeError(projected.momentum, limit) < 1e-9)
        }
    }

    /// Keyfitz (1971) against the projection, for a stable population before the drop.
    /// With b, e0, μ and R0 taken from the matrix as ``FemaleLeslieMatrix/keyfitzMomentum()``
    /// documents, the formula is an identity for the Leslie model (Euler–Lotka), so the
    /// two agree to rounding: measured 1e-14 relative for Venezuela 1965 (M = 1.7829),
    /// Madagascar 1966 (1.3041), USA 1967 (1.1915) and Sweden 1993 (1.0060). Tolerance 1e-10.
    @Test(arguments: ["862", "450", "840", "sweden"])
    func keyfitzFormulaEqualsTheProjectionFromAStableStart(_ population: String) throws {
        let leslie = population == "sweden" ? try Self.swedenLeslie()
            : try GoodmanDemogRTests.compute(population, year: ["862": 1965, "450": 1966, "840": 1967][population] ?? 0).leslie
        let keyfitz = try leslie.keyfitzMomentum()
        let projected = try leslie.stablePopulation().momentumByProjection()
        #expect(relativeError(keyfitz.momentum, projected.momentum) < 1e-10,
                "Keyfitz \(keyfitz.momentum) vs projection \(projected.momentum)")
        #expect(abs(keyfitz.lifeExpectancy - (try leslie.lifeExpectancyAtBirth())) < 1e-12)
        #expect(relativeError(keyfitz.netReproductiveRate, try leslie.stablePopulation().netReproductiveRate()) < 1e-12)
    }

    /// Fast growth carries a large momentum (Keyfitz 1971: about 1.6 for the developing
    /// countries of the 1960s); from a non-stable start the projection still applies.
    @Test func momentumOfAFastGrowingPopulation() throws {
        let venezuela = try GoodmanDemogRTests.compute("862", year: 1965).leslie
        let stable = try venezuela.stablePopulation()
        let m = try stable.momentumByProjection().momentum
        #expect(m > 1.7 && m < 1.9)
        let young = [Double](repeating: 1, count: 6) + [Double](repeating: 0, count: 12)
        let fromYoung = try stable.momentumByProjection(from: young)
        #expect(fromYoung.momentum > m)   // an all-young population has even more momentum
    }

    /// The imprimitive matrix at replacement cycles for ever: the projection stops and says so.
    @Test func momentumOfAnImprimitiveMatrixDoesNotConverge() throws {
        let stable = try StablePopulation(matrix: try Self.matrix("imprimitive3", "imprimitive3"))
        #expect(throws: LinearAlgebraError.iterationDidNotConverge(iterations: 1_000)) {
            try stable.momentumByProjection(from: [1, 0, 0], maximumSteps: 1_000)
        }
    }
}
