extension ProjectionStep {
    /// The two-sex ``LeslieMatrix`` of this step: its Sx, ASFR, SRB, and its
    /// net migrants and their timing in the affine term c.
    ///
    /// Applied to a population, A·n + c equals ``apply(to:)`` up to rounding
    /// unless the migration guard or the floor acts (see ``LeslieMatrix``).
    public func leslieMatrix() -> LeslieMatrix {
        // A step's rates were validated when it was built, on a uniform grid.
        LeslieMatrix(trusted: ages, width: width, survivalRatios: survivalRatios, fertilityRates: fertilityRates,
                     sexRatioAtBirth: sexRatioAtBirth, netMigrants: netMigrants, migrationTiming: migrationTiming)
    }

    /// The female-dominant (one-sex) ``FemaleLeslieMatrix`` of this step: its
    /// female Sx, its ASFR and SRB.
    ///
    /// Migrants are left out (the stable-population model is closed); use the
    /// two-sex ``leslieMatrix()`` for the affine form with migration.
    public func femaleLeslieMatrix() -> FemaleLeslieMatrix {
        FemaleLeslieMatrix(trusted: ages, width: width, survivalRatios: survivalRatios.female,
                           fertilityRates: fertilityRates, sexRatioAtBirth: sexRatioAtBirth)
    }
}
