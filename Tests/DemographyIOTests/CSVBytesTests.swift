import Foundation
import Testing
@testable import DemographyIO

/// The one-pass byte reader of CSV text (``CSVTable``) and the byte writers of
/// the outputs, against the references they replace: Foundation's trimming of
/// `CharacterSet.whitespaces`, Swift's `Character.isNewline` for line ends, and
/// C's `printf("%.2f")`.
@Suite struct CSVBytesTests {
    /// Every newline character of Unicode ends a line (CR LF as one), as
    /// `Character.isNewline` says; the line numbers count them so.
    @Test func everyUnicodeNewlineEndsALine() throws {
        let text = "year,value\r1,a\u{85}2,b\u{2028}3,c\u{2029}4,d\u{0B}5,e\u{0C}6,f\r\n7,g\n8,h"
        let expectedLines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        let table = try CSVTable.parse(text, file: "t.csv")
        #expect(table.rowCount == expectedLines.count - 1)
        #expect(table.rows == expectedLines.dropFirst().map { $0.split(separator: ",").map(String.init) })
        #expect(table.lines == Array(2...expectedLines.count))
    }

    /// Fields lose the blanks `trimmingCharacters(in: .whitespaces)` removes (tab
    /// and the space separators, Zs), and only those.
    @Test func fieldsAreTrimmedAsFoundationTrims() throws {
        let fields = [" 12", "\u{00A0}5\u{3000}", "\t7\u{2009}", "9\u{1680}", "\u{205F}x\u{202F}", "é ", " \u{2003}z"]
        let text = "a,b,c,d,e,f,g\n" + fields.joined(separator: ",") + "\n"
        let table = try CSVTable.parse(text, file: "t.csv")
        let line = try #require(table.rows.first)
        #expect(line == fields.map { $0.trimmingCharacters(in: .whitespaces) })
    }

    /// Quoted fields: a delimiter inside quotes, `""` for a quote, blanks trimmed
    /// around (RFC 4180).
    @Test func quotedFieldsAreDecoded() throws {
        let table = try CSVTable.parse("name,code\n\"Kenya, Republic of\",404\n\"Côte d\"\"Ivoire\" , 384\n", file: "t.csv")
        #expect(table.rows == [["Kenya, Republic of", "404"], ["Côte d\"Ivoire", "384"]])
        #expect(table.field(1, 0) == "Côte d\"Ivoire")
    }

    /// The field-count problem names the line as written (without the BOM).
    @Test func wrongFieldCountIsLocated() {
        #expect(throws: DatasetError.self) { try CSVTable.parse("\u{FEFF}a,b\n1,2\n3\n", file: "t.csv") }
        do { _ = try CSVTable.parse("\u{FEFF}a,b\n1,2\n3\n", file: "t.csv") } catch {
            #expect(error.problems.first?.line == 3)
            #expect(error.problems.first?.value == "3")
            #expect(error.problems.first?.expected == "2 comma-separated fields as the header has (line 1: a,b), found 1")
        }
    }

    /// `%.2f` without a formatted print: the same bytes as C's printf, on ties
    /// (0.125, 2.675, 1.005 are not ties in binary), signs and large values.
    @Test func twoDecimalsAsPrintf() {
        var values: [Double] = [0, -0.0, 0.125, 0.375, 0.005, 0.015, 1.005, 2.675, -0.001, -0.005, 99.995, 1e10 + 0.005,
                                123456.785, 0.5, 1.5, 2.5, 760, 22, 3.0, 560.0 / 101, 1e11, 2e11, .infinity, -.infinity, .nan]
        var state: UInt64 = 42
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407   // Knuth's MMIX LCG
            let unit = Double(state >> 11) / Double(1 << 53)
            values.append((unit - 0.3) * [1, 100, 1000, 1e6, 1e9][Int(state % 5)])
            values.append((unit * 1000).rounded() / 1000 + 0.005)
        }
        let mismatches = values.filter { FixedPoint.twoDecimals($0) != String(format: "%.2f", $0) }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5).map { ($0, FixedPoint.twoDecimals($0), String(format: "%.2f", $0)) })")
    }

    /// Whole numbers and shortest round-trip numbers, as `ProjectionTables.format`.
    @Test func numbersAsProjectionTablesFormat() {
        let values: [Double] = [0, 1, 175598, 1e15 - 1, 1e15, 1e16, 0.1, 5323.066899, 1.0 / 3, 2.5e-10, 1e300, 123456789.125]
        var out = CSVText()
        for v in values { out.append(number: v); out.comma() }
        out.append(-12)
        #expect(out.text == values.map(ProjectionTables.format).joined(separator: ",") + ",-12")
    }
}
