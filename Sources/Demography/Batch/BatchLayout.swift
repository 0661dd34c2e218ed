/// The memory order of K populations on one age grid: `[sex][age][K]`.
///
/// Element (sex s, age group x, population k) is at `(s·n + x)·K + k`, with n age
/// groups per sex, females first. Each age row is a contiguous vector over the
/// populations, so the step's survival shift is a row-to-row multiply over K
/// and a tile of columns can be carried through many steps in cache (the C and
/// batched-NumPy baselines of the project's PERFORMANCE notes use the same
/// order; read as a matrix it is the 2n × K matrix that a Leslie matrix
/// multiplies from the left).
///
/// Rates given per population use the same order (``BatchRateTile``); births
/// and other per-population scalars are vectors over K.
public struct BatchLayout: Sendable, Hashable {
    /// n — age groups per sex.
    public let ageGroups: Int
    /// K — the number of populations.
    public let count: Int

    /// A layout of `count` populations with `ageGroups` groups per sex.
    public init(ageGroups: Int, count: Int) {
        self.ageGroups = ageGroups
        self.count = count
    }

    /// Doubles in one state: 2·n·K.
    public var stateCount: Int { 2 * ageGroups * count }

    /// The offset of (sex, age group, population).
    @inlinable public func index(_ sex: Sex, age: Int, population k: Int) -> Int {
        ((sex == .female ? 0 : ageGroups) + age) * count + k
    }

    /// Packs populations into the layout.
    ///
    /// - Precondition: `count` populations of ``ageGroups`` groups each (the
    ///   engine's own states always are); populations from outside go through
    ///   ``pack(validating:)``, which throws instead.
    public func pack(_ populations: [Population]) -> [Double] {
        precondition(populations.count == count, "pack: \(populations.count) populations for a layout of \(count)")
        precondition(populations.allSatisfy { $0.ages.count == ageGroups }, "pack: populations of other than \(ageGroups) age groups")
        var out = [Double](repeating: 0, count: stateCount)
        for (k, p) in populations.enumerated() {
            for x in 0..<ageGroups {
                out[x * count + k] = p.counts.female[x]
                out[(ageGroups + x) * count + k] = p.counts.male[x]
            }
        }
        return out
    }

    /// Packs populations into the layout after checking that there are ``count``
    /// of them, each on ``ageGroups`` age groups.
    public func pack(validating populations: [Population]) throws(DemographyError) -> [Double] {
        guard populations.count == count else {
            throw .invalidParameter(name: "the number of populations to pack", value: Double(populations.count),
                                    expected: "\(count), the populations of the layout")
        }
        for p in populations where p.ages.count != ageGroups {
            throw .lengthMismatch(schedule: "a population to pack (\(p.ages))", expected: ageGroups, found: p.ages.count)
        }
        return pack(populations)
    }

    /// Population `k` of a state in this layout.
    public func population(_ k: Int, of state: [Double], ages: AgeStructure) -> Population {
        let female = (0..<ageGroups).map { state[$0 * count + k] }
        let male = (0..<ageGroups).map { state[(ageGroups + $0) * count + k] }
        return Population(trusted: ages, counts: BySex(female: female, male: male))
    }
}
