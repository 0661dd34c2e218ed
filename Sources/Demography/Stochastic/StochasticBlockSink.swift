import Foundation

/// Copies every end-of-step state of a block of trajectories into the block
/// store and computes each trajectory's summary indicators while the tile is in
/// cache.
///
/// Store rows: `[step][sex][age]` (2n rows a step), then `[step][indicator]`;
/// each row holds one value per trajectory of the block (`columns` wide). Deaths
/// come from the balancing equation D = P(t) + B + M − P(t+z), exact unless the
/// migration guard or the floor acted in that trajectory and step.
final class StochasticBlockSink: BatchSink, @unchecked Sendable {
    let store: UnsafeMutablePointer<Double>
    let columns: Int
    let ageGroups: Int
    let steps: Int
    let paths: UnsafePointer<Double>
    let periods: Int
    let width: Double
    /// Start ages of the groups (for the median age) and group widths.
    let startAges: [Double]
    let groupWidths: [Double]
    /// Age groups 0–14, 15–64 and 65+ (nil when 15 or 65 is not a boundary).
    let young: Range<Int>?, working: Range<Int>?, old: Range<Int>?
    /// The total population of each column at the start of its current step.
    let previous: UnsafeMutablePointer<Double>
    private var scratch = WorkerStorage<Double>()
    private var tileWidth = 0

    static let indicatorCount = StochasticIndicator.allCases.count
    /// The indicators in store order (made once: `allCases` builds an array on each use).
    static let indicators = StochasticIndicator.allCases

    init(store: UnsafeMutablePointer<Double>, columns: Int, ages: AgeStructure, steps: Int, paths: UnsafePointer<Double>,
         periods: Int, width: Int, baseTotal: Double) {
        self.store = store
        self.columns = columns
        self.ageGroups = ages.count
        self.steps = steps
        self.paths = paths
        self.periods = periods
        self.width = Double(width)
        self.startAges = ages.startAges.map(Double.init)
        self.groupWidths = (0..<ages.count).map { Double(ages.width(at: $0) ?? 5) }
        let i15 = ages.index(ofStartAge: 15), i65 = ages.index(ofStartAge: 65)
        young = i15.map { 0..<$0 }
        working = i15.flatMap { a in i65.map { a..<$0 } }
        old = i65.map { $0..<ages.count }
        previous = .allocate(capacity: columns)
        previous.initialize(repeating: baseTotal, count: columns)
    }

    deinit { previous.deallocate() }

    var recording: BatchRecording { .everyStep }

    func prepare(_ shape: BatchRunShape) {
        tileWidth = shape.tileWidth
        scratch.reset(count: shape.workers * shape.tileWidth * 8, value: 0)
    }

    /// The store row of indicator `i` at step t.
    @inline(__always)
    func indicatorRow(_ i: StochasticIndicator, _ t: Int) -> UnsafeMutablePointer<Double> {
        let index = Self.indicators.firstIndex(of: i) ?? 0
        return store + (steps * 2 * ageGroups + t * Self.indicatorCount + index) * columns
    }

    func record(_ tile: BatchTileView) {
        let n = ageGroups, t = tile.step, c = tile.columns.count, k0 = tile.columns.lowerBound
        let base = scratch.base + tile.worker * tileWidth * 8
        let total = base, female = base + tileWidth, youngSum = base + 2 * tileWidth
        let workingSum = base + 3 * tileWidth, oldSum = base + 4 * tileWidth, male = base + 5 * tileWidth
        for k in 0..<c { total[k] = 0; female[k] = 0; male[k] = 0; youngSum[k] = 0; workingSum[k] = 0; oldSum[k] = 0 }
        for x in 0..<n {
            let f = tile.row(.female, age: x), m = tile.row(.male, age: x)
            (store + (t * 2 * n + x) * columns + k0).update(from: f.baseAddress!, count: c)
            (store + (t * 2 * n + n + x) * columns + k0).update(from: m.baseAddress!, count: c)
            for k in 0..<c {
                let both = f[k] + m[k]
                total[k] += both
                female[k] += f[k]
                male[k] += m[k]
            }
            let target = young?.contains(x) == true ? youngSum : working?.contains(x) == true ? workingSum
                : old?.contains(x) == true ? oldSum : nil
            if let target { for k in 0..<c { target[k] += f[k] + m[k] } }
        }
        let medianRow = indicatorRow(.medianAge, t) + k0
        // As SummaryIndicators.stocks: the age that halves the population, linear in its group.
        // Age by age over the columns (contiguous rows), the same sums in the same order as a
        // column-by-column scan; stops once every column has its median.
        let cumulative = base + 6 * tileWidth, half = base + 7 * tileWidth
        for k in 0..<c { cumulative[k] = 0; half[k] = total[k] / 2; medianRow[k] = .nan }
        var remaining = c
        var x = 0
        while x < n && remaining > 0 {
            let f = tile.row(.female, age: x), m = tile.row(.male, age: x)
            let start = startAges[x], groupWidth = groupWidths[x]
            for k in 0..<c {
                let count = f[k] + m[k], before = cumulative[k]
                if medianRow[k].isNaN && before + count >= half[k] && count > 0 {
                    medianRow[k] = start + groupWidth * (half[k] - before) / count
                    remaining -= 1
                }
                cumulative[k] = before + count
            }
            x += 1
        }
        let births = tile.births
        let migrants = paths + (TrajectoryChannel.netMigration.rawValue * periods + t) * columns + k0
        func path(_ channel: TrajectoryChannel) -> UnsafePointer<Double> {
            paths + (channel.rawValue * periods + t) * columns + k0
        }
        let rows = (population: indicatorRow(.population, t) + k0, female: indicatorRow(.populationFemale, t) + k0,
                    male: indicatorRow(.populationMale, t) + k0, pct65: indicatorRow(.percentAged65Plus, t) + k0,
                    oldDep: indicatorRow(.oldDependencyRatio, t) + k0, births: indicatorRow(.births, t) + k0,
                    deaths: indicatorRow(.deaths, t) + k0, migrants: indicatorRow(.netMigrants, t) + k0,
                    growth: indicatorRow(.growthRate, t) + k0)
        for k in 0..<c {
            let p = total[k], before = previous[k0 + k]
            let b = births?[k] ?? .nan
            rows.population[k] = p
            rows.female[k] = female[k]
            rows.male[k] = male[k]
            rows.pct65[k] = old == nil ? .nan : 100 * oldSum[k] / p
            rows.oldDep[k] = (old == nil || working == nil || !(workingSum[k] > 0)) ? .nan : 100 * oldSum[k] / workingSum[k]
            rows.births[k] = b
            rows.deaths[k] = before + b + migrants[k] - p
            rows.migrants[k] = migrants[k]
            rows.growth[k] = 100 * log(p / before) / width
            previous[k0 + k] = p
        }
        (indicatorRow(.totalFertility, t) + k0).update(from: path(.totalFertility), count: c)
        (indicatorRow(.lifeExpectancyFemale, t) + k0).update(from: path(.lifeExpectancyFemale), count: c)
        (indicatorRow(.lifeExpectancyMale, t) + k0).update(from: path(.lifeExpectancyMale), count: c)
    }
}
