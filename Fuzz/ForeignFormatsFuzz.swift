import Foundation
import Demography
import DemographyIO

// Fuzz target `foreign`: the readers of files in other layouts than the tidy one.
// The first byte chooses: 0 a spreadsheet's wide table (`WideTable.read`, with one
// of four layouts), 1 a Human Mortality Database death-rate file
// (`HumanMortalityDatabase.deathRates`), 2 an HFD asfrRR.txt
// (`HumanFertilityRates.read`), 3 a UN portal CSV file alone in a folder
// (`PortalDataset.open`, then the first location translated). Accepted values
// must be finite, and a wide table's cells plain decimal numbers.
let foreignScratch: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-foreign-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: foreignScratch) }
    return url
}()

let wideLayouts = [
    WideTableLayout(input: .populationBase, columns: .sexes(year: 2020)),
    WideTableLayout(input: .deathRates, columns: .years(sex: .female)),
    WideTableLayout(input: .fertilityRates, columns: .years(sex: nil)),
    WideTableLayout(input: .survivalRatios, columns: .sexes(year: 1993)),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzForeignFormats(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (selector, content) = FuzzInput(data, size).selectorAndContent
    let text = String(decoding: content, as: UTF8.self)
    switch selector % 4 {
    case 0:
        let layout = wideLayouts[(selector / 4) % wideLayouts.count]
        guard let table = try? WideTable.read(text, file: "wide.csv", layout: layout) else { return 0 }
        guard let source = try? WideTables([table]).source(over: foreignScratch),
              let text = try? source.text(layout.input.tidyFile) else { return 0 }
        for line in text.split(separator: "\n").dropFirst() {
            guard let value = line.split(separator: ",").last else { continue }
            FuzzCheck.require(Double(String(value)) != nil, "the cell \(value) of a wide table is not a number")
        }
    case 1:
        guard let parsed = try? HumanMortalityText.parse(text, file: "Mx_1x1.txt", columns: ["Year", "Age", "Female", "Male", "Total"]),
              let rates = try? HumanMortalityDatabase.deathRates(parsed) else { return 0 }
        for (year, mx) in rates.values { FuzzCheck.bySex(mx, "HMD death rates of \(year)") }
    case 2:
        guard let parsed = try? HumanMortalityText.parse(text, file: "asfrRR.txt", columns: ["Year", "Age", "ASFR"]),
              let rates = try? HumanFertilityRates.read(parsed) else { return 0 }
        for (year, asfr) in rates.values { FuzzCheck.values(asfr, "HFD ASFR of \(year)") }
    default:
        let folder = foreignScratch.appendingPathComponent("portal")
        try? FileManager.default.removeItem(at: folder)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? content.write(to: folder.appendingPathComponent("portal.csv"))
        guard let portal = try? PortalDataset.open(folder), let first = portal.locations.first else { return 0 }
        _ = try? portal.source(for: first.code)
    }
    return 0
}
