/// The dominant eigenpair of a Leslie-form matrix from its characteristic equation,
/// in O(k) per iteration with no dense products.
///
/// Design note. A Leslie-form matrix has a first row f, a subdiagonal s₁ … s_{k−1}
/// and possibly an open-group diagonal d = A[k−1, k−1]. With l₀ = 1, lⱼ = s₁⋯sⱼ
/// and cⱼ = fⱼ·lⱼ, the eigenvector equation reduces to the discrete Euler–Lotka
/// equation in u = 1/λ (Leslie 1945; Caswell 2001, ch. 2):
///
///     p(u) = Σ_{j<k−1} cⱼ·u^{j+1} + c_{k−1}·u^k / (1 − d·u) = 1
///
/// p is increasing and convex on [0, 1/d), so Newton's method started to the right
/// of the root (p ≥ 1) descends monotonically to it; a bisection bracket guards
/// against rounding. Then, in O(k):
///
///     w₀ = 1,  wⱼ = wⱼ₋₁·sⱼ/λ,   w_{k−1} = w_{k−2}·s_{k−1}/(λ − d)
///     v_{k−1} = f_{k−1}/(λ − d),  vⱼ = (fⱼ + s_{j+1}·v_{j+1})/λ
///
/// Priorities: agreement with DGEEV to 1e-10, then speed. When the open group's
/// own eigenvalue d is at least the reproductive root (λ1 = d), or nothing
/// reproduces, the kernel returns nil and callers fall back to ``DominantEigen``.
enum LeslieCharacteristicEquation {
    /// The rates of one Leslie block: f (k), s (k; s[0] unused) and d.
    struct Block {
        var firstRow: [Double]
        var subdiagonal: [Double]
        var openDiagonal: Double
    }

    /// λ1 of `block`, or nil when λ1 ≤ d or there is no reproduction.
    static func dominantRoot(_ block: Block) -> Double? {
        let k = block.firstRow.count
        guard k >= 2 else { return nil }
        var c = [Double](repeating: 0, count: k)
        var l = 1.0
        for j in 0..<k {
            if j > 0 { l *= block.subdiagonal[j] }
            c[j] = block.firstRow[j] * l
        }
        guard c.contains(where: { $0 > 0 }) else { return nil }
        let d = block.openDiagonal
        let uLimit = d > 0 ? 1 / d : Double.infinity
        func evaluate(_ u: Double) -> (p: Double, slope: Double) {
            var p = 0.0, slope = 0.0, uPower = 1.0   // uPower = u^j
            for j in 0..<(k - 1) {
                slope += Double(j + 1) * c[j] * uPower
                uPower *= u
                p += c[j] * uPower
            }
            let tail = c[k - 1]
            if tail > 0 {
                let denominator = 1 - d * u
                p += tail * uPower * u / denominator
                slope += tail * uPower * (Double(k) - Double(k - 1) * d * u) / (denominator * denominator)
            }
            return (p, slope)
        }
        // Bracket [low, high] with p(low) < 1 ≤ p(high).
        var low = 0.0
        var high = min(1.0, uLimit / 2)
        var found = false
        for _ in 0..<4096 {
            if evaluate(high).p >= 1 { found = true; break }
            low = high
            let doubled = 2 * high
            high = doubled < uLimit ? doubled : (high + uLimit) / 2
            if high == low { break }
        }
        guard found else { return nil }
        var u = high
        for _ in 0..<200 {
            let (p, slope) = evaluate(u)
            if p == 1 { break }
            if p > 1 { high = u } else { low = u }
            var next = u - (p - 1) / slope
            if !(next > low && next < high) { next = 0.5 * (low + high) }
            if abs(next - u) <= 2 * Double.ulpOfOne * u {
                u = next
                break
            }
            u = next
        }
        let lambda = 1 / u
        return lambda > d ? lambda : nil
    }

    /// w of `block` for λ (w₀ = 1, not normalised).
    static func rightVector(_ block: Block, lambda: Double) -> [Double] {
        let k = block.firstRow.count
        var w = [Double](repeating: 0, count: k)
        w[0] = 1
        for j in 1..<(k - 1) { w[j] = w[j - 1] * block.subdiagonal[j] / lambda }
        w[k - 1] = w[k - 2] * block.subdiagonal[k - 1] / (lambda - block.openDiagonal)
        return w
    }

    /// v of `block` for λ (v₀ ≈ 1, not normalised).
    static func leftVector(_ block: Block, lambda: Double) -> [Double] {
        let k = block.firstRow.count
        var v = [Double](repeating: 0, count: k)
        v[k - 1] = block.firstRow[k - 1] / (lambda - block.openDiagonal)
        for j in stride(from: k - 2, through: 0, by: -1) {
            v[j] = (block.firstRow[j] + block.subdiagonal[j + 1] * v[j + 1]) / lambda
        }
        return v
    }

    /// The block of rows/columns `offset ..< offset + k` of `a`, first row `row`.
    static func block(of a: Matrix, offset: Int, count k: Int, firstRowFrom row: Int) -> Block {
        var f = [Double](repeating: 0, count: k)
        var s = [Double](repeating: 0, count: k)
        for j in 0..<k { f[j] = a[row, offset + j] }
        for j in 1..<k { s[j] = a[offset + j, offset + j - 1] }
        return Block(firstRow: f, subdiagonal: s, openDiagonal: a[offset + k - 1, offset + k - 1])
    }
}
