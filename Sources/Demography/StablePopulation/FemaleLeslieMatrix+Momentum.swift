import Foundation

/// The ingredients and result of Keyfitz's momentum formula for a female population.
public struct KeyfitzMomentum: Sendable, Hashable {
    /// b — the birth rate of the stable population before the drop (daughters per woman-year).
    public let birthRate: Double
    /// e0 — female life expectancy at birth, years.
    public let lifeExpectancy: Double
    /// r — the intrinsic rate before the drop, per year.
    public let intrinsicRate: Double
    /// R0 — the net reproduction rate before the drop.
    public let netReproductiveRate: Double
    /// μ — the mean age at childbearing at replacement (of the net maternity schedule L(x)·F(x)), years.
    public let meanAgeAtChildbearing: Double
    /// M = (b·e0 / (r·μ))·(R0 − 1)/R0.
    public let momentum: Double
}

extension FemaleLeslieMatrix {
    /// nLx / l0 — person-years lived in each age group per birth, rebuilt from Sx:
    ///
    ///     L(0) = z·S(0),   L(x) = L(x−z)·S(x),   T(ω) = L(ω−z)·S(ω) / (1 − S(ω))
    ///
    /// (the inverse of S(0) = L(0)/(z·l0), S(x) = L(x)/L(x−z), S(ω) = T(ω)/T(ω−z);
    /// Preston, Heuveline & Guillot 2001, ch. 6). The open group's entry is T(ω).
    /// - Throws: when S(ω) ≥ 1 (the open group never dies out).
    public func personYearsLived() throws(LinearAlgebraError) -> [Double] {
        let s = survivalRatios, k = s.count, z = Double(width)
        var lx = [Double](repeating: 0, count: k)
        lx[0] = z * s[0]
        for x in 1..<(k - 1) { lx[x] = lx[x - 1] * s[x] }
        guard s[k - 1] < 1 else {
            throw .undefined(quantity: "person-years in the open age group", reason: "S(ω) = \(s[k - 1]) is not below 1")
        }
        lx[k - 1] = lx[k - 2] * s[k - 1] / (1 - s[k - 1])
        return lx
    }

    /// e0 = Σ L(x) / l0 — female life expectancy at birth implied by the Sx.
    public func lifeExpectancyAtBirth() throws(LinearAlgebraError) -> Double {
        try personYearsLived().reduce(0, +)
    }

    /// Population momentum by Keyfitz's (1971) formula, eq. (9):
    ///
    ///     M = (b·e0 / (r·μ)) · (R0 − 1) / R0
    ///
    /// for a stable female population whose fertility drops at once to replacement
    /// (also Preston, Heuveline & Guillot 2001, ch. 7).
    /// b, r and R0 are those before the drop, μ the mean age at childbearing after it.
    /// Here, from this matrix's rates:
    ///
    ///     r  = ln(λ1)/z,  R0 = π_f·Σ F(x)·L(x)/l0
    ///     μ  = Σ (x + z/2)·L(x)·F(x) / Σ L(x)·F(x)
    ///     b  = π_f·Σ F(x)·w(x) · (1 + λ1)/2 · ln(λ1)/(λ1 − 1)
    ///
    /// b is daughters born during a step per woman-year lived in it by the stable
    /// population w (Σw = 1): the step's births π_f·z·Σ F(x)·(w(x) + λ1·w(x))/2 over
    /// the person-years z·(λ1 − 1)/ln λ1 of exponential growth. When r = 0, M = b·e0.
    ///
    /// With these discrete definitions the formula is not an approximation for this
    /// model: by the Euler–Lotka equation of the matrix, Σ A[0,x]·lₓ·λ^−(x+1) = 1, it
    /// equals the momentum the Leslie matrix itself projects from its stable
    /// distribution, ⟨v′, w⟩/⟨v′, w′⟩ (μ = z·Σ(x+½)·cₓ/Σcₓ, cₓ = A[0,x]·lₓ), which
    /// ``StablePopulation/momentumByProjection(from:split:tolerance:maximumSteps:)``
    /// reproduces to rounding. For a start that is not stable, only the projection applies.
    public func keyfitzMomentum() throws(LinearAlgebraError) -> KeyfitzMomentum {
        let eigen = try dominantEigenpair()
        let lambda = eigen.eigenvalue
        let z = Double(width)
        let lx = try personYearsLived()
        let f = LeslieMatrix.fertilityWithoutEdges(fertilityRates)
        let pi = femaleShareOfBirths
        var netMaternity = 0.0, weightedAge = 0.0, stableBirths = 0.0
        for x in 0..<ages.count {
            netMaternity += lx[x] * f[x]
            weightedAge += (Double(ages.startAges[x]) + z / 2) * lx[x] * f[x]
            stableBirths += f[x] * eigen.stableDistribution[x]
        }
        guard netMaternity > 0 else { throw .zeroSpectralRadius }
        let r0 = pi * netMaternity
        let r = log(lambda) / z
        let mu = weightedAge / netMaternity
        let exposure = lambda == 1 ? 1 : log(lambda) / (lambda - 1)
        let b = pi * stableBirths * (1 + lambda) / 2 * exposure
        let e0 = lx.reduce(0, +)
        let momentum = r == 0 ? b * e0 : b * e0 / (r * mu) * (r0 - 1) / r0
        return KeyfitzMomentum(birthRate: b, lifeExpectancy: e0, intrinsicRate: r,
                               netReproductiveRate: r0, meanAgeAtChildbearing: mu, momentum: momentum)
    }
}
