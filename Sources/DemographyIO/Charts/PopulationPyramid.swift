import Demography

/// An SVG population pyramid: males left, females right, each age group's bar
/// as a percentage of the total population; the first population drawn as filled
/// bars and the others overlaid as outlines.
public enum PopulationPyramid {
    /// One population to draw.
    public struct Layer: Sendable {
        public var label: String
        public var population: Population
        public init(label: String, population: Population) {
            self.label = label
            self.population = population
        }
    }

    /// Pixels per percentage point is fixed for the whole picture, so bar lengths
    /// are proportional to shares: length = share (%) × ``scale(for:)``.
    ///
    /// A count that is not finite or below 0 throws ``OutputValueError``; a layer
    /// whose total is 0 (everyone has died or left) is drawn with empty bars, its
    /// shares being 0 rather than 0/0.
    public static func svg(_ layers: [Layer], title: String, caption: String) throws(OutputValueError) -> String {
        guard let first = layers.first else { return SVGCanvas(width: 10, height: 10).document }
        for layer in layers {
            for sex in Sex.allCases {
                for (i, v) in layer.population.counts[sex].enumerated() {
                    _ = try OutputValue.count(v, in: "pyramid.svg",
                                              at: "\(layer.label), \(sex.rawValue), age \(layer.population.ages.startAges[i])")
                }
            }
            try OutputValue.finite(layer.population.total, in: "pyramid.svg", at: "\(layer.label), total population")
        }
        func share(_ count: Double, of total: Double) -> Double { total > 0 ? 100 * count / total : 0 }
        let ages = first.population.ages
        let groups = ages.count
        let barHeight = max(3.0, min(22.0, 560.0 / Double(groups)))
        let top = 70.0, plotHeight = barHeight * Double(groups)
        let width = 760.0, centre = width / 2, half = 310.0, labelGap = 46.0
        let height = top + plotHeight + 110
        let maxShare = layers.flatMap { layer in
            Sex.allCases.flatMap { sex in layer.population.counts[sex].map { share($0, of: layer.population.total) } }
        }.max() ?? 1
        let ticks = niceTicks(upTo: maxShare, count: 4)
        let topTick = ticks.last ?? 0
        let scale = (half - labelGap) / (topTick > 0 ? topTick : 10)
        var c = SVGCanvas(width: width, height: height)
        c.text(title, x: centre, y: 28, size: 18, anchor: "middle", weight: "bold")
        c.text("Males", x: centre - half / 2, y: 54, size: 14, anchor: "middle", weight: "bold", fill: "#1f5f99")
        c.text("Females", x: centre + half / 2, y: 54, size: 14, anchor: "middle", weight: "bold", fill: "#a8324a")
        let colours: [String] = ["#7aa6d6", "#e39aa8"]
        let outline = ["#0b3d6e", "#7a1230", "#222222", "#5a5a00"]
        for (l, layer) in layers.enumerated() {
            let total = layer.population.total
            for i in 0..<groups {
                let y = top + plotHeight - Double(i + 1) * barHeight
                for sex in Sex.allCases {
                    let share = share(layer.population.counts[sex][i], of: total)
                    let length = share * scale
                    let x = sex == .male ? centre - labelGap / 2 - length : centre + labelGap / 2
                    let data = ["age": ages.label(at: i), "sex": sex.rawValue, "share": String(share), "layer": layer.label]
                    if l == 0 {
                        c.rect(x: x, y: y + 0.5, width: length, height: barHeight - 1,
                               fill: colours[sex == .male ? 0 : 1], cssClass: "bar", data: data)
                    } else {
                        c.rect(x: x, y: y + 0.5, width: length, height: barHeight - 1, fill: "none",
                               stroke: outline[(l - 1) % outline.count], cssClass: "bar", data: data)
                    }
                }
            }
        }
        // Age labels in the middle, every group or every 5th/10th on fine grids.
        let every = groups > 60 ? 10 : (groups > 30 ? 5 : 1)
        for i in stride(from: 0, to: groups, by: every) {
            let y = top + plotHeight - Double(i) * barHeight - barHeight / 2 + 4
            c.text(ages.label(at: i), x: centre, y: y, size: 10, anchor: "middle")
        }
        // x axis: percentage of the total population, both directions.
        let axisY = top + plotHeight + 6
        c.line(x1: centre - half, y1: axisY, x2: centre + half, y2: axisY)
        for t in ticks {
            for side in [-1.0, 1.0] {
                let x = centre + side * (labelGap / 2 + t * scale)
                c.line(x1: x, y1: axisY, x2: x, y2: axisY + 5)
                c.text(tickLabel(t), x: x, y: axisY + 18, size: 11, anchor: "middle")
            }
        }
        c.text("Per cent of the total population", x: centre, y: axisY + 36, size: 12, anchor: "middle")
        // Legend.
        var legendX = 40.0
        let legendY = axisY + 58
        for (l, layer) in layers.enumerated() {
            if l == 0 {
                c.rect(x: legendX, y: legendY - 10, width: 14, height: 12, fill: colours[0])
                c.rect(x: legendX + 14, y: legendY - 10, width: 14, height: 12, fill: colours[1])
            } else {
                c.rect(x: legendX, y: legendY - 10, width: 28, height: 12, fill: "none", stroke: outline[(l - 1) % outline.count])
            }
            c.text(layer.label, x: legendX + 34, y: legendY, size: 12)
            legendX += 60 + Double(layer.label.count) * 7
        }
        c.wrappedText(caption, x: 40, y: legendY + 26, width: 120)
        return c.document
    }
}
