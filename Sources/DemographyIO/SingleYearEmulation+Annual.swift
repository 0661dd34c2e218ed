import Demography

/// The UN's annual (calendar-year) summaries of WPP 2024 for one location:
/// `tfr_1x1.csv`, `srb_1x1.csv`, `e0_1x1.csv` (female and male rows; `both` is
/// not used) and `mig_net_count_1x1.csv` (single ages 0..ω−1, ω+). Each file is
/// optional: a year it does not give falls back to the five-year inputs.
struct AnnualSummaries: Sendable {
    var totalFertility: [Int: Double] = [:]
    var sexRatioAtBirth: [Int: Double] = [:]
    var lifeExpectancy: [Int: BySex<Double>] = [:]
    var migrants: [Int: BySex<[Double]>] = [:]

    /// The summaries, in the dataset's units (``DatasetUnits``: `units.csv` with
    /// `declared` over it): SRB per 100 females converted, migrants in the counts' unit.
    static func read(_ source: DatasetSource, location: String?, openAge: Int, units declared: [DatasetUnits.Declaration] = [],
                     problems: inout [InputProblem]) -> AnnualSummaries {
        var out = AnnualSummaries()
        let units: DatasetUnits
        do { units = try DatasetUnits.read(source, overrides: declared) } catch {
            problems += error.problems
            return out
        }
        func rows(_ name: String) -> TidyRows? {
            guard source.contains(name) else { return nil }
            do { return TidyRows(try source.table(name), location: location, problems: &problems) } catch {
                problems += error.problems
                return nil
            }
        }
        if let r = rows("tfr_1x1.csv") { out.totalFertility = YearTableReader(quantity: .totalFertility).read(r, problems: &problems) }
        if let r = rows("srb_1x1.csv") { out.sexRatioAtBirth = YearTableReader(quantity: units.sexRatioAtBirth).read(r, problems: &problems) }
        if let r = rows("e0_1x1.csv") { out.lifeExpectancy = lifeExpectancies(r, problems: &problems) }
        if let r = rows("mig_net_count_1x1.csv") {
            do {
                let grid = try AgeStructure.singleYear(openAge: openAge)
                let read = AgeTableReader(quantity: units.migrantCount).read(r, grid: grid, problems: &problems)
                out.migrants = read.values.mapValues { BySex(female: $0[.female] ?? [], male: $0[.male] ?? []) }
            } catch {
                problems.append(InputProblem(file: "mig_net_count_1x1.csv", refusal: error))
            }
        }
        return out
    }

    /// `year,sex,value` rows of e0 by sex; rows for `both` are skipped, and a year
    /// needs both a female and a male value.
    private static func lifeExpectancies(_ rows: TidyRows, problems: inout [InputProblem]) -> [Int: BySex<Double>] {
        guard let year = rows.column("year", problems: &problems), let sex = rows.column("sex", problems: &problems),
              let value = rows.column("value", problems: &problems) else { return [:] }
        var bySex: [Int: [Sex: Double]] = [:]
        var lines: [Int: Int] = [:]
        for r in rows.selected where rows.text(sex, r).lowercased() != "both" {
            guard let y = rows.year(year, r, problems: &problems), let s = rows.sex(sex, r, problems: &problems),
                  let v = rows.number(value, r, .lifeExpectancy, problems: &problems) else { continue }
            if bySex[y]?[s] != nil {
                problems.append(InputProblem(file: rows.table.file, line: rows.line(r), column: "year", value: "\(y) \(s.rawValue)",
                                             expected: "one row for \(y) and \(s.rawValue), but line \(lines[y] ?? 0) has it already"))
                continue
            }
            bySex[y, default: [:]][s] = v
            lines[y] = rows.line(r)
        }
        var out: [Int: BySex<Double>] = [:]
        for (y, values) in bySex {
            guard let f = values[.female], let m = values[.male] else {
                problems.append(InputProblem(file: rows.table.file, line: lines[y], column: "sex", value: String(y),
                                             expected: "a female and a male row for \(y)"))
                continue
            }
            out[y] = BySex(female: f, male: m)
        }
        return out
    }
}
