import Testing
import Foundation
import Demography
import DemographyIO
import DemographyMPI

/// The distributed helpers of DemographyMPI in one process (rank 0 of 1, or of
/// the MPI build run without mpirun); `MPIRunTests` runs them on two ranks.
@Suite struct CommunicatorTests {
    let communicator = Communicator.start()

    /// gatherText round-trips every text through the wire codec, UTF-8 included.
    @Test func gatherTextRoundTrips() throws {
        guard !communicator.isDistributed else { return }
        let texts = ["566,2015,female,0,0,1\n", "", "Côte d'Ivoire, São Tomé: 北京\n"]
        #expect(communicator.gatherText(texts) == texts)
        #expect(communicator.gatherText([]) == [])
    }

    @Test func agreeingPassesTheValueOrThisRanksFailure() throws {
        guard !communicator.isDistributed else { return }
        #expect(try communicator.agreeing { 42 } == 42)
        do {
            _ = try communicator.agreeing { () throws -> Int in throw DatasetError([InputProblem(file: "x.csv", expected: "y")]) }
            Issue.record("expected a failure")
        } catch {
            guard case .thisRank(let message) = error else { Issue.record("\(error)"); return }
            #expect(message == "x.csv: expected y")
        }
        #expect(DistributedFailure.anotherRank.description == "another rank failed (see its message); nothing was written")
    }

    /// On one rank the distributed run is the plain run: the same summary, bit for bit.
    @Test func stochasticRunAcrossOneRankIsThePlainRun() throws {
        guard !communicator.isDistributed else { return }
        let assumptions = try AssumptionsReader(location: "752").read(EmbeddedDatasets.wpp2017, migrationPattern: .default).assumptions
        var projection = try StochasticProjection(assumptions: assumptions)
        projection.threads = 1
        let source = TrajectorySource.model(.standard, count: 12, seed: 5)
        let plain = try projection.run(source)
        let across = try #require(try projection.run(source, across: communicator))
        #expect(across.years == plain.years)
        for statistic in 0..<5 {
            #expect(across.totalPopulation(statistic: statistic) == plain.totalPopulation(statistic: statistic))
        }
    }
}
