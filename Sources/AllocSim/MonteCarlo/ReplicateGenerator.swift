import Foundation

/// Draws one replicate's random inputs (SPEC §5): village patients, and
/// applications per village and type with their sites, completeness,
/// individuals and submission order, appended after the explicit ones.
/// Each purpose draws from its own stream (`ReplicateStreams`): counts,
/// sites and flags per type, the submission order, the patients.
///
/// Generated application k (1-based) has id `G-` followed by k in six
/// digits; its lottery order sorts after explicit ids below `G-` and before
/// those above. Its individual is new, except with probability
/// `alreadyApplied` it is the individual of a uniformly drawn earlier
/// generated application (so §14303 limits can bind). Generated
/// applications are submitted after the explicit ones, in a uniformly
/// random order.
struct ReplicateGenerator {
    // Only what a replicate reads, not the prepared scenario: passed to a
    // call, the generator is copied whole, and the scenario would make it
    // 2 KB.
    let spec: GenerationSpec?
    /// The territory's fixed patients per village, and how many explicit
    /// applications come first.
    let fixedPatients: [Int]
    let explicitCount: Int
    /// Mean (or fixed count) per type index and village.
    let means: [[Double]]
    /// exp(−mean) per type index and village, for the Poisson counts
    /// (`RandomStream.poisson(_:expNegMu:)`): worked out once, not at
    /// every draw.
    let expNegMeans: [[Double]]
    let kinds: [CountKind?]
    let populationWeights: [Double]
    let explicitIndividuals: Int
    /// Generated applications are dated `applications.date`.
    let applicationDate: Int?
    let firstGeneratedSubmission: Int
    let candidateSites: [[Point]]
    /// Each village's centre (the origin where it has none; the loader
    /// requires one for `radius` sites) and boundary, in territory order,
    /// apart, so drawing a site copies no village.
    let centers: [Point]
    let boundaries: [Polygon?]
    let hasBoundary: [Bool]
    /// Feet per coordinate unit at each village's centre.
    let centreScale: [(lon: Double, lat: Double)]
    /// The round's buffer checks and each village's CHAA, kept here: read
    /// through `prepared` they were copied out of it at every use.
    let buffers: BufferChecks
    let villageCHAA: [Int]

    enum CountKind { case fixed, poisson, multinomial(Int) }

    /// Rejection sampling gives up after this many tries and takes the
    /// village centre (radius) or first vertex (boundary); the loader's
    /// checks make that vanishingly unlikely.
    static let maxTries = 1_000_000

    /// A placeholder for a new slot of `generate`, overwritten at once.
    static let blank = RoundApplication(type: .dispensary, village: 0, chaa: 0, order: 0, submitted: 0,
                                        individuals: IndividualList([0]), complete: false, site: Point(0, 0))

