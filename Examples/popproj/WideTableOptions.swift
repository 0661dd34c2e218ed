import ArgumentParser
import DemographyIO
import Foundation

/// `--wide FILE=LAYOUT` (repeatable), of `project`, `variants` and `check`: wide
/// tables of the `--data` folder, as spreadsheets export them, read into the tidy
/// files they stand for (``WideTables``, ``WideTableLayout``).
struct WideTableOptions: ParsableArguments {
    @Option(name: .customLong("wide"), help: ArgumentHelp("A wide table of --data, as a spreadsheet exports it (ages as rows, years or sexes as columns), and the tidy file it stands for (repeatable): FILE=INPUT,years[,SEX] or FILE=INPUT,sexes,YEAR; INPUT one of \(WideTableLayout.Input.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "file=layout"))
    var wide: [String] = []

    /// The files and layouts of `--wide`, checked; paths are relative to `data`
    /// unless absolute.
    func layouts(data: String?) throws(ValidationError) -> [(url: URL, name: String, layout: WideTableLayout)] {
        guard !wide.isEmpty else { return [] }
        guard let data else {
            throw ValidationError("--wide reads tables of a --data folder: give --data DIR (the folder with the other files of the dataset)")
        }
        return try wide.map { (text: String) throws(ValidationError) -> (url: URL, name: String, layout: WideTableLayout) in
            guard let equals = text.lastIndex(of: "="), !text[..<equals].isEmpty else {
                throw ValidationError("--wide: found \"\(text)\", expected FILE=INPUT,years[,SEX] or FILE=INPUT,sexes,YEAR (for example \"mortality.csv=mx,years,female\")")
            }
            let path = String(text[..<equals])
            switch WideTableLayout.parse(String(text[text.index(after: equals)...])) {
            case .success(let layout):
                let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: data).appendingPathComponent(path)
                return (url, path, layout)
            case .failure(let error):
                throw ValidationError("--wide \(path): \(error)")
            }
        }
    }

    /// The dataset of the `data` folder with the tables of `--wide`; nil without
    /// the option. The tables' problems are thrown as a command's data problems.
    func source(data: String?, allProblems: Bool) throws -> DatasetSource? {
        let files = try layouts(data: data)
        guard !files.isEmpty, let data else { return nil }
        do { return try WideTables.read(files).source(over: URL(fileURLWithPath: data)) } catch {
            throw error.failure(allProblems: allProblems, in: "the wide tables")
        }
    }

    /// `error` with the problems the readers found in the tidy files made of wide
    /// tables put back in the tables' files, lines and columns.
    func located(_ error: DatasetError, data: String?) -> DatasetError {
        guard !wide.isEmpty, let files = try? layouts(data: data), let tables = try? WideTables.read(files) else { return error }
        return tables.relocated(error)
    }
}
