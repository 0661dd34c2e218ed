import Foundation

/// m(x) — the Rogers-Castro model migration schedule.
///
/// The seven-parameter schedule, with optional retirement and post-retirement
/// components (Rogers & Castro 1981; DemoTools `mig_calculate_rc`):
///
///     m(x) = a1·exp(−α1·x)                                   childhood
///          + a2·exp(−α2·(x − μ2) − exp(−λ2·(x − μ2)))        labour force
///          + a3·exp(−α3·(x − μ3) − exp(−λ3·(x − μ3)))        retirement (optional)
///          + a4·exp(λ4·x)                                     post-retirement (optional)
///          + c                                                constant
///
/// Only the shape of m(x) matters when it distributes a total of migrants;
/// its level does not (see ``MigrationAgePattern``).
///
/// **Age groups.** ``groupValues(on:lastAge:)`` gives each group the sum of
/// m(a) over the single ages a it holds, m evaluated at whole ages:
/// group [x, x+n) gets Σ_{a=x}^{x+n−1} m(a), and the open group ω+ gets
/// Σ_{a=ω}^{lastAge} m(a) with `lastAge` = 120 unless stated. This is the rule
/// the UN migration families were fitted under (DemoTools fits m(a) to
/// single-age values), so m(a) stands for the migrants in [a, a+1).
///
/// Source: Rogers & Castro (1981), *Model Migration Schedules*, IIASA RR-81-30;
/// Rogers, Little & Raymer (2010), ch. 2.
public struct RogersCastroSchedule: Sendable, Hashable {
    /// A peaked (double-exponential) component: level·exp(−descent·(x − μ) − exp(−ascent·(x − μ))).
    public struct Peak: Sendable, Hashable {
        /// a — the level of the component.
        public let level: Double
        /// α — the rate of descent after the peak.
        public let descent: Double
        /// μ — the age the component is centred on (near its peak).
        public let peakAge: Double
        /// λ — the rate of ascent before the peak.
        public let ascent: Double

        /// A peaked component; all values finite, level and rates 0 or more.
        public init(level: Double, descent: Double, peakAge: Double, ascent: Double) throws(DemographyError) {
            try RogersCastroSchedule.check(level, "level a")
            try RogersCastroSchedule.check(descent, "rate of descent α")
            try RogersCastroSchedule.check(peakAge, "peak age μ")
            try RogersCastroSchedule.check(ascent, "rate of ascent λ")
            self.init(trusted: level, descent: descent, peakAge: peakAge, ascent: ascent)
        }

        /// Values known to be valid (constants of this library).
        init(trusted level: Double, descent: Double, peakAge: Double, ascent: Double) {
            self.level = level
            self.descent = descent
            self.peakAge = peakAge
            self.ascent = ascent
        }

        /// The component's value at age `x`.
        public func value(atAge x: Double) -> Double {
            guard level > 0 else { return 0 }
            let d = x - peakAge
            return level * exp(-descent * d - exp(-ascent * d))
        }
    }

    /// a1 — the level of the childhood (pre-labour-force) component.
    public let childLevel: Double
    /// α1 — the rate of descent of the childhood component.
    public let childDescent: Double
    /// The labour-force component (a2, α2, μ2, λ2).
    public let labourForce: Peak
    /// The retirement component (a3, α3, μ3, λ3), if any.
    public let retirement: Peak?
    /// a4 — the level of the post-retirement component (0: none).
    public let postRetirementLevel: Double
    /// λ4 — the rate of ascent of the post-retirement component.
    public let postRetirementAscent: Double
    /// c — the constant.
    public let constant: Double

    /// A schedule from its parameters, named as in Rogers & Castro (1981).
    ///
    /// Every parameter must be finite and 0 or more (levels, rates and ages alike).
    /// - Throws: ``DemographyError/invalidParameter(name:value:expected:)`` naming the parameter.
    public init(
        a1: Double, alpha1: Double,
        a2: Double, alpha2: Double, mu2: Double, lambda2: Double,
        c: Double,
        retirement: Peak? = nil,
        a4: Double = 0, lambda4: Double = 0
    ) throws(DemographyError) {
        try RogersCastroSchedule.check(a1, "a1")
        try RogersCastroSchedule.check(alpha1, "alpha1")
        try RogersCastroSchedule.check(c, "c")
        try RogersCastroSchedule.check(a4, "a4")
        try RogersCastroSchedule.check(lambda4, "lambda4")
        let labourForce = try Peak.named(level: a2, descent: alpha2, peakAge: mu2, ascent: lambda2, index: 2)
        self.init(trusted: a1, alpha1: alpha1, labourForce: labourForce, c: c,
                  retirement: retirement, a4: a4, lambda4: lambda4)
    }

    /// Parameters known to be valid (constants of this library).
    init(trusted a1: Double, alpha1: Double, labourForce: Peak, c: Double,
         retirement: Peak? = nil, a4: Double = 0, lambda4: Double = 0) {
        self.labourForce = labourForce
        self.childLevel = a1
        self.childDescent = alpha1
        self.retirement = retirement
        self.postRetirementLevel = a4
        self.postRetirementAscent = lambda4
        self.constant = c
    }

