// Design note. The cohort-component step of the UN Population Division's CCMPP
// (ccmppWPP `project_ccmpp_z_by_z`; Preston, Heuveline & Guillot 2001, ch. 6):
// survive each cohort one age group up, merge the last closed group into the open
// group, count births from the average of the start and end female populations,
// and place the surviving births in the first group. Priorities: the UN's numbers
// to the last digit first, then no allocation and no branching per age group.
// It reproduces Preston et al. Box 6.2 (Sweden 1993) and the UN's Canada 1x1 run.

/// The rates of one step, as contiguous buffers of one layout: female ages
/// first, then male ages (index `s * n + i`).
struct StepRateBuffers {
    /// Sx by the age group reached at the end of the step (2n).
    var survival: UnsafeBufferPointer<Double>
    /// ASFR by age group of mother (n); the first and open groups are ignored.
    var fertility: UnsafeBufferPointer<Double>
    /// Net migrants applied during the step (2n), after the migration guard.
    var migrants: UnsafeBufferPointer<Double>
    /// Share of migrants added at the start of the step (0 or 0.5).
    var shareAtStart: Double
    /// z — the width of the step in years.
    var width: Double
    /// SRB — male births per female birth.
    var sexRatioAtBirth: Double
}

/// Where a step writes its results (same layout as the rates).
struct StepOutputBuffers {
    /// Population at the end of the step (2n).
    var population: UnsafeMutableBufferPointer<Double>
    /// Cohort deaths by the age group reached at the end of the step (2n).
    var deaths: UnsafeMutableBufferPointer<Double>
    /// Births (both sexes) by age group of mother (n).
    var birthsByAge: UnsafeMutableBufferPointer<Double>
}

enum Kernels {
    /// One cohort-component step for one population.
    ///
    /// With h the share of migrants added at the start, a = P + h·M:
    ///
    ///     end[x]  = a[x−1]·S[x]                 (0 < x < ω)
    ///     end[ω]  = (a[ω−1] + a[ω])·S[ω]
    ///     B(x)    = z·F(x)·(a_f[x] + end_f[x] + (h > 0 ? (1−h)·M_f[x] : 0)) / 2
    ///     end[0]  = B·share(sex)·S[0]
    ///     end    += (1−h)·M
    ///
    /// Cohort deaths are the survival complements, (1 − S)·(what entered). No
    /// guard and no floor here: the caller applies both and reports them.
    /// - Returns: births of females and of males.
    @inline(__always)
    static func cohortComponentStep(
        from start: UnsafeBufferPointer<Double>,
        rates: StepRateBuffers,
        into out: StepOutputBuffers
    ) -> (female: Double, male: Double) {
        let n = rates.fertility.count
        let h = rates.shareAtStart
        let endShare = 1 - h
        let s = rates.survival, m = rates.migrants
        let end = out.population, deaths = out.deaths
        for sex in 0..<2 {
            let o = sex * n
            var previous = start[o] + h * m[o]
            for x in 1..<(n - 1) {
                let current = start[o + x] + h * m[o + x]
                let survivors = previous * s[o + x]
                end[o + x] = survivors
                deaths[o + x] = previous - survivors
                previous = current
            }
            let entering = previous + start[o + n - 1] + h * m[o + n - 1]
            let survivors = entering * s[o + n - 1]
            end[o + n - 1] = survivors
            deaths[o + n - 1] = entering - survivors
        }
        // Births: average of start and end female exposure; in the `even` timing
        // the second half of the migrants is present before births are counted.
        let endMigrantsInExposure = h > 0 ? endShare : 0
        let f = rates.fertility, b = out.birthsByAge
        let halfWidth = 0.5 * rates.width
        var total = 0.0
        b[0] = 0
        b[n - 1] = 0
        for x in 1..<(n - 1) {
            let exposure = start[x] + h * m[x] + end[x] + endMigrantsInExposure * m[x]
            let births = halfWidth * f[x] * exposure
            b[x] = births
            total += births
        }
        let female = total / (1 + rates.sexRatioAtBirth)
        let male = total - female
        let bornFemale = female * s[0], bornMale = male * s[n]
        end[0] = bornFemale
        deaths[0] = female - bornFemale
        end[n] = bornMale
        deaths[n] = male - bornMale
        if endShare > 0 {
            for i in 0..<(2 * n) { end[i] += endShare * m[i] }
        }
        return (female, male)
    }
}
