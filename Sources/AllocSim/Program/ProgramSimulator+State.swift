extension ProgramSimulator {
    /// The state of one replicate as its events run.
    struct State {
        let sim: ProgramSimulator
        let rng: RandomStream
        let seed: UInt64
        let replicate: UInt64
        let trace: Bool
        let calendar: JurisdictionCalendar
        let cards: RegistryCardFees
        let tags: PlantTagPolicy?
        var values: [Double]
        var events: [ProgramEvent] = []
        var queue = EventQueue()
        var seq = 0
        var month = 0
        var patients: [Patient] = []
        var caregivers: [Caregiver] = []
        /// Caregivers with room for another patient, and where each sits in it.
        var open: [Int] = []
        var openAt: [Int: Int] = [:]
        /// Caregivers within F.3.c's ten business days, and those in VT
        /// 3.7(b)'s 90 days, most recent last (entries no longer waiting
        /// are dropped when met).
        var waitingF3C: [Int] = []
        var waitingGrace: [Int] = []
        var aliveCaregivers = 0
        var facilities: [Facility] = []
        /// Certificate holders per type index and village (the round's "facilities").
        var holders: [[Int]]
        /// Each round's notice day, and whether its first license came.
        var roundNotice: [Int] = []
        var roundLicensed: [Bool] = []

        init(_ sim: ProgramSimulator, seed: UInt64, replicate: UInt64, trace: Bool) {
            self.sim = sim
            self.seed = seed
            self.replicate = replicate
            self.trace = trace
            rng = RandomStream(StreamKey(seed: seed, replicate: replicate, purpose: .program))
            calendar = sim.base.scenario.calendar
            cards = sim.base.scenario.fees.registry?.cards ?? RegistryCardFees()
            tags = sim.base.scenario.plantTags
            values = Array(repeating: 0, count: sim.months * sim.metrics.names.count)
            // Recorded only in the month of a round's first license.
            for m in 0..<sim.months { values[m * sim.metrics.names.count + ProgramMetrics.daysToLicense] = .nan }
            holders = sim.base.territory.villageFacilities
        }

        var width: Int { sim.metrics.names.count }
        var spec: ProgramSpec { sim.spec }

        mutating func add(_ metric: Int, _ v: Double) { values[month * width + metric] += v }

        mutating func schedule(_ day: Int, _ kind: Event.Kind, _ id: Int) {
            guard day < sim.monthStarts[sim.months] else { return }
            seq += 1
            queue.push(Event(day: day, seq: seq, kind: kind, id: id))
        }

        mutating func note(_ day: Int, _ event: String, _ rule: String, _ subject: String, _ detail: String) {
            guard trace else { return }
            events.append(ProgramEvent(date: CalendarDate(dayNumber: day), event: event, rule: rule, subject: subject, detail: detail))
        }

        func yearsLater(_ day: Int, _ years: Int) -> Int {
            var d = CalendarDate(dayNumber: day)
            for _ in 0..<years { d = ProgramRules.oneYearAfter(d) }
            return d.dayNumber
        }

        // MARK: - The run

        mutating func simulate() {
            let start = sim.monthStarts[0]
            // The registry at the start: the round's own draw of village
            // patients for this replicate (`allocsim run`'s), each holding a
            // card issued during the year before.
            let streams = ReplicateStreams(seed: seed, cell: 0, replicate: replicate)
            var initial: [Int] = []
            var scratch = ReplicateGenerator.Scratch()
            ReplicateGenerator(sim.base).villagePatients(streams.patients, into: &initial, scratch: &scratch)
            for (v, n) in initial.enumerated() {
                for _ in 0..<n {
                    let issued = start - 1 - rng.uniformIndex(365 * cards.yearsValid)
                    admit(village: v, day: issued, initial: true)
                }
            }
            // The starting caregivers' plant tag certificates, paid before the start.
            for c in caregivers.indices { certifySets(c, charge: false) }
            // Arrivals, year by year (Poisson, growing), on uniform days.
            let weights = initial.map(Double.init)
            let totalWeight = weights.reduce(0, +)
            for y in 0..<spec.years {
                let rate = spec.registry.arrivalsPerYear * pow1(1 + spec.registry.growth, y)
                let n = rate > 0 ? rng.poisson(rate) : 0
                let yearStart = sim.monthStarts[y * 12], yearEnd = sim.monthStarts[(y + 1) * 12]
                for _ in 0..<n {
                    let day = yearStart + rng.uniformIndex(yearEnd - yearStart)
                    var v = 0
                    if totalWeight > 0 {
                        var u = rng.uniform() * totalWeight
                        while v < weights.count - 1 && u >= weights[v] { u -= weights[v]; v += 1 }
                    } else {
                        v = rng.uniformIndex(max(1, weights.count))
                    }
                    schedule(day, .arrival, v)
                }
                for name in spec.registry.arrivalsPerVillage.keys.sorted() {
                    let perVillage = spec.registry.arrivalsPerVillage[name]! * pow1(1 + spec.registry.growth, y)
                    let v = sim.base.territory.village(named: name)!
                    for _ in 0..<(perVillage > 0 ? rng.poisson(perVillage) : 0) {
                        schedule(yearStart + rng.uniformIndex(yearEnd - yearStart), .arrival, v)
                    }
                }
            }
            // Registered facilities hold certificates that renew each year.
            for type in sim.metrics.types {
                for v in 0..<sim.base.territory.villageCount {
                    for _ in 0..<sim.base.territory.villageFacilities[type.index][v] {
                        facilities.append(Facility(type: type, village: v, site: Point(0, 0), licenseApplied: start, licensed: start,
                                                   expires: yearsLater(start, 1), round: -1))
                        schedule(facilities[facilities.count - 1].expires, .certificateExpiry, facilities.count - 1)
                    }
                }
            }
            if let rounds = spec.rounds {
                let startDate = CalendarDate(dayNumber: start)
                for y in 0..<spec.years {
                    guard let opens = CalendarDate(year: startDate.year + y, month: rounds.opensMonth, day: rounds.opensDay),
                          opens.dayNumber >= start else { continue }
                    let cal = RoundCalendar(opens: opens, calendar: calendar)
                    roundNotice.append(cal.latestNotice.dayNumber)
                    roundLicensed.append(false)
                    schedule(cal.determination.dayNumber, .roundDetermination, roundNotice.count - 1)
                }
            }
            month = 0
            while month < sim.months {
                let end = sim.monthStarts[month + 1]
                while let e = queue.peek(), e.day < end {
                    _ = queue.pop()
                    handle(e)
                }
                recordStocks()
                month += 1
            }
        }

        func pow1(_ x: Double, _ n: Int) -> Double {
            var r = 1.0
            for _ in 0..<n { r *= x }
            return r
        }

        mutating func handle(_ e: Event) {
            switch e.kind {
            case .arrival: admit(village: e.id, day: e.day, initial: false)
            case .patientExpiry: patientCardExpires(e.id, day: e.day)
            case .tieEnds:
                let p = e.id
                if patients[p].alive, patients[p].caregiver >= 0 { untie(p, day: e.day, why: "the patient stopped using the caregiver") }
            case .caregiverExpiry: caregiverCardExpires(e.id, day: e.day)
            case .graceEnds: graceEnds(e.id, day: e.day)
            case .waiverDeadline: waiverDeadline(e.id, day: e.day)
            case .roundDetermination: runRound(e.id, day: e.day)
            case .licenseIssued: licenseIssued(e.id, day: e.day)
            case .certificateExpiry: certificateExpires(e.id, day: e.day)
            case .returnDue: returnDue(e.id, day: e.day)
            }
        }

        // MARK: - Registry

        mutating func admit(village v: Int, day: Int, initial: Bool) {
            let reduced = rng.bernoulli(spec.registry.reducedShare)
            let wants = rng.bernoulli(spec.caregivers.share)
            var gate = wants
            if wants && spec.caregivers.rules.contains(.connecticutGate) {
                gate = ProgramRules.connecticutMayHaveCaregiver(physicianCertifiesNeed: rng.bernoulli(spec.caregivers.physicianCertifies),
                                                                patientNamesCaregiver: true)
            }
            let grows = !gate && tags != nil && rng.bernoulli(spec.registry.growShare)
            let p = patients.count
            patients.append(Patient(village: v, reduced: reduced, grows: grows))
            if !initial {
                add(ProgramMetrics.arrived, 1)
                payCard(reduced: reduced)
                if grows { payPatientSets(reduced: reduced) }
            }
            note(day, "patient registered", "§14102(a)(4)", "patient \(p + 1)",
                 sim.base.territory.villageNames[v] + (reduced ? ", reduced fee" : ", full fee") + (wants && !gate ? "; no caregiver: the physician did not certify the need" : ""))
            schedule(yearsLater(day, cards.yearsValid), .patientExpiry, p)
            if gate {
                // The initial registry's ties formed before the start.
                associate(p, day: initial ? sim.monthStarts[0] : day, initial: initial)
            }
        }

        mutating func payCard(reduced: Bool) {
            if reduced { add(ProgramMetrics.cardsReduced, cards.reducedPatient) } else { add(ProgramMetrics.cardsPatient, cards.patient) }
        }

        mutating func payPatientSets(reduced: Bool) {
            guard let tags else { return }
            let sets = tags.patientLimit
            if reduced {
                add(ProgramMetrics.setsWaived, Double(sets))
                add(ProgramMetrics.forgone, tags.feePerSet * Double(sets))
            } else {
                add(ProgramMetrics.setsPaid, Double(sets))
                add(ProgramMetrics.plantTags, tags.feePerSet * Double(sets))
            }
        }

        mutating func patientCardExpires(_ p: Int, day: Int) {
            guard patients[p].alive else { return }
            if rng.bernoulli(spec.registry.renewal) {
                payCard(reduced: patients[p].reduced)
                if patients[p].grows { payPatientSets(reduced: patients[p].reduced) }
                schedule(yearsLater(day, cards.yearsValid), .patientExpiry, p)
                return
            }
            add(ProgramMetrics.left, 1)
            note(day, "patient left", "§14108(a)", "patient \(p + 1)", "did not renew the card")
            if patients[p].caregiver >= 0 { untie(p, day: day, why: "the patient left the registry") }
            patients[p].alive = false
            if patients[p].grows, let tags, spec.caregivers.rules.contains(.rhodeIslandReturns) {
                schedule(tags.returnDeadline(eventOn: CalendarDate(dayNumber: day), calendar: calendar).dayNumber, .returnDue, -p - 1)
            }
        }

        mutating func recordStocks() {
            var alive = 0, reduced = 0
            var chaaPatients = Array(repeating: 0, count: sim.base.territory.chaaCount)
            for p in patients where p.alive {
                alive += 1
                if p.reduced { reduced += 1 }
                chaaPatients[sim.base.territory.villageCHAA[p.village]] += 1
            }
            values[month * width + ProgramMetrics.patients] = Double(alive)
            values[month * width + ProgramMetrics.reduced] = Double(reduced)
            values[month * width + ProgramMetrics.reducedShare] = alive > 0 ? Double(reduced) / Double(alive) : .nan
            values[month * width + ProgramMetrics.caregivers] = Double(aliveCaregivers)
            let today = sim.monthStarts[month + 1] - 1
            var dispensaryCHAA = Array(repeating: false, count: sim.base.territory.chaaCount)
            for (k, type) in sim.metrics.types.enumerated() {
                let b = sim.metrics.typeBase(k)
                for f in facilities where f.alive && f.type == type && f.licensed <= today {
                    let c = sim.base.territory.villageCHAA[f.village]
                    values[month * width + b] += 1
                    values[month * width + b + 2 + c] += 1
                    if type == .dispensary { dispensaryCHAA[c] = true }
                }
            }
            var near = 0
            for c in 0..<chaaPatients.count where dispensaryCHAA[c] { near += chaaPatients[c] }
            values[month * width + ProgramMetrics.nearDispensary] = Double(near)
        }
    }
}
