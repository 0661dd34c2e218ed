extension MultiregionalStep {
    /// G — the generalised Leslie matrix of the step (Rogers 1975, ch. 4), of order
    /// S·A·R, in the storage order of ``MultiregionalPopulation`` (region fastest,
    /// then age, then sex).
    ///
    /// Blocks, for each sex s:
    /// - (s, x) ← (s, x−1): the survivorship proportions S(x−1), x = 1, …, ω;
    /// - (s, ω) ← (s, ω): the open-group stayers (zero with
    ///   ``OpenAgeGroupRule/lastClosedGroupOnly``);
    /// - (s, 0) ← (female, y): share_s·n/2·T(0)·(F(y) + F(y+n)·S(y)), Willekens &
    ///   Rogers' B(y) = n/4·(I + P(0))·(F(y) + F(y+n)·S(y)) for the female-only model,
    ///   F diagonal (births counted in the mother's region), over the closed
    ///   groups after the first.
    ///
    /// External migrants are not part of G. Dense storage is (S·A·R)² values:
    /// 3.3 GB for 100 regions of 101 ages and two sexes.
    public func generalisedLeslieMatrix() -> Matrix {
        let r = regions.count, a = ages.count, order = sexes.count * a * r
        var g = Matrix(rows: order, columns: order)
        let n = Double(width)
        func place(_ block: Matrix, row: Int, column: Int, scale: Double = 1, add: Bool = false) {
            for i in 0..<r {
                for j in 0..<r {
                    let index = (row * r + i) * order + column * r + j
                    g.entries[index] = (add ? g.entries[index] : 0) + scale * block[i, j]
                }
            }
        }
        for (s, sex) in sexes.enumerated() {
            for x in 1..<a { place(transition(sex: sex, into: x), row: s * a + x, column: s * a + x - 1) }
            if !openStayersAreZero {
                place(transition(sex: sex, into: a - 1, openStayers: true), row: s * a + a - 1, column: s * a + a - 1)
            }
            let share = s == 0 ? femaleShareOfBirths : 1 - femaleShareOfBirths
            let t0 = transition(sex: sex, into: 0)
            for y in 0..<(a - 1) {
                // Exposure of group y: its own women now (F(y), 1 ≤ y ≤ A−2) and,
                // surviving into y+1, F(y+1)·S(y) when y+1 ≤ A−2.
                var exposure = Matrix(rows: r, columns: r)
                if y >= 1 { for i in 0..<r { exposure[i, i] = fertilityRates[y * r + i] } }
                if y + 1 <= a - 2 {
                    let sy = transition(sex: .female, into: y + 1)
                    for i in 0..<r {
                        let f = fertilityRates[(y + 1) * r + i]
                        for j in 0..<r { exposure[i, j] += f * sy[i, j] }
                    }
                }
                place(t0.multiply(exposure), row: s * a, column: y, scale: share * n / 2)
            }
        }
        return g
    }
}
