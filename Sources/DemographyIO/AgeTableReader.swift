import Demography

/// Reads tidy tables keyed by year, (sex,) and age into one schedule per year and sex.
///
/// Checks, each reported with file, line, column and value: numbers that are not
/// plain decimals or lie outside the limits of their ``Quantity`` (values outside
/// its usual range are read, with a warning); years and ages out of range; ages
/// off the grid; a grid taken from the file with a gap in it (ages 45 and 55 next
/// to each other on a five-year grid); open-age flags other than 1 on the last
/// group and 0 elsewhere; duplicated (year, sex, age) rows; and, per year and
/// sex, every age of the grid present (unless partial ages are allowed, as for
/// fertility, where missing ages mean zero).
struct AgeTableReader {
    var valueColumn = "value"
    var bySex = true
    /// Whether the table has a year column (a migration pattern file has none).
    var byYear = true
    /// What the values measure, which sets the values refused and those warned of.
    var quantity: Quantity
    var allowPartialAges = false

    /// Values by year, then sex (tables without sex use `.female`), on `grid`.
    typealias Values = [Int: [Sex: [Double]]]

    /// What a table holds: its grid, its values and the line of each value.
    struct Table {
        /// The age groups (given, or taken from the file's first year).
        var ages: AgeStructure?
        /// The values by year and sex; tables without a year column use year 0.
        var values: Values
        /// The file's line of each value, as `values` (0 where no row was read).
        var lines: [Int: [Sex: [Int]]]
    }

