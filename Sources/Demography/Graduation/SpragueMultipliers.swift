extension OsculatoryMultipliers {
    /// Sprague's fifth-difference osculatory multipliers for splitting five-year
    /// groups into single years (Sprague 1880), as published in Shryock & Siegel,
    /// *The Methods and Materials of Demography* (1976), appendix C, and Siegel &
    /// Swanson (2004), p. 727; the same table as DemoTools `graduate_sprague`
    /// (`graduate_sprague_expand`).
    ///
    /// The multipliers are exact four-decimal fractions (multiples of 1/10 000).
    /// Sprague's fifth-difference osculatory formula blends two overlapping
    /// quartics through the cumulated totals of neighbouring groups, so it
    /// preserves every group total and reproduces the single-year integrals of
    /// any polynomial of degree ≤ 3 exactly (not of degree 4: the blend drops
    /// the fourth-degree term). It can give negative single-year values where counts change
    /// sharply (at the youngest and oldest ages of small populations).
    public static let sprague: OsculatoryMultipliers = {
        let first: [[Double]] = [
            [0.3616, -0.2768, 0.1488, -0.0336, 0.0000],
            [0.2640, -0.0960, 0.0400, -0.0080, 0.0000],
            [0.1840, 0.0400, -0.0320, 0.0080, 0.0000],
            [0.1200, 0.1360, -0.0720, 0.0160, 0.0000],
            [0.0704, 0.1968, -0.0848, 0.0176, 0.0000],
            [0.0336, 0.2272, -0.0752, 0.0144, 0.0000],
            [0.0080, 0.2320, -0.0480, 0.0080, 0.0000],
            [-0.0080, 0.2160, -0.0080, 0.0000, 0.0000],
            [-0.0160, 0.1840, 0.0400, -0.0080, 0.0000],
            [-0.0176, 0.1408, 0.0912, -0.0144, 0.0000],
        ]
        let middle: [[Double]] = [
            [-0.0128, 0.0848, 0.1504, -0.0240, 0.0016],
            [-0.0016, 0.0144, 0.2224, -0.0416, 0.0064],
            [0.0064, -0.0336, 0.2544, -0.0336, 0.0064],
            [0.0064, -0.0416, 0.2224, 0.0144, -0.0016],
            [0.0016, -0.0240, 0.1504, 0.0848, -0.0128],
        ]
        // Ten rows of five and five of five, as the checked init requires.
        return OsculatoryMultipliers(unchecked: "Sprague", first, middle)
    }()

    /// A table taken as it is (the published constants above, already of the right shape).
    init(unchecked name: String, _ first: [[Double]], _ middle: [[Double]]) {
        self.name = name
        self.firstPanels = first
        self.middlePanel = middle
    }
}
