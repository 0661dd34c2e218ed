import Foundation

/// The paths a probabilistic projection draws: TFR, e0 by sex and total net migrants.
public enum TrajectoryChannel: Int, CaseIterable, Sendable, Hashable {
    /// TFR of the period, children per woman.
    case totalFertility
    /// e0 of females, years.
    case lifeExpectancyFemale
    /// e0 of males, years.
    case lifeExpectancyMale
    /// Total net migrants (both sexes) during the period.
    case netMigration
}

/// A first-order autoregressive process on annual values,
///
///     d(t) = ρ·d(t−1) + σ·ε(t),   ε ~ N(0, 1),   d(start) = 0,
///
/// whose stationary standard deviation is σ/√(1 − ρ²).
public struct AutoregressiveProcess: Sendable, Hashable {
    /// ρ — the lag-1 autocorrelation of annual values.
    public var autocorrelation: Double
    /// σ — the standard deviation of the annual innovation.
    public var innovationSD: Double

    public init(autocorrelation: Double, innovationSD: Double) {
        self.autocorrelation = autocorrelation
        self.innovationSD = innovationSD
    }

    /// The process with ρ₅ and σ₅ per five-year period, sampled annually so that
    /// its values five years apart follow exactly that five-year process:
    /// ρ = ρ₅^(1/5), σ = σ₅·√((1 − ρ²)/(1 − ρ₅²)).
    public static func annual(fromFiveYear rho5: Double, innovationSD sigma5: Double) -> AutoregressiveProcess {
        let rho = pow(rho5, 0.2)
        return AutoregressiveProcess(autocorrelation: rho, innovationSD: sigma5 * ((1 - rho * rho) / (1 - rho5 * rho5)).squareRoot())
    }

    /// σ/√(1 − ρ²) — the long-run standard deviation (∞ for ρ = 1).
    public var stationarySD: Double { innovationSD / (1 - autocorrelation * autocorrelation).squareRoot() }

    /// The process seen every z years: ρ_z = ρ^z and σ_z² = σ²·(1 − ρ^2z)/(1 − ρ²) (σ²·z for ρ = 1).
    public func sampled(every z: Int) -> AutoregressiveProcess {
        let rz = pow(autocorrelation, Double(z))
        let variance = abs(1 - autocorrelation * autocorrelation) < 1e-12
            ? innovationSD * innovationSD * Double(z)
            : innovationSD * innovationSD * (1 - rz * rz) / (1 - autocorrelation * autocorrelation)
        return AutoregressiveProcess(autocorrelation: rz, innovationSD: variance.squareRoot())
    }
}

/// The built-in stochastic model: random deviations around a scenario's medium
/// paths, for users without trajectory files.
///
/// Per trajectory, with independent standard normal innovations per channel
/// (SplitMix64 streams seeded by (seed, trajectory, channel)):
/// - **Fertility.** TFR(t) = max(``minimumFertility``, medium TFR(t) + d(t)), d an
///   AR(1) of the deviation. Default: the post-transition (Phase III) AR(1) of
///   bayesTFR, ρ₅ = 0.8859 and σ₅ = 0.1016 per five-year period (the defaults
///   of `tfr.predict`; Alkema et al. 2011; Ševčíková, Alkema & Raftery 2011),
///   made annual: ρ = 0.9761, σ = 0.0476. The deviation's long-run SD is 0.219
///   child, so the 80 % interval tends to ±0.28 and the 95 % interval to ±0.43
///   child around the medium (reached within about 40 years). This is the
///   innovation variance of the Phase III model with its parameters fixed at
///   the world values; the UN's published intervals also carry each country's
///   parameter uncertainty and the transition phase, so they are wider for
///   countries still in transition. The WPP ±0.5 high and low variants are
///   scenarios, not intervals.
/// - **Mortality.** e0(t) = medium e0(t) + D(t), D(t) = D(t−1) + u(t), u an AR(1)
///   of the deviation of the annual gain, ρ = 0.5, σ = 0.15 year; one D for both
///   sexes (the gap stays at the medium's). D's SD grows like σ√t/(1 − ρ): 2.6
///   years after 77 years, a 95 % interval of about ±5 years of e0 by 2100. This
///   is our assumption, of the order of bayesLife's intervals for countries with
///   high e0 (Raftery et al. 2013); it is not fitted.
/// - **Migration.** net migrants(t) = medium(t) + z·r(t)·P(0)/1000, r an AR(1) of
///   the annual net migration rate per 1,000 of the base population, ρ = 0.5,
///   σ = 1.0 (our assumption, after the AR(1) of Azose & Raftery 2015; not fitted).
///
/// For steps of z years, each process is sampled every z years
/// (``AutoregressiveProcess/sampled(every:)``); the e0 gain uses the sum of z
/// annual gains approximated by ρ^z and σ√z.
public struct StochasticModel: Sendable, Hashable {
    /// Deviation of the TFR from the medium path, children per woman.
    public var fertility: AutoregressiveProcess
    /// Deviation of the annual e0 gain from the medium path's, years.
    public var lifeExpectancyGain: AutoregressiveProcess
    /// Deviation of the net migration rate, per 1,000 of the base population per year.
    public var migrationRate: AutoregressiveProcess
    /// The lowest TFR drawn (bayesTFR's `min.tfr`).
    public var minimumFertility: Double

