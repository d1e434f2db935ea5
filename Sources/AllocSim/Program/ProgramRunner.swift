/// Runs replicates of a program (issue 14) in parallel: replicate i's
/// events depend only on (seed, i), and the per-month histograms merge
/// exactly, so `timeline.csv` is the same bytes for any thread count.
public struct ProgramRunner: Sendable {
    public let prepared: PreparedScenario
    public let spec: ProgramSpec
    let simulator: ProgramSimulator

    /// Nil when the scenario has no `program:` section.
    public init?(_ p: PreparedScenario, years: Int? = nil) {
        guard var spec = p.scenario.program else { return nil }
        if let years { spec.years = years }
        prepared = p
        self.spec = spec
        simulator = ProgramSimulator(p, spec: spec)
    }

    public var metricNames: [String] { simulator.metrics.names }
    public var months: Int { simulator.months }
    /// The first day of month m (m = 0...months).
    public func monthStart(_ m: Int) -> CalendarDate { CalendarDate(dayNumber: simulator.monthStarts[m]) }

    /// Each year's round calendar (§14302(a)(1)), in the program's years.
    public var roundCalendars: [RoundCalendar] {
        guard let rounds = spec.rounds else { return [] }
        return (0..<spec.years).compactMap { y in
            guard let opens = CalendarDate(year: spec.start.year + y, month: rounds.opensMonth, day: rounds.opensDay),
                  opens >= spec.start else { return nil }
            return RoundCalendar(opens: opens, calendar: prepared.scenario.calendar)
        }
    }

    /// Per month and metric, the distribution over replicates.
    public struct Accumulator: Sendable {
        public var histograms: [ValueHistogram]
        mutating func merge(_ o: Accumulator) {
            for i in histograms.indices { histograms[i].merge(o.histograms[i]) }
        }
    }

    public func run(seed: UInt64, replicates: Int, threads: Int, progress: BatchProgress = BatchProgress()) -> Accumulator {
        let width = simulator.metrics.names.count, cells = simulator.months * width
        let sim = simulator
        return ParallelReplicates.run(
            range: 0..<replicates, threads: threads, chunk: 16, progress: progress,
            state: { () }, accumulator: { Accumulator(histograms: Array(repeating: ValueHistogram(), count: cells)) },
            replicate: { i, _, acc in
                let out = sim.run(seed: seed, replicate: UInt64(i), trace: false)
                for k in 0..<cells where !out.values[k].isNaN { acc.histograms[k].add(out.values[k]) }
            },
            merge: { $0.merge($1) })
    }

    /// Every dated event of one replicate (`events.csv`), in date order
    /// (same-day events as they happened; the starting registry's cards were
    /// issued in the year before the start).
    public func trace(seed: UInt64, replicate: Int) -> [ProgramEvent] {
        let events = simulator.run(seed: seed, replicate: UInt64(replicate), trace: true).events
        return events.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    }

    /// One replicate's monthly values, `months × metricNames` (tests).
    public func values(seed: UInt64, replicate: Int) -> [Double] {
        simulator.run(seed: seed, replicate: UInt64(replicate), trace: false).values
    }
}
