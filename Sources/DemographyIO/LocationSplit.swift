import Foundation

/// A dataset of many locations split into one dataset per location, each file
/// read once.
///
/// Projecting every location of a WPP-layout folder one by one would read and
/// parse each file once per location (236 times for WPP 2024). Here each file's
/// text is read once and its lines are dealt out by their first field, the
/// location code (`country_code` first, as in the UN's tidy files); nothing is
/// parsed, so the per-location datasets are read afterwards with every check of
/// the readers, and their messages name the file and the line of the original.
/// The split files are new texts: a problem found in one names the file and a
/// line among the location's own rows (read the folder for that one location to
/// be told the line of the original).
public enum LocationSplit {
    /// The datasets of each location code that `locations` lists, holding `files`
    /// (those present in `source`), each with the header and the rows of its
    /// location. A file whose first column is not a location column is given
    /// whole to every location.
    public static func split(_ source: DatasetSource, files: [String], locations: [String],
                             name: String) throws(DatasetError) -> [String: DatasetSource] {
        var byLocation: [String: [String: String]] = Dictionary(uniqueKeysWithValues: locations.map { ($0, [:]) })
        for file in files where source.contains(file) {
            let text = try source.text(file)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
            guard !lines.isEmpty else { continue }
            let header = lines.removeFirst()
            let firstColumn = header.split(separator: ",", maxSplits: 1).first.map { $0.trimmingCharacters(in: .init(charactersIn: "\u{FEFF}\r")) } ?? ""
            guard TidyRows.locationColumns.contains(String(firstColumn)) else {
                for code in locations { byLocation[code]?[file] = text }
                continue
            }
            var parts: [Substring: [Substring]] = [:]
            for line in lines {
                let code = line.prefix { $0 != "," }
                parts[code, default: []].append(line)
            }
            for code in locations {
                let rows = parts[Substring(code)] ?? []
                byLocation[code]?[file] = ([header] + rows).joined(separator: "\n") + "\n"
            }
        }
        return byLocation.mapValues { DatasetSource.embedded(name: name, files: $0) }
    }
}
