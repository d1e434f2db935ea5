@testable import AllocSim

/// Parses a scenario from YAML text, failing the test on any issue.
func scenario(_ yaml: String) throws -> Scenario {
    try ScenarioLoader.parse(yaml: yaml, file: "test.yaml")
}

/// The issues a YAML text produces (empty if it loads).
func issues(_ yaml: String) -> [ScenarioIssue] {
    do {
        _ = try ScenarioLoader.parse(yaml: yaml, file: "test.yaml")
        return []
    } catch {
        return error.issues
    }
}

/// An application's outcome with its failure in words, as `awards.csv` shows it.
@dynamicMemberLookup
struct Outcome {
    let base: ApplicationOutcome
    let failure: (reason: String, detail: String)?
    /// The audit steps of the award's step.
    var draws: [Int] = []

    subscript<T>(dynamicMember path: KeyPath<ApplicationOutcome, T>) -> T { base[keyPath: path] }
}

/// One audited round; outcomes keyed by application id.
func allocate(_ s: Scenario, seed: UInt64 = 1) -> (outcomes: [String: Outcome], result: RoundResult) {
    let p = PreparedScenario(s)
    let r = p.allocateExplicit(seed: seed)
    var out: [String: Outcome] = [:]
    for (i, a) in s.applications.explicit.enumerated() {
        let o = r.outcomes[i]
        out[a.id] = Outcome(base: o, failure: o.failure.map { ($0.reason, p.round.detail(of: $0)) }, draws: r.awardDraws[i])
    }
    return (out, r)
}

/// A planar one-village territory header for small eligibility tests.
func oneVillage(policy: String = "", extraGeography: String = "", apps: String, certificates: String = "{ dispensary: 5 }",
                date: String = "") -> String {
    """
    name: test
    certificates: \(certificates)
    geography:
      units: feet
      chaas:
        - name: C
          villages:
            - { name: V, population: 100, patients: 10 }
    \(extraGeography)
    applications:
    \(date)
      explicit:
    \(apps)
    \(policy)
    """
}
