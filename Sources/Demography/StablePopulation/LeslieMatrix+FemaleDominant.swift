extension FemaleLeslieMatrix {
    /// The female-dominant matrix of `step`: its female Sx, its ASFR and SRB.
    ///
    /// Migrants are left out (the stable-population model is closed); use the
    /// two-sex ``LeslieMatrix/init(step:)`` for the affine form with migration.
    public init(step: ProjectionStep) {
        // A step's rates were validated when it was built, on a uniform grid.
        self.ages = step.ages
        self.width = step.width
        self.survivalRatios = step.survivalRatios.female
        self.fertilityRates = step.fertilityRates
        self.sexRatioAtBirth = step.sexRatioAtBirth
        self.matrix = FemaleLeslieMatrix.assemble(
            survival: step.survivalRatios.female, fertility: step.fertilityRates,
            width: Double(step.width), sexRatioAtBirth: step.sexRatioAtBirth)
    }
}

extension LeslieMatrix {
    /// The female-dominant (one-sex) Leslie matrix of `step`; see ``FemaleLeslieMatrix``.
    public static func femaleDominant(step: ProjectionStep) -> FemaleLeslieMatrix {
        FemaleLeslieMatrix(step: step)
    }
}
