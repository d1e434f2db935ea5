import Foundation
@testable import AllocSim
import Testing

/// The program over time (issue 14): the simulator against `run`, and each
/// lifecycle rule followed through a traced replicate.
@Suite struct ProgramTests {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios")

    func bundled(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(path: ProgramTests.scenarios.appendingPathComponent(name).path)
    }

    func sum(_ values: [Double], _ runner: ProgramRunner, _ metric: String) -> Double {
        let k = runner.metricNames.firstIndex(of: metric)!, w = runner.metricNames.count
        return (0..<runner.months).reduce(0) { $0 + values[$1 * w + k] }
    }

    @Test("a program of one year with no churn is `allocsim run`: replicate by replicate the same awards and application fees")
    func oneYearIsARun() throws {
        var s = try bundled("guam-program.yaml")
        s.program!.years = 1
        s.program!.registry = ProgramSpec.Registry()          // no arrivals, everyone renews
        s.program!.caregivers = ProgramSpec.Caregivers()
        let prepared = PreparedScenario(s)
        let program = ProgramRunner(prepared)!
        let batch = BatchRunner(prepared)
        var worker = BatchRunner.Worker(batch)
        let names = batch.metricNames
        for i in 0..<40 {
            _ = batch.compute(seed: s.seed, cell: 0, replicate: UInt64(i), worker: &worker)
            let v = program.values(seed: s.seed, replicate: i)
            for type in ["dispensary", "cultivation"] {
                #expect(sum(v, program, "awards.\(type)") == worker.values[names.firstIndex(of: "awards.\(type)")!], "replicate \(i) \(type)")
            }
            #expect(sum(v, program, "revenue.certificate.applications") == worker.values[names.firstIndex(of: "fees.applications")!])
            #expect(sum(v, program, "revenue.certificate.refunds") == -worker.values[names.firstIndex(of: "fees.refunds")!])
            #expect(v[program.metricNames.firstIndex(of: "patients")!] == worker.values[names.firstIndex(of: "patients")!])
        }
    }

    /// Two CHAAs, one village each; one dispensary application per village
    /// each year; one certificate a year.
    func twoVillages(_ rounds: String) throws -> Scenario {
        try scenario("""
        name: two villages
        seed: 7
        certificates: { dispensary: 1 }
        geography:
          units: feet
          chaas:
            - name: North
              villages: [{ name: A, population: 1000, patients: 100, center: [0, 0] }]
            - name: South
              villages: [{ name: B, population: 500, patients: 50, center: [100000, 0] }]
        applications:
          generate:
            applications: { dispensary: { distribution: fixed, each: 1 } }
            sites: { method: radius, radiusFeet: 100 }
        program:
          start: 2026-01-01
          years: 2
          rounds: \(rounds)
        """)
    }

    func trace(_ s: Scenario) -> [ProgramEvent] { ProgramRunner(PreparedScenario(s))!.trace(seed: s.seed, replicate: 0) }

    @Test("§14302(b)(1): year 1 serves village A (its CHAA has more patients), so in year 2 the village tier goes to B")
    func villageTierShrinks() throws {
        let events = trace(try twoVillages("{ opens: 03-02, renewal: 1 }"))
        let awards = events.filter { $0.event == "certificate awarded" }
        #expect(awards.count == 2)
        #expect(awards[0].detail.hasPrefix("A, round 1") && awards[1].detail.hasPrefix("B, round 2"), "\(awards.map(\.detail))")
        #expect(awards[0].date == RoundCalendar(opens: CalendarDate(iso: "2026-03-02")!, calendar: JurisdictionCalendar()).determination)
    }

