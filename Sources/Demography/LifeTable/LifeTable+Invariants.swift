// Checks of the life-table identities, compiled only with `-DDEMOGRAPHY_CHECKS`
// (`swift build -Xswiftc -DDEMOGRAPHY_CHECKS`); in other builds
// `checkInvariants()` is empty and inlined away. A failure is our mistake, not
// the user's: the initialiser has already validated its inputs.

extension LifeTable {
    #if DEMOGRAPHY_CHECKS
    /// Traps unless the columns obey the identities of the table (Preston,
    /// Heuveline & Guillot 2001, ch. 3):
    ///
    /// - 0 ≤ nqx ≤ 1, and nqx = 1 in the open group;
    /// - lx non-increasing from l0 = radix, ndx ≥ 0;
    /// - Σ ndx = l0 within rounding (the cohort dies out);
    /// - nLx finite and ≥ 0, and nLx > 0 wherever l(x+n) > 0 (or lω > 0 for the open group);
    /// - Tx non-increasing with T(ω) = L(ω);
    /// - ex finite and ≥ 0.
    ///
    /// - Complexity: O(number of age groups).
    @inline(never)
    func checkInvariants() {
        let count = ages.count, last = count - 1
        precondition(deathProbabilities.count == count && survivors.count == count && deaths.count == count
                     && personYearsLived.count == count && personYearsAbove.count == count
                     && lifeExpectancy.count == count, "life table: one value per age group in every column")
        let radix = survivors[0]
        precondition(radix.isFinite && radix > 0, "life table: l0 = \(radix) is not a positive radix")
        var sumOfDeaths = 0.0
        for i in 0..<count {
            let q = deathProbabilities[i], l = survivors[i], d = deaths[i], nL = personYearsLived[i]
            precondition(q >= 0 && q <= 1, "life table: nqx = \(q) outside [0, 1] at age \(ages.startAges[i])")
            precondition(d >= 0, "life table: ndx = \(d) < 0 at age \(ages.startAges[i])")
            precondition(nL.isFinite && nL >= 0, "life table: nLx = \(nL) at age \(ages.startAges[i])")
            precondition(lifeExpectancy[i].isFinite && lifeExpectancy[i] >= 0,
                         "life table: ex = \(lifeExpectancy[i]) at age \(ages.startAges[i])")
            if i < last {
                precondition(survivors[i + 1] <= l, "life table: lx increases after age \(ages.startAges[i])")
                precondition(personYearsAbove[i] >= personYearsAbove[i + 1],
                             "life table: Tx increases after age \(ages.startAges[i])")
                precondition(survivors[i + 1] == 0 || nL > 0, "life table: nLx = 0 at age \(ages.startAges[i]) with survivors")
            } else {
                precondition(q == 1, "life table: nqx = \(q) in the open age group")
                precondition(l == 0 || nL > 0, "life table: L(ω) = 0 with survivors in the open age group")
                precondition(personYearsAbove[i] == nL, "life table: T(ω) ≠ L(ω)")
            }
            sumOfDeaths += d
        }
        precondition(abs(sumOfDeaths - radix) <= 1e-9 * radix,
                     "life table: Σ ndx = \(sumOfDeaths) differs from the radix \(radix)")
    }
    #else
    /// Empty unless built with `-DDEMOGRAPHY_CHECKS` (see LifeTable+Invariants.swift).
    @inline(__always)
    func checkInvariants() {}
    #endif
}
