extension Polygon {
    /// The first pair of non-adjacent edges that touch or cross (as the
    /// indices of their starting vertices), or nil for a simple polygon.
    ///
    /// Edges are swept in order of their leftmost x; each is tested only
    /// against earlier edges whose x-extent still overlaps it, so a
    /// polygon of ordinary shape costs about O(n log n).
    /// - Complexity: O(n²) in the worst case (every edge spanning the same x).
    public func firstCrossing() -> (Int, Int)? {
        let n = vertices.count
        guard n > 3 else { return nil }
        func edge(_ i: Int) -> (Point, Point) { (vertices[i], vertices[(i + 1) % n]) }
        let order = (0..<n).sorted {
            Swift.min(vertices[$0].x, vertices[($0 + 1) % n].x) < Swift.min(vertices[$1].x, vertices[($1 + 1) % n].x)
        }
        var active: [Int] = []
        for i in order {
            let (a, b) = edge(i)
            let left = Swift.min(a.x, b.x)
            active.removeAll { j in
                let (c, d) = edge(j)
                return Swift.max(c.x, d.x) < left
            }
            for j in active {
                let adjacent = (i + 1) % n == j || (j + 1) % n == i
                let (c, d) = edge(j)
                if adjacent {
                    // Neighbours share a vertex; they overlap only if collinear and folded back.
                    if Polygon.orientation(a, b, c) == 0 && Polygon.orientation(a, b, d) == 0
                        && Polygon.foldsBack(a, b, c, d) { return (Swift.min(i, j), Swift.max(i, j)) }
                    continue
                }
                if Polygon.segmentsTouch(a, b, c, d) { return (Swift.min(i, j), Swift.max(i, j)) }
            }
            active.append(i)
        }
        return nil
    }

    /// The sign of the turn a → b → c: 1 left, -1 right, 0 collinear.
    static func orientation(_ a: Point, _ b: Point, _ c: Point) -> Int {
        let v = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
        return v > 0 ? 1 : (v < 0 ? -1 : 0)
    }

    static func onSegment(_ a: Point, _ b: Point, _ p: Point) -> Bool {
        Swift.min(a.x, b.x) <= p.x && p.x <= Swift.max(a.x, b.x) && Swift.min(a.y, b.y) <= p.y && p.y <= Swift.max(a.y, b.y)
    }

    /// Whether segments ab and cd share any point.
    static func segmentsTouch(_ a: Point, _ b: Point, _ c: Point, _ d: Point) -> Bool {
        let o1 = orientation(a, b, c), o2 = orientation(a, b, d)
        let o3 = orientation(c, d, a), o4 = orientation(c, d, b)
        if o1 != o2 && o3 != o4 && o1 != 0 && o2 != 0 && o3 != 0 && o4 != 0 { return true }
        if o1 == 0 && onSegment(a, b, c) { return true }
        if o2 == 0 && onSegment(a, b, d) { return true }
        if o3 == 0 && onSegment(c, d, a) { return true }
        if o4 == 0 && onSegment(c, d, b) { return true }
        return false
    }

    /// For collinear adjacent edges ab and cd sharing a vertex: whether
    /// they run back over each other (a spike of zero width).
    static func foldsBack(_ a: Point, _ b: Point, _ c: Point, _ d: Point) -> Bool {
        let shared = a == c || a == d ? a : b
        let p = a == shared ? b : a
        let q = c == shared ? d : c
        return (p.x - shared.x) * (q.x - shared.x) + (p.y - shared.y) * (q.y - shared.y) > 0
    }
}