    @Test("§14307(a): a holder that applies for its License to Operate 320 days after the award (45 before expiry) may not renew: the certificate lapses and A is unserved")
    func lateRenewalLapses() throws {
        let late = trace(try twoVillages("{ opens: 03-02, renewal: 1, licenseAppliedDays: 320, licenseWorkingDays: 200 }"))
        let lapsed = late.filter { $0.event == "certificate lapsed" }
        #expect(lapsed.count == 1 && lapsed[0].rule == "§14307(a)" && lapsed[0].detail.contains("under 60 days"), "\(lapsed)")
        let award = late.first { $0.event == "certificate awarded" }!
        #expect(lapsed[0].date == ProgramRules.oneYearAfter(award.date))
        let onTime = trace(try twoVillages("{ opens: 03-02, renewal: 1, licenseAppliedDays: 30, licenseWorkingDays: 90 }"))
        #expect(!onTime.contains { $0.event == "certificate lapsed" })
        #expect(onTime.contains { $0.event == "License to Operate issued" })
    }

    /// One place of 400 patients, everyone wanting a caregiver.
    func caregivers(_ section: String, plantTags: String = "") throws -> Scenario {
        try scenario("""
        name: caregivers
        seed: 11
        certificates: { dispensary: 0 }
        geography:
          units: feet
          chaas: [{ name: C, villages: [{ name: V, population: 1000, patients: 400 }] }]
        applications: { explicit: [] }
        calendar: { holidays: [2026-05-25, 2026-07-03, 2026-09-07, 2026-10-12, 2026-11-26, 2026-12-25] }
        \(plantTags)
        program:
          start: 2026-01-01
          years: 1
          registry: { arrivalsPerYear: 300, renewal: 0.9, reducedShare: 0.5 }
          caregivers: \(section)
        """)
    }

    @Test("Connecticut: without the physician's certification no patient has a caregiver; with it, those who name one do")
    func connecticutGate() throws {
        let none = try caregivers("{ share: 1, rules: [connecticut-gate], physicianCertifies: 0 }")
        let r = ProgramRunner(PreparedScenario(none))!
        let v = r.values(seed: none.seed, replicate: 0)
        let k = r.metricNames.firstIndex(of: "caregivers")!, w = r.metricNames.count
        #expect((0..<r.months).allSatisfy { v[$0 * w + k] == 0 })
        let all = try caregivers("{ share: 1, rules: [connecticut-gate], physicianCertifies: 1 }")
        let r2 = ProgramRunner(PreparedScenario(all))!
        #expect(r2.values(seed: all.seed, replicate: 0)[k] > 0)
    }

    @Test("VT 3.7(b): every caregiver expiry in a traced year falls on the 3.1.5 date 90 days after its last patient ceased")
    func vermontExpiries() throws {
        let s = try caregivers("{ share: 0.5, rules: [vermont-expiry], maxPatients: 1, tieEndsPerYear: 0.9, joinExisting: 0 }")
        let events = trace(s)
        let expired = events.filter { $0.event == "caregiver expired" }
        #expect(expired.count > 5)
        for e in expired {
            let ceased = events.last { $0.event == "caregiver serves no patient" && $0.subject == e.subject && $0.date < e.date }!
            #expect(e.date == ProgramRules.vermontCaregiverExpiry(lastPatientCeased: ceased.date, calendar: s.calendar), "\(e.subject)")
        }
    }

