import Testing
@testable import AllocSim

/// SPEC §6-§7: bad input names the file, the field path, the line and what
/// was expected; every problem is reported.
@Suite struct ScenarioLoaderTests {
    let valid = """
    name: ok
    certificates: { dispensary: 1 }
    geography:
      units: feet
      chaas:
        - name: North
          villages:
            - { name: Dededo, population: 10, patients: 5 }
            - { name: Yigo, population: 10, patients: 5 }
    applications:
      explicit:
        - { id: A1, type: dispensary, village: Dededo, site: [0, 0], individuals: [p] }
    """

    func replacing(_ a: String, _ b: String) -> String { valid.replacingOccurrences(of: a, with: b) }

    @Test("a valid scenario loads with the defaults of SPEC §2-§3")
    func loadsWithDefaults() throws {
        let s = try scenario(valid)
        #expect(s.policy.schoolBufferFeet == 1000)
        #expect(s.policy.busStopBufferFeet == 250)
        #expect(s.policy.applicantLimits == ApplicantLimits(perChaa: 1, total: 2, resolution: .withdrawLatest))
        #expect(s.policy.villageOrder == .chaaPatients)
        #expect(s.fees.refundNotAwarded == 1000)
        #expect(s.applications.explicit[0].submitted == 1)
        #expect(s.applications.explicit[0].complete)
    }

    @Test("malformed YAML: file, line and the parser's problem")
    func malformedYAML() {
        let found = issues("name: [unclosed\ncertificates: {")
        #expect(found.count == 1)
        #expect(found[0].file == "test.yaml")
        #expect(found[0].line != nil)
        #expect(found[0].message.hasPrefix("malformed YAML"))
    }

    @Test("an unknown village is named with its field path and line, with a suggestion")
    func unknownVillage() {
        let found = issues(replacing("village: Dededo, site", "village: Dedeo, site"))
        #expect(found.count == 1)
        #expect(found[0].path == "applications.explicit[0].village")
        #expect(found[0].line == 12)
        #expect(found[0].message.contains("unknown village 'Dedeo'"))
        #expect(found[0].message.contains("did you mean 'Dededo'"))
    }

    @Test("a negative count names its path: geography.chaas[0].villages[1].patients")
    func negativeCount() {
        let found = issues(replacing("name: Yigo, population: 10, patients: 5", "name: Yigo, population: 10, patients: -3"))
        #expect(found.map(\.path) == ["geography.chaas[0].villages[1].patients"])
        #expect(found[0].message == "expected a whole number from 0 to 1000000000, found '-3'")
        #expect(found[0].line == 9)
    }

