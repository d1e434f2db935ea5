import AllocSim

/// A sweep's sensitivity analysis on disk and in the report: `design.csv`
/// (what each cell is in the Sobol or Morris design) and `sensitivity.csv`
/// (`metric,parameter,index,estimate,ci_low,ci_high`).
///
/// The indices are always computed from the written files — the design as
/// `design.csv` reads back and each cell's mean as `results.csv` prints it —
/// so one sweep, its shards merged, or a resumed sweep give the same bytes.
public enum SensitivityTables {
    public static let header = ["metric", "parameter", "index", "estimate", "ci_low", "ci_high"]

    public static func design(_ d: SensitivityDesign) -> CSVTable {
        var t = CSVTable(header: ["cell", "method", "sample", "block", "parameter", "step"])
        for (k, row) in d.rows.enumerated() {
            t.rows.append([String(k + 1), d.method.rawValue, String(row.sample), row.block,
                           row.parameter.map { d.parameters[$0].key } ?? "", FixedFormat.decimal(row.step, digits: 15)])
        }
        return t
    }

    /// `design.csv` read back, for the estimators (the parameters' kinds
    /// are not needed there: each Morris step carries its own size).
    public static func parseDesign(_ text: String, keys: [String]) -> SensitivityDesign? {
        let t = CSVTable.parse(text)
        guard t.header == ["cell", "method", "sample", "block", "parameter", "step"], let first = t.rows.first,
              let method = SensitivityDesign.Method(rawValue: first[1]) else { return nil }
        var rows: [SensitivityDesign.Row] = []
        for (k, r) in t.rows.enumerated() {
            guard r.count == 6, r[0] == String(k + 1), r[1] == method.rawValue, let sample = Int(r[2]),
                  let step = Double(r[5]), step.isFinite else { return nil }
            var parameter: Int?
            if !r[4].isEmpty {
                guard let i = keys.firstIndex(of: r[4]) else { return nil }
                parameter = i
            }
            switch method {
            case .sobol: guard ["A", "B", "AB"].contains(r[3]), (r[3] == "AB") == (parameter != nil) else { return nil }
            case .morris: guard Int(r[3]) != nil, (r[3] != "0") == (parameter != nil) else { return nil }
            }
            rows.append(SensitivityDesign.Row(sample: sample, block: r[3], parameter: parameter, step: step))
        }
        let parameters = keys.map { SensitivityParameter(key: $0, kind: .levels([$0])) }
        return SensitivityDesign(method: method, parameters: parameters, rows: rows, points: [])
    }

    /// The indices of every metric that every cell reports and that varies.
    public static func sensitivity(_ d: SensitivityDesign, results: CSVTable, seed: UInt64) -> CSVTable {
        var order: [String] = []
        var means: [String: [Int: Double]] = [:]
        for r in results.rows {
            guard let cell = Int(r[0]), let mean = Double(r[SweepTables.meanColumn]) else { continue }
            if means[r[1]] == nil { order.append(r[1]) }
            means[r[1], default: [:]][cell] = mean
        }
        var t = CSVTable(header: header)
        for metric in order {
            let byCell = means[metric]!
            guard byCell.count == d.rows.count else { continue }
            let y = (1...d.rows.count).map { byCell[$0]! }
            for i in SensitivityAnalysis.indices(d, y, seed: seed) {
                t.rows.append([metric, d.parameters[i.parameter].key, i.index, CSVNumber.stat(i.estimate),
                               i.low.isNaN ? "" : CSVNumber.stat(i.low), i.high.isNaN ? "" : CSVNumber.stat(i.high)])
            }
        }
        return t
    }

    /// The report section: per headline metric, the parameters ranked by
    /// total-order index (Sobol) or μ* (Morris), with 95% intervals.
    public static func section(_ table: CSVTable, metrics: [String]) -> String {
        let ranked = table.rows.contains { $0[2] == "ST" } ? "ST" : "mu_star"
        var out = "<h2>Which parameters matter</h2>\n<p class=muted>"
        out += ranked == "ST"
            ? "Total-order Sobol indices: the share of the metric's variance across the design that involves each parameter, "
                + "alone or with others (Jansen's estimator, Saltelli sampling); bars are estimates, whiskers 95% bootstrap intervals. "
                + "sensitivity.csv also has the first-order indices (S1).</p>\n"
            : "Morris screening: μ*, the mean absolute change of the metric per full range of each parameter, one parameter at a time; "
                + "whiskers are 95% bootstrap intervals. sensitivity.csv also has μ and σ (a large σ means interactions or curvature).</p>\n"
        var any = false
        for metric in metrics {
            let rows = table.rows.filter { $0[0] == metric && $0[2] == ranked }.compactMap { r -> (String, Double, Double, Double)? in
                guard let e = Double(r[3]) else { return nil }
                return (r[1], e, Double(r[4]) ?? e, Double(r[5]) ?? e)
            }.sorted { $0.1 > $1.1 }
            guard !rows.isEmpty else { continue }
            any = true
            out += "<h3>\(HTML.escape(MetricLabel.label(metric))) <span class=muted>(\(HTML.escape(metric)))</span></h3>\n"
            out += bars(rows, title: "\(ranked) of \(metric) by parameter", unitScale: ranked == "ST")
        }
        return any ? out : out + "<p>No headline metric varied across the design.</p>\n"
    }

    static func bars(_ rows: [(String, Double, Double, Double)], title: String, unitScale: Bool) -> String {
        let rowHeight = 20.0, labelWidth = 230.0, plotWidth = 360.0
        let top = unitScale ? 1.0 : max(1e-12, rows.map { max($0.1, $0.3) }.max()!)
        let height = Double(rows.count) * rowHeight + 36
        func x(_ v: Double) -> Double { labelWidth + min(1, max(0, v / top)) * plotWidth }
        func f(_ v: Double) -> String { FixedFormat.decimal(v, digits: 1) }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(Int(labelWidth + plotWidth + 90))\" "
            + "height=\"\(Int(height))\" aria-label=\"\(HTML.escape(title))\"><title>\(HTML.escape(title))</title>\n"
        for tick in [0.0, 0.5, 1.0] {
            s += "<line x1=\"\(f(x(tick * top)))\" y1=\"6\" x2=\"\(f(x(tick * top)))\" y2=\"\(f(height - 22))\" stroke=\"#ddd\"/>"
            s += "<text x=\"\(f(x(tick * top)))\" y=\"\(f(height - 8))\" text-anchor=\"middle\">\(FixedFormat.compact(tick * top, maxDigits: 3))</text>\n"
        }
        for (i, r) in rows.enumerated() {
            let y = 6 + Double(i) * rowHeight
            s += "<text x=\"\(f(labelWidth - 6))\" y=\"\(f(y + 13))\" text-anchor=\"end\">\(HTML.escape(r.0))</text>"
            s += "<rect x=\"\(f(labelWidth))\" y=\"\(f(y + 4))\" width=\"\(f(x(r.1) - labelWidth))\" height=\"12\" fill=\"#4a78b5\"/>"
            s += "<line x1=\"\(f(x(r.2)))\" y1=\"\(f(y + 10))\" x2=\"\(f(x(r.3)))\" y2=\"\(f(y + 10))\" stroke=\"#222\" stroke-width=\"1.5\"/>"
            s += "<text x=\"\(f(labelWidth + plotWidth + 6))\" y=\"\(f(y + 13))\">\(FixedFormat.compact(r.1, maxDigits: 3))</text>\n"
        }
        return s + "</svg>\n"
    }
}
