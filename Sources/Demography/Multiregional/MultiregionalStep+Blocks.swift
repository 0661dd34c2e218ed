import Foundation

/// The transition blocks of a ``MultiregionalStep``, built straight from the
/// rate matrices, each block on its own and the blocks of both sexes spread over
/// the cores.
///
/// A block needs only the rate matrices of two neighbouring age groups
/// (``MultiregionalLifeTable``'s closed forms): with A(x) = I + n/2·M(x) and
/// B(x) = I − n/2·M(x),
///
/// - block 0, the births' survival: (I + P(0))/2 with P(0) = A(0)⁻¹·B(0);
/// - block x, 1 ≤ x < A: S(x−1) = A(x)⁻¹·B(x−1), into the open group
///   M(ω)⁻¹·B(ω−n)/n, or with ``OpenAgeGroupRule/mergedWithLastClosedGroup`` the
///   merged survivorship M(ω)⁻¹·B·(n·M(ω) + B)⁻¹·M(ω) (also block A).
///
/// So the survivors l(x) and person-years L(x) of the life table, which the
/// step does not keep, are never formed: one LAPACK `dgesv` (LU and two
/// triangular solves with R right-hand sides, about 8/3·R³ flops) a block,
/// where the walk through the life table did three solves and a product. The
/// transition matrices P(x), x ≥ 1, are solved only in the age groups where
/// some region has n/2·(death + out-migration rate) above 1, the only ones
/// where P can have a negative entry (``NegativeLinearTransition``), to refuse
/// them with the same message. The numbers are those of the walk, operation
/// for operation (the same calls on the same matrices, with OpenBLAS's thread
/// count left as it is: its LU rounds differently with more threads).
///
/// The cores: when OpenBLAS runs one thread (`OPENBLAS_NUM_THREADS=1`, the usual
/// setting beside MPI or other parallel work), the blocks are spread over the
/// cores, from 32 regions; otherwise OpenBLAS's own threads share each block.
extension MultiregionalStep {
    /// Writes the A+1 blocks of sex `s` into `blocks` (per sex A+1 blocks of R×R,
    /// row = destination), computing them on `workers` threads; a failure is the
    /// first in age order.
    static func buildBlocks(
        into blocks: inout [Double], rates: MultiregionalRates, sexIndex s: Int, sex: Sex,
        openAgeGroup: OpenAgeGroupRule, workers: Int
    ) throws(DemographyError) {
        let r = rates.regions.count, a = rates.ages.count
        let tasks = a + 1
        var results = [Result<Matrix?, DemographyError>](repeating: .success(nil), count: tasks)
        let threads = max(1, min(workers, tasks))
        if threads == 1 {
            for t in 0..<tasks { results[t] = blockResult(t, rates: rates, sexIndex: s, sex: sex, openAgeGroup: openAgeGroup) }
        } else {
            // Each worker takes every `threads`-th block: the blocks cost the same.
            results.withUnsafeMutableBufferPointer { buffer in
                let out = UncheckedSendable(buffer)
                DispatchQueue.concurrentPerform(iterations: threads) { w in
                    for t in stride(from: w, to: tasks, by: threads) {
                        out.value[t] = blockResult(t, rates: rates, sexIndex: s, sex: sex, openAgeGroup: openAgeGroup)
                    }
                }
            }
        }
        for (t, result) in results.enumerated() {
            switch result {
            case .failure(let error): throw error
            case .success(let m?): blocks.replaceSubrange(((s * (a + 1) + t) * r * r)..<((s * (a + 1) + t + 1) * r * r), with: m.entries)
            case .success(nil): break
            }
        }
    }

    private static func blockResult(
        _ t: Int, rates: MultiregionalRates, sexIndex s: Int, sex: Sex, openAgeGroup: OpenAgeGroupRule
    ) -> Result<Matrix?, DemographyError> {
        do throws(DemographyError) { return .success(try block(t, rates: rates, sexIndex: s, sex: sex, openAgeGroup: openAgeGroup)) } catch {
            return .failure(error)
        }
    }

    /// Block `t` of `sex` (nil: zero, the open stayers without the merge).
    private static func block(
        _ t: Int, rates: MultiregionalRates, sexIndex s: Int, sex: Sex, openAgeGroup: OpenAgeGroupRule
    ) throws(DemographyError) -> Matrix? {
        let a = rates.ages.count, n = Double(rates.width)
        let identity = Matrix.identity(rates.regions.count)
        func rateMatrix(_ x: Int) -> Matrix { MultiregionalLifeTable.rateMatrix(rates: rates, sexIndex: s, ageIndex: x) }
        let merged = openAgeGroup == .mergedWithLastClosedGroup
        if t == a {
            return merged ? try mergedBlock(rates: rates, sex: sex, lastClosed: rateMatrix(a - 2), open: rateMatrix(a - 1)) : nil
        }
        // P(x) of the closed group t, where the step needs it (t = 0) or where it may have a negative entry.
        if t < a - 1 {
            let m = rateMatrix(t)
            if t == 0 || (0..<m.rows).contains(where: { n / 2 * m[$0, $0] > 1 }) {
                let p: Matrix
                do { p = try identity.adding(m, scaledBy: n / 2).solve(identity.adding(m, scaledBy: -n / 2)) } catch {
                    throw MultiregionalLifeTable.failure(sex, ageIndex: t, ages: rates.ages, error)
                }
                if let negative = MultiregionalLifeTable.negativeColumns(p).first {
                    throw rates.negativeTransition(sex: sex, ageIndex: t, region: negative.index, entry: negative.entry, rateMatrix: m).error
                }
                // (I + P(0))/2, as L(0)/n of the life table with l(0) = I.
                if t == 0 { return identity.adding(p.multiply(identity), scaledBy: 1).scaled(by: n / 2).scaled(by: 1 / n) }
            }
        }
        if t == a - 1 && merged {
            return try mergedBlock(rates: rates, sex: sex, lastClosed: rateMatrix(a - 2), open: rateMatrix(a - 1))
        }
        return try MultiregionalLifeTable.survivalProportion(
            from: rateMatrix(t - 1), into: rateMatrix(t), intoOpenGroup: t == a - 1, width: rates.width,
            sex: sex, ages: rates.ages, ageIndex: t - 1)
    }

    /// L(ω)·(L(ω−n) + L(ω))⁻¹, the last closed and the open group into the open group.
    private static func mergedBlock(rates: MultiregionalRates, sex: Sex, lastClosed: Matrix, open: Matrix) throws(DemographyError) -> Matrix {
        do throws(LinearAlgebraError) {
            return try MultiregionalLifeTable.mergedOpenGroupSurvival(lastClosed: lastClosed, open: open, width: rates.width)
        } catch {
            throw .noSolution(problem: "\(sex.rawValue) open-group survivorship",
                              reason: "a person-years matrix is not invertible (\(error.description))")
        }
    }
}
