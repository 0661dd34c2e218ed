import ArgumentParser
import Demography
import DemographyIO
import Foundation

/// The death rates `popproj lifetable` reads: a tidy file or an HMD `Mx_1x1.txt` /
/// `Mx_5x1.txt` given with `--mx` (told apart by the header lines), or an HMD
/// `Deaths_1x1.txt` and `Exposures_1x1.txt` (`--deaths`, `--exposures`), whose
/// quotient D/E is the rate (``HumanMortalityDatabase``).
struct LifeTableInput {
    var mx: String?
    var deaths: String?
    var exposures: String?
    /// With deaths and exposures: the open age group (nil: the files' own).
    var lastAge: Int?

    /// What the rates are read from, for messages.
    var name: String { mx ?? "\(deaths ?? "") / \(exposures ?? "")" }

    /// Exactly one source of rates: `--mx`, or `--deaths` with `--exposures`.
    func validate() throws {
        switch (mx, deaths, exposures) {
        case (.some, nil, nil), (nil, .some, .some): break
        case (.some, _, _): throw ValidationError("give --mx, or --deaths with --exposures, not both")
        case (nil, nil, nil): throw ValidationError("give --mx FILE, or --deaths FILE --exposures FILE (HMD Deaths_1x1.txt and Exposures_1x1.txt)")
        default: throw ValidationError("--deaths and --exposures go together (mx = D/E)")
        }
        if lastAge != nil && mx != nil {
            throw ValidationError("--last-age closes deaths and exposures (--deaths, --exposures); rates alone cannot be merged into an open group")
        }
        try OptionBounds.check("--last-age", lastAge, in: 1...200)
    }

    /// The age groups and the rates by year and sex; of an HMD Mx file, only the
    /// rates of `years` (nil: all) must be complete, and only those are returned.
    func read(location: String?, years: Set<Int>? = nil, warnings: inout [InputProblem]) throws(DatasetError) -> (AgeStructure, [Int: BySex<[Double]>]) {
        let isHMD = deaths != nil || HumanMortalityText.recognises(fileAt: URL(fileURLWithPath: mx ?? ""))
        if isHMD, let location {
            throw DatasetError([InputProblem(file: name, value: location, expected: "no --location: a Human Mortality Database file holds one population")])
        }
        if let deaths, let exposures {
            let rates = try HumanMortalityDatabase.deathRates(deaths: URL(fileURLWithPath: deaths),
                                                              exposures: URL(fileURLWithPath: exposures), lastAge: lastAge)
            return (rates.ages, rates.values)
        }
        let url = URL(fileURLWithPath: mx ?? "")
        if isHMD {
            let rates = try HumanMortalityDatabase.deathRates(url, years: years)
            return (rates.ages, rates.values)
        }
        return try TidyFile.schedulesBySex(url, location: location, quantity: .deathRate, warnings: &warnings)
    }
}
