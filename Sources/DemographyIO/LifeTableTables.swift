import Foundation
import Demography

/// Life tables as tidy CSV and as an aligned text table.
public enum LifeTableTables {
    /// `year,sex,age,open_age,mx,ax,qx,lx,dx,Lx,Tx,ex,Sx` rows (Sx for steps of the table's first width).
    /// Every column is 0 or more: a value that is not finite or below 0 throws ``OutputValueError``.
    public static func csv(_ tables: [(year: Int, table: LifeTable)], width: Int, file: String = "the life-table file") throws(OutputValueError) -> String {
        var out = CSVText(capacity: 64 + 140 * tables.reduce(0) { $0 + $1.table.ages.count })
        out.append("year,sex,age,open_age,mx,ax,qx,lx,dx,Lx,Tx,ex,Sx\n")
        for (year, t) in tables {
            let sx = (try? t.survivalRatios(width: width))
            for i in 0..<t.ages.count {
                let s = sx.flatMap { schedule in schedule.ages.index(ofStartAge: t.ages.startAges[i]).map { schedule.values[$0] } }
                func place() -> String { "year \(year), \(t.sexLabel), age \(t.ages.startAges[i])" }
                let fields = [t.deathRates[i], t.separationFactors[i], t.deathProbabilities[i], t.survivors[i], t.deaths[i],
                              t.personYearsLived[i], t.personYearsAbove[i], t.lifeExpectancy[i]]
                for v in fields { try OutputValue.checkCount(v, in: file, at: place()) }
                if let s { try OutputValue.checkCount(s, in: file, at: place() + ", Sx") }
                out.append(year)
                out.comma()
                out.append(t.sexLabel)
                out.comma()
                out.append(t.ages.startAges[i])
                out.comma()
                out.append(byte: i == t.ages.count - 1 ? UInt8(ascii: "1") : UInt8(ascii: "0"))
                out.comma()
                for v in fields {
                    out.append(number: v)
                    out.comma()
                }
                if let s { out.append(number: s) }
                out.newline()
            }
        }
        return out.text
    }

    /// An aligned text table of one life table; a value that is not finite or below 0
    /// throws ``OutputValueError``.
    public static func text(_ t: LifeTable) throws(OutputValueError) -> String {
        var rows = [["age", "nMx", "nax", "nqx", "lx", "ndx", "nLx", "Tx", "ex"]]
        for i in 0..<t.ages.count {
            for v in [t.deathRates[i], t.separationFactors[i], t.deathProbabilities[i], t.survivors[i], t.deaths[i],
                      t.personYearsLived[i], t.personYearsAbove[i], t.lifeExpectancy[i]] {
                _ = try OutputValue.count(v, in: "the printed life table", at: "\(t.sexLabel), age \(t.ages.startAges[i])")
            }
            rows.append([t.ages.label(at: i),
                         String(format: t.deathRates[i] < 1e6 ? "%.6f" : "%.6g", t.deathRates[i]), String(format: "%.3f", t.separationFactors[i]),
                         String(format: "%.6f", t.deathProbabilities[i]), String(format: "%.0f", t.survivors[i]),
                         String(format: "%.0f", t.deaths[i]), String(format: "%.0f", t.personYearsLived[i]),
                         String(format: "%.0f", t.personYearsAbove[i]), String(format: "%.2f", t.lifeExpectancy[i])])
        }
        return TextTable.render(rows)
    }
}

/// Aligned plain-text tables: first column left-aligned, the others right-aligned.
public enum TextTable {
    public static func render(_ rows: [[String]], leftAligned: Set<Int> = [0]) -> String {
        guard let header = rows.first else { return "" }
        let widths = (0..<header.count).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                leftAligned.contains(c) ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                       : String(repeating: " ", count: max(0, widths[c] - cell.count)) + cell
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }
}
