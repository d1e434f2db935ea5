import AllocSim
import Foundation
import Testing
@testable import AllocSimReports

/// Issue "reports a planner reads": the sweep charts' axes — numeric axes
/// for numeric parameters, nice ticks that never clip, labels that never
/// overlap (bounding boxes from the text-width estimate).
@Suite struct ChartTests {
    @Test("nice ticks: steps of 1, 2 or 5 × 10^k covering the range")
    func niceTicks() {
        #expect(ChartAxis.ticks(500, 1500) == [500, 1000, 1500])
        #expect(ChartAxis.ticks(0, 1_754_000) == [0, 500_000, 1_000_000, 1_500_000, 2_000_000])
        #expect(ChartAxis.ticks(0, 0.37) == [0, 0.1, 0.2, 0.3, 0.4])
        #expect(ChartAxis.ticks(3, 3).count >= 2 && ChartAxis.ticks(3, 3).first! < 3 && ChartAxis.ticks(3, 3).last! > 3)
        let t = ChartAxis.ticks(-7, 23)
        #expect(t.first! <= -7 && t.last! >= 23 && t.count <= 8)
    }

    @Test("tick labels are short and whole: 1.75M, not .754000; 1,000, not 100(")
    func labels() {
        #expect(ChartAxis.label(1_754_000, step: 500_000) == "1.75M")
        #expect(ChartAxis.label(1000, step: 500) == "1,000")
        #expect(ChartAxis.label(25_000, step: 5000) == "25k")
        #expect(ChartAxis.label(0.2, step: 0.1) == "0.2")
        #expect(ChartAxis.label(-3, step: 1) == "−3")
    }

    /// An LHS over policy.schoolBufferFeet 500-1,500 with 50 cells, and net
    /// fees around $1.75M: the sweep report's worst case before.
    func lhsChart() -> ScatterChart {
        let points = (0..<50).map { i -> ScatterChart.Point in
            let x = 500 + Double(i) * 20.3
            return ScatterChart.Point(x: FixedFormat.compact(x, maxDigits: 1), mean: 1_754_000 + Double(i) * 300,
                                      p05: 1_700_000, p95: 1_800_000, mcse: 900)
        }
        return ScatterChart(points: points, xTitle: "policy.schoolBufferFeet", yTitle: "fees.net")
    }

    @Test("a numeric parameter gets a numeric axis with nice ticks, not one category per cell")
    func numericAxis() {
        let chart = lhsChart()
        #expect(chart.numeric)
        let labels = chart.layout.xTicks.map(\.text)
        #expect(labels == ["500", "1,000", "1,500"])
        #expect(chart.layout.yTicks.map(\.text).contains("1.75M") || chart.layout.yTicks.map(\.text).contains("2M"))
        // Axis titles with the unit: money in dollars.
        #expect(chart.layout.texts.map(\.text) == ["policy.schoolBufferFeet", "↑ Net application fees ($)"])
    }

    @Test("no label leaves the picture and no two labels overlap")
    func noClippingNoOverlap() {
        for chart in [lhsChart(),
                      ScatterChart(points: ["lexicographic", "patients-per-facility"].map {
                          ScatterChart.Point(x: $0, mean: 3, p05: 1, p95: 5, mcse: 0.1)
                      }, xTitle: "policy.scoring", yTitle: "awards.dispensary")] {
            let l = chart.layout
            let texts = l.xTicks + l.yTicks + l.texts
            for t in texts {
                #expect(t.box.minX >= 0 && t.box.maxX <= chart.width, "\(t.text) at \(t.box)")
                #expect(t.box.minY >= 0 && t.box.maxY <= chart.height, "\(t.text) at \(t.box)")
            }
            for (i, a) in texts.enumerated() {
                for b in texts[(i + 1)...] { #expect(!a.overlaps(b), "\(a.text) overlaps \(b.text)") }
            }
        }
    }

    @Test("cells with the same x are drawn side by side, not on top of each other")
    func coincidingPointsSpread() {
        let points = (0..<3).map { _ in ScatterChart.Point(x: "1000", mean: 2, p05: 1, p95: 3, mcse: 0.1) }
            + [ScatterChart.Point(x: "500", mean: 2, p05: 1, p95: 3, mcse: 0.1)]
        let svg = ScatterChart(points: points, xTitle: "x", yTitle: "y").svg
        let xs = svg.components(separatedBy: "<circle cx=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(Set(xs).count == 4)
        #expect(svg.contains("<title>") && svg.contains("<desc>"))
    }
}

@Suite struct MapLabelTests {
    @Test("the map's village names never overprint one another; crowded ones get numbers and a key")
    func mapLabels() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios/guam.yaml")
        let s = try ScenarioLoader.load(path: url.path)
        // The main map (an inset of the crowded part may follow it).
        let full = MapSVG.svg(s, shares: ["Dededo": 0.9, "Yigo": 0.5])
        let svg = String(full[..<full.range(of: "</svg>")!.upperBound])
        // Every <text> with its position and anchor, boxed by the width estimate.
        var texts: [ChartText] = []
        for chunk in svg.components(separatedBy: "<text ").dropFirst() {
            func attr(_ name: String) -> String? {
                guard let r = chunk.range(of: name + "=\"") else { return nil }
                return String(chunk[r.upperBound...].prefix { $0 != "\"" })
            }
            guard let x = attr("x").flatMap(Double.init), let y = attr("y").flatMap(Double.init),
                  let body = chunk.split(separator: ">", maxSplits: 1).last?.split(separator: "<").first else { continue }
            let anchor = ChartText.Anchor(rawValue: attr("text-anchor") ?? "start") ?? .start
            if body.contains("schools") || body.contains("villages coloured") { continue }   // the legend lines
            texts.append(ChartText(x: x, y: y, anchor: anchor, text: String(body)))
        }
        #expect(texts.count >= 19)
        for (i, a) in texts.enumerated() {
            for b in texts[(i + 1)...] { #expect(!a.overlaps(b), "\(a.text) overlaps \(b.text)") }
        }
        #expect(full.contains("Numbered villages:") || texts.filter { Int($0.text) == nil }.count >= 19)
        #expect(svg.contains("<title>Schematic map</title>") && svg.contains(" mi</text>") && svg.contains("N ↑"))
    }
}

@Suite struct HistogramTests {
    @Test("histograms have a y axis in shares of replicates, with nice ticks, a title and a description")
    func yAxis() {
        var h = ValueHistogram()
        for v in [1, 2, 2, 3, 3, 3, 3, 3] { h.add(v) }   // 3 is 5 of 8 = 62.5%
        #expect(SVGChart.histogramYLabels(h) == ["0%", "20%", "40%", "60%", "80%"])
        let svg = SVGChart.histogram(h, title: "awards.dispensary")
        #expect(svg.contains("<title>awards.dispensary</title>") && svg.contains("<desc>"))
    }
}
