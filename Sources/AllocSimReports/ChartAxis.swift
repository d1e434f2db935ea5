import AllocSim

/// Axis arithmetic for the reports' charts: "nice" tick values (steps of
/// 1, 2 or 5 × 10^k) and labels short enough to fit, with a text-width
/// estimate so a chart can size its margins and tests can check that no
/// label leaves the picture or overlaps its neighbour.
public enum ChartAxis {
    /// About `count` ticks spanning [lo, hi], at multiples of a nice step;
    /// the first at or below `lo`, the last at or above `hi`.
    public static func ticks(_ lo: Double, _ hi: Double, count: Int = 5) -> [Double] {
        guard lo.isFinite, hi.isFinite else { return [0] }
        var a = min(lo, hi), b = max(lo, hi)
        if a == b { a -= a == 0 ? 1 : abs(a) * 0.1; b += b == 0 ? 1 : abs(b) * 0.1 }
        let raw = (b - a) / Double(max(1, count - 1))
        let magnitude = pow10(floorLog10(raw))
        let step = [1.0, 2.0, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let first = (a / step).rounded(.down) * step, last = (b / step).rounded(.up) * step
        var out: [Double] = []
        var k = 0.0
        // Round away binary noise (3 × 0.1 = 0.30000000000000004) at the
        // step's decimal places.
        let scale = pow10(max(0, 1 - floorLog10(step)))
        while first + k * step <= last + step * 1e-9 && out.count < 50 {
            let v = ((first + k * step) * scale).rounded() / scale
            out.append(abs(v) < step * 1e-9 ? 0 : v)
            k += 1
        }
        return out
    }

    static func floorLog10(_ v: Double) -> Int {
        var e = 0, x = v
        while x >= 10 { x /= 10; e += 1 }
        while x < 1 && x > 0 { x *= 10; e -= 1 }
        return e
    }

    static func pow10(_ e: Int) -> Double {
        var r = 1.0
        for _ in 0..<abs(e) { r *= 10 }
        return e < 0 ? 1 / r : r
    }

    /// A tick label: whole numbers with thousands separators, large ones
    /// shortened (1.75M, 12k), small ones with the digits the step needs.
    public static func label(_ v: Double, step: Double) -> String {
        let a = abs(v)
        let sign = v < 0 ? "−" : ""
        if a >= 1_000_000 { return sign + FixedFormat.compact(a / 1_000_000, maxDigits: 2) + "M" }
        if a >= 10_000 { return sign + FixedFormat.compact(a / 1000, maxDigits: 1) + "k" }
        let digits = step >= 1 ? 0 : min(6, -floorLog10(step))
        let text = FixedFormat.compact(a, maxDigits: digits)
        return sign + (a >= 1000 && digits == 0 ? FixedFormat.dollars(a).dropFirst().description : text)
    }

    /// Estimated width in pixels of `text` at `fontSize` (an average glyph
    /// of 0.6 em: generous for digits and most Latin text).
    public static func width(_ text: String, fontSize: Double = 11) -> Double {
        Double(text.count) * fontSize * 0.6
    }
}

/// A piece of text placed in an SVG, with its estimated bounding box.
public struct ChartText: Sendable, Hashable {
    public enum Anchor: String, Sendable { case start, middle, end }
    public var x: Double
    public var y: Double
    public var anchor: Anchor
    public var text: String
    public var fontSize = 11.0

    public typealias Box = (minX: Double, maxX: Double, minY: Double, maxY: Double)

    public var box: Box {
        let w = ChartAxis.width(text, fontSize: fontSize)
        let left = anchor == .start ? x : (anchor == .middle ? x - w / 2 : x - w)
        return (left, left + w, y - fontSize, y + fontSize * 0.25)
    }

    public func overlaps(_ o: ChartText) -> Bool { ChartText.overlap(box, o.box) }

    /// Whether two boxes share interior points (touching edges do not).
    static func overlap(_ a: Box, _ b: Box) -> Bool {
        a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY
    }

    var svg: String {
        "<text x=\"\(FixedFormat.decimal(x, digits: 1))\" y=\"\(FixedFormat.decimal(y, digits: 1))\" "
            + "text-anchor=\"\(anchor.rawValue)\">\(HTML.escape(text))</text>"
    }
}