    public init(fertility: AutoregressiveProcess, lifeExpectancyGain: AutoregressiveProcess,
                migrationRate: AutoregressiveProcess, minimumFertility: Double = 0.5) {
        self.fertility = fertility
        self.lifeExpectancyGain = lifeExpectancyGain
        self.migrationRate = migrationRate
        self.minimumFertility = minimumFertility
    }

    /// The defaults documented above.
    public static let standard = StochasticModel(
        fertility: .annual(fromFiveYear: 0.8859, innovationSD: 0.1016),
        lifeExpectancyGain: AutoregressiveProcess(autocorrelation: 0.5, innovationSD: 0.15),
        migrationRate: AutoregressiveProcess(autocorrelation: 0.5, innovationSD: 1.0))

    /// No randomness: every trajectory is the medium path.
    public static let zeroVariance = StochasticModel(
        fertility: AutoregressiveProcess(autocorrelation: 0, innovationSD: 0),
        lifeExpectancyGain: AutoregressiveProcess(autocorrelation: 0, innovationSD: 0),
        migrationRate: AutoregressiveProcess(autocorrelation: 0, innovationSD: 0))

    /// Writes trajectory `trajectory`'s paths, `out[channel·stride·periods + t·stride]`.
    func draw(trajectory: Int, seed: UInt64, medium: MediumPaths, width z: Int,
              into out: UnsafeMutablePointer<Double>, stride: Int) {
        let periods = medium.years.count
        let f = fertility.sampled(every: z)
        let m = migrationRate.sampled(every: z)
        let gainRho = pow(lifeExpectancyGain.autocorrelation, Double(z))
        let gainSD = lifeExpectancyGain.innovationSD * Double(z).squareRoot()
        let migrantsPerRate = Double(z) * medium.basePopulation / 1000
        var rf = SplitMix64(seed: seed, stream: UInt64(trajectory), channel: 0)
        var re = SplitMix64(seed: seed, stream: UInt64(trajectory), channel: 1)
        var rm = SplitMix64(seed: seed, stream: UInt64(trajectory), channel: 3)
        var d = 0.0, u = 0.0, cumulative = 0.0, r = 0.0
        let tfr = out, e0f = out + stride * periods, e0m = e0f + stride * periods, mig = e0m + stride * periods
        for t in 0..<periods {
            d = f.autocorrelation * d + f.innovationSD * rf.nextStandardNormal()
            u = gainRho * u + gainSD * re.nextStandardNormal()
            cumulative += u
            r = m.autocorrelation * r + m.innovationSD * rm.nextStandardNormal()
            tfr[t * stride] = Swift.max(minimumFertility, medium.totalFertility[t] + d)
            e0f[t * stride] = medium.lifeExpectancy.female[t] + cumulative
            e0m[t * stride] = medium.lifeExpectancy.male[t] + cumulative
            mig[t * stride] = medium.netMigration[t] + migrantsPerRate * r
        }
    }
}

