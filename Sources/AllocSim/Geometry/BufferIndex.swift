/// A uniform-grid spatial index over features, answering "the nearest
/// feature within r feet of this point" (the buffers of §14103(i),
/// §14321(a), §14322(a)(1)).
///
/// Cells are squares at least the buffer's size in a working frame: feet
/// for planar scenarios, degrees scaled conservatively for WGS84 ones.
/// Each feature is listed in every cell its bounding box, widened by the
/// screen's reach (r with a margin), overlaps, so a query looks only in
/// its site's own cell; every candidate is then measured exactly. The grid
/// is a flat array (each cell's features in one shared list,
/// compressed-row style) over the widened boxes' extent; when that extent
/// is large against r the cells grow, so the grid never has more than
/// about 16 cells per feature (1,024 cells for up to 64 features): a cell
/// then lists a site's nearby features and few others, and the grid stays
/// small (64 bytes a feature).
/// Even six schools are gridded: a site's own cell usually lists none of
/// them, which is cheaper than screening all six.
///
/// A shape spanning more than `maxCellsPerShape` cells (a school polygon
/// far larger than the buffer) is not gridded but kept on a short list
/// checked on every query, so the grid's memory stays linear in the
/// features whatever their size.
///
/// Immutable once built, and a class: a round checks every site against
/// three indexes, and a struct of this size was copied (136 bytes) at
/// each call that the optimizer did not inline.
///
/// - Complexity: a query costs O(features listed in the site's cell + large shapes).
public final class BufferIndex: Sendable {
    public let radiusFeet: Double
    let shapes: [Shape]
    let model: DistanceModel
    /// What a query reads of each feature, as plain data (no reference to
    /// count): its bounding box, for a cheap lower bound on its distance;
    /// its opening day (`CalendarDate.dayNumber`, `Int.min` where it always
    /// counts); whether it is a point (its box's corner), measured without
    /// looking at `shapes`.
    struct Feature {
        var min: Point
        var max: Point
        var opened: Int
        var isPoint: Bool
    }
    let features: [Feature]
    /// The screen's distance: the radius with a 2 % + 10 ft margin.
    let screenFeet: Double
    /// No features or no buffer: nothing to grid, and a query scans the
    /// (empty or never-matching) list instead.
    let linear: Bool
    /// Feet per coordinate unit for the screen, never more than the true
    /// scale near any feature (degrees: the longitude scale one degree
    /// poleward of the farthest feature, the latitude scale at the equator).
    let screenScale: (lon: Double, lat: Double)
    // The grid: origin, cell size, dimensions, and per cell the range of
    // `cellItems` holding its features.
    let origin: Point
    let cellX: Double
    let cellY: Double
    let nx: Int
    let ny: Int
    let cellStart: [Int32]
    let cellItems: [Int32]
    /// Shapes too large to grid, checked on every query.
    let large: [Int32]
    static let maxCellsPerShape = 4096

