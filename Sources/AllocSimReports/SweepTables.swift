import AllocSim

/// The tidy outputs of a sweep: `cells.csv` (a row per cell with its
/// parameter values) and `results.csv` (a row per cell and metric), long
/// form so R, pandas and DuckDB read them directly.
public enum SweepTables {
    public static let resultsHeader = ["cell", "metric", "mean", "sd", "p05", "p50", "p95", "mcse"]

    public static func cells(_ plan: SweepPlan) -> CSVTable {
        CSVTable(header: ["cell"] + plan.keys, rows: plan.cells.enumerated().map { [String($0.offset + 1)] + $0.element })
    }

    /// The result rows of one complete cell, metrics in the batch's order.
    public static func rows(cell: Int, _ s: BatchAccumulator.State) -> [[String]] {
        let acc = s.accumulator
        var out: [[String]] = []
        for (i, name) in s.metricNames.enumerated() where acc.metrics[i].count > 0 {
            out.append([String(cell)] + BatchTables.statRow(name, acc.metrics[i].summary))
        }
        for (i, name) in s.plantNames.enumerated() where acc.plantMetrics[i].count > 0 {
            out.append([String(cell)] + BatchTables.statRow(name, acc.plantMetrics[i].summary))
        }
        return out
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
