@testable import AllocSim
import Testing

/// The scorecard rubric (issue 17): each line on a scenario built to sit
/// exactly on its boundary. Rhode Island scored as the scorecard scored it
/// is in `ScorecardSeedTests` (it needs the seed's table).
@Suite struct ScorecardRubricTests {
    /// A one-CHAA territory with registry cards and plant tags as given.
    func yaml(cards: String = "", plantTags: String = "", villages: String? = nil, extra: String = "",
              certificates: String = "{ dispensary: 1 }", apps: String = "") -> String {
        """
        name: scorecard test
        certificates: \(certificates)
        geography:
          units: feet
          chaas:
        \(villages ?? "    - name: C\n      villages:\n        - { name: V, population: 100, patients: 10 }")
        \(extra)
        applications:
          explicit:
        \(apps.isEmpty ? "    []" : apps)
        fees:
          registry: { snapShare: 0.2\(cards.isEmpty ? "" : ", cards: \(cards)") }
        \(plantTags.isEmpty ? "" : "plantTags: \(plantTags)")
        """
    }

    func grade(_ text: String, replicates: Int = 20) throws -> [ScorecardIssue: ScenarioScorecard.Row] {
        let card = ScenarioScorecard(BatchRunner(PreparedScenario(try scenario(text))), seed: 1, replicates: replicates, threads: 1)
        return Dictionary(uniqueKeysWithValues: card.rows.map { ($0.issue, $0) })
    }

    func points(_ text: String, _ issue: ScorecardIssue) throws -> Int? { try grade(text)[issue]!.points }

