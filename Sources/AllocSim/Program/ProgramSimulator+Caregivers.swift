import Foundation

extension ProgramSimulator.State {
    /// A patient gains a caregiver. With chance `joinExisting` it joins one
    /// already registered: first (RI F.3.c, a reduced patient) a caregiver
    /// within its ten business days, then a caregiver waiting out VT
    /// 3.7(b)'s 90 days, then any caregiver with room, at random; otherwise,
    /// or when none has room, a new caregiver registers.
    mutating func associate(_ p: Int, day: Int, initial: Bool) {
        let reduced = patients[p].reduced
        var chosen: Int?
        if rng.bernoulli(spec.caregivers.joinExisting) {
            if reduced, spec.caregivers.rules.contains(.rhodeIslandWaiverLoss) {
                chosen = firstWaiting(f3c: true, day: day)
                if let c = chosen {
                    caregivers[c].actBy = nil
                    add(ProgramMetrics.reassociated, 1)
                    note(day, "caregiver re-associated", "RI §1.12 F.3.c(1)", "caregiver \(c + 1)", "with reduced patient \(p + 1)")
                }
            }
            if chosen == nil { chosen = firstWaiting(f3c: false, day: day) }
            if chosen == nil, !open.isEmpty { chosen = open[rng.uniformIndex(open.count)] }
        }
        let c: Int
        if let chosen {
            c = chosen
            if spec.caregivers.rules.contains(.rhodeIslandReturns),
               let i = caregivers[c].pendingReturns.firstIndex(where: { $0 >= day }) {
                caregivers[c].pendingReturns.remove(at: i)
                add(ProgramMetrics.reassociatedJ, 1)
                note(day, "plant tags re-associated", "RI §1.12 J.3.e", "caregiver \(c + 1)",
                     "patient \(p + 1) takes a departed patient's plant tags; nothing to return")
            }
            if caregivers[c].graceUntil != nil {
                caregivers[c].graceUntil = nil
                note(day, "caregiver serves again", "VT 3.7(b)", "caregiver \(c + 1)", "patient \(p + 1) joined before the 90 days ran")
            }
        } else {
            c = caregivers.count
            caregivers.append(ProgramSimulator.Caregiver())
            aliveCaregivers += 1
            openAt[c] = open.count
            open.append(c)
            if !initial { add(ProgramMetrics.cardsCaregiver, cards.caregiver) }
            let issued = initial ? day - 1 - rng.uniformIndex(365 * cards.yearsValid) : day
            schedule(yearsLater(issued, cards.yearsValid), .caregiverExpiry, c)
            note(day, "caregiver registered", "§14102(a)(4)", "caregiver \(c + 1)", "for patient \(p + 1)")
        }
        caregivers[c].patients.append(p)
        if reduced { caregivers[c].reducedCount += 1 }
        patients[p].caregiver = c
        if caregivers[c].patients.count >= spec.caregivers.maxPatients { close(c) }
        // A new caregiver's plant tag certificate; one already registered
        // covers a patient who joins at its next renewal.
        if !initial && chosen == nil { certifySets(c) }
        // The tie ends after an exponential time at the yearly hazard.
        let h = spec.caregivers.tieEndsPerYear
        if h > 0 {
            let years = h >= 1 ? 0.0 : -log(1 - rng.uniform()) / -log(1 - h)
            schedule(day + max(1, Int(years * 365.25)), .tieEnds, p)
        }
    }

    /// The caregiver most recently put on a waiting list (F.3.c's or VT
    /// 3.7(b)'s) that is still waiting with room; entries no longer
    /// waiting are dropped on the way.
    mutating func firstWaiting(f3c: Bool, day: Int) -> Int? {
        while let c = f3c ? waitingF3C.last : waitingGrace.last {
            let g = caregivers[c]
            let waiting = f3c ? (g.actBy.map { day <= $0 } ?? false) : g.graceUntil != nil
            if g.alive && openAt[c] != nil && waiting { return c }
            if f3c { waitingF3C.removeLast() } else { waitingGrace.removeLast() }
        }
        return nil
    }

