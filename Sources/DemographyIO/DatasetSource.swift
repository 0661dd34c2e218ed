import Foundation

/// Where a dataset's files are: a directory, or texts compiled into the program.
public enum DatasetSource: Sendable, CustomStringConvertible {
    /// CSV files in a directory.
    case directory(URL)
    /// CSV texts by file name (an embedded dataset).
    case embedded(name: String, files: [String: String])

    /// The directory at `url`, which must exist and be a directory.
    public static func existingDirectory(_ url: URL) throws(DatasetError) -> DatasetSource {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DatasetError([InputProblem(file: url.path, expected: "a dataset directory")])
        }
        return .directory(url)
    }

    /// Whether the file `name` is there.
    public func contains(_ name: String) -> Bool {
        switch self {
        case .directory(let url): return FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path)
        case .embedded(_, let files): return files[name] != nil
        }
    }

    /// The file `name` parsed as CSV.
    public func table(_ name: String) throws(DatasetError) -> CSVTable {
        switch self {
        case .directory(let url):
            return try CSVTable.read(url.appendingPathComponent(name))
        case .embedded(let dataset, let files):
            guard let text = files[name] else {
                throw DatasetError([InputProblem(file: name, expected: "the file in the embedded dataset \(dataset)")])
            }
            return try CSVTable.parse(text, file: name)
        }
    }

    public var description: String {
        switch self {
        case .directory(let url): return url.path
        case .embedded(let name, _): return "the embedded dataset \(name)"
        }
    }
}
