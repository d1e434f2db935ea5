import AllocSim

/// The tidy outputs of a sweep: `cells.csv` (a row per cell with its
/// parameter values) and `results.csv` (a row per cell and metric), long
/// form so R, pandas and DuckDB read them directly.
public enum SweepTables {
    /// `metric` is the dotted name (the key `sensitivity.csv` and the report
    /// use); `measure` … `reason` are its dimensions, empty where they do
    /// not apply.
    public static let resultsHeader = ["cell", "metric"] + MetricDimensions.header
        + ["mean", "sd", "p05", "p50", "p95", "mcse"]
    /// Where `mean` sits in a results row.
    public static let meanColumn = resultsHeader.firstIndex(of: "mean")!

    public static func cells(_ plan: SweepPlan) -> CSVTable {
        CSVTable(header: ["cell"] + plan.keys, rows: plan.cells.enumerated().map { [String($0.offset + 1)] + $0.element })
    }

    /// `parameters.csv`: the cells in long form (`cell,parameter,value`), so
    /// tools that choke on dotted column names read them as values.
    public static func parameters(_ plan: SweepPlan) -> CSVTable {
        var t = CSVTable(header: ["cell", "parameter", "value"])
        for (i, cell) in plan.cells.enumerated() {
            for (key, value) in zip(plan.keys, cell) { t.rows.append([String(i + 1), key, value]) }
        }
        return t
    }

    /// The result rows of one complete cell, metrics in the batch's order.
    public static func rows(cell: Int, _ s: BatchAccumulator.State) -> [[String]] {
        let acc = s.accumulator
        var out: [[String]] = []
        func row(_ name: String, _ summary: MetricSummary) -> [String] {
            let stat = BatchTables.statRow(name, summary)
            return [String(cell), name] + MetricDimensions(name).row + stat.dropFirst()
        }
        for (i, name) in s.metricNames.enumerated() where acc.metric(i).count > 0 { out.append(row(name, acc.metric(i).summary)) }
        for (i, name) in s.plantNames.enumerated() where acc.plantMetrics[i].count > 0 { out.append(row(name, acc.plantMetrics[i].summary)) }
        return out
    }

    /// One cell's rows of the per-level tables (`villages.csv`, `chaas.csv`,
    /// `applications.csv`), each row led by the cell.
    public static func levelRows(cell: Int, _ s: BatchAccumulator.State, places: SweepPlaces) -> [[[String]]] {
        let types = CertificateType.allCases.filter { s.metricNames.contains("awards.\($0.rawValue)") }
        let c = String(cell)
        return [BatchTables.villages(places, s.accumulator, types: types).rows.map { [c] + $0 },
                BatchTables.chaas(places, s.accumulator, types: types).rows.map { [c] + $0 },
                (BatchTables.applications(places, s.accumulator)?.rows ?? []).map { [c] + $0 }]
    }

    /// The per-level tables' names and headers, in `levelRows` order.
    public static func levelFiles(_ places: SweepPlaces) -> [(name: String, header: [String])] {
        var out = [("villages.csv", ["cell"] + BatchTables.villagesHeader), ("chaas.csv", ["cell"] + BatchTables.chaasHeader)]
        if !places.applicationIDs.isEmpty { out.append(("applications.csv", ["cell"] + BatchTables.applicationsHeader)) }
        return out
    }

    /// `places.csv`: the CHAAs, villages and explicit applications every
    /// cell shares, so `merge` can label the per-level tables.
    public static func places(_ p: SweepPlaces) -> CSVTable {
        var t = CSVTable(header: ["level", "name", "chaa"])
        for c in p.chaaNames { t.rows.append(["chaa", c, ""]) }
        for (v, name) in p.villageNames.enumerated() { t.rows.append(["village", name, p.chaaNames[p.villageCHAA[v]]]) }
        for id in p.applicationIDs { t.rows.append(["application", id, ""]) }
        return t
    }

    public static func parsePlaces(_ text: String) -> SweepPlaces? {
        let t = CSVTable.parse(text)
        guard t.header == ["level", "name", "chaa"] else { return nil }
        var p = SweepPlaces(chaaNames: [], villageNames: [], villageCHAA: [], applicationIDs: [])
        for r in t.rows {
            guard r.count == 3 else { return nil }
            switch r[0] {
            case "chaa": p.chaaNames.append(r[1])
            case "village":
                guard let c = p.chaaNames.firstIndex(of: r[2]) else { return nil }
                p.villageNames.append(r[1])
                p.villageCHAA.append(c)
            case "application": p.applicationIDs.append(r[1])
            default: return nil
            }
        }
        return p
    }

    /// Merges the states of each cell; cells whose ranges cover exactly
    /// `0..<replicates` are complete. Fails on overlapping ranges.
    public static func complete(_ states: [(cell: Int, range: Range<Int>, state: BatchAccumulator.State)],
                                replicates: Int) -> (complete: [Int: BatchAccumulator.State], partial: [Int], overlap: [Int]) {
        var byCell: [Int: [(range: Range<Int>, state: BatchAccumulator.State)]] = [:]
        for s in states { byCell[s.cell, default: []].append((s.range, s.state)) }
        var complete: [Int: BatchAccumulator.State] = [:]
        var partial: [Int] = [], overlap: [Int] = []
        for (cell, parts) in byCell {
            let sorted = parts.sorted { $0.range.lowerBound < $1.range.lowerBound }
            var at = 0
            var ok = true
            for p in sorted {
                if p.range.lowerBound < at { ok = false; overlap.append(cell); break }
                if p.range.lowerBound > at { ok = false }
                at = p.range.upperBound
            }
            guard ok, at == replicates, var merged = sorted.first?.state else {
                if !overlap.contains(cell) { partial.append(cell) }
                continue
            }
            for p in sorted.dropFirst() { merged.accumulator.merge(p.state.accumulator) }
            complete[cell] = merged
        }
        return (complete, partial.sorted(), overlap.sorted())
    }

    /// `sensitivity.csv` from a sweep folder's `design.csv` (nil when the
    /// sweep has no sensitivity design or it does not read back).
    public static func sensitivity(_ designText: String?, keys: [String], results: CSVTable, seed: UInt64) -> CSVTable? {
        guard let text = designText, let design = SensitivityTables.parseDesign(text, keys: keys) else { return nil }
        return SensitivityTables.sensitivity(design, results: results, seed: seed)
    }

    /// `results.csv` for the complete cells, in cell order.
    public static func results(_ complete: [Int: BatchAccumulator.State]) -> CSVTable {
        CSVTable(header: resultsHeader, rows: complete.keys.sorted().flatMap { rows(cell: $0, complete[$0]!) })
    }
}