    init(_ p: PreparedScenario) {
        spec = p.scenario.applications.generate
        fixedPatients = p.territory.villagePatients
        explicitCount = p.explicit.count
        let t = p.territory
        buffers = p.round.buffers
        villageCHAA = t.villageCHAA
        let pops = t.villagePopulation.map(Double.init)
        let popTotal = pops.reduce(0, +)
        populationWeights = popTotal > 0 ? pops : Array(repeating: 1, count: t.villageCount)
        let weightTotal = populationWeights.reduce(0, +)
        var means = [[Double]](repeating: Array(repeating: 0, count: t.villageCount), count: CertificateType.allCases.count)
        var kinds = [CountKind?](repeating: nil, count: CertificateType.allCases.count)
        for (type, model) in spec?.counts ?? [:] {
            let i = type.index
            switch model {
            case .fixedEach(let n): means[i] = Array(repeating: Double(n), count: t.villageCount); kinds[i] = .fixed
            case .fixedPerVillage(let m):
                for (name, n) in m { means[i][t.village(named: name)!] = Double(n) }
                kinds[i] = .fixed
            case .poissonEach(let mu): means[i] = Array(repeating: mu, count: t.villageCount); kinds[i] = .poisson
            case .poissonPerVillage(let m):
                for (name, mu) in m { means[i][t.village(named: name)!] = mu }
                kinds[i] = .poisson
            case .poissonByPopulation(let total):
                means[i] = populationWeights.map { total * $0 / weightTotal }
                kinds[i] = .poisson
            case .multinomialByPopulation(let total):
                kinds[i] = .multinomial(total)
            }
        }
        self.means = means
        expNegMeans = means.map { $0.map { exp(-$0) } }
        self.kinds = kinds
        let villages = p.scenario.geography.chaas.flatMap(\.villages)
        centers = villages.map { $0.center ?? Point(0, 0) }
        boundaries = villages.map(\.boundary)
        hasBoundary = villages.map { $0.boundary != nil }
        let degrees = p.territory.distance.units == .degrees
        centreScale = villages.map { v in
            guard degrees, let c = v.center else { return (1, 1) }
            return Geodesic.feetPerDegree(atLatitude: c.y)
        }
        explicitIndividuals = p.round.individualNames.count
        applicationDate = p.scenario.applications.date?.dayNumber
        firstGeneratedSubmission = (p.explicit.map(\.submitted).max() ?? 0) + 1
        if case .candidates(let m)? = spec?.sites {
            candidateSites = t.villageNames.map { m[$0] ?? [] }
        } else {
            candidateSites = []
        }
    }

    /// Buffers the generator fills, kept by a worker across replicates.
    struct Scratch {
        var counts: [Int] = []
        var raw: [UInt32] = []
        var order: [Int] = []
    }

    /// Village patients for this replicate, into `patients`.
    func villagePatients(_ rng: RandomStream, into patients: inout [Int], scratch: inout Scratch) {
        switch spec?.patients {
        case nil:
            patients.removeAll(keepingCapacity: true)
            patients.append(contentsOf: fixedPatients)
        case .multinomial(let total)?:
            rng.multinomial(total: total, weights: populationWeights, into: &patients, raw: &scratch.raw)
        case .poisson?:
            patients.removeAll(keepingCapacity: true)
            for p in fixedPatients { patients.append(rng.poisson(Double(p))) }
        }
    }