    mutating func close(_ c: Int) {
        guard let i = openAt[c] else { return }
        let last = open.removeLast()
        if last != c {
            open[i] = last
            openAt[last] = i
        }
        openAt[c] = nil
    }

    mutating func reopen(_ c: Int) {
        guard openAt[c] == nil, caregivers[c].alive else { return }
        openAt[c] = open.count
        open.append(c)
    }

    /// The caregiver's plant tag certificate for its patients now (RI
    /// §1.12 E.3-E.4 limit, F.1-F.3 fee and waivers): charged when the
    /// caregiver registers and at each renewal.
    mutating func certifySets(_ c: Int, charge: Bool = true) {
        guard let tags, !caregivers[c].patients.isEmpty else { return }
        let r = caregivers[c].reducedCount, f = caregivers[c].patients.count - r
        let sets = tags.limit(role: .caregiver, patients: r + f)
        guard let fee = try? tags.fee(for: PlantSetRequest(role: .caregiver, fullPatients: f, reducedPatients: r, sets: sets)) else { return }
        caregivers[c].certificate = PlantSetRequest(role: .caregiver, fullPatients: f, reducedPatients: r, sets: sets)
        caregivers[c].waived = fee.waivedSets > 0
        guard charge else { return }
        add(ProgramMetrics.setsPaid, Double(fee.paidSets))
        add(ProgramMetrics.setsWaived, Double(fee.waivedSets))
        add(ProgramMetrics.plantTags, fee.fee)
        add(ProgramMetrics.forgone, fee.forgone)
    }

    /// A patient–caregiver tie ends on `day`.
    mutating func untie(_ p: Int, day: Int, why: String) {
        let c = patients[p].caregiver
        patients[p].caregiver = -1
        caregivers[c].patients.removeAll { $0 == p }
        let wasReduced = patients[p].reduced
        if wasReduced { caregivers[c].reducedCount -= 1 }
        note(day, "tie ended", "", "caregiver \(c + 1)", "patient \(p + 1): \(why)")
        reopen(c)
        if spec.caregivers.rules.contains(.rhodeIslandReturns), let tags, caregivers[c].certificate != nil {
            let by = tags.returnDeadline(eventOn: CalendarDate(dayNumber: day), calendar: calendar)
            caregivers[c].pendingReturns.append(by.dayNumber)
            schedule(by.dayNumber, .returnDue, c)
            note(day, "plant tags to return", "RI §1.12 J.3", "caregiver \(c + 1)",
                 "patient \(p + 1)'s plant tags go back by \(by) unless another patient re-associates (J.3.e)")
        }
        if spec.caregivers.rules.contains(.rhodeIslandWaiverLoss), wasReduced, caregivers[c].waived, caregivers[c].reducedCount == 0 {
            let d = tags?.waiverLossDeadlines(lostOn: CalendarDate(dayNumber: day), calendar: calendar)
            if let d {
                caregivers[c].actBy = d.actBy.dayNumber
                waitingF3C.append(c)
                schedule(d.actBy.dayNumber, .waiverDeadline, c)
                note(day, "last reduced patient lost", "RI §1.12 F.3.c", "caregiver \(c + 1)",
                     "re-associate or pay the balance by \(d.actBy); otherwise destroy the plants and return the certificate by \(d.returnBy)")
            }
        }
        if caregivers[c].patients.isEmpty, spec.caregivers.rules.contains(.vermontExpiry) {
            let until = ProgramRules.vermontCaregiverExpiry(lastPatientCeased: CalendarDate(dayNumber: day), calendar: calendar)
            caregivers[c].graceUntil = until.dayNumber
            waitingGrace.append(c)
            schedule(until.dayNumber, .graceEnds, c)
            note(day, "caregiver serves no patient", "VT 3.7(b), 3.1.5", "caregiver \(c + 1)", "registration expires \(until) unless a patient joins")
        }
    }

