/// Irreducibility and primitivity of a non-negative matrix from its zero pattern.
///
/// With B the 0/1 pattern of A (bᵢⱼ = 1 where aᵢⱼ > 0) and n its order
/// (Caswell 2001, ch. 4; Horn & Johnson 1985, ch. 6 and 8):
///
///     irreducible  ⇔  (I + B)ⁿ⁻¹ > 0                (every stage reaches every other)
///     primitive    ⇔  irreducible and B^(n²−2n+2) > 0   (Wielandt's bound)
///
/// A reducible matrix (the killer whale's post-reproductive stage) or an
/// imprimitive one (a Leslie matrix with a single reproductive age class) is legal;
/// ``DominantEigen`` reports it. Powers use repeated squaring through DGEMM and
/// clamp every product back to 0/1, so nothing overflows.
public enum PerronFrobenius {
    /// Whether (I + B)ⁿ⁻¹ has no zero entry.
    /// - Complexity: O(n³·log n).
    public static func isIrreducible(_ a: Matrix) throws(LinearAlgebraError) -> Bool {
        try LinearAlgebraError.requireProjectionMatrix(a)
        var b = pattern(a)
        for i in 0..<a.rows { b[i, i] = 1 }
        return isPositive(Matrix.power(b, a.rows - 1, afterEachProduct: clamp))
    }

    /// Whether A is irreducible and B^(n²−2n+2) has no zero entry.
    /// - Complexity: O(n³·log n).
    public static func isPrimitive(_ a: Matrix) throws(LinearAlgebraError) -> Bool {
        guard try isIrreducible(a) else { return false }
        let n = a.rows
        return isPositive(Matrix.power(pattern(a), n * n - 2 * n + 2, afterEachProduct: clamp))
    }

    /// B — 1 where aᵢⱼ > 0, else 0.
    static func pattern(_ a: Matrix) -> Matrix {
        var b = a
        for i in b.entries.indices { b.entries[i] = a.entries[i] > 0 ? 1 : 0 }
        return b
    }

    static func clamp(_ m: inout Matrix) {
        for i in m.entries.indices where m.entries[i] > 0 { m.entries[i] = 1 }
    }

    static func isPositive(_ m: Matrix) -> Bool {
        m.entries.allSatisfy { $0 > 0 }
    }
}
