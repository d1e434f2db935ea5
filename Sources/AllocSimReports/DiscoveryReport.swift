import AllocSim

/// `allocsim discover`: the PRIM trajectory as `boxes.csv` (a row per box
/// and parameter) and a report page.
public struct DiscoveryReport {
    public let sweep: String
    public let condition: String
    public let discovery: ScenarioDiscovery
    public let trajectory: [ScenarioDiscovery.Box]
    public let chosen: Int?

    public init(sweep: String, condition: String, discovery: ScenarioDiscovery, trajectory: [ScenarioDiscovery.Box], chosen: Int?) {
        self.sweep = sweep
        self.condition = condition
        self.discovery = discovery
        self.trajectory = trajectory
        self.chosen = chosen
    }

    static func number(_ v: Double) -> String { FixedFormat.compact(v, maxDigits: 6) }

    public var boxes: CSVTable {
        var t = CSVTable(header: ["step", "coverage", "density", "mass", "cells", "chosen", "parameter", "low", "high", "levels"])
        for (i, b) in trajectory.enumerated() {
            let lead = [String(i), CSVNumber.stat(b.coverage), CSVNumber.stat(b.density), CSVNumber.stat(b.mass), String(b.cells),
                        String(i == chosen)]
            for (k, limit) in b.limits.enumerated() {
                switch limit {
                case .range(let lo, let hi): t.rows.append(lead + [discovery.names[k], DiscoveryReport.number(lo), DiscoveryReport.number(hi), ""])
                case .levels(let kept): t.rows.append(lead + [discovery.names[k], "", "", CSVList.join(kept)])
                }
            }
        }
        return t
    }

    /// The limits of box `i` that differ from the full box, in words.
    public func restrictions(_ i: Int) -> [String] {
        let all = trajectory[0].limits, b = trajectory[i].limits
        return b.indices.compactMap { k in
            guard b[k] != all[k] else { return nil }
            switch b[k] {
            case .range(let lo, let hi): return "\(discovery.names[k]) from \(DiscoveryReport.number(lo)) to \(DiscoveryReport.number(hi))"
            case .levels(let kept): return "\(discovery.names[k]) in {\(kept.joined(separator: ", "))}"
            }
        }
    }

    public var html: String {
        let total = discovery.interesting.filter { $0 }.count
        var body = "<h1>Scenario discovery: where does \(HTML.escape(condition)) happen?</h1>\n"
        body += "<p class=muted>Sweep \(HTML.escape(sweep)): \(discovery.interesting.count) cells, \(total) of them with "
            + "\(HTML.escape(condition)) (on each cell's mean). PRIM (Friedman & Fisher, 1999) peels the box of parameter ranges "
            + "step by step, keeping the cells of interest in and the others out; coverage is the share of the cells of interest "
            + "inside a box, density the share of a box's cells that are of interest.</p>\n"
        if let c = chosen {
            let b = trajectory[c]
            let limits = restrictions(c)
            body += "<div class=summary><p>" + HTML.escape("The box at step \(c) holds \(b.cells) cells: \(FixedFormat.decimal(100 * b.density, digits: 0))% "
                + "of them show \(condition), and it holds \(FixedFormat.decimal(100 * b.coverage, digits: 0))% of all cells that do. "
                + (limits.isEmpty ? "It is the whole design: no parameter range concentrates the outcome."
                   : "Its limits: " + limits.joined(separator: "; ") + ".")) + "</p></div>\n"
        } else {
            body += "<div class=summary><p>No box keeps the coverage asked for.</p></div>\n"
        }
        body += "<h2>Peeling trajectory</h2>\n" + trajectoryChart()
        var t = CSVTable(header: ["step", "coverage", "density", "mass", "cells", "limits"])
        for (i, b) in trajectory.enumerated() {
            t.rows.append([String(i) + (i == chosen ? " (chosen)" : ""), CSVNumber.stat(b.coverage), CSVNumber.stat(b.density),
                           CSVNumber.stat(b.mass), String(b.cells), restrictions(i).joined(separator: "; ")])
        }
        body += HTML.table(t, numericFrom: 1)
        return HTML.page(title: "Scenario discovery — \(condition)", body: body)
    }

    /// Coverage (x) against density (y), one dot per box, the chosen one red.
    func trajectoryChart() -> String {
        let w = 420.0, h = 300.0, left = 50.0, top = 10.0
        func f(_ v: Double) -> String { FixedFormat.decimal(v, digits: 1) }
        func x(_ c: Double) -> Double { left + c * w }
        func y(_ d: Double) -> Double { top + (1 - d) * h }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(Int(left + w + 20))\" height=\"\(Int(top + h + 45))\" "
            + "aria-label=\"PRIM trajectory\"><title>PRIM trajectory: coverage against density</title>\n"
        for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
            s += "<line x1=\"\(f(x(tick)))\" y1=\"\(f(y(0)))\" x2=\"\(f(x(tick)))\" y2=\"\(f(y(1)))\" stroke=\"#eee\"/>"
            s += "<line x1=\"\(f(x(0)))\" y1=\"\(f(y(tick)))\" x2=\"\(f(x(1)))\" y2=\"\(f(y(tick)))\" stroke=\"#eee\"/>"
            s += "<text x=\"\(f(x(tick)))\" y=\"\(f(y(0) + 15))\" text-anchor=\"middle\">\(FixedFormat.compact(tick))</text>"
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(FixedFormat.compact(tick))</text>\n"
        }
        s += "<text x=\"\(f(x(0.5)))\" y=\"\(f(y(0) + 35))\" text-anchor=\"middle\">coverage</text>"
        s += "<text x=\"12\" y=\"\(f(y(0.5)))\" transform=\"rotate(-90 12 \(f(y(0.5))))\" text-anchor=\"middle\">density</text>\n"
        for (i, b) in trajectory.enumerated() {
            s += "<circle cx=\"\(f(x(b.coverage)))\" cy=\"\(f(y(b.density)))\" r=\"\(i == chosen ? 6 : 3.5)\" "
                + "fill=\"\(i == chosen ? "#c0392b" : "#4a78b5")\"><title>step \(i): coverage \(CSVNumber.stat(b.coverage)), "
                + "density \(CSVNumber.stat(b.density))</title></circle>\n"
        }
        return s + "</svg>\n"
    }
}