    @Test("RI F.3.c: each balance paid or plants destroyed falls on the tenth business day after the last reduced patient was lost; a re-association comes before it")
    func rhodeIslandWaiverLoss() throws {
        let s = try caregivers("{ share: 0.6, rules: [rhode-island-f3c], maxPatients: 5, tieEndsPerYear: 0.9 }", plantTags: "plantTags: {}")
        let events = trace(s)
        let outcomes = events.filter { ["balance paid", "plants destroyed", "caregiver re-associated"].contains($0.event) }
        #expect(outcomes.contains { $0.event == "plants destroyed" } && outcomes.contains { $0.event == "caregiver re-associated" })
        for e in outcomes {
            let lost = events.last { $0.event == "last reduced patient lost" && $0.subject == e.subject && $0.date <= e.date }!
            let actBy = s.plantTags!.waiverLossDeadlines(lostOn: lost.date, calendar: s.calendar).actBy
            if e.event == "caregiver re-associated" { #expect(e.date <= actBy) } else { #expect(e.date == actBy, "\(e)") }
        }
    }

    @Test("RI J.3: a departed patient's plant tags go back on the tenth business day unless a patient re-associates first (J.3.e); J.2: a grower who leaves returns them")
    func rhodeIslandReturns() throws {
        let s = try caregivers("{ share: 0.6, rules: [rhode-island-returns], maxPatients: 5, tieEndsPerYear: 0.9 }",
                               plantTags: "plantTags: {}")
        var t = s
        t.program!.registry.growShare = 0.5
        let events = trace(t)
        let returned = events.filter { $0.event == "plant tags returned" }
        let reassociated = events.filter { $0.event == "plant tags re-associated" }
        #expect(returned.contains { $0.rule.hasPrefix("RI §1.12 J.3") } && returned.contains { $0.rule.hasPrefix("RI §1.12 J.2") })
        #expect(!reassociated.isEmpty)
        for e in returned where e.rule.hasPrefix("RI §1.12 J.3") {
            let dues = events.filter { $0.event == "plant tags to return" && $0.subject == e.subject }
                .map { s.plantTags!.returnDeadline(eventOn: $0.date, calendar: s.calendar) }
            #expect(dues.contains(e.date), "\(e)")
        }
        for e in reassociated {
            let open = events.filter { $0.event == "plant tags to return" && $0.subject == e.subject && $0.date <= e.date }
            #expect(open.contains { s.plantTags!.returnDeadline(eventOn: $0.date, calendar: s.calendar) >= e.date }, "\(e)")
        }
    }

    @Test("arrivals per village: only the named village gains patients; the whole-program rate spreads by patients")
    func arrivalsPerVillage() throws {
        var s = try twoVillages("{ opens: 03-02 }")
        s.program!.registry.arrivalsPerVillage = ["B": 200]
        let r = ProgramRunner(PreparedScenario(s))!
        let registered = trace(s).filter { $0.event == "patient registered" && $0.date >= s.program!.start }
        #expect(registered.count > 300 && registered.allSatisfy { $0.detail.hasPrefix("B, ") })
        let v = r.values(seed: s.seed, replicate: 0)
        #expect(sum(v, r, "patients.arrived") == Double(registered.count))
        // No arrivals in A: the CHAA North's patients stay at its 100 (everyone renews).
        let k = r.metricNames.firstIndex(of: "patients")!, w = r.metricNames.count
        #expect(v[(r.months - 1) * w + k] == 150 + Double(registered.count))
    }

    @Test("program: bad fields are errors naming the path")
    func programErrors() {
        let base = "name: x\ncertificates: { dispensary: 0 }\ngeography: { units: feet, chaas: [{ name: C, villages: [{ name: V, population: 1, patients: 1 }] }] }\napplications: { explicit: [] }\n"
        let a = issues(base + "program: { start: 2026-01-01, years: 0 }").map(\.description).joined()
        #expect(a.contains("program.years"), "\(a)")
        let b = issues(base + "program: { start: 2026-01-01, years: 1, caregivers: { rules: [oregon] } }").map(\.description).joined()
        #expect(b.contains("program.caregivers.rules[0]") && b.contains("connecticut-gate"), "\(b)")
        let c = issues(base + "program: { start: 2026-01-01, years: 1, rounds: { opens: 02-30 } }").map(\.description).joined()
        #expect(c.contains("program.rounds.opens"), "\(c)")
        // Every patient is simulated: 50 years of a million arrivals a year is refused before anything runs.
        let d = issues(base + "program: { start: 2026-01-01, years: 50, registry: { arrivalsPerYear: 1000000, growth: 1 } }")
            .map(\.description).joined()
        #expect(d.contains("program") && d.contains("expected at most 2000000"), "\(d)")
        let e = issues(base + "program: { start: 2026-01-01, years: 1, registry: { arrivalsPerVillage: { W: 5 } } }").map(\.description).joined()
        #expect(e.contains("program.registry.arrivalsPerVillage.W") && e.contains("unknown village 'W'"), "\(e)")
    }
}
