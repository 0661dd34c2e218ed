import Foundation
import Demography

/// Checks that catch a number given in the wrong unit, which the limits of a
/// single value cannot (a count in persons and one in thousands are both
/// counts), each refusal naming the file, the line, the value and the likely
/// mistake. The bounds are far outside every published value, so that real data
/// pass:
///
/// - **Population in persons that looks like thousands**: most counts of
///   pop_base.csv have decimals, every one is a whole number of persons when read
///   as thousands (at most three decimals, as the UN's files have), and the total
///   is under 2 million. The UN's WPP 2024 base populations (data/wpp2024) have
///   decimals in 83 % to 100 % of their cells and totals from 1.8 (Tokelau) to
///   1,426,106 (India) thousand; counts in persons with decimals come from
///   estimates of large populations (Tests/Fixtures/canada2023: 38 million).
/// - **Population in thousands that looks like persons**: a total above 10
///   million thousand (10 billion persons, more than the world's 8.2 billion in
///   2024, WPP 2024), or above 2 million thousand (more than any country's 1.45
///   billion, India 2024) with every count a whole number.
/// - **Net migration in the wrong unit**: the net migrants of one period
///   (mig_net_total.csv, or mig_net_count.csv summed) more than twice the
///   largest population the location can have then, in magnitude: the base
///   population plus the net in-migration of the periods before, grown by 5 % a
///   year (above the highest national rates of natural increase, about 4 % a
///   year), so that long series of fast-growing immigration countries pass. In
///   WPP 2024 the largest is 25 % of the base population (Saint Martin, French
///   part, 2020-2025); in WPP 2017, 2.3 % (Germany, 2015-2020). Counts in persons
///   against a population in thousands are 1,000 times too large.
/// - **Death rates per 1,000**: mx above 1 a person-year (63 % dying within the
///   year) at ages 5 to 49. In WPP 2024 the highest is 0.036 (Central African
///   Republic, men 45-49, 2020-2025); a rate per 1,000 person-years is above 1
///   at these ages in all but the lowest-mortality populations.
enum UnitPlausibility {
    /// Where the units came from, for messages.
    static func origin(_ units: DatasetUnits, _ quantity: String, unit: String) -> String {
        if let place = units.declared[quantity] { return "\(unit), as declared in \(place)" }
        return "\(unit): no unit is declared (units.csv or --unit), so the canonical \(unit)"
    }

    /// The refusal of a base population whose counts look like another unit.
    static func checkPopulation(_ base: AgeTableReader.Table, year: Int, units: DatasetUnits, file: String,
                                problems: inout [InputProblem]) {
        guard let cells = base.values[year] else { return }
        var total = 0.0, nonZero = 0, fractional = 0, wholeThousandths = true, allWhole = true
        var example: (value: Double, line: Int)?
        for sex in Sex.allCases {
            for (i, v) in (cells[sex] ?? []).enumerated() where v.isFinite {
                total += v
                guard v != 0 else { continue }
                nonZero += 1
                if v != v.rounded() {
                    fractional += 1
                    allWhole = false
                    if example == nil { example = (v, base.lines[year]?[sex]?[i] ?? 0) }
                }
                let thousandths = v * 1000
                if abs(thousandths - thousandths.rounded()) > 1e-6 * max(1, abs(thousandths)) { wholeThousandths = false }
            }
        }
        let shownTotal = SummaryTables.grouped(total)
        switch units.population {
        case .persons:
            guard nonZero > 0, fractional * 2 >= nonZero, wholeThousandths, total < 2e6, let example else { return }
            problems.append(InputProblem(
                file: file, line: example.line > 0 ? example.line : nil, column: "value", value: text(example.value),
                expected: "a count in \(origin(units, "population", unit: "persons")); these look like thousands: \(fractional) of \(nonZero) counts have decimals, each a whole number of persons in thousands, and the total, \(shownTotal), would be a population of under 2 million persons: declare population,thousands in units.csv (or --unit population=thousands)"))
        case .thousands:
            let tooLarge = total > 1e7 || (total > 2e6 && allWhole)
            guard tooLarge else { return }
            let line = base.lines[year]?[.female]?.first
            problems.append(InputProblem(
                file: file, line: line.flatMap { $0 > 0 ? $0 : nil }, column: "value", value: shownTotal,
                expected: "counts in \(origin(units, "population", unit: "thousands")); the total, \(shownTotal) thousand, would be \(String(format: "%.3g", total / 1e6)) billion persons, more than \(total > 1e7 ? "the world's 8.2 billion" : "any country's 1.45 billion, with every count a whole number"): these look like persons; declare population,persons in units.csv (or --unit population=persons)"))
        }
    }

