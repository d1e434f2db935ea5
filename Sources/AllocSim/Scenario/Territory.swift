/// A scenario's geography compiled to index form for the round: villages
/// and CHAAs by number, with their patients and facilities (SPEC §1).
///
/// CHAA patients = the sum of its villages' patients; CHAA facilities of a
/// type = the sum over its villages.
public struct Territory: Sendable {
    public let distance: DistanceModel
    public let chaaNames: [String]
    public let villageNames: [String]
    /// The CHAA of each village.
    public let villageCHAA: [Int]
    public let villagePopulation: [Int]
    /// Patients as the scenario gives them.
    public let villagePatients: [Int]
    /// Existing facilities: `villageFacilities[type.index][village]`.
    public let villageFacilities: [[Int]]
    /// Villages of each CHAA.
    public let chaaVillages: [[Int]]
    /// Rank of each village's and CHAA's name, for lottery ordering.
    public let villageNameRank: [Int]
    public let chaaNameRank: [Int]
    let villageIndex: [String: Int]

    public init(_ g: Geography) {
        distance = DistanceModel(units: g.units)
        chaaNames = g.chaas.map(\.name)
        var names: [String] = [], chaa: [Int] = [], pop: [Int] = [], pat: [Int] = []
        var fac = [[Int]](repeating: [], count: CertificateType.allCases.count)
        var members = [[Int]](repeating: [], count: g.chaas.count)
        for (c, ch) in g.chaas.enumerated() {
            for v in ch.villages {
                members[c].append(names.count)
                names.append(v.name)
                chaa.append(c)
                pop.append(v.population)
                pat.append(v.patients)
                for t in CertificateType.allCases { fac[t.index].append(v.facilities[t] ?? 0) }
            }
        }
        villageNames = names
        villageCHAA = chaa
        villagePopulation = pop
        villagePatients = pat
        villageFacilities = fac
        chaaVillages = members
        villageNameRank = Territory.ranks(names)
        chaaNameRank = Territory.ranks(chaaNames)
        villageIndex = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    }

    public var villageCount: Int { villageNames.count }
    public var chaaCount: Int { chaaNames.count }

    public func village(named name: String) -> Int? { villageIndex[name] }

    /// CHAA patients for given village patients, into `out` (refilled in
    /// place, so a Monte Carlo worker reuses its buffer).
    public func chaaPatients(_ villagePatients: [Int], into out: inout [Int]) {
        ScratchArray.fill(&out, 0, count: chaaCount)
        var sums = out.mutableSpan
        for v in villagePatients.indices { sums[villageCHAA[v]] += villagePatients[v] }
    }

    static func ranks(_ names: [String]) -> [Int] {
        var r = [Int](repeating: 0, count: names.count)
        for (rank, i) in names.indices.sorted(by: { names[$0] < names[$1] }).enumerated() { r[i] = rank }
        return r
    }
}

extension CertificateType {
    /// Position in `allCases`, for index-form arrays.
    public var index: Int { self == .dispensary ? 0 : 1 }
}
