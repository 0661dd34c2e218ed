/// A cohort-component projection over many steps whose rates change every step.
public struct Projection: Sendable {
    /// The population at the start, at ``startYear``.
    public let start: Population
    /// The year of the start population.
    public let startYear: Int
    /// The rates of each step, in order.
    public let steps: [ProjectionStep]

    /// Checks that every step uses the start population's age groups.
    public init(start: Population, startYear: Int, steps: [ProjectionStep]) throws(DemographyError) {
        for step in steps where step.ages != start.ages {
            throw .ageStructureMismatch(left: "start population: \(start.ages)", right: "step rates: \(step.ages)")
        }
        self.start = start
        self.startYear = startYear
        self.steps = steps
    }

    /// Runs every step, keeping the population after each and each step's flows.
    /// - Parameter progress: called after each step with (steps done, steps in all).
    public func run(progress: ((Int, Int) -> Void)? = nil) -> ProjectionResult {
        var results: [StepResult] = []
        results.reserveCapacity(steps.count)
        var current = start
        for step in steps {
            // The ages were checked in init, so a step cannot refuse the population.
            guard let result = try? step.apply(to: current) else { break }
            result.checkInvariants(from: current)
            results.append(result)
            current = result.population
            progress?(results.count, steps.count)
        }
        return ProjectionResult(start: start, startYear: startYear, width: start.ages.uniformWidth ?? 1, steps: results)
    }
}

/// The populations and flows of a projection.
public struct ProjectionResult: Sendable {
    /// The start population.
    public let start: Population
    /// The year of the start population.
    public let startYear: Int
    /// z — the step width in years.
    public let width: Int
    /// Each step's result, in order; step k runs from `startYear + k·z`.
    public let steps: [StepResult]
    /// The populations at the start and after each step.
    public let populations: [Population]

    init(start: Population, startYear: Int, width: Int, steps: [StepResult]) {
        self.start = start
        self.startYear = startYear
        self.width = width
        self.steps = steps
        self.populations = [start] + steps.map(\.population)
    }

    /// The years of ``populations``.
    public var years: [Int] { (0...steps.count).map { startYear + $0 * width } }

    /// The first year of each step's period.
    public var periodStartYears: [Int] { (0..<steps.count).map { startYear + $0 * width } }

    /// The population at the end of the last step.
    public var final: Population { steps.last?.population ?? start }
}
