/// A uniform-grid spatial index over features, answering "the nearest
/// feature within r feet of this point" (the buffers of §14103(i),
/// §14321(a), §14322(a)(1)).
///
/// Cells are squares of the buffer's size in a working frame: feet for
/// planar scenarios, degrees scaled conservatively for WGS84 ones, so that
/// a query visits only the cells that can hold a feature within r; every
/// candidate is then measured exactly.
///
/// A shape spanning more than `maxCellsPerShape` cells (a school polygon
/// far larger than the buffer) is not gridded but kept on a short list
/// checked on every query, so the grid's memory stays linear in the
/// features whatever their size.
///
/// - Complexity: a query costs O(features in the 3×3 neighbourhood + large shapes).
public struct BufferIndex: Sendable {
    public let radiusFeet: Double
    let shapes: [Shape]
    let model: DistanceModel
    let cellX: Double
    let cellY: Double
    let cells: [Int64: [Int32]]
    /// Shapes too large to grid, checked on every query.
    let large: [Int32]
    static let maxCellsPerShape: Int64 = 4096
    /// Each shape's bounding box, for a cheap lower bound on its distance.
    let boxes: [(min: Point, max: Point)]
    /// With few features a linear scan is faster than hashing cells.
    let linear: Bool
    /// Feet per coordinate unit for the screen, never more than the true
    /// scale near any feature (degrees: the longitude scale one degree
    /// poleward of the farthest feature, the latitude scale at the equator).
    let screenScale: (lon: Double, lat: Double)

    /// Each feature's opening day (`CalendarDate.dayNumber`), nil where it
    /// always counts.
    let opened: [Int?]

    public init(shapes: [Shape], radiusFeet: Double, model: DistanceModel, opened: [Int?]? = nil) {
        self.shapes = shapes
        self.opened = opened ?? Array(repeating: nil, count: shapes.count)
        self.radiusFeet = radiusFeet
        self.model = model
        linear = shapes.count <= 16 || radiusFeet <= 0
        switch model.units {
        case .feet:
            cellX = max(radiusFeet, 1)
            cellY = cellX
            screenScale = (1, 1)
        case .degrees:
            // Degrees per cell no smaller than r at the feature farthest
            // from the equator (with a 2 % margin), so 3×3 cells cover r.
            let maxLat = shapes.flatMap(\.points).map { abs($0.y) }.max() ?? 0
            let scale = Geodesic.feetPerDegree(atLatitude: min(89, maxLat + 1))
            cellX = max(radiusFeet, 1) * 1.02 / scale.lon
            cellY = max(radiusFeet, 1) * 1.02 / Geodesic.feetPerDegree(atLatitude: 0).lat
            screenScale = (scale.lon, Geodesic.feetPerDegree(atLatitude: 0).lat)
        }
        boxes = shapes.map { s in
            let pts = s.points
            return (Point(pts.map(\.x).min()!, pts.map(\.y).min()!), Point(pts.map(\.x).max()!, pts.map(\.y).max()!))
        }
        var cells: [Int64: [Int32]] = [:]
        var large: [Int32] = []
        if !linear {
            for (i, (lo, hi)) in boxes.enumerated() {
                let (x0, y0) = BufferIndex.cell(lo, cellX, cellY)
                let (x1, y1) = BufferIndex.cell(hi, cellX, cellY)
                if (x1 - x0 + 1) * (y1 - y0 + 1) > BufferIndex.maxCellsPerShape {
                    large.append(Int32(i))
                    continue
                }
                for cx in x0...x1 { for cy in y0...y1 { cells[BufferIndex.key(cx, cy), default: []].append(Int32(i)) } }
            }
        }
        self.cells = cells
        self.large = large
    }

    static func cell(_ p: Point, _ w: Double, _ h: Double) -> (Int64, Int64) {
        (Int64((p.x / w).rounded(.down)), Int64((p.y / h).rounded(.down)))
    }

    static func key(_ x: Int64, _ y: Int64) -> Int64 { x &* 73_856_093 ^ y &* 19_349_663 &* 1_000_003 }

    /// The nearest feature within the radius (distance ≤ r), ties to the
    /// lower index; nil if none or the buffer is 0 (disabled). With `date`
    /// (a day number), a feature with an opening date counts only if it
    /// opened strictly before it (§14321(a), §14322(a)(1)).
    public func nearestWithin(_ p: Point, date: Int? = nil) -> (index: Int, feet: Double)? {
        var best: (index: Int, feet: Double)?
        visitWithin(p, date: date) { i, d in
            if best == nil || d < best!.feet || (d == best!.feet && i < best!.index) { best = (i, d) }
        }
        return best
    }

    /// Every feature within the radius, nearest first (ties by index).
    public func allWithin(_ p: Point, date: Int? = nil) -> [(index: Int, feet: Double)] {
        var hits: [(index: Int, feet: Double)] = []
        visitWithin(p, date: date) { hits.append(($0, $1)) }
        return hits.sorted { ($0.feet, $0.index) < ($1.feet, $1.index) }
    }

    /// Calls `found` with each counted feature within the radius.
    func visitWithin(_ p: Point, date: Int?, _ found: (Int, Double) -> Void) {
        guard radiusFeet > 0 else { return }
        // A cheap screen before the exact (geodesic) distance: a lower bound
        // on the distance to the shape's bounding box, with scales no larger
        // than the true ones and a 2 % + 10 ft margin, so no shape within the
        // buffer is ever screened out.
        let scale = screenScale
        let screen = radiusFeet * 1.02 + 10
        func consider(_ i: Int) {
            if let date, let o = opened[i], o >= date { return }
            let box = boxes[i]
            let gx = max(0, box.min.x - p.x, p.x - box.max.x) * scale.lon
            let gy = max(0, box.min.y - p.y, p.y - box.max.y) * scale.lat
            if gx > screen || gy > screen || gx * gx + gy * gy > screen * screen { return }
            let d = model.feet(p, shapes[i])
            if d <= radiusFeet { found(i, d) }
        }
        if linear {
            for i in shapes.indices { consider(i) }
            return
        }
        for i in large { consider(Int(i)) }
        let (cx, cy) = BufferIndex.cell(p, cellX, cellY)
        for dx in -1...1 {
            for dy in -1...1 {
                guard let list = cells[BufferIndex.key(cx + Int64(dx), cy + Int64(dy))] else { continue }
                for i in list { consider(Int(i)) }
            }
        }
    }
}
