import Testing
@testable import AllocSim

/// Rhode Island plant tag certificates, §1.12 E-F, as worked examples.
@Suite struct PlantTagFeeTests {
    let policy = PlantTagPolicy()

    func fee(_ role: PlantTagRole, full: Int, reduced: Int, sets: Int) throws -> PlantSetFee {
        try policy.fee(for: PlantSetRequest(role: role, fullPatients: full, reducedPatients: reduced, sets: sets))
    }

    @Test("F.1: a full-registration patient pays $25 for every set (12 sets: $300)")
    func fullPatient() throws {
        let f = try fee(.patient, full: 1, reduced: 0, sets: 12)
        #expect(f.limit == 12)
        #expect(f.paidSets == 12 && f.waivedSets == 0)
        #expect(f.fee == 300 && f.forgone == 0)
        #expect(f.waiverCase == .fullPatient)
    }

    @Test("F.2: a reduced-registration patient's fee is waived (5 sets: $0 paid, $125 forgone)")
    func reducedPatient() throws {
        let f = try fee(.patient, full: 0, reduced: 1, sets: 5)
        #expect(f.paidSets == 0 && f.waivedSets == 5)
        #expect(f.fee == 0 && f.forgone == 125)
    }

    @Test("E.2: a patient may hold 12 sets, not 13")
    func patientLimit() throws {
        #expect(try fee(.patient, full: 1, reduced: 0, sets: 12).paidSets == 12)
        #expect(throws: PlantTagError.tooManySets(sets: 13, limit: 12, rule: "RI §1.12 E.2: a patient's limit")) {
            try fee(.patient, full: 1, reduced: 0, sets: 13)
        }
    }

    @Test("F.1-F.2: a patient has exactly one registration")
    func patientRegistration() {
        #expect(throws: PlantTagError.patientRegistration(full: 1, reduced: 1)) { try fee(.patient, full: 1, reduced: 1, sets: 2) }
        #expect(throws: PlantTagError.patientRegistration(full: 0, reduced: 0)) { try fee(.patient, full: 0, reduced: 0, sets: 2) }
    }

    @Test("F.1 and E.3: a caregiver with one full patient pays every set, limit 12")
    func caregiverOneFull() throws {
        let f = try fee(.caregiver, full: 1, reduced: 0, sets: 12)
        #expect(f.limit == 12 && f.paidSets == 12 && f.fee == 300)
        #expect(f.waiverCase == .caregiverFullOnly)
        #expect(throws: PlantTagError.self) { try fee(.caregiver, full: 1, reduced: 0, sets: 13) }
    }

    @Test("E.4: a caregiver with 2 to 5 patients may hold 24 sets, not 25")
    func caregiverSeveral() throws {
        #expect(try fee(.caregiver, full: 2, reduced: 0, sets: 24).limit == 24)
        #expect(try fee(.caregiver, full: 5, reduced: 0, sets: 24).fee == 600)
        #expect(throws: PlantTagError.tooManySets(sets: 25, limit: 24, rule: "RI §1.12 E.4: a caregiver with 2 to 5 patients")) {
            try fee(.caregiver, full: 3, reduced: 2, sets: 25)
        }
    }

    @Test("E.3-E.4: a caregiver is connected with 1 to 5 patients")
    func caregiverPatientCount() {
        #expect(throws: PlantTagError.caregiverPatients(n: 0, max: 5)) { try fee(.caregiver, full: 0, reduced: 0, sets: 1) }
        #expect(throws: PlantTagError.caregiverPatients(n: 6, max: 5)) { try fee(.caregiver, full: 3, reduced: 3, sets: 12) }
    }

    @Test("D.4: at least one set per connected patient")
    func oneSetPerPatient() throws {
        #expect(try fee(.caregiver, full: 3, reduced: 0, sets: 3).paidSets == 3)
        #expect(throws: PlantTagError.self) { try fee(.caregiver, full: 3, reduced: 0, sets: 2) }
    }

    @Test("F.3.a: a caregiver for reduced-registration patients only — waived entirely (2 patients, 24 sets)")
    func caregiverReducedOnly() throws {
        let f = try fee(.caregiver, full: 0, reduced: 2, sets: 24)
        #expect(f.paidSets == 0 && f.waivedSets == 24 && f.forgone == 600)
        #expect(f.waiverCase == .caregiverReducedOnly)
    }

    @Test("F.3.b: one full and one reduced patient, 24 sets — 12 waived for the reduced patient, 12 paid")
    func mixedCapBinds() throws {
        let f = try fee(.caregiver, full: 1, reduced: 1, sets: 24)
        #expect(f.waivedSets == 12 && f.paidSets == 12 && f.fee == 300)
        #expect(f.waiverCase == .caregiverMixed)
    }

    @Test("F.3.b: one full and two reduced patients, 24 sets — at least one paid set per full patient: 23 waived")
    func mixedFloorBinds() throws {
        let f = try fee(.caregiver, full: 1, reduced: 2, sets: 24)
        #expect(f.paidSets == 1 && f.waivedSets == 23 && f.fee == 25)
    }

    @Test("F.3.b: the 12-per-reduced-patient boundary — 3 full + 1 reduced, 15 sets: 12 waived; 16 sets: still 12")
    func mixedBoundary() throws {
        #expect(try fee(.caregiver, full: 3, reduced: 1, sets: 15).waivedSets == 12)
        let f = try fee(.caregiver, full: 3, reduced: 1, sets: 16)
        #expect(f.waivedSets == 12 && f.paidSets == 4)
    }

    @Test("a planner's what-if: $50 a set and a waiver cap of 6")
    func whatIf() throws {
        var p = PlantTagPolicy()
        p.feePerSet = 50
        p.waivedSetsPerReducedPatient = 6
        let f = try p.fee(for: PlantSetRequest(role: .caregiver, fullPatients: 1, reducedPatients: 1, sets: 20))
        #expect(f.waivedSets == 6 && f.paidSets == 14 && f.fee == 700 && f.forgone == 300)
    }

    @Test("negative counts are errors, never clamped")
    func negatives() {
        #expect(throws: PlantTagError.negativeCount(field: "sets", value: -1)) { try fee(.patient, full: 1, reduced: 0, sets: -1) }
        #expect(throws: PlantTagError.self) { try fee(.caregiver, full: -1, reduced: 2, sets: 3) }
    }

    @Test("property: paid + waived = sets, and replacing a full patient by a reduced one never raises the fee")
    func properties() throws {
        for n in 1...5 {
            for r in 0...n {
                let limit = n == 1 ? 12 : 24
                for s in n...limit {
                    let f = try fee(.caregiver, full: n - r, reduced: r, sets: s)
                    #expect(f.paidSets + f.waivedSets == s)
                    #expect(f.paidSets >= 0 && f.waivedSets >= 0)
                    if r < n {
                        let g = try fee(.caregiver, full: n - r - 1, reduced: r + 1, sets: s)
                        #expect(g.fee <= f.fee, "n=\(n) r=\(r) s=\(s)")
                    }
                }
            }
        }
    }

    @Test("E.5: at most 24 sets at one dwelling unit, whoever grows there")
    func dwellingCap() throws {
        let two = [PlantSetRequest(role: .patient, fullPatients: 1, reducedPatients: 0, sets: 12),
                   PlantSetRequest(role: .patient, fullPatients: 0, reducedPatients: 1, sets: 12)]
        let ok = try policy.checkDwelling(two)
        #expect(ok.totalSets == 24 && ok.withinCap && ok.binding == .dwellingUnit)
        let over = try policy.checkDwelling(two + [PlantSetRequest(role: .patient, fullPatients: 1, reducedPatients: 0, sets: 1)])
        #expect(!over.withinCap && over.excess == 1)
    }

    @Test("E.6: a cooperative holds at most min(48, sum of members' limits); which cap binds")
    func cooperativeCap() throws {
        // Three patients: limits 12 each = 36 < 48: the members' limits bind.
        let three = Array(repeating: PlantSetRequest(role: .patient, fullPatients: 1, reducedPatients: 0, sets: 12), count: 3)
        let a = try policy.checkCooperative(three)
        #expect(a.cap == 36 && a.binding == .cooperativeMembers && a.withinCap)
        // Three caregivers with 2 patients (24 each = 72): 48 binds; 72 sets is over.
        let carers = Array(repeating: PlantSetRequest(role: .caregiver, fullPatients: 2, reducedPatients: 0, sets: 24), count: 3)
        let b = try policy.checkCooperative(carers)
        #expect(b.cap == 48 && b.binding == .cooperativeMaximum && b.excess == 24)
    }

    @Test("F.3.c(2), f′ = 1: 1 full + 1 reduced with 24 sets paid for 12; after the loss the limit is 12 (E.3), all paid: $0 due")
    func balanceOneFullLeft() throws {
        // Before: waived = min(24 − 1, 12 × 1) = 12, paid 12 sets = $300.
        // After: one full patient, limit 12 (E.3): keep 12, remove 12;
        // balance = 25 × min(24, 12) − 300 = 0.
        let r = PlantSetRequest(role: .caregiver, fullPatients: 1, reducedPatients: 1, sets: 24)
        #expect(try policy.afterLosingReducedPatients(r, fullPatientsLeft: 1)
                == .payBalance(balance: 0, limit: 12, setsKept: 12, setsToRemove: 12))
    }

    @Test("F.3.c(2), f′ = 2: 2 full + 1 reduced with 24 sets; after the loss the limit is 24 (E.4): $300 due")
    func balanceTwoFullLeft() throws {
        // Before: waived = min(24 − 2, 12) = 12, paid 12 sets = $300.
        // After: two full patients, limit 24: keep 24; balance = 25 × 24 − 300 = 300.
        let r = PlantSetRequest(role: .caregiver, fullPatients: 2, reducedPatients: 1, sets: 24)
        #expect(try policy.afterLosingReducedPatients(r, fullPatientsLeft: 2)
                == .payBalance(balance: 300, limit: 24, setsKept: 24, setsToRemove: 0))
        // One of the two full patients leaves too: f′ = 1, limit 12, 12 paid: $0.
        #expect(try policy.afterLosingReducedPatients(r, fullPatientsLeft: 1)
                == .payBalance(balance: 0, limit: 12, setsKept: 12, setsToRemove: 12))
    }

    @Test("F.3.c(3), f′ = 0: a caregiver of reduced patients only who loses them all destroys and returns")
    func balanceNoPatientLeft() throws {
        let r = PlantSetRequest(role: .caregiver, fullPatients: 0, reducedPatients: 2, sets: 20)
        #expect(try policy.afterLosingReducedPatients(r, fullPatientsLeft: 0) == .destroyAndReturn(sets: 20))
        // F.3.c does not apply without waived sets.
        let full = PlantSetRequest(role: .caregiver, fullPatients: 2, reducedPatients: 0, sets: 20)
        #expect(throws: PlantTagError.noWaiverToLose) { try policy.afterLosingReducedPatients(full, fullPatientsLeft: 2) }
    }

    @Test("F.3.c: ten business days to act, then ten more to destroy and return, skipping weekends and holidays")
    func deadlines() throws {
        let calendar = JurisdictionCalendar(holidays: [CalendarDate(year: 2026, month: 11, day: 26)!])   // Thanksgiving
        let lost = CalendarDate(year: 2026, month: 11, day: 20)!        // a Friday
        let d = PlantTagPolicy().waiverLossDeadlines(lostOn: lost, calendar: calendar)
        // Nov 23-25 (3), 27 (4), Nov 30-Dec 4 (9), Dec 7 (10).
        #expect(d.actBy == CalendarDate(year: 2026, month: 12, day: 7)!)
        #expect(d.returnBy == CalendarDate(year: 2026, month: 12, day: 21)!)
        // J.2: a patient who stops growing returns the certificate in ten business days.
        #expect(PlantTagPolicy().returnDeadline(eventOn: lost, calendar: JurisdictionCalendar())
                == CalendarDate(year: 2026, month: 12, day: 4)!)
    }

    @Test("day counts: 10 days from Friday 2026-11-20 is 2026-11-30 under VT 3.1.5 and 2026-12-04 in RI business days")
    func dayCountRules() {
        let friday = CalendarDate(year: 2026, month: 11, day: 20)!
        let none = JurisdictionCalendar()
        // VT 3.1.5: exclude the 20th, count every day: the 30th, a Monday.
        #expect(DayCountRule.calendarDays.adding(10, to: friday, calendar: none) == CalendarDate(year: 2026, month: 11, day: 30)!)
        // RI business days: Nov 23-27 (5), Nov 30-Dec 4 (10).
        #expect(DayCountRule.businessDays.adding(10, to: friday, calendar: none) == CalendarDate(year: 2026, month: 12, day: 4)!)
        // VT 3.1.5(a)(iii): 8 days from the 20th is Saturday the 28th: runs to Monday the 30th.
        #expect(DayCountRule.calendarDays.adding(8, to: friday, calendar: none) == CalendarDate(year: 2026, month: 11, day: 30)!)
        // A legal holiday on that Monday rolls it to Tuesday; weekends in between still count.
        let holiday = JurisdictionCalendar(holidays: [CalendarDate(year: 2026, month: 11, day: 30)!])
        #expect(DayCountRule.calendarDays.adding(10, to: friday, calendar: holiday) == CalendarDate(year: 2026, month: 12, day: 1)!)
        #expect(DayCountRule.businessDays.adding(10, to: friday, calendar: holiday) == CalendarDate(year: 2026, month: 12, day: 7)!)
    }

    @Test("Guam §14101(i) rolls a last day past a furlough day; §14101(ttt) working days skip furlough days")
    func guamFurloughDays() {
        let friday = CalendarDate(year: 2026, month: 11, day: 20)!
        let guam = JurisdictionCalendar(holidays: [CalendarDate(year: 2026, month: 11, day: 26)!],
                                        furloughDays: [CalendarDate(year: 2026, month: 11, day: 30)!,
                                                       CalendarDate(year: 2026, month: 12, day: 1)!])
        // Calendar days: the 30th is a furlough day, so is the 1st: runs to Wednesday Dec 2.
        #expect(DayCountRule.calendarDays.adding(10, to: friday, calendar: guam) == CalendarDate(year: 2026, month: 12, day: 2)!)
        // Working days: Nov 23, 24, 25, 27 (4; 26 a holiday), Dec 2-4 (7; Nov 30 and Dec 1 furloughs), Dec 7-9 (10).
        #expect(DayCountRule.workingDays.adding(10, to: friday, calendar: guam) == CalendarDate(year: 2026, month: 12, day: 9)!)
        // RI business days know no furlough days: the 30th and 1st count.
        #expect(DayCountRule.businessDays.adding(10, to: friday, calendar: guam) == CalendarDate(year: 2026, month: 12, day: 7)!)
    }

    @Test("§14102(a)(4), (b): registry card fees — patient $150, reduced $75, caregiver $200")
    func registryCards() {
        #expect(RegistryCardFees().revenue(fullPatients: 10, reducedPatients: 4, caregivers: 2) == 1500 + 300 + 400)
    }

    @Test("plantTags section: parameters come from the scenario with the rule's defaults")
    func scenarioParameters() throws {
        let s = try scenario("""
        name: fees
        certificates: { dispensary: 1 }
        geography: { units: feet, chaas: [{ name: C, villages: [{ name: V, patients: 1 }] }] }
        applications: { explicit: [] }
        plantTags: { feePerSet: 50, waivedSetsPerReducedPatient: 6 }
        calendar: { holidays: [2026-12-25], furloughDays: [2026-12-24] }
        """)
        #expect(s.plantTags?.feePerSet == 50)
        #expect(s.plantTags?.waivedSetsPerReducedPatient == 6)
        #expect(s.plantTags?.patientLimit == 12)
        #expect(s.calendar.holidays == [CalendarDate(year: 2026, month: 12, day: 25)!])
        #expect(s.calendar.furloughDays == [CalendarDate(year: 2026, month: 12, day: 24)!])
    }
}
