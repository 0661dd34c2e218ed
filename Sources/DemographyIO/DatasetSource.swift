import Foundation

/// Where a dataset's files are: a directory, texts compiled into the program, or
/// texts translated in memory from files of another format.
public enum DatasetSource: Sendable, CustomStringConvertible {
    /// CSV files in a directory.
    case directory(URL)
    /// CSV texts by file name (an embedded dataset).
    case embedded(name: String, files: [String: String])
    /// CSV texts by file name, made in memory from files of another layout (the
    /// UN portal's, the Human Mortality Database's, spreadsheets' wide tables);
    /// `description` says what they were read from ("UN WPP portal files in DIR").
    case translated(description: String, files: [String: String])

    /// The directory at `url`, which must exist and be a directory.
    public static func existingDirectory(_ url: URL) throws(DatasetError) -> DatasetSource {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DatasetError([InputProblem(file: url.path, expected: "a dataset directory")])
        }
        return .directory(url)
    }

    /// Whether the file `name` is there (in a directory, as `name` or as `name.gz`).
    public func contains(_ name: String) -> Bool {
        switch self {
        case .directory(let url): return fileURL(name, in: url) != nil
        case .embedded(_, let files), .translated(_, let files): return files[name] != nil
        }
    }

    /// `name` in `directory`, or its gzip-compressed form `name.gz` when only that is there.
    private func fileURL(_ name: String, in directory: URL) -> URL? {
        let plain = directory.appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: plain.path) { return plain }
        let compressed = directory.appendingPathComponent(name + ".gz")
        return FileManager.default.fileExists(atPath: compressed.path) ? compressed : nil
    }

    /// The file `name` parsed as CSV; in a directory, `name.gz` is read when `name` is not there.
    public func table(_ name: String) throws(DatasetError) -> CSVTable {
        switch self {
        case .directory(let url):
            return try CSVTable.read(fileURL(name, in: url) ?? url.appendingPathComponent(name))
        case .embedded, .translated:
            guard let text = files[name] else {
                throw DatasetError([InputProblem(file: name, expected: "the file in \(self)")])
            }
            return try CSVTable.parse(text, file: name)
        }
    }

    /// The text of the file `name`, unparsed (decompressed when it is `name.gz`).
    public func text(_ name: String) throws(DatasetError) -> String {
        switch self {
        case .directory(let url):
            let file = fileURL(name, in: url) ?? url.appendingPathComponent(name)
            return try CSVTable.text(of: file)
        case .embedded, .translated:
            guard let text = files[name] else {
                throw DatasetError([InputProblem(file: name, expected: "the file in \(self)")])
            }
            return text
        }
    }

    /// The texts of an embedded or translated dataset (empty for a directory).
    var files: [String: String] {
        switch self {
        case .directory: return [:]
        case .embedded(_, let files), .translated(_, let files): return files
        }
    }

    public var description: String {
        switch self {
        case .directory(let url): return url.path
        case .embedded(let name, _): return "the embedded dataset \(name)"
        case .translated(let description, _): return description
        }
    }
}
