import Foundation
import Testing
@testable import AllocSim

/// SPEC §1: planar and WGS84 distances.
@Suite struct GeometryTests {
    /// Reference distances from GeographicLib (Karney's algorithm), computed
    /// independently with the Python package `geographiclib` 2.x:
    /// `Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2)["s12"] / 0.3048`.
    static let karney: [(Point, Point, Double)] = [
        (Point(144.7971, 13.5011), Point(144.7993, 13.5011), 781.425700),
        (Point(144.7971, 13.5011), Point(144.7971, 13.50385), 998.181747),
        (Point(144.75, 13.45), Point(144.80, 13.52), 31000.424075),
        (Point(144.6, 13.25), Point(144.9, 13.65), 180109.325741),
        (Point(-112.07, 33.45), Point(-112.0661, 33.4527), 1542.893903),
        (Point(-71.41, 41.82), Point(-71.40, 41.83), 4550.605403),
        (Point(0, 0), Point(0.001, 0.001), 514.775170),
        (Point(144.70, 13.40), Point(144.7725, 13.40), 25762.329619),
    ]

    @Test("SPEC §1: WGS84 geodesic distances agree with GeographicLib within 0.01 ft")
    func geodesicMatchesKarney() {
        for (a, b, feet) in GeometryTests.karney {
            let d = Geodesic.distanceFeet(a, b)
            #expect(abs(d - feet) < 0.01, "\(a) → \(b): \(d) vs \(feet)")
        }
    }

    /// Nearly antipodal pairs, where Vincenty's iteration does not converge;
    /// Karney's algorithm (PROJ's geod_inverse) is exact. Reference values
    /// from the Python package `geographiclib`, as above.
    @Test("SPEC §1: nearly antipodal points, where Vincenty fails, agree with GeographicLib")
    func antipodal() {
        let cases: [(Point, Point, Double)] = [
            (Point(0, 0), Point(179.7, 0.5), 65_433_488.913223),
            (Point(0, 0), Point(180, 0), 65_629_696.386566),
            (Point(151.0, -33.0), Point(-28.9, 33.2), 65_554_866.048877),
        ]
        for (a, b, feet) in cases {
            let d = Geodesic.distanceFeet(a, b)
            #expect(abs(d - feet) < 0.01, "\(a) → \(b): \(d) vs \(feet)")
        }
    }

    @Test("SPEC §1: a spherical formula is off by feet at 1,000 ft; ours is not")
    func sphereIsNotGoodEnough() {
        // Haversine with the mean Earth radius, for comparison only.
        func haversineFeet(_ p: Point, _ q: Point) -> Double {
            let r = 6_371_008.8, rad = Double.pi / 180
            let dLat = (q.y - p.y) * rad, dLon = (q.x - p.x) * rad
            let h = sin(dLat / 2) * sin(dLat / 2) + cos(p.y * rad) * cos(q.y * rad) * sin(dLon / 2) * sin(dLon / 2)
            return 2 * r * asin(h.squareRoot()) / 0.3048
        }
        let (a, b, feet) = GeometryTests.karney[1]   // north-south, ~998 ft
        #expect(abs(haversineFeet(a, b) - feet) > 1)
        #expect(abs(Geodesic.distanceFeet(a, b) - feet) < 0.01)
    }

