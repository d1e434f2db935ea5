/// Measures distances in feet between scenario points, in the scenario's
/// units (SPEC §1).
///
/// Planar feet: Euclidean distance. Degrees: the WGS84 geodesic. For a
/// polygon (the "real property comprising a school", §14103(i)(2)), the distance is to the
/// polygon's nearest point and 0 inside; in degrees the nearest point is
/// found in a local tangent plane at the site, and the distance to it is
/// then measured on the ellipsoid.
public struct DistanceModel: Sendable, Hashable {
    public var units: CoordinateUnits

    public init(units: CoordinateUnits) { self.units = units }

    public func feet(_ p: Point, _ q: Point) -> Double {
        switch units {
        case .feet:
            let dx = p.x - q.x, dy = p.y - q.y
            return (dx * dx + dy * dy).squareRoot()
        case .degrees:
            return Geodesic.distanceFeet(p, q)
        }
    }

    public func feet(_ p: Point, _ polygon: Polygon) -> Double {
        switch units {
        case .feet:
            let q = polygon.nearestPoint(to: p)
            return feet(p, q)
        case .degrees:
            let scale = Geodesic.feetPerDegree(atLatitude: p.y)
            let local = Polygon(polygon.vertices.map {
                Point(($0.x - p.x) * scale.lon, ($0.y - p.y) * scale.lat)
            })
            let origin = Point(0, 0)
            let nearest = local.nearestPoint(to: origin)
            if nearest == origin { return 0 }
            let back = Point(p.x + nearest.x / scale.lon, p.y + nearest.y / scale.lat)
            return Geodesic.distanceFeet(p, back)
        }
    }

    public func feet(_ p: Point, _ shape: Shape) -> Double {
        switch shape {
        case .point(let q): return feet(p, q)
        case .polygon(let poly): return feet(p, poly)
        }
    }
}

/// A feature's footprint: a point, or a polygon of real property.
public enum Shape: Hashable, Sendable {
    case point(Point)
    case polygon(Polygon)

    /// Every coordinate of the shape.
    public var points: [Point] {
        switch self {
        case .point(let p): return [p]
        case .polygon(let poly): return poly.vertices
        }
    }
}
