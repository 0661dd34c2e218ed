/// The rates of a block of trajectories, made per step and tile from each
/// trajectory's TFR, e0 by sex and total net migrants (``BatchRateProvider``).
///
/// For trajectory k at step t (period p):
///
///     Sx = SurvivalGrid(p, sex).interpolated(e0_sex(k, t))       4 multiply-adds per age
///     nFx = TFR(k, t)·PASFR_p(x)/ΣPASFR_p/n                      as FertilitySchedule
///     M(x, sex) = pattern(x, sex)·total(k, t)                    as Assumptions
///
/// so a trajectory on the medium path gets the medium rates bit for bit. Rates
/// are a pure function of (step, column): the engine may time-block.
final class StochasticRates: BatchRateProvider, @unchecked Sendable {
    let fertileAges: Range<Int>
    let ageGroups: Int
    let periods: Int
    /// The block's paths, `[channel][period][column]`, `columns` wide.
    let paths: UnsafePointer<Double>
    let columns: Int
    /// Per period: female then male grid.
    let grids: [BySex<SurvivalGrid>]
    /// Per period: PASFR, its sum, and the group widths n.
    let fertilityPatterns: [[Double]]
    let fertilitySums: [Double]
    let widths: [Double]
    /// Female then male shares of net migrants (2n).
    let migrationPattern: [Double]
    let sexRatios: [Double]
    let timing: MigrationTiming

    init(fertileAges: Range<Int>, ageGroups: Int, periods: Int, paths: UnsafePointer<Double>, columns: Int,
         grids: [BySex<SurvivalGrid>], fertilityPatterns: [[Double]], widths: [Double],
         migrationPattern: [Double], sexRatios: [Double], timing: MigrationTiming) {
        self.fertileAges = fertileAges
        self.ageGroups = ageGroups
        self.periods = periods
        self.paths = paths
        self.columns = columns
        self.grids = grids
        self.fertilityPatterns = fertilityPatterns
        self.fertilitySums = fertilityPatterns.map { $0.reduce(0, +) }
        self.widths = widths
        self.migrationPattern = migrationPattern
        self.sexRatios = sexRatios
        self.timing = timing
    }

    var order: BatchRateOrder { .anyOrder }
    func sexRatioAtBirth(step: Int) -> Double { sexRatios[step] }
    func migrationTiming(step: Int) -> MigrationTiming { timing }

    /// The path value of `channel` at step `t` for block column `k`.
    @inline(__always)
    func path(_ channel: TrajectoryChannel, _ t: Int) -> UnsafePointer<Double> {
        paths + (channel.rawValue * periods + t) * columns
    }

    func rates(step t: Int, columns range: Range<Int>, scratch: BatchRateTile) -> BatchRateTile {
        let n = ageGroups, stride = scratch.stride, c = range.count, k0 = range.lowerBound
        let e0f = path(.lifeExpectancyFemale, t) + k0, e0m = path(.lifeExpectancyMale, t) + k0
        let tfr = path(.totalFertility, t) + k0, total = path(.netMigration, t) + k0
        let grid = grids[t]
        for k in 0..<c {
            grid.female.survivalRatios(lifeExpectancy: e0f[k], into: scratch.survival + k, stride: stride)
            grid.male.survivalRatios(lifeExpectancy: e0m[k], into: scratch.survival + n * stride + k, stride: stride)
        }
        migrationPattern.withUnsafeBufferPointer { pattern in
            for r in 0..<(2 * n) {
                let row = scratch.migrants + r * stride, share = pattern[r]
                for k in 0..<c { row[k] = share * total[k] }
            }
        }
        let pasfr = fertilityPatterns[t], sum = fertilitySums[t]
        for x in fertileAges {
            let row = scratch.fertility + (x - fertileAges.lowerBound) * stride
            let p = pasfr[x], width = widths[x]
            if p > 0 {
                for k in 0..<c { row[k] = tfr[k] * p / sum / width }
            } else {
                for k in 0..<c { row[k] = 0 }
            }
        }
        return scratch
    }
}
