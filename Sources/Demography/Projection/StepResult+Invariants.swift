// Checks of one projection step's result, compiled only with
// `-DDEMOGRAPHY_CHECKS` (`swift build -Xswiftc -DDEMOGRAPHY_CHECKS`); in other
// builds `checkInvariants(from:)` is empty and inlined away. A failure is our
// mistake: the step's rates and population were validated when they were built.

extension StepResult {
    #if DEMOGRAPHY_CHECKS
    /// Traps unless the result of a step from `start` is consistent:
    ///
    /// - no end population is negative or non-finite (the floor has acted), and a
    ///   cell reported as floored holds ``ProjectionStep/floorValue``;
    /// - births are finite and ≥ 0;
    /// - when no cell was floored, the balancing equation
    ///   P(t+z) = P(t) + B − D + M holds (``accountingResidual(from:)``) within
    ///   1e-9 of the persons it adds up.
    ///
    /// The start population is a parameter because the result does not keep it.
    /// - Complexity: O(number of age groups).
    @inline(never)
    func checkInvariants(from start: Population) {
        let n = population.ages.count
        precondition(start.ages == population.ages, "step result: start and end on different age groups")
        precondition(birthsByAgeOfMother.count == n && deaths.female.count == n && deaths.male.count == n
                     && netMigrants.female.count == n && netMigrants.male.count == n,
                     "step result: one value per age group in every flow")
        var scale = start.total
        for sex in Sex.allCases {
            for (x, p) in population.counts[sex].enumerated() {
                precondition(p.isFinite && p >= 0, "step result: \(sex.rawValue) population \(p) at index \(x) after the floor")
                scale += abs(deaths[sex][x]) + abs(netMigrants[sex][x])
            }
            precondition(births[sex].isFinite && births[sex] >= 0, "step result: \(sex.rawValue) births \(births[sex])")
        }
        scale += totalBirths
        for adjustment in adjustments {
            if case .floor = adjustment.kind {
                precondition(population.counts[adjustment.sex][adjustment.ageIndex] == ProjectionStep.floorValue,
                             "step result: a floored cell does not hold the floor value")
            }
        }
        if !wasFloored {
            let residual = accountingResidual(from: start)
            precondition(abs(residual) <= 1e-9 * max(scale, 1),
                         "step result: accounting residual \(residual) for \(scale) persons accounted")
        }
    }
    #else
    /// Empty unless built with `-DDEMOGRAPHY_CHECKS` (see StepResult+Invariants.swift).
    @inline(__always)
    func checkInvariants(from start: Population) {}
    #endif
}
