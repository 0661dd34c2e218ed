extension FemaleLeslieMatrix {
    /// λ1, w and v from the characteristic equation of the Leslie form, O(k) per
    /// iteration (see `LeslieCharacteristicEquation`); agrees with ``DominantEigen``
    /// to about 1e-12. Scaling as ``DominantEigenpair`` (Σw = 1, ⟨v, w⟩ = 1).
    ///
    /// Falls back to DGEEV in the degenerate case λ1 = S(ω) (the open group
    /// outlives the reproductive root) and throws when nothing reproduces.
    public func dominantEigenpair() throws(LinearAlgebraError) -> DominantEigenpair {
        let block = LeslieCharacteristicEquation.block(of: matrix, offset: 0, count: ages.count, firstRowFrom: 0)
        guard let lambda = LeslieCharacteristicEquation.dominantRoot(block) else {
            return try DominantEigen(of: matrix).eigenpair
        }
        return try DominantEigenpair(
            eigenvalue: lambda,
            right: LeslieCharacteristicEquation.rightVector(block, lambda: lambda),
            left: LeslieCharacteristicEquation.leftVector(block, lambda: lambda))
    }
}

extension LeslieMatrix {
    /// λ1, w and v of the two-sex matrix without a dense eigen solver, O(k) per iteration.
    ///
    /// Males never give birth in the female-dominant two-sex form, so λ1 is the root
    /// of the female block (`LeslieCharacteristicEquation`); the male part of w
    /// follows from the female births, w_m(0) = Σₓ A[m0, fx]·w_f(x) / λ, and the male
    /// survival chain; males have reproductive value 0. Scaling as
    /// ``DominantEigenpair``. Falls back to DGEEV when λ1 does not exceed both
    /// open-group survival ratios.
    public func dominantEigenpair() throws(LinearAlgebraError) -> DominantEigenpair {
        let k = ages.count
        let female = LeslieCharacteristicEquation.block(of: matrix, offset: 0, count: k, firstRowFrom: 0)
        let male = LeslieCharacteristicEquation.block(of: matrix, offset: k, count: k, firstRowFrom: k)
        guard let lambda = LeslieCharacteristicEquation.dominantRoot(female), lambda > male.openDiagonal else {
            return try DominantEigen(of: matrix).eigenpair
        }
        let wF = LeslieCharacteristicEquation.rightVector(female, lambda: lambda)
        var wM = [Double](repeating: 0, count: k)
        for x in 0..<k { wM[0] += matrix[k, x] * wF[x] }
        wM[0] /= lambda
        for x in 1..<(k - 1) { wM[x] = wM[x - 1] * male.subdiagonal[x] / lambda }
        wM[k - 1] = wM[k - 2] * male.subdiagonal[k - 1] / (lambda - male.openDiagonal)
        let vF = LeslieCharacteristicEquation.leftVector(female, lambda: lambda)
        return try DominantEigenpair(
            eigenvalue: lambda, right: wF + wM, left: vF + [Double](repeating: 0, count: k))
    }
}