    @Test("Reasonable Fees: $50 a year is 15 and a cent more 12; $100 is 12 and a cent more 9 (the caregiver's card counts)")
    func fees() throws {
        let c = "{ patient: 50, reducedPatient: 10, caregiver: 50 }"
        #expect(try points(yaml(cards: c), .fees) == 15)
        #expect(try points(yaml(cards: "{ patient: 50, reducedPatient: 10, caregiver: 50.01 }"), .fees) == 12)
        #expect(try points(yaml(cards: "{ patient: 100, reducedPatient: 10, caregiver: 100 }"), .fees) == 12)
        #expect(try points(yaml(cards: "{ patient: 100.01, reducedPatient: 10, caregiver: 20 }"), .fees) == 9)
        // A biennial $200 card is $100 a year; one plant set ($25, RI §1.12 F.1) tips it over.
        #expect(try points(yaml(cards: "{ patient: 200, reducedPatient: 10, caregiver: 200, yearsValid: 2 }"), .fees) == 12)
        #expect(try points(yaml(cards: "{ patient: 200, reducedPatient: 10, caregiver: 200, yearsValid: 2 }",
                                plantTags: "{ feePerSet: 0.01 }"), .fees) == 9)
    }

    @Test("Financial Hardship: a reduced fee of $60 a year is 10, $60.01 is 8; without a reduction $50 is 8, $75 is 7, $75.01 is 0")
    func hardship() throws {
        #expect(try points(yaml(cards: "{ patient: 150, reducedPatient: 60 }"), .hardship) == 10)
        #expect(try points(yaml(cards: "{ patient: 150, reducedPatient: 60.01 }"), .hardship) == 8)
        #expect(try points(yaml(cards: "{ patient: 50, reducedPatient: 50 }"), .hardship) == 8)
        #expect(try points(yaml(cards: "{ patient: 75, reducedPatient: 75 }"), .hardship) == 7)
        #expect(try points(yaml(cards: "{ patient: 75.01, reducedPatient: 75.01 }"), .hardship) == 0)
        // The same card for everyone, but reduced-registration patients' plant sets are waived (RI §1.12 F.2).
        #expect(try points(yaml(cards: "{ patient: 120, reducedPatient: 120, yearsValid: 2 }", plantTags: "{ feePerSet: 25 }"),
                           .hardship) == 10)
    }

    @Test("Number of Caregivers: 5 patients per caregiver is 5, 4 is 4, 1 is 4; without plant tags not scored")
    func caregivers() throws {
        #expect(try points(yaml(plantTags: "{ maxPatientsPerCaregiver: 5 }"), .caregivers) == 5)
        #expect(try points(yaml(plantTags: "{ maxPatientsPerCaregiver: 4 }"), .caregivers) == 4)
        #expect(try points(yaml(plantTags: "{ maxPatientsPerCaregiver: 1 }"), .caregivers) == 4)
        #expect(try points(yaml(), .caregivers) == nil)
        #expect(ScorecardIssue.caregivers.score(RubricFigure(0)).points == 0)
    }

    @Test("fees.registry.cards: a reduced fee above the patient's, a validity of 0 years, are errors naming the field")
    func cardErrors() {
        let a = issues(yaml(cards: "{ patient: 50, reducedPatient: 60 }")).map(\.description).joined()
        #expect(a.contains("fees.registry.cards.reducedPatient") && a.contains("no larger than the patient fee (50)"), "\(a)")
        let b = issues(yaml(cards: "{ yearsValid: 0 }")).map(\.description).joined()
        #expect(b.contains("fees.registry.cards.yearsValid"), "\(b)")
        let c = issues(yaml(plantTags: "{ cooperativeLimit: -1 }")).map(\.description).joined()
        #expect(c.contains("plantTags.cooperativeLimit"), "\(c)")
    }

    @Test("Multiple-Year Registrations: §14108(a)'s one year is 0, two years is 5")
    func multiYear() throws {
        #expect(try points(yaml(), .multiYear) == 0)
        #expect(try points(yaml(cards: "{ yearsValid: 2 }"), .multiYear) == 5)
    }

    @Test("Personal Cultivation and cultivation access: one set per patient is 25 and 20; Collective Gardens: 45 sets 10, 44 and 1 are 8, 0 is 0")
    func cultivation() throws {
        let g = try grade(yaml(plantTags: "{ patientLimit: 1, cooperativeLimit: 45 }"))
        #expect(g[.cultivation]!.points == 25 && g[.cultivationAccess]!.points == 20 && g[.collectiveGardens]!.points == 10)
        #expect(try points(yaml(plantTags: "{ cooperativeLimit: 44 }"), .collectiveGardens) == 8)
        #expect(try points(yaml(plantTags: "{ cooperativeLimit: 1 }"), .collectiveGardens) == 8)
        #expect(try points(yaml(plantTags: "{ cooperativeLimit: 0 }"), .collectiveGardens) == 0)
        #expect(ScorecardIssue.cultivation.score(RubricFigure(0)).points == 0)
    }

    /// Two CHAAs of 50 patients each, with registered dispensaries as given.
    func twoCHAAs(_ a: Int, _ b: Int) -> String {
        """
            - name: North
              villages:
                - { name: N, population: 100, patients: 50, facilities: { dispensary: \(a) } }
            - name: South
              villages:
                - { name: S, population: 100, patients: 50, facilities: { dispensary: \(b) } }
        """
    }

    @Test("Reasonable Number of Dispensaries and access (§14302 round over registered facilities): as many as CHAAs is 3 and 100% is 20; one CHAA of two served is 1 and 50% is 18")
    func dispensaries() throws {
        let both = try grade(yaml(villages: twoCHAAs(1, 1), certificates: "{ dispensary: 0 }"))
        #expect(both[.dispensaries]!.points == 3 && both[.dispensaryAccess]!.points == 20)
        let one = try grade(yaml(villages: twoCHAAs(1, 0), certificates: "{ dispensary: 0 }"))
        #expect(one[.dispensaries]!.points == 1 && one[.dispensaryAccess]!.points == 18)
        #expect(one[.dispensaryAccess]!.figure == 0.5)
        let three = try grade(yaml(villages: twoCHAAs(2, 1), certificates: "{ dispensary: 0 }"))
        #expect(three[.dispensaries]!.points == 3)
        #expect(ScorecardIssue.dispensaries.score(RubricFigure(3, full: 4)).points == 2)
        #expect(ScorecardIssue.dispensaryAccess.score(RubricFigure(0.95)).points == 20)
        #expect(ScorecardIssue.dispensaryAccess.score(RubricFigure(0.9499)).points == 18)
        #expect(ScorecardIssue.dispensaryAccess.score(RubricFigure(0.4999)).points == 14)
        #expect(ScorecardIssue.dispensaryAccess.score(RubricFigure(0)).points == 0)
    }

    @Test("Municipal Bans/Zoning (§14321(a) school buffer): one application of two inside 1,000 feet is half, a ban in effect (0); none inside is 1")
    func zoning() throws {
        let school = "  schools:\n    - { name: S, opened: 1990-01-01, point: [0, 0] }"
        let apps = { (x: Int) in
            "    - { id: A, type: dispensary, village: V, site: [\(x), 0], individuals: [a] }\n"
                + "    - { id: B, type: dispensary, village: V, site: [5000, 0], individuals: [b] }"
        }
        let half = try grade(yaml(extra: school, apps: apps(999)))
        #expect(half[.zoning]!.figure == 0.5 && half[.zoning]!.points == 0)
        let none = try grade(yaml(extra: school, apps: apps(1001)))
        #expect(none[.zoning]!.figure == 0 && none[.zoning]!.points == 1)
    }
}