    @Test("planar distance and polygon nearest point")
    func planar() {
        let m = DistanceModel(units: .feet)
        #expect(m.feet(Point(0, 0), Point(600, 800)) == 1000)
        let square = Polygon([Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10), Point(0, 0)])
        #expect(square.vertices.count == 4)
        #expect(m.feet(Point(5, 5), square) == 0)
        #expect(m.feet(Point(13, 14), square) == 5)
        #expect(m.feet(Point(5, -7), square) == 7)
    }

    @Test("§14321(a) in degrees: distance to a school polygon is to its nearest point, 0 inside")
    func degreesPolygon() {
        let m = DistanceModel(units: .degrees)
        let campus = Polygon([Point(144.7960, 13.5000), Point(144.7980, 13.5000), Point(144.7980, 13.5020),
                              Point(144.7960, 13.5020)])
        #expect(m.feet(Point(144.7970, 13.5010), campus) == 0)
        // Due east of the east edge, at the edge's middle latitude: the nearest
        // point is on the edge, so the distance is the geodesic to it.
        let site = Point(144.8002, 13.5010)
        let direct = Geodesic.distanceFeet(site, Point(144.7980, 13.5010))
        #expect(abs(m.feet(site, campus) - direct) < 0.01)
    }

    /// The nearest shape within `r` by a plain scan, ties to the lower index.
    static func linearNearest(_ p: Point, _ shapes: [Shape], _ model: DistanceModel, within r: Double) -> Int? {
        var best: Int?
        var bestFeet = Double.infinity
        for i in shapes.indices {
            let d = model.feet(p, shapes[i])
            if d <= r && d < bestFeet {
                best = i
                bestFeet = d
            }
        }
        return best
    }

    @Test("buffer index: nearest feature within the radius, same answer as a linear scan")
    func bufferIndexMatchesScan() {
        let model = DistanceModel(units: .feet)
        var shapes: [Shape] = []
        var x: UInt64 = 12345
        func next() -> Double {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            return Double(x >> 11) / Double(1 << 53) * 100_000
        }
        for _ in 0..<500 { shapes.append(.point(Point(next(), next()))) }
        let index = BufferIndex(shapes: shapes, radiusFeet: 1000, model: model)
        #expect(!index.linear)
        for _ in 0..<500 {
            let p = Point(next(), next())
            let scan = GeometryTests.linearNearest(p, shapes, model, within: 1000)
            let hit = index.nearestWithin(p)
            #expect(hit?.index == scan)
            // The screen never hides a feature within the radius.
            #expect(scan == nil || index.mayHaveWithin(p))
        }
    }

    @Test("flat grid: a site in another cell than a feature within the radius still finds it (widened boxes)")
    func gridAcrossCellBoundaries() {
        let model = DistanceModel(units: .feet)
        var x: UInt64 = 4242
        func next() -> Double {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            return Double(x >> 11) / Double(1 << 53) * 100_000
        }
        let points = (0..<500).map { _ in Point(next(), next()) }
        let shapes = points.map { Shape.point($0) }
        let index = BufferIndex(shapes: shapes, radiusFeet: 1000, model: model)
        #expect(!index.linear)
        func cell(_ p: Point) -> (Int, Int) {
            (Int(((p.x - index.origin.x) / index.cellX).rounded(.down)), Int(((p.y - index.origin.y) / index.cellY).rounded(.down)))
        }
        var across = 0
        for q in points {
            // Within the radius on every side, and just outside it.
            for (dx, dy) in [(990.0, 0.0), (-990, 0), (0, 990), (0, -990), (700, 700), (-700, 700), (1010, 0), (0, -1010)] {
                let p = Point(q.x + dx, q.y + dy)
                if cell(p) != cell(q) { across += 1 }
                let scan = GeometryTests.linearNearest(p, shapes, model, within: 1000)
                #expect(index.nearestWithin(p)?.index == scan, "\(p)")
                #expect(scan == nil || index.mayHaveWithin(p), "\(p)")
            }
        }
        // Enough of the probes sit in a cell other than their feature's.
        #expect(across > 100)
    }

    @Test("flat grid: coarsened cells over a wide extent, queries inside, at the edge and far outside agree with a scan")
    func flatGridWideExtent() {
        let model = DistanceModel(units: .feet)
        var x: UInt64 = 777
        func next(_ scale: Double) -> Double {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            return Double(x >> 11) / Double(1 << 53) * scale
        }
        // 200 features over 10^7 ft with a 1,000 ft buffer: a grid of
        // 1,000 ft cells would have 10^8 cells; it coarsens to at most 16
        // cells a feature (1,560 here).
        var shapes: [Shape] = (0..<200).map { _ in .point(Point(next(1e7), next(1e7))) }
        shapes.append(.polygon(Polygon([Point(0, 0), Point(5e6, 0), Point(5e6, 10), Point(0, 10)])))   // spans many cells
        let index = BufferIndex(shapes: shapes, radiusFeet: 1000, model: model)
        #expect(index.nx * index.ny <= 16 * shapes.count)
        var probes = (0..<300).map { _ in Point(next(1e7), next(1e7)) }
        // Near features, and far outside the grid on every side.
        probes += shapes.prefix(50).map { s in let q = s.points[0]; return Point(q.x + next(900), q.y - next(900)) }
        probes += [Point(-5e8, 3), Point(3, 5e8), Point(2e8, -2e8), Point(1e6, 5), Point(-800, -800)]
        for p in probes {
            let scan = GeometryTests.linearNearest(p, shapes, model, within: 1000)
            #expect(index.nearestWithin(p)?.index == scan, "\(p)")
            #expect(scan == nil || index.mayHaveWithin(p), "\(p)")
        }
    }

    @Test("buffer index in degrees agrees with a linear scan")
    func bufferIndexDegrees() {
        let model = DistanceModel(units: .degrees)
        var shapes: [Shape] = []
        for i in 0..<40 { for j in 0..<40 { shapes.append(.point(Point(-112 + Double(i) * 0.003, 33 + Double(j) * 0.003))) } }
        let index = BufferIndex(shapes: shapes, radiusFeet: 1000, model: model)
        for k in 0..<300 {
            let p = Point(-112 + Double(k % 17) * 0.0071, 33 + Double(k % 23) * 0.0049)
            let scan = GeometryTests.linearNearest(p, shapes, model, within: 1000)
            #expect(index.nearestWithin(p)?.index == scan)
            #expect(scan == nil || index.mayHaveWithin(p))
        }
    }
}
