import Synchronization

/// A scenario graded on the scorecard's measurable issues
/// (`ScorecardIssue`): fixed figures from the scenario's fees and plant-tag
/// rules, random ones from every replicate of its Monte Carlo batch.
///
/// A random issue's points are counted per replicate; `points` is the
/// points most replicates receive (ties go to the lower), with the range
/// beside it. Counts and per-chunk sums are combined in chunk order, so the
/// result is the same for any thread count.
public struct ScenarioScorecard: Sendable {
    public struct Row: Sendable, Hashable {
        public let issue: ScorecardIssue
        /// Mean figure over replicates (the figure itself when fixed); nil
        /// when the scenario does not state what the issue needs.
        public let figure: Double?
        /// The figure in words ("$150 a year", "3 dispensaries for 3 CHAAs").
        public let text: String
        /// Replicates per points value.
        public let counts: [Int: Int]
        public let points: Int?
        public let line: Int?

        public var minPoints: Int? { counts.keys.min() }
        public var maxPoints: Int? { counts.keys.max() }
        public var meanPoints: Double? {
            let n = counts.values.reduce(0, +)
            return n == 0 ? nil : Double(counts.reduce(0) { $0 + $1.key * $1.value }) / Double(n)
        }
        public var scored: Bool { points != nil }
    }

    public let rows: [Row]
    public let replicates: Int

    /// The fixed inputs: card and plant-set fees per year (§14102, §14108(a),
    /// RI §1.12), read once from the scenario.
    struct Fixed {
        let cards: RegistryCardFees
        let patientYear: Double
        let caregiverYear: Double
        let reducedYear: Double
        let reach: Double?
        let plantTags: PlantTagPolicy?
        let chaas: Int
        let registeredDispensaries: Int

        init(_ s: Scenario, territory: Territory) {
            cards = s.fees.registry?.cards ?? RegistryCardFees()
            // The least a grower holds is one set (RI §1.12 D.3), paid in full (F.1).
            let set = s.plantTags.map(\.feePerSet) ?? 0
            patientYear = cards.perYear(cards.patient) + set
            caregiverYear = cards.perYear(cards.caregiver) + set
            reducedYear = cards.perYear(cards.reducedPatient)
            reach = s.fees.registry?.snapShare ?? s.plantTags?.population?.reducedShare
            plantTags = s.plantTags
            chaas = territory.chaaCount
            registeredDispensaries = territory.villageFacilities[CertificateType.dispensary.index].reduce(0, +)
        }
    }

    /// Runs `replicates` replicates of the scenario and grades it.
    public init(_ runner: BatchRunner, seed: UInt64, replicates: Int, threads: Int,
                progress: BatchProgress = BatchProgress()) {
        let fixed = Fixed(runner.prepared.scenario, territory: runner.prepared.territory)
        let names = runner.metricNames
        let index = { (name: String) in names.firstIndex(of: name) }
        let awards = index("awards.dispensary"), served = index("patients.served.dispensary")
        let patients = index("patients")!, applications = index("applications")!
        let buffers = ["reason.school-buffer", "reason.bus-stop-buffer", "reason.facility-buffer"].compactMap(index)
        let random = ScorecardIssue.allCases.filter(\.isRandom)
        let tally = Mutex(Tally())
        let width = names.count
        _ = runner.run(seed: seed, range: 0..<replicates, threads: threads, progress: progress) { chunk, _, values in
            var part = ChunkTally(issues: random.count)
            var at = 0
            while at < values.count {
                let v = { (i: Int) in values[at + i] }
                let dispensaries = Double(fixed.registeredDispensaries) + (awards.map(v) ?? 0)
                let total = v(patients)
                let share = total > 0 ? (served.map(v) ?? 0) / total : (dispensaries > 0 ? 1 : 0)
                let apps = v(applications)
                let excluded = apps > 0 ? buffers.reduce(0) { $0 + v($1) } / apps : 0
                for (k, issue) in random.enumerated() {
                    let figure: RubricFigure
                    switch issue {
                    case .dispensaries: figure = RubricFigure(dispensaries, full: Double(fixed.chaas))
                    case .dispensaryAccess: figure = RubricFigure(share)
                    default: figure = RubricFigure(excluded)
                    }
                    part.sums[k] += figure.value
                    part.counts[k][issue.score(figure).points, default: 0] += 1
                }
                at += width
            }
            tally.withLock { $0.chunks[chunk] = part }
        }
        let chunks = tally.withLock { $0.chunks }.sorted { $0.key < $1.key }.map(\.value)
        rows = ScorecardIssue.allCases.map { issue in
            if let k = random.firstIndex(of: issue) {
                let sum = chunks.reduce(0.0) { $0 + $1.sums[k] }
                var counts: [Int: Int] = [:]
                for c in chunks { counts.merge(c.counts[k], uniquingKeysWith: +) }
                return ScenarioScorecard.row(issue, mean: replicates > 0 ? sum / Double(replicates) : 0, counts: counts, fixed: fixed)
            }
            return ScenarioScorecard.fixedRow(issue, fixed)
        }
        self.replicates = replicates
    }

