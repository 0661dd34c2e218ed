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
    /// whole to every location; so is `units.csv`, listed or not, since the units
    /// of a dataset are those of each of its locations (``DatasetUnits``).
    public static func split(_ source: DatasetSource, files: [String], locations: [String],
                             name: String) throws(DatasetError) -> [String: DatasetSource] {
        var byLocation: [String: [String: String]] = Dictionary(uniqueKeysWithValues: locations.map { ($0, [:]) })
        for file in files + (files.contains("units.csv") ? [] : ["units.csv"]) where source.contains(file) {
            var text = try source.text(file)
            let dealt = text.withUTF8 { deal($0, locations: locations) }
            guard let dealt else {
                for code in locations { byLocation[code]?[file] = text }
                continue
            }
            for (code, rows) in dealt { byLocation[code]?[file] = rows }
        }
        return byLocation.mapValues { DatasetSource.embedded(name: name, files: $0) }
    }

    /// The header line and the lines of each of `locations`, as texts; nil when
    /// the first column is not a location column. Works on the UTF-8 bytes with
    /// `memchr` (lines end at "\n"; a "\r" before it stays in the line, as the
    /// readers expect), so a file of millions of lines splits in well under a
    /// second even in a debug build.
    private static func deal(_ bytes: UnsafeBufferPointer<UInt8>, locations: [String]) -> [String: String]? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return [:] }
        let newline = UInt8(ascii: "\n"), comma = UInt8(ascii: ",")
        let end = base + bytes.count
        /// The end of the line starting at `p` (its "\n", or the end of the text).
        func lineEnd(_ p: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
            guard let found = memchr(p, Int32(newline), end - p) else { return end }
            return UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
        }
        var p = base
        while p < end && p.pointee == newline { p += 1 }
        guard p < end else { return [:] }
        let headerEnd = lineEnd(p)
        let header = String(decoding: UnsafeBufferPointer(start: p, count: headerEnd - p), as: UTF8.self)
        let firstColumn = header.split(separator: ",", maxSplits: 1).first.map { $0.trimmingCharacters(in: .init(charactersIn: "\u{FEFF}\r")) } ?? ""
        guard TidyRows.locationColumns.contains(String(firstColumn)) else { return nil }
        var rows: [String: [UInt8]] = [:]
        for code in locations { rows[code] = Array(header.utf8) + [newline] }
        p = headerEnd
        while p < end {
            if p.pointee == newline { p += 1; continue }
            let stop = lineEnd(p)
            let fieldEnd = memchr(p, Int32(comma), stop - p).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) } ?? stop
            // A code of up to 15 bytes is a small String: no allocation per line.
            let code = String(decoding: UnsafeBufferPointer(start: p, count: fieldEnd - p), as: UTF8.self)
            rows[code]?.append(contentsOf: UnsafeBufferPointer(start: p, count: stop - p))
            rows[code]?.append(newline)
            p = stop
        }
        return rows.mapValues { String(decoding: $0, as: UTF8.self) }
    }
}
