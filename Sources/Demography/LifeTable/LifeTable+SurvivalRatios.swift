extension LifeTable {
    /// Sx — the projection survival ratios for steps of `width` years.
    ///
    /// On the grid 0, z, 2z, …, ω+ (z = `width`), with nLx summed into z-year groups
    /// (so an abridged table gives L(0–4) = 1L0 + 4L1):
    ///
    ///     S(0) = L(0) / (z·l0)          births surviving to the first group
    ///     S(x) = L(x) / L(x−z)          0 < x < ω
    ///     S(ω) = T(ω) / T(ω−z)          the open group
    ///
    /// indexed by the age group reached at the end of the step (Preston,
    /// Heuveline & Guillot 2001, ch. 6; UN CCMPP).
    /// - Throws: when the table's groups cannot be summed into `width`-year groups.
    public func survivalRatios(width: Int) throws(DemographyError) -> AgeSchedule {
        let grid = try AgeStructure.fiveYearOrSingle(width: width, openAge: ages.openAge)
        let lz = try personYearsLived(on: grid)
        let n = grid.count, last = n - 1
        var s = [Double](repeating: 0, count: n)
        s[0] = lz[0] / (Double(width) * survivors[0])
        for x in 1..<last { s[x] = lz[x - 1] > 0 ? lz[x] / lz[x - 1] : 0 }
        let tOpen = lz[last], tBefore = lz[last - 1] + lz[last]
        s[last] = tBefore > 0 ? tOpen / tBefore : 0
        return try AgeSchedule(ages: grid, values: s, name: "survival ratios")
    }

    /// nLx summed into the groups of `grid`, whose start ages must be among this table's.
    public func personYearsLived(on grid: AgeStructure) throws(DemographyError) -> [Double] {
        guard ages.nests(in: grid) else {
            throw .ageStructureMismatch(left: "life table: \(ages)", right: "projection grid: \(grid)")
        }
        return ages.sums(personYearsLived, into: grid)
    }
}

extension AgeStructure {
    /// The grid 0, z, …, ω+ of a projection with steps of `width` years.
    static func fiveYearOrSingle(width: Int, openAge: Int) throws(DemographyError) -> AgeStructure {
        guard width >= 1, openAge % width == 0, openAge >= 2 * width else {
            throw .unsupportedStepWidth(ages: "open age \(openAge)", width: width)
        }
        return try AgeStructure(startAges: Array(stride(from: 0, through: openAge, by: width)))
    }
}
