/// A validated scenario compiled for rounds: the territory in index form,
/// the buffer indexes, the explicit applications with their buffer results
/// (their sites never change) and interned individuals.
public struct PreparedScenario: Sendable {
    public let scenario: Scenario
    public let territory: Territory
    public let round: AllocationRound
    /// Explicit applications, in scenario order.
    public let explicit: [RoundApplication]
    public let explicitBufferFailures: [EligibilityFailure?]

    /// Ids below this prefix sort before every generated id, ids above it
    /// after: generated ids are `G-000001`, `G-000002`, ... (SPEC §3 sorts
    /// lottery candidates by id).
    public static let generatedPrefix = "G-"
    /// Order keys: explicit ids sorting before generated ones, generated
    /// ones, explicit ids sorting after.
    static let generatedOrderBase = 1 << 40
    static let highOrderBase = 1 << 41

    public init(_ s: Scenario) {
        scenario = s
        territory = Territory(s.geography)
        var names: [String] = []
        var interned: [String: Int] = [:]
        func intern(_ n: String) -> Int {
            if let i = interned[n] { return i }
            interned[n] = names.count
            names.append(n)
            return names.count - 1
        }
        let ids = s.applications.explicit.map(\.id)
        let rank = Territory.ranks(ids)
        var apps: [RoundApplication] = []
        for (i, a) in s.applications.explicit.enumerated() {
            let v = territory.village(named: a.village)!
            let order = a.id < PreparedScenario.generatedPrefix ? rank[i] : PreparedScenario.highOrderBase + rank[i]
            apps.append(RoundApplication(type: a.type, village: v, chaa: territory.villageCHAA[v], order: order,
                                         submitted: a.submitted, individuals: IndividualList(a.individuals.map(intern)),
                                         complete: a.complete, site: a.site,
                                         date: (a.date ?? s.applications.date)?.dayNumber))
        }
        let buffers = BufferChecks(geography: s.geography, policy: s.policy)
        explicit = apps
        explicitBufferFailures = apps.map { buffers.failure(at: $0.site, date: $0.date) }
        round = AllocationRound(territory: territory, policy: s.policy, fees: s.fees,
                                certificates: s.certificates, buffers: buffers, individualNames: names,
                                window: s.applications.window)
    }

    /// One audited round over the explicit applications (`allocsim allocate`).
    public func allocateExplicit(seed: UInt64) -> RoundResult {
        let streams = ReplicateStreams(seed: seed)
        return round.run(explicit, bufferFailures: explicitBufferFailures, lotteries: streams.lotteries, audit: true)
    }
}
