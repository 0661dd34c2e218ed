// Design note. A line-by-line port of `nmmin`, the Nelder-Mead minimiser behind
// R's `optim(method = "Nelder-Mead")` (R sources, src/appl/optim.c, itself after
// the Pascal code of Nash 1990, Compact Numerical Methods for Computers, 2nd ed.,
// Algorithm 19). Priority: agreement with R to the last bit that matters, not
// speed or elegance. Published fits made in R (the UN's Kannisto closure among
// them) stop wherever R's simplex stops, which for flat objectives can differ
// from the true optimum in the 4th significant digit of derived quantities; a
// generic or "improved" Nelder-Mead would not reproduce them. Keep the order of
// operations, the 1-based vertex labels L and H, and the tie-breaking as in C.
// Reproduces R's documented example `optim(c(-1.2, 1), fr)` on the Rosenbrock
// function: par (1.000260, 1.000506), value 8.825241e-08, 195 evaluations.

import Foundation

/// Nelder & Mead (1965) simplex minimisation exactly as R's `optim` does it.
///
/// Defaults are R's: reflection α = 1, contraction β = 0.5, expansion γ = 2,
/// relative tolerance `reltol` = √ε = 1.490116e-8, absolute tolerance −∞ and at
/// most 500 function evaluations (`maxit`). The objective is to be minimised
/// (R's `fnscale` = 1, `parscale` = 1); a non-finite value at a trial point is
/// replaced by 10³⁵, as in R.
///
/// Source: R Core Team, `nmmin` in src/appl/optim.c (R ≥ 2.x, unchanged since);
/// Nash (1990), ch. 14.
struct NelderMead: Sendable {
    /// Why the search stopped; R's `convergence` code in brackets.
    enum Status: Sendable, Hashable {
        /// The simplex's function values agree within the tolerance (0).
        case converged
        /// More than `maxEvaluations` evaluations were used (1).
        case evaluationLimitReached
        /// A shrink step did not reduce the simplex (10).
        case degenerateSimplex
        /// The objective is not finite at the starting point (R stops with an error).
        case initialValueNotFinite
    }

    /// The best vertex found and how the search ended.
    struct Result: Sendable, Hashable {
        /// The parameter vector of the lowest vertex.
        let point: [Double]
        /// The objective at `point`.
        let value: Double
        /// Number of function evaluations (R's `counts["function"]`).
        let evaluations: Int
        /// Why the search stopped.
        let status: Status
        /// Whether the tolerance was met (R's `convergence == 0`).
        var converged: Bool { status == .converged }
    }

    /// α — reflection factor (R's `alpha`).
    var reflection = 1.0
    /// β — contraction and shrink factor (R's `beta`).
    var contraction = 0.5
    /// γ — expansion factor (R's `gamma`).
    var expansion = 2.0
    /// Relative convergence tolerance (R's `reltol`, default √ε).
    var relativeTolerance = 1.490116119384765625e-8
    /// Stop once the lowest value falls to this (R's `abstol`, default −∞).
    var absoluteTolerance = -Double.infinity
    /// Limit on function evaluations (R's `maxit`).
    var maxEvaluations = 500

