import Foundation
import Demography
import DemographyIO

// Fuzz target `matrix`: any text through `MatrixFile.parse` (no matrix name, and
// the name "high" of the long layout with several matrices) and, written to a
// file, through `MatrixFile.read`. An accepted matrix must be square and
// non-empty, with finite entries of 0 or more and one name per stage if named.
let matrixScratch: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-matrix-\(ProcessInfo.processInfo.processIdentifier).csv")
    atexit { try? FileManager.default.removeItem(at: matrixScratch) }
    return url
}()

func checkMatrixFile(_ file: MatrixFile) {
    let a = file.matrix
    FuzzCheck.require(a.rows >= 1 && a.rows == a.columns, "a \(a.rows)x\(a.columns) matrix")
    FuzzCheck.require(a.entries.count == a.rows * a.columns, "\(a.entries.count) entries for \(a.rows)x\(a.columns)")
    FuzzCheck.values(a.entries, "matrix entries")
    if let names = file.stageNames { FuzzCheck.require(names.count == a.rows, "\(names.count) stage names for \(a.rows) stages") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMatrixFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let text = input.text
    if let file = try? MatrixFile.parse(text, file: "fuzz.csv") { checkMatrixFile(file) }
    if let file = try? MatrixFile.parse(text, file: "fuzz.csv", matrixName: "high") { checkMatrixFile(file) }
    try? Data(input.bytes).write(to: matrixScratch)
    if let file = try? MatrixFile.read(matrixScratch) { checkMatrixFile(file) }
    return 0
}
