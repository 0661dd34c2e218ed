import ArgumentParser
import Demography
import DemographyIO
import Foundation

/// `--sex female|male|both` of `popproj lifetable`.
enum LifeTableSexChoice: String, CaseIterable, CaselessArgument {
    case female, male, both
    init?(argument: String) { self.init(caseless: argument) }
}

/// What `popproj lifetable` reads: rates, death probabilities or survivors.
enum LifeTableInputKind: String {
    case mx, qx, lx

    /// The file's values as a quantity (messages and limits).
    var quantity: Quantity {
        switch self {
        case .mx: .deathRate
        case .qx: .proportion
        case .lx: .anyNumber(signed: false)
        }
    }
}

/// The table options of `popproj lifetable` turned into life tables of one year.
struct LifeTableRecipe {
    var kind: LifeTableInputKind
    var options: LifeTableOptions
    /// Set when --law or --extend-to asks for old-age extrapolation.
    var extrapolation: OldAgeExtrapolation?
    /// The open age of the printed table (--extend-to), nil: the input's.
    var openAge: Int?
    /// The law closing nqx/lx input's open group.
    var openLaw: MortalityLaw

    /// Options from the command line (`closedGroups` nil: Greville for abridged ages, n/2 otherwise).
    init(kind: LifeTableInputKind, ages: AgeStructure, a0: SeparationFactorRule,
         closedGroups: LifeTableOptions.ClosedGroupSeparation?, openAge closure: LifeTableOptions.OpenAgeClosure,
         law: MortalityLaw?, extendTo: Int?, fitAges: ClosedRange<Int>?) {
        self.kind = kind
        options = LifeTableOptions(infantSeparation: a0,
                                   closedGroups: closedGroups ?? (ages.isAbridged ? .greville : .midInterval),
                                   openAgeClosure: closure)
        openLaw = law ?? OldAgeExtrapolation.defaultLaw(openAge: ages.openAge)
        if law != nil || extendTo != nil {
            let fitted = fitAges.map { r in ages.startAges.filter { r.contains($0) && $0 < ages.openAge } }
            extrapolation = OldAgeExtrapolation(law: openLaw, fitAges: fitted, extendTo: max(130, extendTo ?? 130))
            openAge = extendTo
            options.probabilityAboveOne = .constantHazard
        }
    }

    /// The table of `sex` (nil: both sexes, `values` then holding the combined rates).
    func table(sex: Sex?, ages: AgeStructure, values: [Double]) throws(DemographyError) -> LifeTable {
        let srb: Double? = sex == nil ? 1.05 : nil
        var rates = values
        if kind != .mx {
            let openRate = LifeTable.OpenAgeRate.extrapolated(openLaw)
            let oneSex = sex ?? .male
            let t = kind == .qx
                ? try LifeTable(sex: oneSex, ages: ages, deathProbabilities: values, openAgeRate: openRate, options: options)
                : try LifeTable(sex: oneSex, ages: ages, survivors: values, openAgeRate: openRate, options: options)
            guard extrapolation != nil || srb != nil else { return t }
            rates = t.deathRates
        }
        if let extrapolation {
            return try LifeTable(sex: sex ?? .male, ages: ages, deathRates: rates, options: options,
                                 extrapolation: extrapolation, openAge: openAge, bothSexesSexRatioAtBirth: srb)
        }
        if sex == nil { return try LifeTable(bothSexesOn: ages, deathRates: rates, options: options) }
        return try LifeTable(sex: sex ?? .male, ages: ages, deathRates: rates, options: options)
    }

    /// Both sexes' rates combined by population weights: M = Σ M·P / Σ P (see
    /// ``LifeTable/bothSexesDeathRates(deathRates:population:ages:)``).
    static func combined(_ rates: BySex<[Double]>, population: [Int: BySex<[Double]>], year: Int, ages: AgeStructure,
                         file: String) throws -> [Double] {
        guard let p = population[year] ?? (population.count == 1 ? population.values.first : nil) else {
            throw CommandFailure("\(file) has no population for \(year) (years: \(population.keys.sorted().map(String.init).joined(separator: ", "))); --sex both weights the sexes' rates by the population of the same year")
        }
        do { return try LifeTable.bothSexesDeathRates(deathRates: rates, population: p, ages: ages) } catch {
            throw CommandFailure("\(file), year \(year): \(error)")
        }
    }
}

/// `--fit-ages 80-99`.
struct AgeRange: ExpressibleByArgument {
    var range: ClosedRange<Int>
    init?(argument: String) {
        let parts = argument.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let a = parts[0], let b = parts[1], a >= 0, b >= a else { return nil }
        range = a...b
    }
}
