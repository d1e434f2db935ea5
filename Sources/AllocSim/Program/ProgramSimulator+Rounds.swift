extension ProgramSimulator.State {
    /// Year `y`'s §14302 round on its determination day (§14302(a)(1)(C)):
    /// the engine over the registry's patients per village that day and the
    /// certificate holders then (a village with a holder is served, so the
    /// village tier shrinks as rounds serve villages); earlier awards' sites
    /// join the registered facilities whose buffers later applicants see.
    mutating func runRound(_ y: Int, day: Int) {
        var counts = Array(repeating: 0, count: sim.base.territory.villageCount)
        for p in patients where p.alive { counts[p.village] += 1 }
        let awarded = facilities.filter { $0.alive && $0.round >= 0 }
        let unchanged = y == 0 && awarded.isEmpty && holders == sim.base.territory.villageFacilities
        let prepared = unchanged ? sim.base : PreparedScenario(yearScenario(y, counts: counts, awarded: awarded))
        let streams = ReplicateStreams(seed: seed, cell: UInt64(y), replicate: replicate)
        var apps = prepared.explicit
        var failures = prepared.explicitBufferFailures
        var scratch = ReplicateGenerator.Scratch()
        ReplicateGenerator(prepared).generate(into: &apps, failures: &failures, streams: streams, scratch: &scratch)
        let result = prepared.round.run(apps, villagePatients: counts, bufferFailures: failures, lotteries: streams.lotteries, audit: false)
        var awards = 0
        for (i, o) in result.outcomes.enumerated() {
            add(ProgramMetrics.certificateApplications, o.feePaid)
            add(ProgramMetrics.certificateRefunds, -o.refund)
            guard o.status == .awarded, let k = sim.metrics.types.firstIndex(of: apps[i].type) else { continue }
            awards += 1
            add(sim.metrics.typeBase(k) + 1, 1)
            let rounds = spec.rounds!
            let applied = day + rounds.licenseAppliedDays
            let licensed = DayCountRule.workingDays.adding(rounds.licenseWorkingDays, to: CalendarDate(dayNumber: applied),
                                                            calendar: calendar).dayNumber
            let f = facilities.count
            facilities.append(ProgramSimulator.Facility(type: apps[i].type, village: apps[i].village, site: apps[i].site,
                                                        licenseApplied: applied, licensed: licensed,
                                                        expires: yearsLater(day, 1), round: y))
            holders[apps[i].type.index][apps[i].village] += 1
            schedule(applied, .licenseIssued, -f - 1)
            schedule(licensed, .licenseIssued, f)
            schedule(facilities[f].expires, .certificateExpiry, f)
            note(day, "certificate awarded", "§14302", "\(apps[i].type.rawValue) \(f + 1)",
                 "\(sim.base.territory.villageNames[apps[i].village]), round \(y + 1); License to Operate applied "
                    + "\(CalendarDate(dayNumber: applied)), issued \(CalendarDate(dayNumber: licensed)) (§14304, Appendix A)")
        }
        note(day, "round determined", "§14302(a)(1)(C)", "round \(y + 1)",
             "\(apps.count) applications, \(awards) awards; notice by \(CalendarDate(dayNumber: roundNotice[y]))")
    }

    /// The scenario of year `y`'s round: this year's patients and holders,
    /// the applications generated for it (explicit ones belong to the
    /// first round only), dated the day applications open.
    func yearScenario(_ y: Int, counts: [Int], awarded: [ProgramSimulator.Facility]) -> Scenario {
        var s = sim.base.scenario
        for c in s.geography.chaas.indices {
            for v in s.geography.chaas[c].villages.indices {
                let i = sim.base.territory.village(named: s.geography.chaas[c].villages[v].name)!
                s.geography.chaas[c].villages[v].patients = counts[i]
                for type in sim.metrics.types { s.geography.chaas[c].villages[v].facilities[type] = holders[type.index][i] }
            }
        }
        for f in awarded {
            s.geography.facilities.append(RegisteredFacility(name: "\(f.type.rawValue) awarded in round \(f.round + 1)",
                                                             type: f.type, point: f.site))
        }
        if y > 0 {
            s.applications.explicit = []
            let start = CalendarDate(dayNumber: sim.monthStarts[0])
            s.applications.date = CalendarDate(year: start.year + y, month: spec.rounds!.opensMonth, day: spec.rounds!.opensDay)
            s.applications.window = nil
        }
        return s
    }

    /// A License to Operate applied for (id −f−1: the §14102(a)(3) fee) or
    /// issued (id f: the facility operates from this day).
    mutating func licenseIssued(_ id: Int, day: Int) {
        if id < 0 {
            add(ProgramMetrics.license, ProgramSimulator.licenseFee)
            return
        }
        let f = facilities[id]
        guard f.alive, f.round >= 0 else { return }
        note(day, "License to Operate issued", "§14304", "\(f.type.rawValue) \(id + 1)", "operating from today")
        if !roundLicensed[f.round] {
            roundLicensed[f.round] = true
            values[month * width + ProgramMetrics.daysToLicense] = Double(day - roundNotice[f.round])
        }
    }

    /// §14307: a certificate at its yearly expiry renews when its holder
    /// seeks it and applied for a License to Operate at least 60 days
    /// before (or holds one); otherwise it lapses and the village loses it.
    mutating func certificateExpires(_ id: Int, day: Int) {
        guard facilities[id].alive else { return }
        let f = facilities[id]
        let seeks = rng.bernoulli(spec.rounds?.renewal ?? 1)
        let holds = f.licensed <= day
        if seeks, ProgramRules.mayRenew(expires: CalendarDate(dayNumber: day), licenseAppliedOn: CalendarDate(dayNumber: f.licenseApplied),
                                        holdsLicense: holds) {
            add(ProgramMetrics.certificateRenewals, sim.base.scenario.fees.certificateApplication)
            if holds { add(ProgramMetrics.license, ProgramSimulator.licenseFee) }
            facilities[id].expires = yearsLater(day, 1)
            schedule(facilities[id].expires, .certificateExpiry, id)
            return
        }
        facilities[id].alive = false
        holders[f.type.index][f.village] -= 1
        note(day, "certificate lapsed", "§14307(a)", "\(f.type.rawValue) \(id + 1)",
             seeks ? "License to Operate applied \(CalendarDate(dayNumber: f.licenseApplied)), under 60 days before expiry" : "not renewed")
    }
}

extension ProgramSimulator {
    /// §14102(a)(3): a License to Operate, new or renewed.
    static let licenseFee = 1000.0
}

/// A binary min-heap of dated events.
struct EventQueue {
    private var heap: [ProgramSimulator.Event] = []

    func peek() -> ProgramSimulator.Event? { heap.first }

    mutating func push(_ e: ProgramSimulator.Event) {
        heap.append(e)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard heap[i] < heap[parent] else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> ProgramSimulator.Event? {
        guard !heap.isEmpty else { return nil }
        let top = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < heap.count && heap[l] < heap[m] { m = l }
                if r < heap.count && heap[r] < heap[m] { m = r }
                if m == i { break }
                heap.swapAt(i, m)
                i = m
            }
        }
        return top
    }
}