    @Test("numbers may carry YAML's _ separators; a name of spaces is no name")
    func separatorsAndBlankText() throws {
        let s = try scenario(replacing("name: Yigo, population: 10, patients: 5", "name: Yigo, population: 1_000, patients: 2_5")
            .replacingOccurrences(of: "site: [0, 0]", with: "site: [1_0.2_5, 0]"))
        #expect(s.geography.chaas[0].villages[1].population == 1000)
        #expect(s.geography.chaas[0].villages[1].patients == 25)
        #expect(s.applications.explicit[0].site.x == 10.25)
        let found = issues(replacing("name: Yigo,", "name: '  ',"))
        #expect(found.map(\.path) == ["geography.chaas[0].villages[1].name"])
        #expect(found.first?.message.contains("a non-empty text value") == true)
        #expect(issues(replacing("name: Yigo, population: 10, patients: 5", "name: Yigo, population: 10, patients: 5_x")).map(\.path)
                == ["geography.chaas[0].villages[1].patients"])
    }

    @Test("a NaN coordinate is rejected")
    func nanCoordinate() {
        let found = issues(replacing("site: [0, 0]", "site: [.nan, 0]"))
        #expect(found.map(\.path) == ["applications.explicit[0].site[0]"])
        #expect(found[0].message.contains("finite number"))
    }

    @Test("degrees must be a longitude and a latitude in range")
    func degreesRange() {
        let found = issues(replacing("units: feet", "units: degrees").replacingOccurrences(of: "site: [0, 0]", with: "site: [144.8, 95]"))
        #expect(found.map(\.path) == ["applications.explicit[0].site[1]"])
    }

    @Test("an unknown field is an error, with a suggestion")
    func unknownField() {
        let found = issues(valid + "\npolicy: { schoolBuffer: 500 }")
        #expect(found.map(\.path) == ["policy.schoolBuffer"])
        #expect(found[0].message.contains("did you mean 'schoolBufferFeet'"))
    }

    @Test("missing required fields and wrong types are all reported at once")
    func severalProblems() {
        let found = issues("""
        name: x
        certificates: { dispensary: two }
        geography: { units: miles, chaas: [] }
        """)
        let paths = Set(found.map(\.path))
        #expect(paths.contains("applications"))
        #expect(paths.contains("certificates.dispensary"))
        #expect(paths.contains("geography.units"))
    }

    @Test("duplicate ids and duplicate village names are errors")
    func duplicates() {
        let dupId = issues(valid + "\n    - { id: A1, type: dispensary, village: Yigo, site: [0, 0], individuals: [q] }")
        #expect(dupId.map(\.path) == ["applications.explicit[1].id"])
        let dupVillage = issues(replacing("name: Yigo", "name: Dededo"))
        #expect(dupVillage.map(\.path) == ["geography.chaas[0].villages[1].name"])
    }

    @Test("an application for a type with no certificates offered is an error")
    func typeNotOffered() {
        let found = issues(replacing("type: dispensary", "type: cultivation"))
        #expect(found.map(\.path) == ["applications.explicit[0].type"])
    }

    @Test("an impossible fee request: a refund above the fee")
    func refundAboveFee() {
        let found = issues(valid + "\nfees: { certificateApplication: 500, refundNotAwarded: 1000 }")
        #expect(found.map(\.path) == ["fees.refundNotAwarded"])
    }

    @Test("an empty individuals list and an empty file are errors")
    func emptyThings() {
        #expect(issues(replacing("individuals: [p]", "individuals: []")).map(\.path) == ["applications.explicit[0].individuals"])
        #expect(issues("").first?.message.contains("empty file") == true)
    }

    @Test("a school needs exactly one of point and polygon")
    func schoolShape() {
        let found = issues(valid.replacingOccurrences(of: "applications:", with: "  schools: [{ name: S }]\napplications:"))
        #expect(found.map(\.path) == ["geography.schools[0]"])
    }

    @Test("a file that does not exist")
    func missingFile() {
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: "/nonexistent/x.yaml") }
    }
}


/// SPEC §2, consistency checks the loader makes (issue: the law as written).
@Suite struct ConsistencyTests {
    static let twoVillages = """
    name: consistency
    certificates: { dispensary: 1 }
    geography:
      units: feet
      chaas:
        - name: C
          villages:
            - { name: West, patients: 10, FACILITIES boundary: [[0, 0], [1000, 0], [1000, 1000], [0, 1000]] }
            - { name: East, patients: 10, boundary: [[1000, 0], [2000, 0], [2000, 1000], [1000, 1000]] }
      LOCATED
    applications:
      explicit:
        - { id: A, type: dispensary, village: West, site: SITE, individuals: [p] }
    """

    func check(site: String = "[500, 500]", facilities: String = "", located: String = "") -> [ScenarioIssue] {
        issues(ConsistencyTests.twoVillages.replacingOccurrences(of: "SITE", with: site)
            .replacingOccurrences(of: "FACILITIES ", with: facilities)
            .replacingOccurrences(of: "LOCATED", with: located))
    }

    @Test("SPEC §2: an explicit site in another village's boundary is exit 2 naming both villages")
    func siteInAnotherVillage() {
        #expect(check().isEmpty)
        let found = check(site: "[1500, 500]")
        #expect(found.map(\.path) == ["applications.explicit[0].site"])
        #expect(found.first?.message == "the site lies in village 'East', not in its declared village 'West'")
        #expect(check(site: "[-50, 500]").first?.message == "the site lies outside the boundary of its declared village 'West'")
    }

    @Test("SPEC §2: a village's facilities count below its located facilities is exit 2 (it decides tier (b)(1))")
    func facilityCountMismatch() {
        let located = "facilities: [{ name: F, type: dispensary, village: West, point: [10, 10] }]"
        let found = check(located: located)
        #expect(found.map(\.path) == ["geography.chaas[0].villages[0].facilities.dispensary"])
        #expect(check(facilities: "facilities: { dispensary: 1 },", located: located).isEmpty)
    }

    @Test("removed plant-tag fields that acted on nothing are unknown fields now")
    func deadFieldsGone() {
        let yaml = """
        name: t
        certificates: { dispensary: 1 }
        geography: { units: feet, chaas: [{ name: C, villages: [{ name: V, patients: 1 }] }] }
        applications: { explicit: [] }
        plantTags: { holidays: [2026-12-25] }
        """
        #expect(issues(yaml).first?.path == "plantTags.holidays")
    }
}
