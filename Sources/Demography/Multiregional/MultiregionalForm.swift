/// How a multiregional step is computed. Both forms give the same numbers (to rounding).
public enum MultiregionalForm: String, Sendable, Hashable, CaseIterable {
    /// Chosen by ``resolved(regions:ages:sexes:)``: the form with fewer flops.
    case automatic
    /// Survival and fertility per age group plus one R×R exchange per age-sex
    /// group (DGEMM over regions for R ≥ 16, trajectories as columns):
    /// about 2·S·(A+1)·R² flops per column and step.
    case structured
    /// The dense generalised Leslie matrix of order S·A·R times the state:
    /// 2·(S·A·R)² flops per column and step, about 2A times more than structured
    /// (PERFORMANCE.md §3.3). Kept as the reference form and for small problems.
    case denseBlock

    /// Estimated flops per column and step of each form.
    public static func flops(regions r: Int, ages a: Int, sexes s: Int) -> (structured: Double, dense: Double) {
        let rr = Double(r), n = Double(s * a * r)
        let structured = 2 * Double(s * (a + 1)) * rr * rr + 8 * Double(s * a * r)
        return (structured, 2 * n * n)
    }

    /// The concrete form to run: `self`, or for ``automatic`` the one with fewer
    /// estimated flops, which is ``structured`` for any grid of two or more age groups.
    public func resolved(regions: Int, ages: Int, sexes: Int) -> MultiregionalForm {
        guard self == .automatic else { return self }
        let cost = MultiregionalForm.flops(regions: regions, ages: ages, sexes: sexes)
        return cost.dense < cost.structured ? .denseBlock : .structured
    }
}
