import Foundation

/// A dataset of many locations compiled into the program, decoded one location
/// at a time: what `popproj` projects without `--data`.
///
/// Each location's rows of every file are one zlib stream, base64-encoded in a
/// string constant (scripts/embed-datasets.py writes them from the compact
/// folder `data/wpp2024`); ``source(for:)`` decodes one, which takes well under a
/// millisecond, so a run for one country never decodes the other 235. The
/// decoded files are the folder's rows of that location, byte for byte, so a run
/// from the archive and a run from the folder (`--data data/wpp2024`) read the
/// same numbers.
public struct LocationArchive: Sendable {
    /// The dataset's name in messages ("wpp2024").
    public let name: String
    /// `locations.csv`: country_code,name,iso3 of every location.
    let locationsText: String

    /// `units.csv` of every location (``DatasetUnits``), if the dataset has one.
    let unitsText: String?

    init(name: String, locationsText: String, files: [String], chunks: [String: String], unitsText: String? = nil) {
        self.name = name
        self.unitsText = unitsText
        // A Swift multi-line literal drops the file's final newline: put it back, so
        // that locations.csv is the folder's text byte for byte.
        self.locationsText = locationsText.hasSuffix("\n") ? locationsText : locationsText + "\n"
        self.files = files
        self.chunks = chunks
    }
    /// The file names held for each location.
    public let files: [String]
    /// The encoded stream of each location code.
    let chunks: [String: String]

    /// The locations (code, name, ISO3), in file order.
    public var locations: [LocationName] {
        (try? LocationTable.names(DatasetSource.embedded(name: name, files: ["locations.csv": locationsText]))) ?? []
    }

    /// The location codes, in file order.
    public var codes: [String] { locations.map(\.code) }

    /// The dataset of one location: its rows of every file, `locations.csv` and,
    /// when the dataset has one, `units.csv`.
    /// - Throws: ``DatasetError`` when the archive has no such location, or its
    ///   stream does not decode (a damaged build, never user input).
    public func source(for code: String) throws(DatasetError) -> DatasetSource {
        guard let encoded = chunks[code] else {
            throw DatasetError([InputProblem(file: "locations.csv", column: "country_code", value: InputProblem.excerpt(code),
                                             expected: "a location of the embedded dataset \(name) (see `popproj locations`)")])
        }
        guard let bytes = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters) else {
            throw DatasetError([InputProblem(file: name, expected: "a valid base64 stream for location \(code) in the embedded dataset")])
        }
        let text: String
        do {
            guard let decoded = String(data: try Gzip.decompress(bytes), encoding: .utf8) else {
                throw Gzip.Failure(description: "UTF-8 text")
            }
            text = decoded
        } catch {
            throw DatasetError([InputProblem(file: name, expected: "a valid stream for location \(code) in the embedded dataset (\(error))")])
        }
        var decoded: [String: String] = ["locations.csv": locationsText]
        if let unitsText { decoded["units.csv"] = unitsText }
        // Split on the bytes (the record separator U+001E and "\n" are single
        // bytes), not on Characters: this is most of the cost of a location.
        for part in text.utf8.split(separator: 0x1E, omittingEmptySubsequences: true) {
            guard let newline = part.firstIndex(of: 0x0A) else { continue }
            decoded[String(Substring(part[..<newline]))] = String(Substring(part[part.index(after: newline)...]))
        }
        return .embedded(name: name, files: decoded)
    }

    /// Just `locations.csv`.
    public var locationsSource: DatasetSource { .embedded(name: name, files: ["locations.csv": locationsText]) }
}