    public init(shapes: [Shape], radiusFeet: Double, model: DistanceModel, opened: [Int?]? = nil) {
        self.shapes = shapes
        let opened = (opened ?? Array(repeating: nil, count: shapes.count)).map { $0 ?? Int.min }
        self.radiusFeet = radiusFeet
        screenFeet = radiusFeet * 1.02 + 10
        self.model = model
        linear = shapes.isEmpty || radiusFeet <= 0
        var cx: Double, cy: Double
        switch model.units {
        case .feet:
            cx = max(radiusFeet, 1)
            cy = cx
            screenScale = (1, 1)
        case .degrees:
            // Degrees per cell no smaller than r at the feature farthest
            // from the equator (with a 2 % margin).
            let maxLat = shapes.flatMap(\.points).map { abs($0.y) }.max() ?? 0
            let scale = Geodesic.feetPerDegree(atLatitude: min(89, maxLat + 1))
            cx = max(radiusFeet, 1) * 1.02 / scale.lon
            cy = max(radiusFeet, 1) * 1.02 / Geodesic.feetPerDegree(atLatitude: 0).lat
            screenScale = (scale.lon, Geodesic.feetPerDegree(atLatitude: 0).lat)
        }
        // The screen's half-width and half-height in coordinate units.
        let reach = (x: screenFeet / screenScale.lon, y: screenFeet / screenScale.lat)
        let boxes = shapes.map { s -> (min: Point, max: Point) in
            let pts = s.points
            return (Point(pts.map(\.x).min()!, pts.map(\.y).min()!), Point(pts.map(\.x).max()!, pts.map(\.y).max()!))
        }
        features = shapes.indices.map { i in
            let isPoint: Bool
            if case .point = shapes[i] { isPoint = true } else { isPoint = false }
            return Feature(min: boxes[i].min, max: boxes[i].max, opened: opened[i], isPoint: isPoint)
        }
        guard !linear else {
            (origin, cellX, cellY, nx, ny, cellStart, cellItems, large) = (Point(0, 0), cx, cy, 0, 0, [], [], [])
            return
        }
        // Each feature is listed in every cell its box, widened by the
        // screen's reach, overlaps: a site that can pass a feature's
        // screen lies in that widened box, so a query looks in the site's
        // own cell only. The grid spans the widened boxes.
        let wide = boxes.map {
            (min: Point($0.min.x - reach.x, $0.min.y - reach.y), max: Point($0.max.x + reach.x, $0.max.y + reach.y))
        }
        let lo = Point(wide.map(\.min.x).min()!, wide.map(\.min.y).min()!)
        let hi = Point(wide.map(\.max.x).max()!, wide.map(\.max.y).max()!)
        // Grow the cells (never shrink them) until the grid has at most
        // about 16 cells per feature.
        let budget = Double(max(1024, 16 * shapes.count))
        while ((hi.x - lo.x) / cx + 1) * ((hi.y - lo.y) / cy + 1) > budget { cx *= 2; cy *= 2 }
        let nx = Int(((hi.x - lo.x) / cx).rounded(.down)) + 1
        let ny = Int(((hi.y - lo.y) / cy).rounded(.down)) + 1
        func cell(_ p: Point) -> (Int, Int) {
            (min(nx - 1, max(0, Int(((p.x - lo.x) / cx).rounded(.down)))),
             min(ny - 1, max(0, Int(((p.y - lo.y) / cy).rounded(.down)))))
        }
        var counts = [Int32](repeating: 0, count: nx * ny + 1)
        var large: [Int32] = []
        var spans: [(Int, Int, Int, Int)] = []
        for (i, b) in wide.enumerated() {
            let (x0, y0) = cell(b.min), (x1, y1) = cell(b.max)
            if (x1 - x0 + 1) * (y1 - y0 + 1) > BufferIndex.maxCellsPerShape {
                large.append(Int32(i))
                spans.append((1, 0, 1, 0))
                continue
            }
            spans.append((x0, x1, y0, y1))
            for gx in x0...x1 { for gy in y0...y1 { counts[gy * nx + gx + 1] += 1 } }
        }
        for k in 1..<counts.count { counts[k] += counts[k - 1] }
        var next = counts
        var items = [Int32](repeating: 0, count: Int(counts[nx * ny]))
        for (i, s) in spans.enumerated() where s.0 <= s.1 {
            for gx in s.0...s.1 {
                for gy in s.2...s.3 {
                    items[Int(next[gy * nx + gx])] = Int32(i)
                    next[gy * nx + gx] += 1
                }
            }
        }
        (origin, cellX, cellY, self.nx, self.ny, cellStart, cellItems, self.large) = (lo, cx, cy, nx, ny, counts, items, large)
    }

    /// No feature, or a buffer of 0: nothing is ever within it.
    public var isEmpty: Bool { features.isEmpty || !(radiusFeet > 0) }

