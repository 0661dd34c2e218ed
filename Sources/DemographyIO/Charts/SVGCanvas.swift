import Foundation

/// A minimal SVG writer: shapes and text in user units, escaped, in document order.
struct SVGCanvas {
    let width: Double
    let height: Double
    private var body: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                       stroke: String? = nil, opacity: Double = 1, cssClass: String? = nil, data: [String: String] = [:]) {
        var attributes = "x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, width)))\" height=\"\(n(max(0, height)))\" fill=\"\(fill)\""
        if let stroke { attributes += " stroke=\"\(stroke)\" stroke-width=\"1.2\"" }
        if opacity < 1 { attributes += " fill-opacity=\"\(n(opacity))\"" }
        if let cssClass { attributes += " class=\"\(cssClass)\"" }
        for (k, v) in data.sorted(by: { $0.key < $1.key }) { attributes += " data-\(k)=\"\(SVGCanvas.escape(v))\"" }
        body.append("<rect \(attributes)/>")
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#444", width: Double = 1, dash: String? = nil) {
        var attributes = "x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\""
        if let dash { attributes += " stroke-dasharray=\"\(dash)\"" }
        body.append("<line \(attributes)/>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, cssClass: String? = nil) {
        let list = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        body.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"\(cssClass.map { " class=\"\($0)\"" } ?? "")/>")
    }

    mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double = 1) {
        let list = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        body.append("<polygon points=\"\(list)\" fill=\"\(fill)\" fill-opacity=\"\(n(opacity))\" stroke=\"none\"/>")
    }

    mutating func text(_ string: String, x: Double, y: Double, size: Double = 12, anchor: String = "start",
                       weight: String = "normal", fill: String = "#222", rotate: Double? = nil) {
        var attributes = "x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(anchor)\" font-weight=\"\(weight)\" fill=\"\(fill)\""
        if let rotate { attributes += " transform=\"rotate(\(n(rotate)) \(n(x)) \(n(y)))\"" }
        body.append("<text \(attributes)>\(SVGCanvas.escape(string))</text>")
    }

    /// Text broken into lines of at most `width` characters at spaces, `leading` apart.
    mutating func wrappedText(_ string: String, x: Double, y: Double, width: Int, size: Double = 10, fill: String = "#555") {
        var lines: [String] = [], current = ""
        for word in string.split(separator: " ") {
            if !current.isEmpty && current.count + word.count + 1 > width {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { lines.append(current) }
        for (i, line) in lines.enumerated() {
            text(line, x: x, y: y + Double(i) * size * 1.3, size: size, fill: fill)
        }
    }

    /// The whole document.
    var document: String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" viewBox="0 0 \(n(width)) \(n(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
        <rect x="0" y="0" width="\(n(width))" height="\(n(height))" fill="white"/>
        \(body.joined(separator: "\n"))
        </svg>

        """
    }

    static func escape(_ s: String) -> String {
        // Most texts (ages, shares, labels) hold none of the four.
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") })
        else { return s }
        return s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private func n(_ v: Double) -> String { FixedPoint.twoDecimals(v) }
}

/// "Nice" axis ticks: steps of 1, 2, 2.5 or 5 times a power of ten from 0 to the
/// first tick at or above `maximum`.
func niceTicks(upTo maximum: Double, count: Int = 5) -> [Double] {
    guard maximum > 0, maximum.isFinite else { return [0] }
    let raw = maximum / Double(count)
    let magnitude = pow(10, floor(log10(raw)))
    let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
    let top = (maximum / step - 1e-9).rounded(.up) * step
    return stride(from: 0, through: top + step * 1e-9, by: step).map { $0 }
}

/// Tick labels without trailing zeros: whole numbers in full below 10^15, else
/// the shortest `%g` form (1e+19), so no magnitude goes through an integer conversion.
func tickLabel(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(format: "%.0f", v) : String(format: "%g", v)
}
