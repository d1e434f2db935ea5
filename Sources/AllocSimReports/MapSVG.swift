import AllocSim

/// A schematic map: village centres, schools with their buffer drawn as a
/// circle, registered facilities and (for a round) application sites. Not a
/// survey: degrees are projected onto a local plane at the territory's mean
/// latitude, which is good enough to see who is near what.
public enum MapSVG {
    public struct Site {
        public var point: Point
        public var label: String
        /// What is written beside the site (its id); `label` is the hover text.
        public var id: String = ""
        public var awarded: Bool
        public var eligible: Bool

        public init(point: Point, label: String, awarded: Bool, eligible: Bool) {
            self.point = point
            self.label = label
            self.awarded = awarded
            self.eligible = eligible
        }
    }

    /// The map, or an empty string when the scenario has no coordinates to
    /// show. `shares` (village name → chance of an award), when given,
    /// colours each village (a batch report's map).
    public static func svg(_ s: Scenario, sites: [Site] = [], shares: [String: Double] = [:], shareTitle: String = "",
                           focus: (min: Point, max: Point)? = nil) -> String {
        let villages = s.geography.chaas.flatMap(\.villages).compactMap { v in v.center.map { (v.name, $0) } }.filter { v in
            focus.map { v.1.x >= $0.min.x && v.1.x <= $0.max.x && v.1.y >= $0.min.y && v.1.y <= $0.max.y } ?? true
        }
        let schools = s.geography.schools
        let facilities = s.geography.facilities
        var all = villages.map(\.1) + schools.flatMap(\.shape.points) + facilities.map(\.point) + sites.map(\.point)
        all += s.geography.chaas.flatMap(\.villages).compactMap(\.boundary).flatMap(\.vertices)
        guard all.count >= 2 else { return "" }
        // Project to feet.
        let meanLat = all.map(\.y).reduce(0, +) / Double(all.count)
        let scale = s.geography.units == .degrees ? Geodesic.feetPerDegree(atLatitude: meanLat) : (lon: 1, lat: 1)
        func feet(_ p: Point) -> Point { Point(p.x * scale.lon, p.y * scale.lat) }
        if let focus {
            // An inset: only what lies in the focus box.
            func inside(_ p: Point) -> Bool { p.x >= focus.min.x && p.x <= focus.max.x && p.y >= focus.min.y && p.y <= focus.max.y }
            all = all.filter(inside)
            guard all.count >= 2 else { return "" }
        }
        let pts = all.map(feet)
        let buffer = s.policy.schoolBufferFeet
        let minX = pts.map(\.x).min()! - buffer, maxX = pts.map(\.x).max()! + buffer
        let minY = pts.map(\.y).min()! - buffer, maxY = pts.map(\.y).max()! + buffer
        let width = 640.0, height = 520.0, pad = 20.0
        // Room at the bottom for the legend, at the top for the scale bar.
        let bottom = 44.0, top = 30.0
        let k = min((width - 2 * pad) / max(maxX - minX, 1), (height - top - bottom) / max(maxY - minY, 1))
        func xy(_ p: Point) -> (Double, Double) {
            let f = feet(p)
            return (pad + (f.x - minX) * k, height - bottom - (f.y - minY) * k)
        }
        func n(_ v: Double) -> String { FixedFormat.decimal(v, digits: 1) }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
            + "viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-size=\"11\" font-family=\"sans-serif\" "
            + "style=\"border:1px solid #ccc;background:#fbfbf8\">"
            + "<title>Schematic map</title><desc>Village centres, schools with their buffers, registered facilities"
            + (sites.isEmpty ? "" : " and application sites") + "; a local plane, not a survey.</desc>\n"
        for v in s.geography.chaas.flatMap(\.villages) {
            guard let b = v.boundary else { continue }
            let path = b.vertices.map { let (x, y) = xy($0); return "\(n(x)),\(n(y))" }.joined(separator: " ")
            out += "<polygon points=\"\(path)\" fill=\"none\" stroke=\"#bbb\"/>\n"
        }
        for school in schools {
            let centre: Point
            switch school.shape {
            case .point(let p): centre = p
            case .polygon(let poly):
                centre = Point(poly.vertices.map(\.x).reduce(0, +) / Double(poly.vertices.count),
                               poly.vertices.map(\.y).reduce(0, +) / Double(poly.vertices.count))
                let path = poly.vertices.map { let (x, y) = xy($0); return "\(n(x)),\(n(y))" }.joined(separator: " ")
                out += "<polygon points=\"\(path)\" fill=\"#d9534f\" fill-opacity=\"0.4\"/>\n"
            }
            let (x, y) = xy(centre)
            if buffer > 0 {
                out += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(buffer * k))\" fill=\"#d9534f\" fill-opacity=\"0.12\" stroke=\"#d9534f\"/>\n"
            }
            out += "<rect x=\"\(n(x - 3))\" y=\"\(n(y - 3))\" width=\"6\" height=\"6\" fill=\"#d9534f\"><title>\(HTML.escape(school.name))</title></rect>\n"
        }
        for f in facilities {
            let (x, y) = xy(f.point)
            out += "<polygon points=\"\(n(x)),\(n(y - 5)) \(n(x + 5)),\(n(y + 4)) \(n(x - 5)),\(n(y + 4))\" fill=\"#6f42c1\"><title>\(HTML.escape(f.name))</title></polygon>\n"
        }
        // Village names placed so that none overprints another: the first
        // free spot around the dot, else a number and a key below the map.
        // Every village dot is reserved first, so no name covers one.
        var placed = LabelSpace(width: width, height: height)
        for (_, c) in villages {
            let (x, y) = xy(c)
            placed.append(ChartText(x: x, y: y + 4, anchor: .middle, text: "··", fontSize: 8))
        }
        var key: [(Int, String)] = []
        for (name, c) in villages {
            let (x, y) = xy(c)
            let share = shares[name]
            let fill = share.map(MapSVG.colour) ?? "#555"
            out += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(share == nil ? "2.5" : "5")\" fill=\"\(fill)\" stroke=\"#333\" "
                + "stroke-width=\"0.5\"><title>\(HTML.escape(name))\(share.map { ": " + FixedFormat.decimal(100 * $0, digits: 0) + "%" } ?? "")</title></circle>"
            let spots: [(Double, Double, ChartText.Anchor)] = [(7, -5, .start), (7, 9, .start), (-7, -5, .end), (-7, 9, .end),
                                                               (0, -9, .middle), (0, 16, .middle)]
            let label = spots.map { ChartText(x: x + $0.0, y: y + $0.1, anchor: $0.2, text: name) }.first { t in
                t.box.minX >= 0 && t.box.maxX <= width && t.box.minY >= 0 && t.box.maxY <= height - bottom + 6
                    && placed.isFree(t)
            }
            if let label {
                placed.append(label)
                out += label.svg.replacingOccurrences(of: "<text ", with: "<text fill=\"#333\" ") + "\n"
            } else {
                key.append((key.count + 1, name))
                let number = String(key.count)
                let t = spots.map { ChartText(x: x + $0.0, y: y + $0.1, anchor: $0.2, text: number) }
                    .first { t in placed.isFree(t) } ?? ChartText(x: x + 6, y: y - 4, anchor: .start, text: number)
                placed.append(t)
                out += t.svg.replacingOccurrences(of: "<text ", with: "<text fill=\"#333\" font-weight=\"bold\" ") + "\n"
            }
        }
        // Scale bar (a round number of feet or miles about a fifth of the
        // width) and north arrow.
        let span = (width - 2 * pad) / k / 5
        let unit = span >= 5280 ? 5280.0 : 1.0
        let length = (ChartAxis.ticks(0, span / unit, count: 2).dropFirst().first ?? 1) * unit
        let bar = length * k
        if bar.isFinite && bar > 4 && bar < width / 2 {
            let y0 = 16.0, x0 = width - pad - bar
            out += "<line x1=\"\(n(x0))\" y1=\"\(n(y0))\" x2=\"\(n(x0 + bar))\" y2=\"\(n(y0))\" stroke=\"#333\" stroke-width=\"2\"/>"
            let text = unit == 5280 ? FixedFormat.compact(length / 5280, maxDigits: 2) + " mi" : FixedFormat.compact(length) + " ft"
            out += "<text x=\"\(n(x0 + bar / 2))\" y=\"\(n(y0 + 13))\" text-anchor=\"middle\" fill=\"#333\">\(text)</text>"
            out += "<text x=\"\(n(pad + 6))\" y=\"\(n(y0 + 4))\" text-anchor=\"middle\" fill=\"#333\" font-weight=\"bold\">N ↑</text>\n"
        }
        for site in sites {
            let (x, y) = xy(site.point)
            guard x >= 0, x <= width, y >= 0, y <= height else { continue }
            let colour = site.awarded ? "#2e7d32" : (site.eligible ? "#1f5fa8" : "#999")
            out += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"4\" fill=\"\(colour)\" stroke=\"#fff\"><title>\(HTML.escape(site.label))</title></circle>\n"
            // Its id beside it where there is room (always in the hover text).
            let spots: [(Double, Double, ChartText.Anchor)] = [(6, 4, .start), (-6, 4, .end), (0, -7, .middle), (0, 14, .middle)]
            if !site.id.isEmpty, let t = spots.map({ ChartText(x: x + $0.0, y: y + $0.1, anchor: $0.2, text: site.id, fontSize: 9) })
                .first(where: { t in t.box.minX >= 0 && t.box.maxX <= width && t.box.maxY <= height - bottom + 6
                                    && placed.isFree(t) }) {
                placed.append(t)
                out += t.svg.replacingOccurrences(of: "<text ", with: "<text font-size=\"9\" fill=\"\(colour)\" ") + "\n"
            }
        }
        out += "<text x=\"\(n(pad))\" y=\"\(n(height - 18))\" fill=\"#666\">schools ■ with their \(FixedFormat.compact(buffer)) ft buffer, "
            + "registered facilities ▲, village centres ●</text>\n"
        out += "<text x=\"\(n(pad))\" y=\"\(n(height - 5))\" fill=\"#666\">"
            + (shares.isEmpty ? "application sites: awarded (green), eligible (blue), out before allocation (grey)"
                : "villages coloured by \(HTML.escape(shareTitle)): " + [0.0, 0.25, 0.5, 0.75, 1.0].map {
                    "<tspan fill=\"\(MapSVG.colour($0))\">●</tspan> \(Int($0 * 100))%"
                }.joined(separator: " ")) + "</text>\n"
        out += "</svg>\n"
        if !key.isEmpty {
            out += "<p class=muted>Numbered villages: " + key.map { "\($0.0) \(HTML.escape($0.1))" }.joined(separator: ", ") + ".</p>\n"
            // An inset of the crowded part, where the numbered villages are.
            if focus == nil {
                let crowded = villages.filter { v in key.contains { $0.1 == v.0 } }.map(\.1)
                let lo = Point(crowded.map(\.x).min()!, crowded.map(\.y).min()!)
                let hi = Point(crowded.map(\.x).max()!, crowded.map(\.y).max()!)
                let margin = max(hi.x - lo.x, hi.y - lo.y, 1e-9) * 0.6
                let inset = svg(s, sites: sites, shares: shares, shareTitle: shareTitle,
                                focus: (Point(lo.x - margin, lo.y - margin), Point(hi.x + margin, hi.y + margin)))
                if !inset.isEmpty { out += "<h3>Inset: the crowded part, enlarged</h3>\n" + inset }
            }
        }
        return out
    }

    /// The labels placed so far, bucketed by the grid cells their boxes
    /// touch, so asking whether a spot is free looks only at labels nearby:
    /// a scan of every placed label made a large territory's map quadratic
    /// (Arizona scale: about 370M of the report's 570M instructions). The
    /// answer is the scan's: the same exact box test, on fewer boxes.
    struct LabelSpace {
        private typealias Box = ChartText.Box
        private static let cell = 32.0
        private let columns: Int, rows: Int
        private var boxes: [Box] = []
        private var cells: [[Int]]

        init(width: Double, height: Double) {
            columns = Int((width / LabelSpace.cell).rounded(.up)) + 1
            rows = Int((height / LabelSpace.cell).rounded(.up)) + 1
            cells = Array(repeating: [], count: columns * rows)
        }

        /// The cells a box touches, clamped to the grid (a box beyond the
        /// picture lands in the edge cells, where it is still tested).
        private func cellRange(_ b: Box) -> (x: ClosedRange<Int>, y: ClosedRange<Int>) {
            func clamp(_ v: Double, _ n: Int) -> Int {
                let c = (v / LabelSpace.cell).rounded(.down)
                return c.isNaN ? 0 : Int(min(Double(n - 1), max(0, c)))
            }
            return (clamp(b.minX, columns)...clamp(b.maxX, columns), clamp(b.minY, rows)...clamp(b.maxY, rows))
        }

        mutating func append(_ t: ChartText) {
            let b = t.box
            let r = cellRange(b)
            for y in r.y { for x in r.x { cells[y * columns + x].append(boxes.count) } }
            boxes.append(b)
        }

        /// Whether `t` overlaps no placed label.
        func isFree(_ t: ChartText) -> Bool {
            let a = t.box
            let r = cellRange(a)
            for y in r.y {
                for x in r.x {
                    for i in cells[y * columns + x] where ChartText.overlap(a, boxes[i]) { return false }
                }
            }
            return true
        }
    }

    /// A colour for a share in [0, 1] on a ramp that stays ordered in
    /// greyscale and for the common colour-blindnesses (light yellow to dark
    /// blue, like viridis's ends).
    static func colour(_ p: Double) -> String {
        let stops: [(Double, (Int, Int, Int))] = [(0, (253, 231, 37)), (0.5, (33, 145, 140)), (1, (68, 1, 84))]
        let v = min(1, max(0, p.isFinite ? p : 0))
        let (a, b) = v <= 0.5 ? (stops[0], stops[1]) : (stops[1], stops[2])
        let t = (v - a.0) / (b.0 - a.0)
        func mix(_ x: Int, _ y: Int) -> Int { Int((Double(x) + (Double(y) - Double(x)) * t).rounded()) }
        let c = (mix(a.1.0, b.1.0), mix(a.1.1, b.1.1), mix(a.1.2, b.1.2))
        func hex(_ x: Int) -> String { let h = String(x, radix: 16); return h.count == 1 ? "0" + h : h }
        return "#" + hex(c.0) + hex(c.1) + hex(c.2)
    }
}