    func read(_ rows: TidyRows, grid: AgeStructure?, problems: inout [InputProblem]) -> Table {
        let before = problems.errorCount
        let yearColumn = byYear ? rows.column("year", problems: &problems) : nil
        let ageColumn = rows.column("age", problems: &problems)
        let value = rows.column(valueColumn, problems: &problems)
        let sexColumn = bySex ? rows.column("sex", problems: &problems) : nil
        let empty = Table(ages: grid, values: [:], lines: [:])
        guard problems.errorCount == before, yearColumn != nil || !byYear, let ageColumn, let value else { return empty }
        let openColumn = rows.table.header.firstIndex(of: "open_age")
        let file = rows.table.file

        // The cells, by year slot, sex and age (ages are 0...200, `Quantity.ages`):
        // the line of the row that set each (0: none), its value, and whether a
        // row with its keys had its value refused (such a cell is neither
        // reported missing nor left out of the grid). Years get a slot in the
        // order they come; a file is read in one pass without hashing a row.
        let agesPerSex = Quantity.ages.upperBound + 1, perYear = 2 * agesPerSex
        var slotOfYear = [Int](repeating: -1, count: Quantity.calendarYears.count + 1)
        var slotYears: [Int] = []
        var cellLines: [Int] = [], cellValues: [Double] = [], refused: [Bool] = []
        var cellCount = 0, refusedCount = 0
        func cell(_ year: Int, _ sex: Sex, _ age: Int) -> Int {
            // Tables without a year column use year 0, which has its own slot.
            let y = byYear ? year - Quantity.calendarYears.lowerBound : Quantity.calendarYears.count
            if slotOfYear[y] < 0 {
                slotOfYear[y] = slotYears.count
                slotYears.append(year)
                cellLines += repeatElement(0, count: perYear)
                cellValues += repeatElement(.nan, count: perYear)
                refused += repeatElement(false, count: perYear)
            }
            return slotOfYear[y] * perYear + (sex == .female ? 0 : agesPerSex) + age
        }
        var openFlags: [(age: Int, flag: Int, line: Int)] = []
        var tally = ProblemTally(file: file)
        for r in rows.selected {
            var rowProblems: [InputProblem] = []
            defer { tally.add(rowProblems, to: &problems) }
            let year = yearColumn.map { rows.year($0, r, problems: &rowProblems) } ?? 0
            let age = rows.age(ageColumn, r, problems: &rowProblems)
            let sex: Sex? = sexColumn.map { rows.sex($0, r, problems: &rowProblems) } ?? .female
            let v = rows.number(value, r, quantity, problems: &rowProblems)
            if let openColumn, let age, let flag = rows.integer(openColumn, r, "an open-age flag (1 for the open group, 0 otherwise)",
                                                                in: 0...1, problems: &rowProblems) {
                openFlags.append((age, flag, rows.line(r)))
            }
            guard let year, let age, let sex else { continue }
            let k = cell(year, sex, age)
            guard let v else {
                if !refused[k] { refused[k] = true; refusedCount += 1 }
                continue
            }
            if cellLines[k] != 0 {
                let who = [byYear ? "year \(year)" : nil, bySex ? "sex \(sex.rawValue)" : nil, "age \(age)"]
                    .compactMap { $0 }.joined(separator: ", ")
                rowProblems.append(InputProblem(file: file, line: rows.line(r), column: "age", value: String(age),
                                                expected: "one row for \(who), but line \(cellLines[k]) has it already"))
                continue
            }
            cellLines[k] = rows.line(r)
            cellValues[k] = v
            cellCount += 1
        }
        defer { tally.close(&problems) }
        guard cellCount > 0 || refusedCount > 0 else {
            if problems.errorCount == before {
                problems.append(InputProblem(file: file, expected: "at least one data row"))
            }
            return empty
        }
        let sexes: [Sex] = [.female, .male]
        var ages = grid
        if ages == nil {
            let firstYear = slotYears.min() ?? 0
            let y = byYear ? firstYear - Quantity.calendarYears.lowerBound : Quantity.calendarYears.count
            let base = slotOfYear[y] * perYear
            let starts = (0..<agesPerSex).filter { a in
                sexes.indices.contains { i in cellLines[base + i * agesPerSex + a] != 0 || refused[base + i * agesPerSex + a] }
            }
            if let gap = Self.gap(in: starts) {
                let line = sexes.indices.map { cellLines[base + $0 * agesPerSex + gap.after] }.filter { $0 != 0 }.min()
                problems.append(InputProblem(file: file, line: line, column: "age", value: String(gap.after),
                                             expected: gap.message))
                return Table(ages: nil, values: [:], lines: [:])
            }
            do { ages = try AgeStructure(startAges: starts) } catch {
                problems.append(InputProblem(file: file, column: "age", value: InputProblem.excerpt(starts.map(String.init).joined(separator: ",")),
                                             expected: "age groups starting at 0 (\(error))"))
                return Table(ages: nil, values: [:], lines: [:])
            }
        }
        guard let ages else { return Table(ages: nil, values: [:], lines: [:]) }
        for (age, flag, line) in openFlags {
            let isOpen = age == ages.openAge
            if flag != (isOpen ? 1 : 0) && ages.startAges.contains(age) {
                tally.add(InputProblem(file: file, line: line, column: "open_age", value: String(flag),
                                             expected: isOpen ? "1: age \(age) is the open age group, which must come last"
                                                              : "0: only the last age group, \(ages.openAge)+, is open"), to: &problems)
            }
        }
        var index = [Int](repeating: -1, count: agesPerSex)
        for (i, a) in ages.startAges.enumerated() where Quantity.ages.contains(a) { index[a] = i }
        func isRefused(_ year: Int, _ sex: Sex, _ age: Int) -> Bool {
            guard Quantity.ages.contains(age) else { return false }
            let y = byYear ? year - Quantity.calendarYears.lowerBound : Quantity.calendarYears.count
            guard Quantity.calendarYears.contains(year) || !byYear, slotOfYear[y] >= 0 else { return false }
            return refused[slotOfYear[y] * perYear + (sex == .female ? 0 : agesPerSex) + age]
        }
        var values: Values = [:]
        var lines: [Int: [Sex: [Int]]] = [:]
        let noValues = [Double](repeating: .nan, count: ages.count)
        let noLines = [Int](repeating: 0, count: ages.count)
        for (slot, year) in slotYears.enumerated() {
            for (s, sex) in sexes.enumerated() {
                let base = slot * perYear + s * agesPerSex
                guard (0..<agesPerSex).contains(where: { cellLines[base + $0] != 0 }) else { continue }
                var schedule = noValues
                var scheduleLines: [Int]? = nil
                for a in 0..<agesPerSex where cellLines[base + a] != 0 {
                    guard index[a] >= 0 else {
                        tally.add(InputProblem(file: file, line: cellLines[base + a], column: "age", value: String(a),
                                               expected: "an age group of the grid (\(ages))"), to: &problems)
                        continue
                    }
                    schedule[index[a]] = cellValues[base + a]
                    if scheduleLines == nil { scheduleLines = noLines }
                    scheduleLines?[index[a]] = cellLines[base + a]
                }
                values[year, default: [:]][sex] = schedule
                if let scheduleLines { lines[year, default: [:]][sex] = scheduleLines }
            }
        }
        for year in values.keys.sorted() {
            for sex in (bySex ? Sex.allCases : [.female]) {
                guard var schedule = values[year]?[sex] else {
                    if (0..<agesPerSex).contains(where: { isRefused(year, sex, $0) }) { continue }
                    problems.append(InputProblem(file: file, column: "sex", value: sex.rawValue,
                                                 expected: "rows for \(sex.rawValue)\(byYear ? " in \(year)" : ""), as for the other sex"))
                    continue
                }
                let missing = schedule.indices.filter {
                    schedule[$0].isNaN && !isRefused(year, sex, ages.startAges[$0])
                }
                if allowPartialAges {
                    for i in missing { schedule[i] = 0 }
                    values[year]?[sex] = schedule
                } else if !missing.isEmpty {
                    let who = [byYear ? "\(year)" : nil, bySex ? sex.rawValue : nil].compactMap { $0 }.joined(separator: ", ")
                    let list = missing.prefix(8).map { String(ages.startAges[$0]) }.joined(separator: ", ")
                    problems.append(InputProblem(file: file, column: "age", value: list,
                                                 expected: "a row for every age group\(who.isEmpty ? "" : " in \(who)"); missing age\(missing.count > 1 ? "s" : "") \(list)\(missing.count > 8 ? ", ..." : "")"))
                }
            }
        }
        return Table(ages: ages, values: values, lines: lines)
    }

