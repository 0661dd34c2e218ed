/// How the open age group ω+ is carried from one step to the next.
public enum OpenAgeGroupRule: String, Sendable, Hashable, CaseIterable, Codable {
    /// Willekens & Rogers (1978): the growth matrix has no block for those
    /// already ω+. The open group at t+n is S(ω−n)·P(ω−n), with
    /// S(ω−n) = L(ω)·L(ω−n)⁻¹, and everyone ω+ at t leaves the projection. With a
    /// stationary population above ω−n this equals the usual merge.
    case lastClosedGroupOnly = "last-closed"
    /// The UN's CCMPP convention in matrix form: the last closed and the open
    /// group survive together, P'(ω) = T(ω)·T(ω−n)⁻¹·(P(ω−n) + P(ω)), with
    /// T(ω)·T(ω−n)⁻¹ = L(ω)·(L(ω−n) + L(ω))⁻¹.
    case mergedWithLastClosedGroup = "merged"
}
