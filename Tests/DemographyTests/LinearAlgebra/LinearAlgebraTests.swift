import Testing
import Foundation
@testable import Demography

/// Matrix powers (DGEMM), solves (DGESV), eigenvalues (DGEEV) and the one place
/// that turns LAPACK's `info` into ``LinearAlgebraError``.
@Suite struct LinearAlgebraTests {
    static var leslie: Matrix {
        var a = Matrix(rows: 3, columns: 3)
        a.entries = [0, 1.2, 0.8, 0.6, 0, 0, 0, 0.7, 0.3]
        return a
    }

    @Test func powerByRepeatedSquaringEqualsRepeatedProducts() throws {
        let a = Self.leslie
        #expect(try a.power(0) == Matrix.identity(3))
        #expect(try a.power(1) == a)
        var product = a
        for p in 2...13 {
            product = product.multiply(a)
            let squared = try a.power(p)
            for (x, y) in zip(squared.entries, product.entries) { #expect(abs(x - y) <= 1e-13 * max(1, abs(y))) }
        }
    }

    @Test func powerRefusesNonSquareAndNegativeExponents() throws {
        let a = try Matrix(rows: 2, columns: 3, entries: [1, 2, 3, 4, 5, 6])
        #expect(throws: LinearAlgebraError.notSquare(rows: 2, columns: 3)) { try a.power(2) }
        #expect { try Self.leslie.power(-1) } throws: { error in
            guard case LinearAlgebraError.undefined = error else { return false }
            return true
        }
    }

    @Test func solveAndInverse() throws {
        let a = try Matrix(rows: 2, columns: 2, entries: [4, 3, 6, 3])
        let inverse = try a.inverse()
        let identity = a.multiply(inverse)
        for (x, y) in zip(identity.entries, Matrix.identity(2).entries) { #expect(abs(x - y) < 1e-14) }
        let singular = try Matrix(rows: 2, columns: 2, entries: [1, 2, 2, 4])
        #expect(throws: LinearAlgebraError.singular(routine: "LAPACKE_dgesv", pivot: 2)) { try singular.inverse() }
    }

    /// TOOLCHAIN.md §1: [[0, 1.5], [0.5, 0]] has eigenvalues ±√0.75.
    @Test func dgeevOnATwoByTwoLeslieMatrix() throws {
        let a = try Matrix(rows: 2, columns: 2, entries: [0, 1.5, 0.5, 0])
        let values = try a.eigenDecomposition(vectors: .none).eigenvalues.map(\.real).sorted()
        #expect(abs(values[0] + 0.75.squareRoot()) < 1e-15 && abs(values[1] - 0.75.squareRoot()) < 1e-15)
        let complex = try Matrix(rows: 2, columns: 2, entries: [0, -1, 1, 0]).eigenDecomposition()
        #expect(complex.eigenvalues.allSatisfy { abs($0.modulus - 1) < 1e-15 && !$0.isReal })
        #expect(complex.rightVector(ofRealEigenvalue: 0) == nil)
    }

    /// LAPACK's info: < 0 illegal argument, > 0 routine-specific, −1010 out of memory.
    @Test func lapackInfoIsTranslatedInOnePlace() {
        #expect(throws: LinearAlgebraError.illegalArgument(routine: "LAPACKE_dgeev", position: 5)) {
            try LinearAlgebraError.check(info: -5, routine: .dgeev)
        }
        #expect(throws: LinearAlgebraError.didNotConverge(routine: "LAPACKE_dgeev", info: 3)) {
            try LinearAlgebraError.check(info: 3, routine: .dgeev)
        }
        #expect(throws: LinearAlgebraError.singular(routine: "LAPACKE_dgesv", pivot: 3)) {
            try LinearAlgebraError.check(info: 3, routine: .dgesv)
        }
        #expect(throws: LinearAlgebraError.outOfMemory(routine: "LAPACKE_dgesv")) {
            try LinearAlgebraError.check(info: -1010, routine: .dgesv)
        }
        #expect(throws: Never.self) { try LinearAlgebraError.check(info: 0, routine: .dgeev) }
    }

    /// The zero-pattern tests of ``PerronFrobenius`` on textbook cases.
    @Test func perronFrobeniusFlags() throws {
        #expect(try PerronFrobenius.isPrimitive(Self.leslie))   // ages 1 and 2 reproduce: gcd 1
        let cyclic = try Matrix(rows: 2, columns: 2, entries: [0, 2, 0.5, 0])
        #expect(try PerronFrobenius.isIrreducible(cyclic) && !PerronFrobenius.isPrimitive(cyclic))
        let triangular = try Matrix(rows: 2, columns: 2, entries: [1, 0, 1, 1])
        #expect(try !PerronFrobenius.isIrreducible(triangular))
    }
}
