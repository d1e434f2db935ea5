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
        for (i, name) in runner.layout.names.enumerated() where acc.metric(i).count > 0 {
            t.rows.append(BatchTables.statRow(name, acc.metric(i).summary))
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

    var places: SweepPlaces { SweepPlaces(runner.prepared.scenario) }

    /// `villages.csv`: each village's chance of at least one award, with a
    /// 95% Wilson interval, and its mean awards, per type.
    public var villages: CSVTable { BatchTables.villages(places, acc, types: offeredTypes) }

    /// `chaas.csv`: the same per CHAA.
    public var chaas: CSVTable { BatchTables.chaas(places, acc, types: offeredTypes) }

    /// `applications.csv`: each explicit application's chance of an award
    /// (with a 95% Wilson interval) and of a lottery deciding it.
    public var applications: CSVTable? { BatchTables.applications(places, acc) }

    public static let villagesHeader = ["type", "chaa", "village", "patients", "p_award", "ci_low", "ci_high", "mean_awards"]
    public static let chaasHeader = ["type", "chaa", "patients", "p_award", "ci_low", "ci_high", "mean_awards"]
    public static let applicationsHeader = ["id", "p_award", "ci_low", "ci_high", "p_lottery"]

    static func meanPatients(_ total: Int, _ acc: BatchAccumulator) -> String {
        FixedFormat.compact(Double(total) / Double(max(1, acc.replicates)), maxDigits: 6)
    }

    /// `villages.csv` from the places and an accumulator (a sweep cell's
    /// state has no runner).
    public static func villages(_ p: SweepPlaces, _ acc: BatchAccumulator, types: [CertificateType]) -> CSVTable {
        var t = CSVTable(header: villagesHeader)
        let any = acc.villageAnyAward, awards = acc.villageAwards   // each read builds the rows
        for type in types {
            for v in p.villageNames.indices {
                let w = WilsonInterval(successes: any[type.index][v], trials: acc.replicates)
                t.rows.append([type.rawValue, p.chaaNames[p.villageCHAA[v]], p.villageNames[v],
                               meanPatients(acc.villagePatients[v], acc),
                               CSVNumber.stat(w.estimate), CSVNumber.stat(w.low), CSVNumber.stat(w.high),
                               CSVNumber.stat(Double(awards[type.index][v]) / Double(acc.replicates))])
            }
        }
        return t
    }

    public static func chaas(_ p: SweepPlaces, _ acc: BatchAccumulator, types: [CertificateType]) -> CSVTable {
        var t = CSVTable(header: chaasHeader)
        let members = p.chaaVillages
        let any = acc.chaaAnyAward, awards = acc.chaaAwards   // each read builds the rows
        for type in types {
            for c in p.chaaNames.indices {
                let patients = members[c].reduce(0) { $0 + acc.villagePatients[$1] }
                let w = WilsonInterval(successes: any[type.index][c], trials: acc.replicates)
                t.rows.append([type.rawValue, p.chaaNames[c], meanPatients(patients, acc),
                               CSVNumber.stat(w.estimate), CSVNumber.stat(w.low), CSVNumber.stat(w.high),
                               CSVNumber.stat(Double(awards[type.index][c]) / Double(acc.replicates))])
            }
        }
        return t
    }

    public static func applications(_ p: SweepPlaces, _ acc: BatchAccumulator) -> CSVTable? {
        guard !p.applicationIDs.isEmpty else { return nil }
        var t = CSVTable(header: applicationsHeader)
        for (i, id) in p.applicationIDs.enumerated() {
            let w = WilsonInterval(successes: acc.applicationAwarded[i], trials: acc.replicates)
            t.rows.append([id, CSVNumber.stat(w.estimate), CSVNumber.stat(w.low), CSVNumber.stat(w.high),
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
