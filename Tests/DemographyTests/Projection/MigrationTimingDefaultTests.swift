import Testing
import Foundation
import Demography
import DemographyIO

/// The one default migration timing (``MigrationTiming/unWPP``), what the data
/// state over it, and the transformations that override both.
@Suite struct MigrationTimingDefaultTests {
    /// Sweden has one five-year period (1993-1998); Canada is cut after ten single years.
    static let lastYear: [String: Int] = ["sweden1993": 1998, "canada1x1": 1960]

    /// ccmppWPP's `mig_assumption` "even": half the migrants at the start of the step.
    @Test func unWPPIsEvenlyDuringTheStep() {
        #expect(MigrationTiming.unWPP == .evenlyDuringStep)
        #expect(MigrationTiming.unWPP.shareAtStart == 0.5)
    }

    /// The file wins: Sweden's mig_parameter.csv says even, Canada's end, and each
    /// step is built with what its file says.
    @Test func fullRatesTakeTheTimingTheirFileStates() throws {
        for (name, stated) in [("sweden1993", MigrationTiming.evenlyDuringStep), ("canada1x1", .endOfStep)] {
            let inputs = try Fixture.dataset(name).inputs
            let timings = Set(inputs.migrationTiming.values)
            #expect(timings == [stated], "\(name)")
            let steps = try inputs.projection(survival: .given, through: Self.lastYear[name]).steps
            #expect(!steps.isEmpty && steps.allSatisfy { $0.migrationTiming == stated }, "\(name)")
        }
    }

    /// A period whose data state no timing is projected with the default: the
    /// same, bit for bit, as stating `unWPP` for every period.
    @Test func aPeriodWithoutATimingGetsTheDefault() throws {
        var bare = try Fixture.dataset("canada1x1").inputs
        bare.migrationTiming = [:]
        #expect(bare.migrationTiming(for: 1950) == .unWPP)
        let unstated = try bare.projection(survival: .given, through: 1960).run()
        let stated = try bare.withMigrationTiming(.unWPP).projection(survival: .given, through: 1960).run()
        #expect(unstated.populations == stated.populations)
    }

    /// withMigrationTiming round-trips: restating the file's timing, or overriding
    /// it and then restating it, gives the projection as read, bit for bit.
    @Test func withMigrationTimingRoundTrips() throws {
        for (name, stated, other) in [("sweden1993", MigrationTiming.evenlyDuringStep, MigrationTiming.endOfStep),
                                      ("canada1x1", .endOfStep, .evenlyDuringStep)] {
            let inputs = try Fixture.dataset(name).inputs
            let asRead = try inputs.projection(survival: .given, through: Self.lastYear[name]).run().populations
            let restated = try inputs.withMigrationTiming(stated).projection(survival: .given, through: Self.lastYear[name]).run().populations
            let back = try inputs.withMigrationTiming(other).withMigrationTiming(stated)
                .projection(survival: .given, through: Self.lastYear[name]).run().populations
            let overridden = try inputs.withMigrationTiming(other).projection(survival: .given, through: Self.lastYear[name])
            #expect(restated == asRead && back == asRead, "\(name)")
            #expect(overridden.steps.allSatisfy { $0.migrationTiming == other })
            let overriddenRun = overridden.run().populations
            #expect(overriddenRun != asRead, "\(name): the timing must matter")
            // `overrideTiming:` is the same transformation.
            let viaParameter = try inputs.projection(survival: .given, overrideTiming: other, through: Self.lastYear[name]).run().populations
            #expect(viaParameter == overriddenRun)
        }
    }

    /// Summary assumptions state no timing, so they have the default; every
    /// period of every variant takes the assumptions' timing.
    @Test func assumptionsHaveTheDefaultAndPassTheirTimingOn() throws {
        let dataset = try AssumptionsReader(location: "752").read(.directory(Fixture.url("wpp2017")), migrationPattern: .default)
        let assumptions = dataset.assumptions
        #expect(assumptions.migrationTiming == .unWPP)
        let end = assumptions.withMigrationTiming(.endOfStep)
        #expect(end.migrationTiming == .endOfStep)
        let endTimings = Set(try end.inputs(for: .medium).migrationTiming.values)
        #expect(endTimings == [MigrationTiming.endOfStep])
        let back = try end.withMigrationTiming(.unWPP).projection(.medium).run().populations
        let asRead = try assumptions.projection(.medium).run().populations
        #expect(back == asRead)
    }

    /// The residual pattern of the reader is the one estimated in Demography from
    /// the same estimation period (Sweden, WPP 2017, 2010-2015), and it depends on
    /// the timing it is estimated under.
    @Test func residualPatternIsEstimatedUnderTheAssumptionsTiming() throws {
        let reader = AssumptionsReader(location: "752")
        let source = DatasetSource.directory(Fixture.url("wpp2017"))
        let residual = try reader.read(source, migrationPattern: .residual)
        let other = try reader.read(source, migrationPattern: .default)
        #expect(other.assumptions.migrationPattern != residual.assumptions.migrationPattern)
        let reestimated = try other.withResidualMigrationPattern().assumptions.migrationPattern
        #expect(reestimated == residual.assumptions.migrationPattern)

        let history = try #require(residual.history)
        let start = try #require(history.population)
        let underEnd = try residual.assumptions.withMigrationTiming(.endOfStep)
            .withResidualMigrationPattern(from: start, sexRatioAtBirth: history.sexRatioAtBirth)
        #expect(underEnd.migrationPattern != residual.assumptions.migrationPattern)
        // Shares of both sexes sum to 1 under either timing.
        for pattern in [underEnd.migrationPattern, residual.assumptions.migrationPattern] {
            let sum = pattern.female.reduce(0, +) + pattern.male.reduce(0, +)
            #expect(abs(sum - 1) < 1e-9)
        }
        // Re-estimating under the default gives the reader's pattern back.
        let again = try underEnd.withMigrationTiming(.unWPP).withResidualMigrationPattern(from: start, sexRatioAtBirth: history.sexRatioAtBirth)
        #expect(again.migrationPattern == residual.assumptions.migrationPattern)
    }
}

/// `ProjectionInputs.step(startingIn:survival:)`: the period that starts in a year.
@Suite struct StepStartingInTests {
    /// The step of a period is the projection's step of that period, and no
    /// period starts between the period start years or outside them.
    @Test func theStepIsTheProjectionsStepOfThatPeriod() throws {
        let canada = try Fixture.dataset("canada1x1").inputs
        let projection = try canada.projection(survival: .given, through: 1961)
        let step = try #require(try canada.step(startingIn: 1960, survival: .given))
        let run = projection.run()
        let applied = try step.apply(to: run.populations[10])
        #expect(applied.population == run.populations[11])
        #expect(step.migrationTiming == projection.steps[10].migrationTiming)
        #expect(try canada.step(startingIn: 1949, survival: .given) == nil)
        #expect(try canada.step(startingIn: 2020, survival: .given) == nil)
        let sweden = try Fixture.dataset("sweden1993").inputs
        let first = try #require(try sweden.step(startingIn: 1993, survival: .given))
        let projected = try sweden.projection(survival: .given).run().populations[1]
        #expect(try first.apply(to: sweden.basePopulation).population == projected)
        // Five-year periods start every five years from 1993 only.
        #expect(try sweden.step(startingIn: 1994, survival: .given) == nil)
        #expect(try sweden.step(startingIn: 1998, survival: .given) == nil)
    }
}
