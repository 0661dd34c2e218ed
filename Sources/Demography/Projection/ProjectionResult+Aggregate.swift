/// The projection of an aggregate — a region or the world — as the sum of the
/// projections of its parts.
///
/// The UN Population Division projects each country and area separately and
/// obtains every region, and the world, by adding them up (UN DESA, *World
/// Population Prospects 2024: Methodology of the United Nations population
/// estimates and projections*, "Aggregates"). Every count is additive: the
/// population by age and sex at each date, births by sex and by age of mother,
/// deaths and the net migrants applied, so the sum keeps the balancing equation
/// P(t+z) = P(t) + B − D + M of each part (Preston, Heuveline & Guillot 2001, ch. 1).
/// Rates are not additive; see ``SummaryIndicators/rows(ofAggregate:)``.
extension ProjectionResult {
    /// The sum of `parts`, which must share the age groups, the start year, the
    /// step width and the number of steps. The safeguard adjustments of every part
    /// are kept, concatenated in the order of `parts`.
    /// - Throws: ``DemographyError`` when `parts` is empty or two parts disagree
    ///   on the grid, the start year, the width or the number of steps.
    public static func sum(_ parts: [ProjectionResult]) throws(DemographyError) -> ProjectionResult {
        guard let first = parts.first else {
            throw .missing(what: "the projections to add up", expected: "at least one projection")
        }
        for (i, part) in parts.enumerated().dropFirst() {
            guard part.start.ages == first.start.ages else {
                throw .ageStructureMismatch(left: "projection 1: \(first.start.ages)", right: "projection \(i + 1): \(part.start.ages)")
            }
            guard part.startYear == first.startYear, part.width == first.width, part.steps.count == first.steps.count else {
                throw .notApplicable(
                    method: "the sum of projections",
                    reason: "projection 1 runs from \(first.startYear) in \(first.steps.count) steps of \(first.width) years, "
                        + "projection \(i + 1) from \(part.startYear) in \(part.steps.count) steps of \(part.width) years")
            }
        }
        let ages = first.start.ages
        func add(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { $0 + $1 } }
        func add(_ a: BySex<[Double]>, _ b: BySex<[Double]>) -> BySex<[Double]> {
            BySex(female: add(a.female, b.female), male: add(a.male, b.male))
        }
        func population(_ parts: [Population]) -> Population {
            Population(trusted: ages, counts: parts.dropFirst().reduce(parts[0].counts) { add($0, $1.counts) })
        }
        let start = population(parts.map(\.start))
        let steps = first.steps.indices.map { k in
            let stepParts = parts.map { $0.steps[k] }
            return StepResult(
                population: population(stepParts.map(\.population)),
                births: BySex(female: stepParts.reduce(0) { $0 + $1.births.female },
                              male: stepParts.reduce(0) { $0 + $1.births.male }),
                birthsByAgeOfMother: stepParts.dropFirst().reduce(stepParts[0].birthsByAgeOfMother) { add($0, $1.birthsByAgeOfMother) },
                deaths: stepParts.dropFirst().reduce(stepParts[0].deaths) { add($0, $1.deaths) },
                netMigrants: stepParts.dropFirst().reduce(stepParts[0].netMigrants) { add($0, $1.netMigrants) },
                adjustments: stepParts.flatMap(\.adjustments))
        }
        return ProjectionResult(start: start, startYear: first.startYear, width: first.width, steps: steps)
    }
}

extension SummaryIndicators {
    /// The rows of an aggregate (``ProjectionResult/sum(_:)``), which has no rates
    /// of its own: the stocks and the flows are those of the sum; the TFR of each
    /// period is the births-to-exposure ratio
    ///
    ///   TFR = Σₓ n · B(x) / PY_f(x),  PY_f(x) = z · (P_f(x, t) + P_f(x, t+z)) / 2,
    ///
    /// with B(x) the births to mothers of group x and PY_f(x) the female
    /// person-years lived in that group (Preston, Heuveline & Guillot 2001, §1.6
    /// and ch. 5). The UN's aggregate TFR is the same ratio: the age-specific
    /// fertility rates of a region are its births by age of mother over its
    /// women-years (WPP 2024 methodology, "Aggregates"), so each country weighs in
    /// by its exposure. A group with no exposure contributes nothing. e0 is nil:
    /// life expectancy is not additive, and an aggregate life table would need the
    /// aggregate's own death rates.
    public static func rows(ofAggregate result: ProjectionResult) -> [SummaryIndicators] {
        let z = Double(result.width)
        let populations = result.populations
        return rows(of: result, steps: []).enumerated().map { k, row in
            guard k < result.steps.count, var period = row.period else { return row }
            let ages = populations[k].ages
            let births = result.steps[k].birthsByAgeOfMother
            var tfr = 0.0
            for x in births.indices where births[x] > 0 {
                let exposure = z * (populations[k].counts.female[x] + populations[k + 1].counts.female[x]) / 2
                guard exposure > 0 else { continue }
                tfr += Double(ages.width(at: x) ?? 0) * births[x] / exposure
            }
            period.totalFertility = tfr
            period.lifeExpectancyFemale = nil
            period.lifeExpectancyMale = nil
            var out = row
            out.period = period
            return out
        }
    }
}

extension ScenarioResult {
    /// The aggregate of the same scenario run for several locations: the sum of
    /// their projections (``ProjectionResult/sum(_:)``) with its summary
    /// indicators (``SummaryIndicators/rows(ofAggregate:)``), named `name`
    /// (by default the name of the first part).
    public static func sum(_ parts: [ScenarioResult], name: String? = nil) throws(DemographyError) -> ScenarioResult {
        let result = try ProjectionResult.sum(parts.map(\.result))
        return ScenarioResult(name: name ?? parts.first?.name ?? "", result: result,
                              indicators: SummaryIndicators.rows(ofAggregate: result))
    }
}
