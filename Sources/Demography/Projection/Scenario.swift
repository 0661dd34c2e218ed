/// A named set of assumptions turned into full rates (for example one UN variant),
/// ready to project.
public struct Scenario: Sendable {
    /// The name shown in tables and files ("medium", "high", or "projection").
    public var name: String
    /// The full rates, period by period.
    public var inputs: ProjectionInputs
    /// Where the survival ratios come from.
    public var survival: SurvivalSource

    /// A scenario named `name` projecting `inputs` (their migration timing included).
    public init(name: String, inputs: ProjectionInputs, survival: SurvivalSource) {
        self.name = name
        self.inputs = inputs
        self.survival = survival
    }

    /// The projection these assumptions define.
    public func projection() throws(DemographyError) -> Projection {
        try inputs.projection(survival: survival)
    }

    /// Projects and summarises.
    public func run(progress: ((Int, Int) -> Void)? = nil) throws(DemographyError) -> ScenarioResult {
        let projection = try projection()
        let result = projection.run(progress: progress)
        var e0: [BySex<Double>]?
        if case .recompute(let options) = survival { e0 = inputs.lifeExpectancies(options: options) }
        return ScenarioResult(name: name, result: result,
                              indicators: SummaryIndicators.rows(of: result, steps: projection.steps, lifeExpectancy: e0))
    }
}

/// A scenario's projection and its summary indicators.
public struct ScenarioResult: Sendable {
    public var name: String
    public var result: ProjectionResult
    public var indicators: [SummaryIndicators]
}

extension Assumptions {
    /// The scenario of a UN variant.
    public func scenario(_ variant: ProjectionVariant) throws(DemographyError) -> Scenario {
        Scenario(name: variant.rawValue, inputs: try inputs(for: variant), survival: .recompute(lifeTableOptions))
    }
}
