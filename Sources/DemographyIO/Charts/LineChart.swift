import Foundation

/// An SVG line chart of one quantity over time, one line per series (for example
/// total population by projection variant), with an optional shaded band per
/// series (an interval of a probabilistic projection).
public enum LineChart {
    /// One line.
    public struct Series: Sendable {
        public var label: String
        public var points: [(year: Double, value: Double)]
        /// Shaded intervals drawn under the line: (lower, upper) per point, widest first.
        public var bands: [[(lower: Double, upper: Double)]]
        public init(label: String, points: [(year: Double, value: Double)], bands: [[(lower: Double, upper: Double)]] = []) {
            self.label = label
            self.points = points
            self.bands = bands
        }
    }

    static let palette = ["#1b6ca8", "#d1495b", "#2e8b57", "#edae49", "#6a4c93", "#00798c", "#8d6a9f", "#c06014", "#4d4d4d"]

    /// The chart; `unitLabel` names the y axis (with its unit), `caption` the source.
    /// A point or band that is not finite throws ``OutputValueError`` naming `file`.
    public static func svg(_ series: [Series], title: String, unitLabel: String, caption: String,
                           file: String = "the chart") throws(OutputValueError) -> String {
        for s in series {
            for (k, point) in s.points.enumerated() {
                try OutputValue.finite(point.year, in: file, at: "\(s.label), point \(k + 1)")
                try OutputValue.finite(point.value, in: file, at: "\(s.label), year \(tickLabel(point.year))")
                for band in s.bands where k < band.count {
                    try OutputValue.finite(band[k].lower, in: file, at: "\(s.label), year \(tickLabel(point.year)), lower bound")
                    try OutputValue.finite(band[k].upper, in: file, at: "\(s.label), year \(tickLabel(point.year)), upper bound")
                }
            }
        }
        let width = 800.0, height = 520.0
        let left = 90.0, right = 200.0, top = 56.0, bottom = 90.0
        let plotW = width - left - right, plotH = height - top - bottom
        let years = series.flatMap { $0.points.map(\.year) }
        let values = series.flatMap { s in s.points.map(\.value) + s.bands.flatMap { $0.map(\.upper) } }
        let x0 = years.min() ?? 0, x1 = max(years.max() ?? 1, x0 + 1)
        let ticks = niceTicks(upTo: (values.max() ?? 1) * 1.05, count: 5)
        let yMax = ticks.last ?? 1
        func px(_ year: Double) -> Double { left + (year - x0) / (x1 - x0) * plotW }
        func py(_ v: Double) -> Double { top + plotH - v / yMax * plotH }
        var c = SVGCanvas(width: width, height: height)
        c.text(title, x: left + plotW / 2, y: 30, size: 17, anchor: "middle", weight: "bold")
        for t in ticks {
            c.line(x1: left, y1: py(t), x2: left + plotW, y2: py(t), stroke: "#ddd")
            c.text(tickLabel(t), x: left - 8, y: py(t) + 4, size: 11, anchor: "end")
        }
        c.line(x1: left, y1: top + plotH, x2: left + plotW, y2: top + plotH)
        c.line(x1: left, y1: top, x2: left, y2: top + plotH)
        let span = x1 - x0
        let step = span > 120 ? 25.0 : (span > 50 ? 10.0 : 5.0)
        var year = (x0 / step).rounded(.up) * step
        while year <= x1 + 1e-9 {
            c.line(x1: px(year), y1: top + plotH, x2: px(year), y2: top + plotH + 5)
            c.text(tickLabel(year), x: px(year), y: top + plotH + 20, size: 11, anchor: "middle")
            year += step
        }
        c.text("Year", x: left + plotW / 2, y: top + plotH + 42, size: 12, anchor: "middle")
        c.text(unitLabel, x: 22, y: top + plotH / 2, size: 12, anchor: "middle", rotate: -90)
        for (i, s) in series.enumerated() {
            let colour = palette[i % palette.count]
            for (b, band) in s.bands.enumerated() where band.count == s.points.count {
                let upper = zip(s.points, band).map { (px($0.year), py($1.upper)) }
                let lower = zip(s.points, band).map { (px($0.year), py($1.lower)) }.reversed()
                c.polygon(upper + lower, fill: colour, opacity: b == 0 ? 0.18 : 0.32)
            }
            c.polyline(s.points.map { (px($0.year), py($0.value)) }, stroke: colour, cssClass: "series")
            let ly = top + 14 + Double(i) * 20
            c.line(x1: left + plotW + 16, y1: ly - 4, x2: left + plotW + 40, y2: ly - 4, stroke: colour, width: 3)
            c.text(s.label, x: left + plotW + 46, y: ly, size: 12)
        }
        c.wrappedText(caption, x: left, y: height - 28, width: 115)
        return c.document
    }
}
