#if MPI
import CMPI
#endif

/// The processes of a run and the few collective operations the library needs.
///
/// Built with the package trait `MPI` (Open MPI: Debian `libopenmpi-dev
/// openmpi-bin`), it wraps `MPI_COMM_WORLD`; without it, it is a single process
/// (rank 0 of 1) and every collective is the identity, so code written against it
/// runs unchanged with or without MPI.
///
/// Collectives keep a fixed reduction order where results must not depend on the
/// number of ranks: ``gather(_:)`` returns every rank's values in rank order, and
/// callers reduce them on rank 0 in that order.
public final class Communicator: @unchecked Sendable {
    /// This process's rank, 0-based.
    public let rank: Int
    /// The number of processes.
    public let size: Int
    /// Whether the run is distributed (built with MPI and started by mpirun with more than one rank).
    public var isDistributed: Bool { size > 1 }
    /// Whether this is the rank that reads, prints and writes.
    public var isRoot: Bool { rank == 0 }

    private init(rank: Int, size: Int) {
        self.rank = rank
        self.size = size
    }

    /// Whether the library was built with the `MPI` trait.
    public static var isAvailable: Bool {
        #if MPI
        return true
        #else
        return false
        #endif
    }

    /// Starts MPI (once per process) and returns the world communicator.
    public static func start() -> Communicator {
        #if MPI
        var initialised: Int32 = 0
        MPI_Initialized(&initialised)
        if initialised == 0 { MPI_Init(nil, nil) }
        var rank: Int32 = 0, size: Int32 = 1
        MPI_Comm_rank(cmpi_comm_world(), &rank)
        MPI_Comm_size(cmpi_comm_world(), &size)
        return Communicator(rank: Int(rank), size: Int(size))
        #else
        return Communicator(rank: 0, size: 1)
        #endif
    }

    /// The contiguous block of `count` items this rank owns: items are split as
    /// evenly as possible, the first `count % size` ranks taking one more.
    public func share(of count: Int) -> Range<Int> {
        Communicator.block(count: count, rank: rank, size: size)
    }

    /// The block of `count` items owned by `rank` of `size`.
    public static func block(count: Int, rank: Int, size: Int) -> Range<Int> {
        let base = count / size, extra = count % size
        let start = rank * base + min(rank, extra)
        return start..<(start + base + (rank < extra ? 1 : 0))
    }

    /// Every rank's `values` (any length), in rank order, on rank 0; nil elsewhere.
    public func gather(_ values: [Double]) -> [[Double]]? {
        #if MPI
        guard size > 1 else { return [values] }
        var count = Int32(values.count)
        var counts = [Int32](repeating: 0, count: size)
        MPI_Gather(&count, 1, cmpi_int(), &counts, 1, cmpi_int(), 0, cmpi_comm_world())
        var displacements = [Int32](repeating: 0, count: size)
        for r in 1..<size { displacements[r] = displacements[r - 1] + counts[r - 1] }
        let total = isRoot ? Int(counts.reduce(0, +)) : 0
        var all = [Double](repeating: 0, count: max(total, 1))
        var mine = values
        MPI_Gatherv(&mine, count, cmpi_double(), &all, &counts, &displacements, cmpi_double(), 0, cmpi_comm_world())
        guard isRoot else { return nil }
        return (0..<size).map { r in Array(all[Int(displacements[r])..<Int(displacements[r] + counts[r])]) }
        #else
        return [values]
        #endif
    }

    /// Every rank's `values` (any length), in rank order, on every rank
    /// (`MPI_Allgatherv`); with one process, `[values]`.
    public func allGather(_ values: [Double]) -> [[Double]] {
        #if MPI
        guard size > 1 else { return [values] }
        var count = Int32(values.count)
        var counts = [Int32](repeating: 0, count: size)
        MPI_Allgather(&count, 1, cmpi_int(), &counts, 1, cmpi_int(), cmpi_comm_world())
        var displacements = [Int32](repeating: 0, count: size)
        for r in 1..<size { displacements[r] = displacements[r - 1] + counts[r - 1] }
        var all = [Double](repeating: 0, count: max(1, Int(counts.reduce(0, +))))
        var mine = values
        MPI_Allgatherv(&mine, count, cmpi_double(), &all, &counts, &displacements, cmpi_double(), cmpi_comm_world())
        return (0..<size).map { r in Array(all[Int(displacements[r])..<Int(displacements[r] + counts[r])]) }
        #else
        return [values]
        #endif
    }

    /// Every rank's `value` combined in rank order along a binary tree, on rank 0
    /// (nil elsewhere): at each level rank r (a multiple of 2^(l+1)) combines its
    /// value with that of rank r + 2^l, so `combine(left, right)` always receives
    /// neighbouring blocks in order. ⌈log₂ size⌉ rounds instead of size − 1 values
    /// arriving at rank 0.
    public func reduceInOrder(_ value: [Double], _ combine: ([Double], [Double]) throws -> [Double]) rethrows -> [Double]? {
        var current = value
        var step = 1
        while step < size {
            if rank % (2 * step) == 0 {
                let partner = rank + step
                if partner < size { current = try combine(current, receive(from: partner)) }
            } else {
                send(current, to: rank - step)
                return nil
            }
            step *= 2
        }
        return rank == 0 ? current : nil
    }

    /// Sends `values` (any length) to `destination`.
    public func send(_ values: [Double], to destination: Int) {
        #if MPI
        var buffer = values
        MPI_Send(&buffer, Int32(values.count), cmpi_double(), Int32(destination), 0, cmpi_comm_world())
        #endif
    }

    /// Receives the values `source` sent, whatever their length.
    public func receive(from source: Int) -> [Double] {
        #if MPI
        var status = MPI_Status()
        MPI_Probe(Int32(source), 0, cmpi_comm_world(), &status)
        var count: Int32 = 0
        MPI_Get_count(&status, cmpi_double(), &count)
        var buffer = [Double](repeating: 0, count: Int(count))
        MPI_Recv(&buffer, count, cmpi_double(), Int32(source), 0, cmpi_comm_world(), cmpi_status_ignore())
        return buffer
        #else
        return []
        #endif
    }

    /// Rank 0's `values` on every rank.
    public func broadcast(_ values: [Double]) -> [Double] {
        #if MPI
        guard size > 1 else { return values }
        var count = Int64(values.count)
        MPI_Bcast(&count, 1, cmpi_int64(), 0, cmpi_comm_world())
        var buffer = isRoot ? values : [Double](repeating: 0, count: Int(count))
        if count > 0 { MPI_Bcast(&buffer, Int32(count), cmpi_double(), 0, cmpi_comm_world()) }
        return buffer
        #else
        return values
        #endif
    }

    /// The largest of every rank's `value`, on every rank (used to agree on failure).
    public func maximum(_ value: Int) -> Int {
        #if MPI
        guard size > 1 else { return value }
        var mine = Int64(value), out: Int64 = 0
        MPI_Allreduce(&mine, &out, 1, cmpi_int64(), cmpi_max(), cmpi_comm_world())
        return Int(out)
        #else
        return value
        #endif
    }

    /// Waits for every rank.
    public func barrier() {
        #if MPI
        if size > 1 { MPI_Barrier(cmpi_comm_world()) }
        #endif
    }

    /// Ends MPI (call once, before the process exits).
    public func finish() {
        #if MPI
        var finalised: Int32 = 0
        MPI_Finalized(&finalised)
        if finalised == 0 { MPI_Finalize() }
        #endif
    }
}
