import DemographyIO

// Fuzz target `csv`: any text through `CSVTable.parse`. An accepted table must
// be rectangular (every row as many fields as the header) and keep one
// increasing line number (2 or more: the header is line 1 at the earliest) per row.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVTable(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = FuzzInput(data, size).text
    guard let table = try? CSVTable.parse(text, file: "fuzz.csv") else { return 0 }
    FuzzCheck.require(table.rows.count == table.lines.count, "\(table.rows.count) rows but \(table.lines.count) line numbers")
    for row in table.rows {
        FuzzCheck.require(row.count == table.header.count, "a row of \(row.count) fields under a header of \(table.header.count)")
    }
    var previous = 1
    for line in table.lines {
        FuzzCheck.require(line > previous, "line number \(line) after \(previous)")
        previous = line
    }
    return 0
}
