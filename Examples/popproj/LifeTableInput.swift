import ArgumentParser
import Demography
import DemographyIO
import Foundation

/// What `popproj lifetable` reads: death rates from a tidy file or an HMD
/// `Mx_1x1.txt` / `Mx_5x1.txt` given with `--mx` (told apart by the header lines),
/// or from an HMD `Deaths_1x1.txt` and `Exposures_1x1.txt` (`--deaths`,
/// `--exposures`), whose quotient D/E is the rate (``HumanMortalityDatabase``);
/// or a tidy file of death probabilities (`--qx`) or survivors (`--lx`).
struct LifeTableInput {
    var mx: String?
    var qx: String?
    var lx: String?
    var deaths: String?
    var exposures: String?
    /// With deaths and exposures: the open age group (nil: the files' own).
    var lastAge: Int?

    /// What the rates are read from, for messages.
    var name: String { mx ?? qx ?? lx ?? "\(deaths ?? "") / \(exposures ?? "")" }

    /// What the values are: rates (also D/E), probabilities or survivors.
    var kind: LifeTableInputKind { qx != nil ? .qx : lx != nil ? .lx : .mx }

    /// Exactly one source: `--mx`, `--qx`, `--lx`, or `--deaths` with `--exposures`.
    func validate() throws {
        let tidy = [mx, qx, lx].compactMap { $0 }.count
        switch (tidy, deaths, exposures) {
        case (1, nil, nil), (0, .some, .some): break
        case (0, nil, nil): throw ValidationError("give one of --mx, --qx and --lx, or --deaths FILE --exposures FILE (HMD Deaths_1x1.txt and Exposures_1x1.txt)")
        case (0, _, _): throw ValidationError("--deaths and --exposures go together (mx = D/E)")
        case (1, _, _): throw ValidationError("give --\(kind.rawValue), or --deaths with --exposures, not both")
        default: throw ValidationError("give exactly one of --mx, --qx and --lx")
        }
        if lastAge != nil && deaths == nil {
            throw ValidationError("--last-age closes deaths and exposures (--deaths, --exposures); rates alone cannot be merged into an open group")
        }
        try OptionBounds.check("--last-age", lastAge, in: 1...200)
    }

    /// The age groups and the rates by year and sex; of an HMD Mx file, only the
    /// rates of `years` (nil: all) must be complete, and only those are returned.
    func read(location: String?, years: Set<Int>? = nil, warnings: inout [InputProblem]) throws(DatasetError) -> (AgeStructure, [Int: BySex<[Double]>]) {
        let isHMD = deaths != nil || mx.map { HumanMortalityText.recognises(fileAt: URL(fileURLWithPath: $0)) } == true
        if isHMD, let location {
            throw DatasetError([InputProblem(file: name, value: location, expected: "no --location: a Human Mortality Database file holds one population")])
        }
        if let deaths, let exposures {
            let rates = try HumanMortalityDatabase.deathRates(deaths: URL(fileURLWithPath: deaths),
                                                              exposures: URL(fileURLWithPath: exposures), lastAge: lastAge)
            return (rates.ages, rates.values)
        }
        let url = URL(fileURLWithPath: name)
        if isHMD {
            let rates = try HumanMortalityDatabase.deathRates(url, years: years)
            return (rates.ages, rates.values)
        }
        return try TidyFile.schedulesBySex(url, location: location, quantity: kind.quantity, warnings: &warnings)
    }
}