    /// A schedule from named parameters: `a1, alpha1, a2, alpha2, mu2, lambda2, c`
    /// (required), `a3, alpha3, mu3, lambda3` (all or none), `a4, lambda4` (both or none).
    ///
    /// The names of DemoTools `mig_calculate_rc` and of the UN families' fitted parameters.
    /// - Throws: when a required name is missing or a name is unknown.
    public init(parameters: [String: Double]) throws(DemographyError) {
        let known: Set<String> = ["a1", "alpha1", "a2", "alpha2", "mu2", "lambda2", "c",
                                  "a3", "alpha3", "mu3", "lambda3", "a4", "lambda4"]
        for name in parameters.keys.sorted() where !known.contains(name) {
            throw .invalidParameter(name: "Rogers-Castro parameter \"\(name)\"", value: parameters[name] ?? .nan,
                                    expected: "one of \(known.sorted().joined(separator: ", "))")
        }
        func required(_ name: String) throws(DemographyError) -> Double {
            guard let v = parameters[name] else {
                throw .missing(what: "Rogers-Castro parameter \(name)", expected: "a value for it")
            }
            return v
        }
        func group(_ names: [String]) throws(DemographyError) -> [Double]? {
            let present = names.filter { parameters[$0] != nil }
            if present.isEmpty { return nil }
            var values: [Double] = []
            for name in names { values.append(try required(name)) }
            return values
        }
        var retirement: Peak? = nil
        if let r = try group(["a3", "alpha3", "mu3", "lambda3"]) {
            retirement = try Peak.named(level: r[0], descent: r[1], peakAge: r[2], ascent: r[3], index: 3)
        }
        let post = try group(["a4", "lambda4"]) ?? [0, 0]
        try self.init(a1: try required("a1"), alpha1: try required("alpha1"),
                      a2: try required("a2"), alpha2: try required("alpha2"),
                      mu2: try required("mu2"), lambda2: try required("lambda2"),
                      c: try required("c"), retirement: retirement, a4: post[0], lambda4: post[1])
    }

    /// The standard schedule: the fundamental parameters of Rogers & Castro (1981).
    ///
    ///     a1 = 0.02, α1 = 0.1, a2 = 0.06, α2 = 0.1, μ2 = 20, λ2 = 0.4, c = 0.003
    ///
    /// A childhood component falling from birth, a labour-force peak near age 22
    /// and a small constant; no retirement component. Values as carried by the R
    /// package migest (`rc9.fund`), citing Rogers & Castro (1981), IIASA RR-81-30.
    /// (migest's `rc7` example uses c = 0.03 instead; we keep the documented 0.003.)
    public static let standard = RogersCastroSchedule(
        trusted: 0.02, alpha1: 0.1,
        labourForce: Peak(trusted: 0.06, descent: 0.1, peakAge: 20, ascent: 0.4),
        c: 0.003)

    /// m(x) — the schedule at age `x` (years, may be fractional).
    public func value(atAge x: Double) -> Double {
        var m = constant
        if childLevel > 0 { m += childLevel * exp(-childDescent * x) }
        m += labourForce.value(atAge: x)
        if let retirement { m += retirement.value(atAge: x) }
        if postRetirementLevel > 0 { m += postRetirementLevel * exp(postRetirementAscent * x) }
        return m
    }

    /// m(x) − c — the age-varying part of the schedule.
    public func ageVaryingValue(atAge x: Double) -> Double {
        value(atAge: x) - constant
    }

    /// m(a) at the whole ages 0, 1, …, `lastAge`.
    public func singleAgeValues(through lastAge: Int) -> [Double] {
        (0...max(lastAge, 0)).map { value(atAge: Double($0)) }
    }

    /// Σ m(a) over the whole ages of each group of `ages`; the open group runs to `lastAge`.
    ///
    /// Group [x, x+n) gets Σ_{a=x}^{x+n−1} m(a); the open group ω+ gets
    /// Σ_{a=ω}^{lastAge} m(a).
    /// - Throws: when `lastAge` is below the open age ω.
    public func groupValues(on ages: AgeStructure, lastAge: Int = 120) throws(DemographyError) -> [Double] {
        guard lastAge >= ages.openAge else {
            throw .invalidParameter(name: "last age of the open group \(ages.openAge)+", value: Double(lastAge),
                                    expected: "an age of at least \(ages.openAge)")
        }
        return AgeGrouping.sum(singleAgeValues(through: lastAge), into: ages)
    }

    static func check(_ value: Double, _ name: String) throws(DemographyError) {
        guard value.isFinite, value >= 0 else {
            throw .invalidParameter(name: "Rogers-Castro parameter \(name)", value: value,
                                    expected: "a finite number of 0 or more")
        }
    }
}

extension RogersCastroSchedule.Peak {
    /// A peak whose errors name the parameters a_k, alpha_k, mu_k, lambda_k.
    static func named(level: Double, descent: Double, peakAge: Double, ascent: Double, index k: Int) throws(DemographyError) -> Self {
        try RogersCastroSchedule.check(level, "a\(k)")
        try RogersCastroSchedule.check(descent, "alpha\(k)")
        try RogersCastroSchedule.check(peakAge, "mu\(k)")
        try RogersCastroSchedule.check(ascent, "lambda\(k)")
        return Self(trusted: level, descent: descent, peakAge: peakAge, ascent: ascent)
    }
}

/// Sums of single-age values into the groups of an ``AgeStructure``.
enum AgeGrouping {
    /// `values[a]` for whole ages a = 0, 1, …, summed into the groups of `ages`;
    /// the open group takes every age from ω to the end of `values`.
    static func sum(_ values: [Double], into ages: AgeStructure) -> [Double] {
        var out = [Double](repeating: 0, count: ages.count)
        var g = 0
        for (a, v) in values.enumerated() {
            while g + 1 < ages.count && a >= ages.startAges[g + 1] { g += 1 }
            out[g] += v
        }
        return out
    }
}