    struct Tally { var chunks: [Int: ChunkTally] = [:] }
    struct ChunkTally: Sendable {
        var sums: [Double]
        var counts: [[Int: Int]]
        init(issues: Int) {
            sums = Array(repeating: 0, count: issues)
            counts = Array(repeating: [:], count: issues)
        }
    }

    static func row(_ issue: ScorecardIssue, mean: Double, counts: [Int: Int], fixed: Fixed) -> Row {
        let mode = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
        let line = mode.flatMap { m in issue.lines.firstIndex { $0.points == m } }
        let text: String
        switch issue {
        case .dispensaries:
            text = "\(FixedFormat.decimal(mean, digits: 2)) dispensaries for \(fixed.chaas) CHAAs on average "
                + "(\(fixed.registeredDispensaries) registered)"
        case .dispensaryAccess: text = "\(FixedFormat.decimal(100 * mean, digits: 1))% of patients on average"
        default: text = "\(FixedFormat.decimal(100 * mean, digits: 1))% of applications on average"
        }
        return Row(issue: issue, figure: mean, text: text, counts: counts, points: mode, line: line)
    }

    static func fixedRow(_ issue: ScorecardIssue, _ f: Fixed) -> Row {
        func dollars(_ v: Double) -> String { FixedFormat.dollars(v) }
        let tags = f.plantTags
        let figure: RubricFigure?
        let text: String
        switch issue {
        case .fees:
            let top = max(f.patientYear, f.caregiverYear)
            figure = RubricFigure(top)
            text = "\(dollars(top)) a year (patient \(dollars(f.patientYear)), caregiver \(dollars(f.caregiverYear)))"
        case .hardship:
            figure = RubricFigure(f.reducedYear, full: f.patientYear)
            text = "\(dollars(f.reducedYear)) a year instead of \(dollars(f.patientYear))"
                + (f.reach.map { ", reaching \(FixedFormat.decimal(100 * $0, digits: 1))% of patients" } ?? "")
        case .multiYear:
            figure = RubricFigure(Double(f.cards.yearsValid))
            text = f.cards.yearsValid == 1 ? "1 year" : "\(f.cards.yearsValid) years"
        case .caregivers:
            figure = tags.map { RubricFigure(Double($0.maxPatientsPerCaregiver)) }
            text = tags.map { "\($0.maxPatientsPerCaregiver) patients per caregiver" } ?? "not stated: the scenario models no plant tags"
        case .cultivation, .cultivationAccess:
            figure = tags.map { RubricFigure(Double($0.patientLimit)) }
            text = tags.map { "\($0.patientLimit) sets per patient" } ?? "not stated: the scenario models no plant tags"
        case .collectiveGardens:
            figure = tags.map { RubricFigure(Double($0.cooperativeLimit)) }
            text = tags.map { $0.cooperativeLimit == 0 ? "no cooperatives" : "\($0.cooperativeLimit) sets per cooperative" }
                ?? "not stated: the scenario models no plant tags"
        case .dispensaries, .dispensaryAccess, .zoning:
            preconditionFailure("\(issue) is random")
        }
        guard let figure else { return Row(issue: issue, figure: nil, text: text, counts: [:], points: nil, line: nil) }
        let (points, line) = issue.score(figure)
        return Row(issue: issue, figure: figure.value, text: text, counts: [points: 1], points: points, line: line)
    }
}