    /// Minimises `objective` from `start`.
    ///
    /// The initial simplex is `start` plus one vertex per coordinate, displaced by
    /// a tenth of the largest |start_i| (0.1 if all are 0). Each iteration
    /// reflects the highest vertex through the centroid of the others, expands if
    /// that beats the lowest vertex, contracts otherwise, and shrinks towards the
    /// lowest vertex when contraction fails. Stops when
    /// f(highest) ≤ f(lowest) + reltol·(|f(start)| + reltol).
    /// - Complexity: O(n) work per evaluation for n parameters, at most
    ///   `maxEvaluations` evaluations (plus up to n + 2 in the final iteration).
    func minimize(_ objective: ([Double]) -> Double, from start: [Double]) -> Result {
        let big = 1.0e35
        var bvec = start
        let n = bvec.count
        if maxEvaluations <= 0 {
            return Result(point: bvec, value: objective(bvec), evaluations: 0, status: .converged)
        }
        var f = objective(bvec)
        guard f.isFinite else {
            return Result(point: bvec, value: f, evaluations: 1, status: .initialValueNotFinite)
        }
        // P: n + 1 rows (coordinates, then the value) by n + 2 columns (vertices, then the centroid C).
        var p = [[Double]](repeating: [Double](repeating: 0, count: n + 2), count: n + 1)
        var status = Status.converged
        var funcount = 1
        let convtol = relativeTolerance * (abs(f) + relativeTolerance)
        let n1 = n + 1
        let c = n + 2
        p[n1 - 1][0] = f
        for i in 0..<n { p[i][0] = bvec[i] }

        var l = 1
        var h = 1
        var size = 0.0
        var step = 0.0
        for i in 0..<n where 0.1 * abs(bvec[i]) > step { step = 0.1 * abs(bvec[i]) }
        if step == 0.0 { step = 0.1 }
        if n1 >= 2 {
            for j in 2...n1 {
                for i in 0..<n { p[i][j - 1] = bvec[i] }
                var trystep = step
                while p[j - 2][j - 1] == bvec[j - 2] {
                    p[j - 2][j - 1] = bvec[j - 2] + trystep
                    trystep *= 10
                }
                size += trystep
            }
        }
        var oldsize = size
        var calcvert = true
        repeat {
            if calcvert {
                for j in 0..<n1 where j + 1 != l {
                    for i in 0..<n { bvec[i] = p[i][j] }
                    f = objective(bvec)
                    if !f.isFinite { f = big }
                    funcount += 1
                    p[n1 - 1][j] = f
                }
                calcvert = false
            }

            var vl = p[n1 - 1][l - 1]
            var vh = vl
            h = l
            for j in 1...n1 where j != l {
                f = p[n1 - 1][j - 1]
                if f < vl {
                    l = j
                    vl = f
                }
                if f > vh {
                    h = j
                    vh = f
                }
            }

            if vh <= vl + convtol || vl <= absoluteTolerance { break }

            for i in 0..<n {
                var temp = -p[i][h - 1]
                for j in 0..<n1 { temp += p[i][j] }
                p[i][c - 1] = temp / Double(n)
            }
            for i in 0..<n {
                bvec[i] = (1.0 + reflection) * p[i][c - 1] - reflection * p[i][h - 1]
            }
            f = objective(bvec)
            if !f.isFinite { f = big }
            funcount += 1
            let vr = f
            if vr < vl {
                // Reflection beat the lowest vertex: try expanding further.
                p[n1 - 1][c - 1] = f
                for i in 0..<n {
                    f = expansion * bvec[i] + (1 - expansion) * p[i][c - 1]
                    p[i][c - 1] = bvec[i]
                    bvec[i] = f
                }
                f = objective(bvec)
                if !f.isFinite { f = big }
                funcount += 1
                if f < vr {
                    for i in 0..<n { p[i][h - 1] = bvec[i] }
                    p[n1 - 1][h - 1] = f
                } else {
                    for i in 0..<n { p[i][h - 1] = p[i][c - 1] }
                    p[n1 - 1][h - 1] = vr
                }
            } else {
                // Contract: on the reflected side if it beat the highest vertex.
                if vr < vh {
                    for i in 0..<n { p[i][h - 1] = bvec[i] }
                    p[n1 - 1][h - 1] = vr
                }
                for i in 0..<n {
                    bvec[i] = (1 - contraction) * p[i][h - 1] + contraction * p[i][c - 1]
                }
                f = objective(bvec)
                if !f.isFinite { f = big }
                funcount += 1

                if f < p[n1 - 1][h - 1] {
                    for i in 0..<n { p[i][h - 1] = bvec[i] }
                    p[n1 - 1][h - 1] = f
                } else if vr >= vh {
                    // Shrink every vertex towards the lowest one.
                    calcvert = true
                    size = 0.0
                    for j in 0..<n1 where j + 1 != l {
                        for i in 0..<n {
                            p[i][j] = contraction * (p[i][j] - p[i][l - 1]) + p[i][l - 1]
                            size += abs(p[i][j] - p[i][l - 1])
                        }
                    }
                    if size < oldsize {
                        oldsize = size
                    } else {
                        status = .degenerateSimplex
                        break
                    }
                }
            }
        } while funcount <= maxEvaluations

        if funcount > maxEvaluations { status = .evaluationLimitReached }
        let point = (0..<n).map { p[$0][l - 1] }
        return Result(point: point, value: p[n1 - 1][l - 1], evaluations: funcount, status: status)
    }
}