    /// Puts this replicate's generated applications (and their buffer
    /// results) after the explicit ones in `apps` and `failures`, which
    /// start with the explicit ones and may still hold the last replicate's
    /// generated ones after them: those slots are overwritten in place
    /// (an application's list of individuals keeps its storage, so a slot
    /// is neither destroyed nor rebuilt) and any left over are dropped.
    func generate(into apps: inout [RoundApplication], failures: inout [EligibilityFailure?], streams: ReplicateStreams,
                  scratch: inout Scratch) {
        let firstIndex = explicitCount
        var generated = 0
        defer {
            while apps.count > firstIndex + generated { apps.removeLast() }
            while failures.count > firstIndex + generated { failures.removeLast() }
        }
        guard let spec else { return }
        // A local, copied once: read from self in the loop, the 437-byte
        // struct was copied for every site.
        let buffers = self.buffers
        for type in CertificateType.allCases {
            guard let kind = kinds[type.index] else { continue }
            let counter = streams.applicationCounts[type.index]
            let sites = streams.sites[type.index], flags = streams.flags[type.index]
            switch kind {
            case .fixed:
                ScratchArray.resize(&scratch.counts, count: villageCHAA.count, filler: 0)   // a mean per village
                var counts = scratch.counts.mutableSpan
                for (v, m) in means[type.index].enumerated() { counts[v] = Int(m) }
            case .poisson:
                ScratchArray.resize(&scratch.counts, count: villageCHAA.count, filler: 0)
                var counts = scratch.counts.mutableSpan
                let means = self.means[type.index], expNegMeans = self.expNegMeans[type.index]
                for v in means.indices { counts[v] = counter.poisson(means[v], expNegMu: expNegMeans[v]) }
            case .multinomial(let total):
                counter.multinomial(total: total, weights: populationWeights, into: &scratch.counts, raw: &scratch.raw)
            }
            // Slots for this type's applications, then written through spans.
            let end = firstIndex + generated + scratch.counts.reduce(0, +)
            while apps.count < end { apps.append(ReplicateGenerator.blank) }
            while failures.count < end { failures.append(nil) }
            var slots = apps.mutableSpan, failed = failures.mutableSpan
            for v in 0..<villageCHAA.count {
                for _ in 0..<scratch.counts[v] {
                    let slot = firstIndex + generated
                    generated += 1
                    let site = drawSite(village: v, spec.sites, sites)
                    var individual = explicitIndividuals + generated - 1
                    if generated > 1 && flags.bernoulli(spec.alreadyApplied) {
                        let earlier = firstIndex + flags.uniformIndex(generated - 1)
                        individual = slots[earlier].individuals[0]
                    }
                    let complete = !flags.bernoulli(spec.incomplete)
                    slots[slot].type = type
                    slots[slot].village = v
                    slots[slot].chaa = villageCHAA[v]
                    slots[slot].order = PreparedScenario.generatedOrderBase + generated
                    slots[slot].submitted = 0
                    slots[slot].individuals.setOnly(individual)
                    slots[slot].complete = complete
                    slots[slot].site = site
                    slots[slot].date = applicationDate
                    // Most sites are clear, which the screen alone tells: store a
                    // literal nil then, not a copy of a result.
                    if complete, buffers.mayFail(at: site, date: applicationDate),
                       let f = buffers.failure(at: site, date: applicationDate) {
                        failed[slot] = f
                    } else {
                        failed[slot] = nil
                    }
                }
            }
        }
        // A uniformly random submission order among generated applications.
        if generated > 1 {
            // Through spans: one uniqueness check per array, not one per write.
            ScratchArray.resize(&scratch.order, count: generated, filler: 0)
            let shuffle = streams.submissionOrder
            var order = scratch.order.mutableSpan
            for i in order.indices { order[i] = i }
            for i in stride(from: generated - 1, to: 0, by: -1) { order.swapAt(i, shuffle.uniformIndex(i + 1)) }
            var all = apps.mutableSpan
            for rank in order.indices { all[firstIndex + order[rank]].submitted = firstGeneratedSubmission + rank }
        } else if generated == 1 {
            apps[firstIndex].submitted = firstGeneratedSubmission
        }
    }

    /// A site for a new application in village `v` under `model`, drawn
    /// on `rng`. Inlined into `generate`, its one caller in the replicate
    /// loop: as a call, saving and restoring registers around it cost
    /// about 20 instructions a site.
    @inline(__always)
    func drawSite(village v: Int, _ model: SiteModel, _ rng: RandomStream) -> Point {
        switch model {
        case .candidates:
            let sites = candidateSites[v]
            return sites[rng.uniformIndex(sites.count)]
        case .radius(let r):
            // Uniform in the disc: rejection from the enclosing square; with
            // a boundary, uniform in the part of the disc inside the village
            // (the loader checks the centre is inside it), so a site never
            // falls in another village.
            let c = centers[v]
            let s = centreScale[v]
            for _ in 0..<ReplicateGenerator.maxTries {
                var dx = 0.0, dy = 0.0
                repeat {
                    dx = 2 * rng.uniform() - 1
                    dy = 2 * rng.uniform() - 1
                } while dx * dx + dy * dy > 1
                let p = Point(c.x + r * dx / s.lon, c.y + r * dy / s.lat)
                if !hasBoundary[v] || boundaries[v]!.contains(p) { return p }
            }
            return c
        case .boundary:
            let poly = boundaries[v]!
            let (lo, hi) = poly.bounds
            // Rejection sampling; the loader guarantees a positive area.
            for _ in 0..<ReplicateGenerator.maxTries {
                let p = Point(lo.x + (hi.x - lo.x) * rng.uniform(), lo.y + (hi.y - lo.y) * rng.uniform())
                if poly.contains(p) { return p }
            }
            return poly.vertices[0]
        }
    }
}