    /// RI F.3.c: the ten business days ran out without re-association.
    mutating func waiverDeadline(_ c: Int, day: Int) {
        guard caregivers[c].alive, let actBy = caregivers[c].actBy, actBy == day else { return }
        caregivers[c].actBy = nil
        let f = caregivers[c].patients.count - caregivers[c].reducedCount
        guard let tags, let certificate = caregivers[c].certificate,
              let loss = try? tags.afterLosingReducedPatients(certificate, fullPatientsLeft: min(f, certificate.fullPatients)) else { return }
        caregivers[c].waived = false
        switch loss {
        case .payBalance(let balance, let limit, let kept, let remove):
            add(ProgramMetrics.balancePaid, 1)
            add(ProgramMetrics.plantTagsBalance, balance)
            caregivers[c].certificate = PlantSetRequest(role: .caregiver, fullPatients: f, reducedPatients: 0, sets: kept)
            note(day, "balance paid", "RI §1.12 F.3.c(2)", "caregiver \(c + 1)",
                 "\(FixedFormat.dollars(balance)) for \(f) full-registration patients; limit \(limit), \(remove) sets removed")
        case .destroyAndReturn(let sets):
            add(ProgramMetrics.plantsDestroyed, 1)
            caregivers[c].certificate = nil
            let returnBy = tags.returnDeadline(eventOn: CalendarDate(dayNumber: day), calendar: calendar)
            note(day, "plants destroyed", "RI §1.12 F.3.c(3)", "caregiver \(c + 1)",
                 "no patient left: \(sets) sets destroyed, certificate returned by \(returnBy)")
        }
    }

    /// RI J.2-J.3: a return falls due (id −p−1: a growing patient who left;
    /// id c: a caregiver's departed patient not replaced in time).
    mutating func returnDue(_ id: Int, day: Int) {
        if id < 0 {
            add(ProgramMetrics.returned, 1)
            note(day, "plant tags returned", "RI §1.12 J.2, J.1", "patient \(-id)", "left the registry; plants destroyed first")
            return
        }
        guard let i = caregivers[id].pendingReturns.firstIndex(of: day) else { return }
        caregivers[id].pendingReturns.remove(at: i)
        add(ProgramMetrics.returned, 1)
        note(day, "plant tags returned", "RI §1.12 J.3, J.1", "caregiver \(id + 1)",
             "no patient re-associated within ten business days; that patient's plants destroyed first")
    }

    /// VT 3.7(b): 90 days with no patient.
    mutating func graceEnds(_ c: Int, day: Int) {
        guard caregivers[c].alive, caregivers[c].graceUntil == day, caregivers[c].patients.isEmpty else { return }
        retire(c)
        add(ProgramMetrics.caregiverExpired, 1)
        note(day, "caregiver expired", "VT 3.7(b)", "caregiver \(c + 1)", "90 days after the last patient ceased (3.1.5)")
    }

    mutating func retire(_ c: Int) {
        caregivers[c].alive = false
        aliveCaregivers -= 1
        close(c)
    }

    /// A caregiver's card expires: renewed while it serves a patient.
    mutating func caregiverCardExpires(_ c: Int, day: Int) {
        guard caregivers[c].alive else { return }
        if caregivers[c].patients.isEmpty {
            // Under VT 3.7(b) the 90 days decide; elsewhere the card lapses.
            if caregivers[c].graceUntil == nil {
                retire(c)
                note(day, "caregiver card lapsed", "§14108(a)", "caregiver \(c + 1)", "no patient to serve")
            }
            return
        }
        add(ProgramMetrics.cardsCaregiver, cards.caregiver)
        certifySets(c)
        schedule(yearsLater(day, cards.yearsValid), .caregiverExpiry, c)
    }
}