    /// The first gap in a grid taken from a file, if any: two start ages further
    /// apart than a whole number of the grid's usual width. The usual width is the
    /// most common width of the closed groups, leaving out the 0 and 1–4 groups of
    /// an abridged grid. Without this check, deleting every age-50 row of a
    /// five-year file gives a grid whose group 45 is ten years wide, and its rate
    /// is used for 45–54.
    static func gap(in starts: [Int]) -> (after: Int, message: String)? {
        guard starts.count > 2 else { return nil }
        let head = starts.starts(with: [0, 1, 5]) ? 2 : 0
        let widths = (head..<(starts.count - 1)).map { starts[$0 + 1] - starts[$0] }
        var counts: [Int: Int] = [:]
        for w in widths { counts[w, default: 0] += 1 }
        guard let step = counts.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) })?.key, step > 0 else { return nil }
        for (k, w) in widths.enumerated() where w != step && w % step == 0 {
            let from = starts[head + k], to = starts[head + k + 1]
            let missing = Array(stride(from: from + step, to: to, by: step))
            let list = missing.prefix(8).map(String.init).joined(separator: ", ") + (missing.count > 8 ? ", ..." : "")
            let groups = step == 1 ? "single-year groups" : "\(step)-year groups"
            return (to, "no gap in the age groups: ages \(from) and \(to) follow each other, but the grid has \(groups); missing age\(missing.count > 1 ? "s" : "") \(list)")
        }
        return nil
    }
}

extension AgeTableReader {
    /// pop_base.csv, read the same way in every single-region layout: the age
    /// grid it sets, its counts, and its base year; a file holding several years
    /// is a problem (a base population is one instant). The counts are in the
    /// unit `units` declare, and refused when they look like another
    /// (``UnitPlausibility/checkPopulation(_:year:units:file:problems:)``).
    static func basePopulation(_ rows: TidyRows?, units: DatasetUnits, problems: inout [InputProblem])
        -> (ages: AgeStructure?, values: Values, baseYear: Int?) {
        guard let rows else { return (nil, [:], nil) }
        let read = AgeTableReader(quantity: units.populationCount).read(rows, grid: nil, problems: &problems)
        let years = read.values.keys.sorted()
        if years.count > 1 {
            problems.append(InputProblem(file: "pop_base.csv", column: "year", value: years.map(String.init).joined(separator: ","),
                                         expected: "a single base year"))
        }
        if years.count == 1, let year = years.first, !problems.hasErrors {
            UnitPlausibility.checkPopulation(read, year: year, units: units, file: "pop_base.csv", problems: &problems)
        }
        return (read.ages, read.values, years.first)
    }
}
