import Demography

/// The baseline of the build timing: the transition blocks of a
/// `MultiregionalStep` built the way the library built them before they were
/// built block by block — walking the multiregional life table one age group at
/// a time (P(x) = (I + n/2·M(x))⁻¹(I − n/2·M(x)), l(x+n) = P(x)·l(x),
/// L(x) = n/2·(l(x) + l(x+n))), with each survivorship block S(x−1) =
/// (I + n/2·M(x))⁻¹(I − n/2·M(x−1)) and the merged open group solved as it was
/// met, every matrix a row-major `Matrix` through `Matrix.solve` (row-major
/// LAPACKE `dgesv`) and `Matrix.multiply` (DGEMM), one call after another.
/// Per age group: three solves and a product. It gives the library's blocks bit
/// for bit when OpenBLAS runs one thread (checked by the benchmark).
enum LifeTableWalkBuild {
    /// The blocks of all sexes, in `MultiregionalStep.transitions`' layout
    /// (per sex A+1 blocks of R×R, row = destination); nil when a solve fails or
    /// a block has a negative entry.
    static func blocks(_ rates: MultiregionalRates, mergedOpenGroup: Bool = true) -> [Double]? {
        let r = rates.regions.count, a = rates.ages.count, n = Double(rates.width), h = n / 2
        var blocks = [Double](repeating: 0, count: rates.sexes.count * (a + 1) * r * r)
        let identity = Matrix.identity(r)
        do {
            for s in rates.sexes.indices {
                func put(_ t: Int, _ m: Matrix) {
                    blocks.replaceSubrange(((s * (a + 1) + t) * r * r)..<((s * (a + 1) + t + 1) * r * r), with: m.entries)
                }
                var l = identity
                var previous: Matrix?
                for x in 0..<(a - 1) {
                    let m = rateMatrix(rates, s, x)
                    let p = try adding(identity, m, h).solve(adding(identity, m, -h))
                    for i in 0..<r where (0..<r).contains(where: { p[$0, i] < -1e-12 }) { return nil }
                    let next = p.multiply(l)
                    let personYears = scaled(adding(l, next, 1), h)
                    if x == 0 { put(0, scaled(personYears, 1 / n)) }
                    if let previous { put(x, try adding(identity, m, h).solve(adding(identity, previous, -h))) }
                    previous = m
                    l = next
                }
                let m = rateMatrix(rates, s, a - 1)
                _ = try m.solve(l)   // L(ω) of the walk
                guard let last = previous else { return nil }
                let b = adding(identity, last, -h)
                if mergedOpenGroup {
                    let merged = try m.solve(b.multiply(try adding(b, m, n).solve(m)))
                    put(a - 1, merged)
                    put(a, merged)
                } else {
                    put(a - 1, try m.solve(scaled(b, 1 / n)))
                }
                for t in 0...a {
                    let base = (s * (a + 1) + t) * r * r
                    for i in 0..<r {
                        var lowest = 0.0, highest = 1.0
                        for j in 0..<r {
                            lowest = min(lowest, blocks[base + j * r + i])
                            highest = max(highest, blocks[base + j * r + i])
                        }
                        if !(lowest >= -1e-12 * highest) { return nil }
                    }
                }
            }
        } catch {
            return nil
        }
        return blocks
    }

    /// M(x): death plus out-migration rates on the diagonal, −O(i → j) off it (origin in the columns).
    static func rateMatrix(_ rates: MultiregionalRates, _ s: Int, _ x: Int) -> Matrix {
        let r = rates.regions.count, a = rates.ages.count
        var m = Matrix(rows: r, columns: r)
        for i in 0..<r {
            var out = 0.0
            for j in 0..<r where j != i {
                let o = rates.migration.rates[((s * a + x) * r + j) * r + i]
                m[j, i] = -o
                out += o
            }
            m[i, i] = rates.deathRates[(s * a + x) * r + i] + out
        }
        return m
    }

    /// A + c·B.
    static func adding(_ a: Matrix, _ b: Matrix, _ c: Double) -> Matrix {
        var out = a
        for k in 0..<a.entries.count { out.entries[k] += c * b.entries[k] }
        return out
    }

    /// c·A.
    static func scaled(_ a: Matrix, _ c: Double) -> Matrix {
        var out = a
        for k in 0..<a.entries.count { out.entries[k] *= c }
        return out
    }
}
