/// A point as the scenario gives it: planar feet (`x`, `y`) or WGS84
/// degrees (`x` = longitude, `y` = latitude, as in GeoJSON) — SPEC §1.
public struct Point: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// How a scenario's coordinates are to be read (SPEC §1).
public enum CoordinateUnits: String, Sendable, CaseIterable {
    /// Planar x, y in feet (a state-plane grid, say).
    case feet
    /// WGS84 longitude, latitude; distances are ellipsoidal geodesics.
    case degrees
}

/// A simple polygon given by its vertices (closing vertex optional).
public struct Polygon: Hashable, Sendable {
    public var vertices: [Point]

    public init(_ vertices: [Point]) {
        if vertices.count > 1, vertices.first == vertices.last {
            self.vertices = Array(vertices.dropLast())
        } else {
            self.vertices = vertices
        }
    }

    /// Even-odd rule containment in the plane of the coordinates.
    public func contains(_ p: Point) -> Bool {
        var inside = false
        var j = vertices.count - 1
        for i in vertices.indices {
            let a = vertices[i], b = vertices[j]
            if (a.y > p.y) != (b.y > p.y) {
                let xCross = (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x
                if p.x < xCross { inside.toggle() }
            }
            j = i
        }
        return inside
    }

    /// The enclosed area (shoelace formula), in squared coordinate units.
    public var area: Double {
        var twice = 0.0
        var j = vertices.count - 1
        for i in vertices.indices {
            twice += (vertices[j].x + vertices[i].x) * (vertices[j].y - vertices[i].y)
            j = i
        }
        return abs(twice) / 2
    }

    /// The axis-aligned bounding box (min, max).
    public var bounds: (min: Point, max: Point) {
        var lo = Point(.infinity, .infinity), hi = Point(-.infinity, -.infinity)
        for v in vertices {
            lo.x = Swift.min(lo.x, v.x); lo.y = Swift.min(lo.y, v.y)
            hi.x = Swift.max(hi.x, v.x); hi.y = Swift.max(hi.y, v.y)
        }
        return (lo, hi)
    }

    /// The point of the polygon (boundary or interior) nearest to `p` in
    /// the plane: `p` itself when inside.
    public func nearestPoint(to p: Point) -> Point {
        if contains(p) { return p }
        var best = vertices[0]
        var bestD2 = Double.infinity
        var j = vertices.count - 1
        for i in vertices.indices {
            let q = Polygon.nearestOnSegment(p, vertices[j], vertices[i])
            let d2 = (q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)
            if d2 < bestD2 { bestD2 = d2; best = q }
            j = i
        }
        return best
    }

    static func nearestOnSegment(_ p: Point, _ a: Point, _ b: Point) -> Point {
        let dx = b.x - a.x, dy = b.y - a.y
        let len2 = dx * dx + dy * dy
        if len2 == 0 { return a }
        let t = Swift.max(0, Swift.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2))
        return Point(a.x + t * dx, a.y + t * dy)
    }
}
