extension OsculatoryMultipliers {
    /// Beers' ordinary six-term osculatory multipliers for splitting five-year
    /// groups into single years (Beers 1945), as published in Siegel & Swanson,
    /// *The Methods and Materials of Demography* (2004), p. 728, and used by
    /// DemoTools `graduate_beers(method = "ord")` (from the U.S. Census Bureau's
    /// spreadsheet of Johnson 2016, BEERSP.XLS).
    ///
    /// Beers' formula minimises the fifth differences of the interpolated values;
    /// the ordinary table preserves the group totals (its columns sum to 1 and 0
    /// in every panel, to the four published decimals), unlike the modified
    /// table, which smooths further and moves persons between groups. The
    /// multipliers are rounded to four decimals, so polynomials are reproduced
    /// only to about 1e-4 of the totals.
    public static let beersOrdinary: OsculatoryMultipliers = {
        let first: [[Double]] = [
            [0.3333, -0.1636, -0.0210, 0.0796, -0.0283],
            [0.2595, -0.0780, 0.0130, 0.0100, -0.0045],
            [0.1924, 0.0064, 0.0184, -0.0256, 0.0084],
            [0.1329, 0.0844, 0.0054, -0.0356, 0.0129],
            [0.0819, 0.1508, -0.0158, -0.0284, 0.0115],
            [0.0404, 0.2000, -0.0344, -0.0128, 0.0068],
            [0.0093, 0.2268, -0.0402, 0.0028, 0.0013],
            [-0.0108, 0.2272, -0.0248, 0.0112, -0.0028],
            [-0.0198, 0.1992, 0.0172, 0.0072, -0.0038],
            [-0.0191, 0.1468, 0.0822, -0.0084, -0.0015],
        ]
        let middle: [[Double]] = [
            [-0.0117, 0.0804, 0.1570, -0.0284, 0.0027],
            [-0.0020, 0.0160, 0.2200, -0.0400, 0.0060],
            [0.0050, -0.0280, 0.2460, -0.0280, 0.0050],
            [0.0060, -0.0400, 0.2200, 0.0160, -0.0020],
            [0.0027, -0.0284, 0.1570, 0.0804, -0.0117],
        ]
        // Ten rows of five and five of five, as the checked init requires.
        return OsculatoryMultipliers(unchecked: "Beers (ordinary)", first, middle)
    }()
}
