import AllocSim

/// The CSV outputs of `allocsim compare` (SPEC §6): paired differences on
/// common random numbers, tidy, one row per metric, place or application.
public struct ComparisonTables {
    public let runner: ComparisonRunner
    public let acc: ComparisonAccumulator

    public init(runner: ComparisonRunner, accumulator: ComparisonAccumulator) {
        self.runner = runner
        self.acc = accumulator
    }

    public static let differencesHeader = ["metric", "baseline", "reform", "difference", "ci_low", "ci_high",
                                           "p_higher", "p_lower"]

    /// A side's mean of metric `name`, if that side has it.
    func mean(_ side: BatchAccumulator, _ r: BatchRunner, _ name: String) -> Double? {
        if let i = r.layout.names.firstIndex(of: name) { return side.metric(i).summary.mean }
        if let i = r.plantMetricNames.firstIndex(of: name) { return side.plantMetrics[i].summary.mean }
        return nil
    }

    /// One metric's paired difference: the mean, its 95% interval (normal,
    /// from the differences' own spread) and the shares higher and lower.
    public struct Difference: Sendable {
        public var metric: String
        public var baseline: Double?
        public var reform: Double?
        public var mean: Double
        public var low: Double
        public var high: Double
        public var pHigher: Double
        public var pLower: Double
        public var pairs: Int
    }

    public var differenceRows: [Difference] {
        runner.metricNames.indices.compactMap { m in
            let h = acc.differences[m]
            guard h.count > 0 else { return nil }
            let s = h.summary
            let half = WilsonInterval.z95 * s.mcse
            let n = Double(h.count)
            return Difference(metric: runner.metricNames[m], baseline: mean(acc.baseline, runner.baseline, runner.metricNames[m]),
                              reform: mean(acc.reform, runner.reform, runner.metricNames[m]),
                              mean: s.mean, low: s.mean - half, high: s.mean + half,
                              pHigher: Double(acc.higher[m]) / n, pLower: Double(acc.lower[m]) / n, pairs: h.count)
        }
    }

    public var differences: CSVTable {
        var t = CSVTable(header: ComparisonTables.differencesHeader)
        for d in differenceRows {
            t.rows.append([d.metric, d.baseline.map(CSVNumber.stat) ?? "", d.reform.map(CSVNumber.stat) ?? "",
                           CSVNumber.stat(d.mean), CSVNumber.stat(d.low), CSVNumber.stat(d.high),
                           CSVNumber.stat(d.pHigher), CSVNumber.stat(d.pLower)])
        }
        return t
    }

    var offeredTypes: [CertificateType] {
        CertificateType.allCases.filter {
            runner.baseline.prepared.round.certificates[$0.index] != nil || runner.reform.prepared.round.certificates[$0.index] != nil
        }
    }

    static let shareHeader = ["p_award_baseline", "p_award_reform", "change", "ci_low", "ci_high"]

    func share(_ b: Int, _ r: Int, gained: Int, lost: Int) -> [String] {
        let n = Double(max(1, acc.replicates))
        let c = PairedShareChange(gained: gained, lost: lost, replicates: acc.replicates)
        return [CSVNumber.stat(Double(b) / n), CSVNumber.stat(Double(r) / n), CSVNumber.stat(c.change),
                CSVNumber.stat(c.low), CSVNumber.stat(c.high)]
    }

    /// Per type × village: the chance of at least one award on each side
    /// and its paired change.
    public var villages: CSVTable {
        let t = runner.baseline.prepared.territory
        var table = CSVTable(header: ["type", "chaa", "village"] + ComparisonTables.shareHeader)
        let baseline = acc.baseline.villageAnyAward, reform = acc.reform.villageAnyAward   // each read builds the rows
        for type in offeredTypes {
            let k = type.index
            for v in 0..<t.villageCount {
                table.rows.append([type.rawValue, t.chaaNames[t.villageCHAA[v]], t.villageNames[v]]
                    + share(baseline[k][v], reform[k][v],
                            gained: acc.villageGained[k][v], lost: acc.villageLost[k][v]))
            }
        }
        return table
    }

    public var chaas: CSVTable {
        let t = runner.baseline.prepared.territory
        var table = CSVTable(header: ["type", "chaa"] + ComparisonTables.shareHeader)
        let baseline = acc.baseline.chaaAnyAward, reform = acc.reform.chaaAnyAward   // each read builds the rows
        for type in offeredTypes {
            let k = type.index
            for c in 0..<t.chaaCount {
                table.rows.append([type.rawValue, t.chaaNames[c]]
                    + share(baseline[k][c], reform[k][c],
                            gained: acc.chaaGained[k][c], lost: acc.chaaLost[k][c]))
            }
        }
        return table
    }

    public var applications: CSVTable? {
        let apps = runner.baseline.prepared.scenario.applications.explicit
        guard !apps.isEmpty else { return nil }
        var table = CSVTable(header: ["id"] + ComparisonTables.shareHeader)
        for (i, a) in apps.enumerated() {
            table.rows.append([a.id] + share(acc.baseline.applicationAwarded[i], acc.reform.applicationAwarded[i],
                                             gained: acc.applicationGained[i], lost: acc.applicationLost[i]))
        }
        return table
    }

    public var files: [(String, String)] {
        var out = [("differences.csv", differences.text), ("villages.csv", villages.text), ("chaas.csv", chaas.text)]
        if let a = applications { out.append(("applications.csv", a.text)) }
        return out
    }
}