    /// The refusal of each period whose net migrants exceed twice the largest
    /// population possible then (see above) in magnitude. `totals` are the
    /// period's net migrants in the counts' unit (converted to per period);
    /// `perYear` whether the file gave them per year (then `width` years make a period).
    static func checkMigration(_ totals: [Int: Double], lines: [Int: Int], baseTotal: Double, baseYear: Int, units: DatasetUnits,
                               file: String, perYear: Bool, width: Int, problems: inout [InputProblem]) {
        guard baseTotal > 0 else { return }
        var inMigration = 0.0
        for year in totals.keys.sorted() {
            guard let m = totals[year] else { continue }
            let largest = (baseTotal + inMigration) * exp(0.05 * Double(max(0, year - baseYear)))
            let bound = 2 * largest
            guard abs(m) > bound else {
                inMigration += max(0, m)
                continue
            }
            let written = perYear ? m / Double(width) : m
            var hint: String
            if units.population == .thousands && abs(m) / 1000 <= bound {
                hint = "it looks like persons while the population is in thousands: divide by 1000 (\(text(Quantity.rounded(written / 1000))))"
            } else if perYear && abs(written) <= bound {
                hint = "it looks like net migrants during the whole period, not per year: declare mig_net_total,per period in units.csv"
            } else {
                hint = "give net migrants in the population's unit (\(units.population.rawValue))"
            }
            if units.population == .persons && units.declared["population"] == nil {
                hint += "; if the population is in thousands, declare population,thousands in units.csv"
            }
            let ratio = String(format: "%.3g", abs(m) / largest)
            let population = year == baseYear
                ? "the base population, \(SummaryTables.grouped(baseTotal)) \(units.population.rawValue) in pop_base.csv"
                : "the largest population possible by then, \(SummaryTables.grouped(largest)) \(units.population.rawValue) (pop_base.csv's \(SummaryTables.grouped(baseTotal)) with the net in-migration before, grown 5 % a year)"
            problems.append(InputProblem(
                file: file, line: lines[year].flatMap { $0 > 0 ? $0 : nil }, column: "value", value: text(written),
                expected: "net migrants during the period \(year) of at most twice \(population), in magnitude (this is \(ratio) times it\(perYear ? " over the period" : "")); \(hint)"))
        }
    }

    /// The refusal of mx above 1 at ages 5 to 49, the first cell of each file.
    static func checkDeathRates(_ read: AgeTableReader.Table, units: DatasetUnits, file: String,
                                problems: inout [InputProblem]) {
        guard let ages = read.ages else { return }
        let young = ages.startAges.indices.filter { (5..<50).contains(ages.startAges[$0]) }
        for year in read.values.keys.sorted() {
            for sex in Sex.allCases {
                guard let rates = read.values[year]?[sex] else { continue }
                for i in young where i < rates.count && rates[i] > 1 {
                    let written = units.mx == .per1000 ? rates[i] * 1000 : rates[i]
                    let hint = units.mx == .per1000
                        ? "the rates already read per 1000 are still too high"
                        : "it looks like deaths per 1000 person-years: divide by 1000 (\(text(Quantity.rounded(rates[i] / 1000)))) or declare mx,per 1000 in units.csv"
                    let line = read.lines[year]?[sex]?[i] ?? 0
                    problems.append(InputProblem(
                        file: file, line: line > 0 ? line : nil, column: "value", value: text(written),
                        expected: "a death rate at age \(ages.startAges[i]) of at most 1 a person-year (63 % dying within the year; the highest in WPP 2024 at ages 5 to 49 is 0.036); \(hint)"))
                    return
                }
            }
        }
    }

    /// A number as a message shows it: whole numbers without ".0".
    static func text(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        return String(format: "%.10g", v)
    }
}
