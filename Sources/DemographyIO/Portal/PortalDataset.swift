import Foundation

/// A folder of the UN Population Division's World Population Prospects CSV
/// files, as the portal publishes them (https://population.un.org/wpp/downloads,
/// "CSV format"), read as they come: each file is recognised by its header
/// (``PortalFileKind``), whatever its name (`.csv` or `.csv.gz`).
///
/// The dataset lists its locations (``locations``: `LocID`, `Location`,
/// `ISO3_code`; ``countries``: those of `LocTypeID` 4 when the files say) and
/// translates one location into the WPP summary-assumption layout that
/// ``AssumptionsReader`` and ``SingleYearEmulation`` read
/// (``source(for:variant:baseYear:)``; the conversion is described at
/// ``PortalTranslation``).
public struct PortalDataset: Sendable {
    /// The folder's path, as messages name it.
    public let name: String
    /// The recognised files, by file name.
    let files: [PortalSourceFile]
    /// Every location of the files, in the order first met (files by name).
    public let locations: [LocationName]
    /// `LocTypeID` by location code, where the files give it (WPP 2022 and 2024).
    public let locationTypes: [String: Int]

    /// The `LocTypeID` of a country or area (not a region or income group).
    public static let countryType = 4

    /// The locations that are countries or areas (`LocTypeID` 4), or all of
    /// them when the files give no location type (WPP 2019).
    public var countries: [LocationName] {
        guard !locationTypes.isEmpty else { return locations }
        return locations.filter { locationTypes[$0.code] == Self.countryType }
    }

    /// The names of the files of the tidy layouts; a folder that has one (with
    /// a header that is not a portal file's) is not read as portal files.
    static let tidyMarkers = ["pop_base.csv", "pop.csv", "mx.csv", "life_table.csv"]

    /// The `.csv` and `.csv.gz` files of `folder`, by name.
    static func csvFiles(_ folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".csv") || $0.hasSuffix(".csv.gz") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// Whether `folder` holds UN portal files: no file of the tidy layouts
    /// (`pop_base.csv`, `mx.csv`, …) and at least one CSV file whose header is
    /// a portal file's (only the first line of each plain file is read).
    public static func isPortalFolder(_ folder: URL) -> Bool {
        let files = csvFiles(folder)
        for marker in tidyMarkers {
            guard let url = files.first(where: { $0.lastPathComponent == marker }) ?? files.first(where: { $0.lastPathComponent == marker + ".gz" }) else { continue }
            if !hasPortalHeader(url) { return false }
        }
        return files.contains(where: hasPortalHeader)
    }

    /// Whether the first line of `url` is a portal file's header (a `.gz` file is decompressed).
    static func hasPortalHeader(_ url: URL) -> Bool {
        if url.pathExtension == "gz" {
            guard let table = try? CSVTable.read(url) else { return false }
            return PortalFileKind.recognise(header: table.header) != nil
        }
        guard let line = firstLine(url) else { return false }
        return PortalFileKind.recognise(header: fields(line)) != nil
    }

    private static func firstLine(_ url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 1 << 16), let text = String(data: data, encoding: .utf8) ?? String(data: data.dropLast(4), encoding: .utf8) else { return nil }
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.hasPrefix("\u{FEFF}") ? String(line.dropFirst()) : line
    }

    private static func fields(_ line: String) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
    }

    /// Reads every `.csv` and `.csv.gz` file of `folder`. A file whose header
    /// is not a portal file's is refused (``PortalFile/read(_:)``).
    public static func open(_ folder: URL) throws(DatasetError) -> PortalDataset {
        var problems: [InputProblem] = []
        var files: [PortalSourceFile] = []
        for url in csvFiles(folder) {
            do { files.append(try PortalSourceFile.read(url)) } catch { problems += error.problems }
        }
        guard problems.isEmpty else { throw DatasetError(problems) }
        guard !files.isEmpty else {
            throw DatasetError([InputProblem(file: folder.path, expected: "UN WPP portal CSV files (.csv or .csv.gz) from \(PortalFileKind.downloadsPage)")])
        }
        return try PortalDataset(name: folder.path, files: files)
    }

    /// The dataset of already read files (`name` for messages); the locations
    /// are those of the first row of each in each file.
    init(name: String, files: [PortalSourceFile]) throws(DatasetError) {
        self.name = name
        self.files = files
        var seen: [String: Int] = [:]
        var locations: [LocationName] = []
        var types: [String: Int] = [:]
        for source in files {
            for code in source.codes {
                guard let file = try source.rows(of: code, firstOnly: true), let id = file.column("LocID"),
                      let location = file.column("Location") else { continue }
                let iso = file.column("ISO3_code"), type = file.column("LocTypeID")
                let iso3 = iso.map { file.cell(0, $0) }.flatMap { $0.isEmpty ? nil : $0 }
                if let i = seen[code] {
                    if locations[i].iso3 == nil, let iso3 { locations[i].iso3 = iso3 }
                } else {
                    seen[code] = locations.count
                    locations.append(LocationName(code: file.cell(0, id), name: file.cell(0, location), iso3: iso3))
                }
                if let type, let t = DecimalNumber.wholeNumber(file.cell(0, type)) { types[code] = t }
            }
        }
        // By code (numeric codes first), in the order met otherwise.
        self.locations = locations.enumerated().sorted {
            let a = Int($0.element.code), b = Int($1.element.code)
            return (a ?? Int.max, $0.offset) < (b ?? Int.max, $1.offset)
        }.map(\.element)
        self.locationTypes = types
    }

    /// The location `value` names: its `LocID`, its `ISO3_code` or its name
    /// (``LocationLookup``), or a problem with suggestions.
    public func location(_ value: String) throws(DatasetError) -> LocationName {
        do { return try LocationLookup(locations).find(value) } catch {
            throw DatasetError([InputProblem(file: name, column: "Location", value: InputProblem.excerpt(value),
                                             expected: "a location of the UN portal files (LocID, ISO3_code or Location): \(error)")])
        }
    }

    /// One location's data in the WPP summary-assumption layout, as an embedded
    /// dataset named after the folder (see ``PortalTranslation``).
    ///
    /// - Parameters:
    ///   - value: the location's `LocID`, `ISO3_code` or name.
    ///   - variant: the portal's `Variant` to read (default `Medium`); years the
    ///     variant's rows do not cover (the estimates before its first year)
    ///     are taken from the `Medium` (or `Estimates`) rows.
    ///   - baseYear: the year of the base population (1 July); nil: the latest
    ///     population year up to the first projected year
    ///     (``PortalTranslation/defaultBaseYear``).
    public func source(for value: String, variant: String = "Medium", baseYear: Int? = nil) throws(DatasetError) -> DatasetSource {
        let location = try location(value)
        let translation = PortalTranslation(dataset: self, location: location, variant: variant)
        let files = try translation.files(baseYear: baseYear)
        return .translated(description: "UN WPP portal files in \(name) (\(location.name), \(variant) variant)", files: files)
    }

    /// The files of `kind`.
    func files(of kind: PortalFileKind) -> [PortalSourceFile] { files.filter { $0.kind == kind } }
}

extension PortalDataset {
    /// The locations as a `locations.csv` (code, name, ISO3), for listings and messages.
    public var locationsSource: DatasetSource {
        var text = "country_code,name,iso3\n"
        for l in locations { text += "\(l.code),\(PortalTranslation.csvField(l.name)),\(l.iso3 ?? "")\n" }
        return .translated(description: "UN WPP portal files in \(name)", files: ["locations.csv": text])
    }
}
