import Demography

extension StochasticProjection {
    /// Runs `source` split across the ranks of `communicator`: each rank projects
    /// its block of trajectories (``Communicator/share(of:)``), every rank agrees
    /// on failure, and the partial summaries are merged in rank (= trajectory)
    /// order along a binary tree ending on rank 0
    /// (``Communicator/reduceInOrder(_:_:)``), so the result does not depend on
    /// the number of ranks (quantiles bit for bit; means to rounding when the cells
    /// are summarised in blocks). The cells are read, merged and written on ``threads`` threads.
    ///
    /// - Returns: the summary on rank 0, nil on the other ranks.
    /// - Throws: ``DistributedFailure`` on every rank if any rank fails, or the
    ///   ``DemographyError`` of the final combination on rank 0.
    public func run(_ source: TrajectorySource, across communicator: Communicator,
                    progress: ((Int, Int) -> Void)? = nil) throws -> StochasticSummary? {
        let threads = self.threads
        let local = try communicator.agreeing {
            try runPartial(source, trajectories: communicator.share(of: source.count), progress: progress).serialized
        }
        guard let whole = try communicator.reduceInOrder(local, { left, right in
            try StochasticPartial(serialized: left, threads: threads)
                .merged(with: StochasticPartial(serialized: right, threads: threads), threads: threads)
                .serialized(threads: threads)
        }) else { return nil }
        return try combine([StochasticPartial(serialized: whole, threads: threads)], trajectories: source.count, source: source)
    }
}
