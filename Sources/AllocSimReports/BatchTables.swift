import AllocSim

/// The CSV outputs of `allocsim run` (SPEC §6), from a batch's exact
/// accumulators; every number is printed with a fixed rule.
public struct BatchTables {
    public let runner: BatchRunner
    public let acc: BatchAccumulator

    public init(runner: BatchRunner, accumulator: BatchAccumulator) {
        self.runner = runner
        self.acc = accumulator
    }

    public static let summaryHeader = ["metric", "mean", "sd", "p05", "p50", "p95", "mcse"]

    static func statRow(_ name: String, _ s: MetricSummary) -> [String] {
        [name] + [s.mean, s.sd, s.p05, s.p50, s.p95, s.mcse].map(CSVNumber.stat)
    }

    /// `summary.csv`: every scalar metric's mean, sd, percentiles and MCSE.
    public var summary: CSVTable {
        var t = CSVTable(header: BatchTables.summaryHeader)
        for (i, name) in runner.layout.names.enumerated() where acc.metrics[i].count > 0 {
            t.rows.append(BatchTables.statRow(name, acc.metrics[i].summary))
        }
        return t
    }

    /// `fees.csv`: the plant-tag metrics, same columns as the summary.
    public var fees: CSVTable? {
        let names = runner.plantMetricNames
        guard !names.isEmpty else { return nil }
        var t = CSVTable(header: BatchTables.summaryHeader)
        for (i, name) in names.enumerated() { t.rows.append(BatchTables.statRow(name, acc.plantMetrics[i].summary)) }
        return t
    }

    var offeredTypes: [CertificateType] {
        CertificateType.allCases.filter { runner.prepared.round.certificates[$0.index] != nil }
    }

    func meanPatients(_ total: Int) -> String {
        FixedFormat.compact(Double(total) / Double(max(1, acc.replicates)), maxDigits: 6)
    }

    /// `villages.csv`: each village's chance of at least one award, with a
    /// 95% Wilson interval, and its mean awards, per type.
    public var villages: CSVTable {
        let ter = runner.prepared.territory
        var t = CSVTable(header: ["type", "chaa", "village", "patients", "p_award", "ci_low", "ci_high", "mean_awards"])
        for type in offeredTypes {
            for v in 0..<ter.villageCount {
                let w = WilsonInterval(successes: acc.villageAnyAward[type.index][v], trials: acc.replicates)
                t.rows.append([type.rawValue, ter.chaaNames[ter.villageCHAA[v]], ter.villageNames[v],
                               meanPatients(acc.villagePatients[v]),
                               CSVNumber.stat(w.estimate), CSVNumber.stat(w.low), CSVNumber.stat(w.high),
                               CSVNumber.stat(Double(acc.villageAwards[type.index][v]) / Double(acc.replicates))])
            }
        }
        return t
    }

    /// `chaas.csv`: the same per CHAA.
    public var chaas: CSVTable {
        let ter = runner.prepared.territory
        var t = CSVTable(header: ["type", "chaa", "patients", "p_award", "ci_low", "ci_high", "mean_awards"])
        for type in offeredTypes {
            for c in 0..<ter.chaaCount {
                let patients = ter.chaaVillages[c].reduce(0) { $0 + acc.villagePatients[$1] }
                let w = WilsonInterval(successes: acc.chaaAnyAward[type.index][c], trials: acc.replicates)
                t.rows.append([type.rawValue, ter.chaaNames[c], meanPatients(patients),
                               CSVNumber.stat(w.estimate), CSVNumber.stat(w.low), CSVNumber.stat(w.high),
                               CSVNumber.stat(Double(acc.chaaAwards[type.index][c]) / Double(acc.replicates))])
            }
        }
        return t
    }

    /// `applications.csv`: each explicit application's chance of an award
    /// (with a 95% Wilson interval) and of a lottery deciding it.
    public var applications: CSVTable? {
        let apps = runner.prepared.scenario.applications.explicit
        guard !apps.isEmpty else { return nil }
        var t = CSVTable(header: ["id", "p_award", "ci_low", "ci_high", "p_lottery"])
        for (i, a) in apps.enumerated() {
            let w = WilsonInterval(successes: acc.applicationAwarded[i], trials: acc.replicates)
            t.rows.append([a.id, CSVNumber.stat(w.estimate), CSVNumber.stat(w.low), CSVNumber.stat(w.high),
                           CSVNumber.stat(Double(acc.applicationLottery[i]) / Double(acc.replicates))])
        }
        return t
    }

    /// Every CSV of the batch, by file name.
    public var files: [(String, String)] {
        var out = [("summary.csv", summary.text), ("villages.csv", villages.text), ("chaas.csv", chaas.text)]
        if let a = applications { out.append(("applications.csv", a.text)) }
        if let f = fees { out.append(("fees.csv", f.text)) }
        return out
    }
}