extension StochasticModel {
    /// Trajectory `trajectory`'s e0 paths only, `female[t·stride]` and `male[t·stride]`:
    /// the same values as ``draw(trajectory:seed:medium:width:into:stride:)`` writes
    /// (the e0 stream is drawn by itself, by the same operations), for the scan of
    /// e0 ranges without the other channels' draws.
    func drawLifeExpectancy(trajectory: Int, seed: UInt64, medium: MediumPaths, width z: Int,
                            female: UnsafeMutablePointer<Double>, male: UnsafeMutablePointer<Double>, stride: Int) {
        let gainRho = pow(lifeExpectancyGain.autocorrelation, Double(z))
        let gainSD = lifeExpectancyGain.innovationSD * Double(z).squareRoot()
        var re = SplitMix64(seed: seed, stream: UInt64(trajectory), channel: 1)
        var u = 0.0, cumulative = 0.0
        for t in 0..<medium.years.count {
            u = gainRho * u + gainSD * re.nextStandardNormal()
            cumulative += u
            female[t * stride] = medium.lifeExpectancy.female[t] + cumulative
            male[t * stride] = medium.lifeExpectancy.male[t] + cumulative
        }
    }
}

/// Trajectories given as data (bayesTFR, bayesLife, bayesMig output), one path per
/// trajectory and channel; a missing channel follows the medium path.
///
/// Storage per channel: `[trajectory][period]`, contiguous; periods are the
/// period start years ``years``.
public struct TrajectoryPaths: Sendable {
    /// The period start years.
    public let years: [Int]
    /// The number of trajectories.
    public let count: Int
    /// Each given channel's values, `[trajectory][period]`.
    public let channels: [TrajectoryChannel: [Double]]

    /// Paths of `count` trajectories over `years`; every channel holds count × years values.
    public init(years: [Int], count: Int, channels: [TrajectoryChannel: [Double]]) throws(DemographyError) {
        guard count >= 1 else {
            throw .invalidParameter(name: "number of trajectories", value: Double(count), expected: "at least 1")
        }
        for (channel, values) in channels where values.count != count * years.count {
            throw .lengthMismatch(schedule: "\(channel) trajectories", expected: count * years.count, found: values.count)
        }
        self.years = years
        self.count = count
        self.channels = channels
    }
}

/// Where the trajectories of a probabilistic projection come from.
public enum TrajectorySource: Sendable {
    /// `count` trajectories of ``StochasticModel`` around the medium paths, seeded.
    case model(StochasticModel, count: Int, seed: UInt64)
    /// Paths given as data.
    case given(TrajectoryPaths)

    /// The number of trajectories.
    public var count: Int {
        switch self {
        case .model(_, let count, _): return count
        case .given(let paths): return paths.count
        }
    }

    /// Fills the paths of trajectories `range` into columns `firstColumn…` of a
    /// block `columns` wide: `out[(channel·periods + t)·columns + column]`.
    func fill(_ range: Range<Int>, firstColumn: Int, columns c: Int, medium: MediumPaths, width: Int, periodIndex: [Int],
              into block: UnsafeMutablePointer<Double>) {
        let periods = medium.years.count
        let out = block + firstColumn
        switch self {
        case .model(let model, _, let seed):
            for (i, trajectory) in range.enumerated() {
                model.draw(trajectory: trajectory, seed: seed, medium: medium, width: width, into: out + i, stride: c)
            }
        case .given(let paths):
            for channel in TrajectoryChannel.allCases {
                let base = out + channel.rawValue * periods * c
                let mediumValues = medium.values(channel)
                if let values = paths.channels[channel] {
                    let n = paths.years.count
                    for t in 0..<periods {
                        let column = periodIndex[t]
                        for (i, trajectory) in range.enumerated() { base[t * c + i] = values[trajectory * n + column] }
                    }
                } else {
                    for t in 0..<periods {
                        for i in 0..<range.count { base[t * c + i] = mediumValues[t] }
                    }
                }
            }
        }
    }
}

/// A scenario's medium paths, period by period, with its base population total.
public struct MediumPaths: Sendable, Hashable {
    /// The period start years.
    public let years: [Int]
    /// TFR by period.
    public let totalFertility: [Double]
    /// e0 by sex and period (from the period's life tables).
    public let lifeExpectancy: BySex<[Double]>
    /// Total net migrants by period.
    public let netMigration: [Double]
    /// P(0) — the base population, both sexes.
    public let basePopulation: Double

    /// The values of `channel`.
    public func values(_ channel: TrajectoryChannel) -> [Double] {
        switch channel {
        case .totalFertility: return totalFertility
        case .lifeExpectancyFemale: return lifeExpectancy.female
        case .lifeExpectancyMale: return lifeExpectancy.male
        case .netMigration: return netMigration
        }
    }
}
