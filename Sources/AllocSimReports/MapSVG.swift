import AllocSim

/// A schematic map: village centres, schools with their buffer drawn as a
/// circle, registered facilities and (for a round) application sites. Not a
/// survey: degrees are projected onto a local plane at the territory's mean
/// latitude, which is good enough to see who is near what.
public enum MapSVG {
    public struct Site {
        public var point: Point
        public var label: String
        public var awarded: Bool
        public var eligible: Bool

        public init(point: Point, label: String, awarded: Bool, eligible: Bool) {
            self.point = point
            self.label = label
            self.awarded = awarded
            self.eligible = eligible
        }
    }

    /// The map, or an empty string when the scenario has no coordinates to show.
    public static func svg(_ s: Scenario, sites: [Site] = []) -> String {
        let villages = s.geography.chaas.flatMap(\.villages).compactMap { v in v.center.map { (v.name, $0) } }
        let schools = s.geography.schools
        let facilities = s.geography.facilities
        var all = villages.map(\.1) + schools.flatMap(\.shape.points) + facilities.map(\.point) + sites.map(\.point)
        all += s.geography.chaas.flatMap(\.villages).compactMap(\.boundary).flatMap(\.vertices)
        guard all.count >= 2 else { return "" }
        // Project to feet.
        let meanLat = all.map(\.y).reduce(0, +) / Double(all.count)
        let scale = s.geography.units == .degrees ? Geodesic.feetPerDegree(atLatitude: meanLat) : (lon: 1, lat: 1)
        func feet(_ p: Point) -> Point { Point(p.x * scale.lon, p.y * scale.lat) }
        let pts = all.map(feet)
        let buffer = s.policy.schoolBufferFeet
        let minX = pts.map(\.x).min()! - buffer, maxX = pts.map(\.x).max()! + buffer
        let minY = pts.map(\.y).min()! - buffer, maxY = pts.map(\.y).max()! + buffer
        let width = 640.0, height = 520.0, pad = 20.0
        let k = min((width - 2 * pad) / max(maxX - minX, 1), (height - 2 * pad) / max(maxY - minY, 1))
        func xy(_ p: Point) -> (Double, Double) {
            let f = feet(p)
            return (pad + (f.x - minX) * k, height - pad - (f.y - minY) * k)
        }
        func n(_ v: Double) -> String { FixedFormat.decimal(v, digits: 1) }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
            + "aria-label=\"schematic map\" style=\"border:1px solid #ccc;background:#fbfbf8\">\n"
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
        for (name, c) in villages {
            let (x, y) = xy(c)
            out += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"2.5\" fill=\"#555\"/>"
            out += "<text x=\"\(n(x + 4))\" y=\"\(n(y - 4))\" fill=\"#333\">\(HTML.escape(name))</text>\n"
        }
        for site in sites {
            let (x, y) = xy(site.point)
            let colour = site.awarded ? "#2e7d32" : (site.eligible ? "#1f5fa8" : "#999")
            out += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"4\" fill=\"\(colour)\" stroke=\"#fff\"><title>\(HTML.escape(site.label))</title></circle>\n"
        }
        out += "<text x=\"\(n(pad))\" y=\"\(n(height - 18))\" fill=\"#666\">schools ■ with their \(FixedFormat.compact(buffer)) ft buffer, "
            + "registered facilities ▲, village centres ●</text>\n"
        out += "<text x=\"\(n(pad))\" y=\"\(n(height - 5))\" fill=\"#666\">application sites: awarded (green), "
            + "eligible (blue), out before allocation (grey)</text>\n"
        return out + "</svg>\n"
    }
}
