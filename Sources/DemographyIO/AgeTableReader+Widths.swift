import Demography

extension AgeTableReader {
    /// Reads a file that belongs on the population's age groups `grid`: as it
    /// is when its ages are the grid's; when they are single years and the grid
    /// five-year groups (or the reverse, with the same open age), on the file's
    /// own groups and then converted with ``AgeWidthConversion`` if `choice`
    /// allows it (`regroup`: single years into five-year groups; `extend`: five-year
    /// groups graduated into single years), else with a problem naming both grids.
    ///
    /// A file is taken as single years on a five-year grid when three of its ages
    /// or more, and at least half, are not multiples of 5 (a stray age 7 is a
    /// damaged row, reported as off the grid), and as five-year groups on a single-year grid when
    /// it has three ages or more, all multiples of 5 (a five-year ASFR file read on
    /// single years would otherwise give 0 to ages 16–19, 21–24, …, and a fifth of the TFR).
    func read(_ rows: TidyRows, populationGrid grid: AgeStructure, kind: AgeWidthConversion.Kind,
              choice: AgeGridReconciliation?, problems: inout [InputProblem]) -> Table {
        guard let ageColumn = rows.table.header.firstIndex(of: "age") else { return read(rows, grid: grid, problems: &problems) }
        var starts = Set<Int>()
        var ignored: [InputProblem] = []
        for r in rows.selected { if let a = rows.age(ageColumn, r, problems: &ignored) { starts.insert(a) } }
        let file = rows.table.file
        var fileGrid: AgeStructure?
        var allowed: AgeGridReconciliation = .regroup
        let between = starts.filter { $0 % 5 != 0 && $0 < grid.openAge }.count
        if grid.uniformWidth == 5, between >= 3, 2 * between >= starts.count {
            fileGrid = try? AgeStructure.singleYear(openAge: grid.openAge)
        } else if grid.uniformWidth == 1, grid.openAge % 5 == 0, starts.count >= 3, starts.allSatisfy({ $0 % 5 == 0 }) {
            fileGrid = try? AgeStructure.fiveYear(openAge: grid.openAge)
            allowed = .extend
        }
        guard let fileGrid else { return read(rows, grid: grid, problems: &problems) }
        guard choice == allowed else {
            let how = allowed == .regroup
                ? "--ages regroup (\(file)'s single years \(kind == .counts || kind == .birthShares ? "summed" : "averaged") into pop_base.csv's 5-year groups)"
                : "--ages extend (\(file)'s 5-year groups graduated into single years: \(Self.graduation(kind)))"
            problems.append(InputProblem(file: file, column: "age", value: InputProblem.excerpt(starts.sorted().prefix(6).map(String.init).joined(separator: ",")),
                                         expected: "the age groups of pop_base.csv: \(file) has ages \(fileGrid.summary), pop_base.csv has \(grid.summary); give \(how)"))
            return Table(ages: grid, values: [:], lines: [:])
        }
        let read = self.read(rows, grid: fileGrid, problems: &problems)
        var values: Values = [:]
        var lines: [Int: [Sex: [Int]]] = [:]
        for (year, bySex) in read.values {
            for (sex, v) in bySex {
                do {
                    values[year, default: [:]][sex] = allowed == .regroup
                        ? try AgeWidthConversion.regrouped(v, on: fileGrid, into: grid, as: kind)
                        : try AgeWidthConversion.graduated(v, on: fileGrid, as: kind)
                } catch {
                    problems.append(InputProblem(file: file, column: "value", expected: "values that can be moved to pop_base.csv's age groups in \(year) (\(error))"))
                }
                let first = read.lines[year]?[sex]?.filter { $0 > 0 }.min() ?? 0
                lines[year, default: [:]][sex] = [Int](repeating: first, count: grid.count)
            }
        }
        return Table(ages: grid, values: values, lines: lines)
    }

    private static func graduation(_ kind: AgeWidthConversion.Kind) -> String {
        switch kind {
        case .counts: return "Sprague, group totals kept"
        case .rates: return "each group's rate in each of its years"
        case .fertilityRates, .birthShares: return "Sprague on births per woman, group totals kept"
        }
    }
}