    /// The nearest feature within the radius (distance ≤ r), ties to the
    /// lower index; nil if none or the buffer is 0 (disabled). With `date`
    /// (a day number), a feature with an opening date counts only if it
    /// opened strictly before it (§14321(a), §14322(a)(1)).
    @inline(__always)
    public func nearestWithin(_ p: Point, date: Int? = nil) -> (index: Int, feet: Double)? {
        guard radiusFeet > 0 else { return nil }
        var best = (index: -1, feet: Double.infinity)
        let day = date ?? Int.max
        forEachCandidate(near: p) { i in
            guard passesScreen(i, p, day) else { return true }
            let d = features[i].isPoint ? model.feet(p, features[i].min) : model.feet(p, shapes[i])
            if d <= radiusFeet, d < best.feet || (d == best.feet && i < best.index) { best = (i, d) }
            return true
        }
        return best.index >= 0 ? best : nil
    }

    /// False when no feature counting on `date` comes through the cheap
    /// screen of `nearestWithin`, so none can be within the radius: the
    /// common case of a site far from every feature, decided without
    /// measuring a distance or building a result.
    @inline(__always)
    public func mayHaveWithin(_ p: Point, date: Int? = nil) -> Bool {
        guard radiusFeet > 0 else { return false }
        let day = date ?? Int.max
        var through = false
        forEachCandidate(near: p) { i in
            through = passesScreen(i, p, day)
            return !through
        }
        return through
    }

    /// Calls `body` with every feature that can be within the radius of
    /// `p` by the grid (every feature when the index is linear) until it
    /// returns false.
    @inline(__always)
    private func forEachCandidate(near p: Point, _ body: (Int) -> Bool) {
        if linear {
            for i in 0..<features.count where !body(i) { return }
            return
        }
        for i in large where !body(Int(i)) { return }
        // p's own cell: a feature that can pass the screen is listed in
        // every cell its box widened by the screen's reach overlaps, and p
        // lies in that widened box.
        let fx = (p.x - origin.x) / cellX, fy = (p.y - origin.y) / cellY
        // Outside the grid (or not a number): no gridded feature is near.
        guard fx >= 0, fy >= 0, fx < Double(nx), fy < Double(ny) else { return }
        // In 0..<n, where converting to Int rounds down (with no call to
        // `floor`, which `rounded(.down)` makes here).
        let c = Int(fy) * nx + Int(fx)
        for k in Int(cellStart[c])..<Int(cellStart[c + 1]) where !body(Int(cellItems[k])) { return }
    }

    /// Whether feature `i` counts on `day` and passes a cheap screen: a
    /// lower bound on the distance to the shape's bounding box, with scales
    /// no larger than the true ones and a 2 % + 10 ft margin, so no shape
    /// within the buffer is ever screened out.
    @inline(__always)
    private func passesScreen(_ i: Int, _ p: Point, _ day: Int) -> Bool {
        let f = features[i]
        if f.opened >= day { return false }
        let gx = max(0, f.min.x - p.x, p.x - f.max.x) * screenScale.lon
        if gx > screenFeet { return false }
        let gy = max(0, f.min.y - p.y, p.y - f.max.y) * screenScale.lat
        return !(gy > screenFeet || gx * gx + gy * gy > screenFeet * screenFeet)
    }

    /// Every feature within the radius, nearest first (ties by index): a
    /// plain scan, for reports (the §14103(i)(3) review list).
    public func allWithin(_ p: Point, date: Int? = nil) -> [(index: Int, feet: Double)] {
        guard radiusFeet > 0 else { return [] }
        let day = date ?? Int.max
        var hits: [(index: Int, feet: Double)] = []
        for i in shapes.indices where features[i].opened < day {
            let d = model.feet(p, shapes[i])
            if d <= radiusFeet { hits.append((i, d)) }
        }
        return hits.sorted { ($0.feet, $0.index) < ($1.feet, $1.index) }
    }
}
