import Demography

/// Reads tidy tables keyed by year, (sex,) and age into one schedule per year and sex.
///
/// Checks, each reported with file, line, column and value: numbers that do not
/// parse or are negative where they must not be; ages off the grid; the open
/// group flagged anywhere but last; duplicated (year, sex, age) rows; and, per
/// year and sex, every age of the grid present (unless partial ages are allowed,
/// as for fertility, where missing ages mean zero).
struct AgeTableReader {
    var valueColumn = "value"
    var bySex = true
    var signed = false
    var allowPartialAges = false

    /// Values by year, then sex (tables without sex use `.female`), on `grid`.
    typealias Values = [Int: [Sex: [Double]]]

    func read(_ rows: TidyRows, grid: AgeStructure?, problems: inout [InputProblem]) -> (AgeStructure?, Values) {
        let before = problems.count
        let yearColumn = rows.column("year", problems: &problems)
        let ageColumn = rows.column("age", problems: &problems)
        let value = rows.column(valueColumn, problems: &problems)
        let sexColumn = bySex ? rows.column("sex", problems: &problems) : nil
        guard problems.count == before, let yearColumn, let ageColumn, let value else { return (grid, [:]) }
        let openColumn = rows.table.header.firstIndex(of: "open_age")
        let file = rows.table.file

        struct Key: Hashable { var year: Int; var sex: Sex; var age: Int }
        var cells: [Key: (value: Double, line: Int)] = [:]
        var openFlags: [(age: Int, flag: Int, line: Int)] = []
        for r in rows.selected {
            let year = rows.integer(yearColumn, r, problems: &problems)
            let age = rows.integer(ageColumn, r, problems: &problems)
            let sex: Sex? = sexColumn.map { rows.sex($0, r, problems: &problems) } ?? .female
            let v = rows.number(value, r, signed: signed, problems: &problems)
            if let openColumn, let age, let flag = rows.integer(openColumn, r, problems: &problems) {
                openFlags.append((age, flag, rows.line(r)))
            }
            guard let year, let age, let sex, let v else { continue }
            let key = Key(year: year, sex: sex, age: age)
            if let first = cells[key] {
                let who = bySex ? "year \(year), sex \(sex.rawValue), age \(age)" : "year \(year), age \(age)"
                problems.append(InputProblem(file: file, line: rows.line(r), column: "age", value: String(age),
                                             expected: "one row for \(who), but line \(first.line) has it already"))
                continue
            }
            cells[key] = (v, rows.line(r))
        }
        guard !cells.isEmpty else {
            if problems.count == before {
                problems.append(InputProblem(file: file, expected: "at least one data row"))
            }
            return (grid, [:])
        }
        var ages = grid
        if ages == nil {
            let firstYear = cells.keys.map(\.year).min() ?? 0
            let starts = Set(cells.keys.filter { $0.year == firstYear }.map(\.age)).sorted()
            do { ages = try AgeStructure(startAges: starts) } catch {
                problems.append(InputProblem(file: file, column: "age", value: starts.map(String.init).joined(separator: ","),
                                             expected: "age groups starting at 0 (\(error))"))
                return (nil, [:])
            }
        }
        guard let ages else { return (nil, [:]) }
        for (age, flag, line) in openFlags {
            let isOpen = age == ages.openAge
            if flag != (isOpen ? 1 : 0) && ages.startAges.contains(age) {
                problems.append(InputProblem(file: file, line: line, column: "open_age", value: String(flag),
                                             expected: isOpen ? "1: age \(age) is the open age group, which must come last"
                                                              : "0: only the last age group, \(ages.openAge)+, is open"))
            }
        }
        var index: [Int: Int] = [:]
        for (i, a) in ages.startAges.enumerated() { index[a] = i }
        var values: Values = [:]
        for (key, cell) in cells {
            let empty = [Double](repeating: .nan, count: ages.count)
            guard let i = index[key.age] else {
                problems.append(InputProblem(file: file, line: cell.line, column: "age", value: String(key.age),
                                             expected: "an age group of the grid (\(ages))"))
                if values[key.year]?[key.sex] == nil { values[key.year, default: [:]][key.sex] = empty }
                continue
            }
            values[key.year, default: [:]][key.sex, default: empty][i] = cell.value
        }
        for year in values.keys.sorted() {
            for sex in (bySex ? Sex.allCases : [.female]) {
                guard var schedule = values[year]?[sex] else {
                    problems.append(InputProblem(file: file, column: "sex", value: sex.rawValue,
                                                 expected: "rows for \(sex.rawValue) in \(year), as for the other sex"))
                    continue
                }
                let missing = schedule.indices.filter { schedule[$0].isNaN }
                if allowPartialAges {
                    for i in missing { schedule[i] = 0 }
                    values[year]?[sex] = schedule
                } else if !missing.isEmpty {
                    let who = bySex ? "\(year), \(sex.rawValue)" : "\(year)"
                    let list = missing.prefix(8).map { String(ages.startAges[$0]) }.joined(separator: ", ")
                    problems.append(InputProblem(file: file, column: "age", value: list,
                                                 expected: "a row for every age group in \(who); missing age\(missing.count > 1 ? "s" : "") \(list)\(missing.count > 8 ? ", ..." : "")"))
                }
            }
        }
        return (ages, values)
    }
}
