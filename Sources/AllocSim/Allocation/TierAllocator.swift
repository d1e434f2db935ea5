/// The tiers of §14302(b) for one round, type by type, with the lottery
/// of (b)(4), its audit trail, and for every application that loses the
/// reason it lost (SPEC §3).
///
/// The readings the section leaves open (which villages are served, which
/// facilities count, what a tie draws, whether CHAAs are revisited) are
/// answered by `Readings`.
///
/// A Monte Carlo worker keeps one allocator for all its replicates: every
/// list is scratch space reused from round to round (those written at
/// every award are `ScratchList`s, whose writes need no check for
/// sharing), applications are bucketed by village and CHAA once per type,
/// and an award touches only its own place's bucket. Under `villageOrder:
/// chaa-patients` tier (b)(1) ranks the CHAAs once and keeps them in claim
/// order as awards change their facilities, instead of keying every open
/// village at every award.
/// - Complexity: O(n + V + C·log C + K·C) per type for n applications, K
///   certificates, V villages and C CHAAs (K·V instead of K·C under the
///   `village-patients` and `lottery` village orders); no term in K·n; no
///   allocation once the buffers have grown, except for the audit trail of
///   an audited round.
struct TierAllocator {
    let readings: Readings
    // The territory, in index form.
    private let villageCHAA: [Int]
    /// Existing facilities per type and CHAA, flat: `[type.index * chaaCount + chaa]`.
    private let chaaFacilities: [Int]
    /// Whether each village is served already when a type is allocated
    /// (`Readings.isServed`), flat: `[type.index * villageCount + village]`.
    private let villageServed: [Bool]
    /// Villages in name order, and villages' and CHAAs' ranks by name, for lottery ordering.
    private let villagesByName: [Int]
    private let villageNameRank: [Int]
    private let chaaNameRank: [Int]
    private let villageCount: Int
    private let chaaCount: Int
    /// Which facility types each tier counts when a type is allocated,
    /// flat: `[(tier.position * types + allocated.index) * types + counted.index]`.
    private let counted: [Bool]
    private let types = CertificateType.allCases.count
    private let recount: Bool

    // This round's inputs.
    private(set) var apps: [RoundApplication] = []
    private var chaaPatients: [Int] = []
    private var villagePatients: [Int] = []
    private var lotteries: [RandomStream] = []
    private var audit = false

    // This round's results, per application.
    let awardedTier = ScratchList<AllocationTier?>()
    /// SPEC §3: decided by lottery — a draw of the step that made the award
    /// passed over a candidate that ended the round without an award.
    let byLottery = ScratchList<Bool>()
    /// The audit steps of the draws of the step that made each award
    /// (audited rounds only).
    private(set) var awardSteps: [[Int]] = []
    /// Why each eligible application that was not awarded lost.
    let loss = ScratchList<LossReason?>()
    private(set) var draws: [LotteryDraw] = []
    /// Draws made, recorded in `draws` or not; a draw's step is its number.
    private(set) var drawsMade = 0
    /// Prescribed choices in place of the lottery streams, to walk every
    /// path of draws (`DrawEnumeration`); nil in every real round.
    var script: DrawScript?

    /// Awards made so far in this round, per type and CHAA (`recount`),
    /// flat like `chaaFacilities`.
    private let roundAwards: ScratchList<Int>

    // Scratch, reused.
    private let villageRemaining: ScratchList<Int>
    private let chaaRemaining: ScratchList<Int>
    /// The eligible applications of the type, bucketed by place: places
    /// are the villages, then the CHAAs (CHAA c is place `villageCount + c`),
    /// and place p's applications, in id order, are
    /// `bucketSlots[bucketStart[p]..<bucketStart[p + 1]]` (slots beyond the
    /// last place's end are stale).
    private var bucketStart: [Int]
    private var bucketSlots: [Int] = []
    private var bucketNext: [Int]
    private let visited: ScratchList<Bool>
    /// Each CHAA's villages in name order, flat: CHAA c's are
    /// `chaaVillages[chaaVillageStart[c]..<chaaVillageStart[c + 1]]`.
    private let chaaVillageStart: [Int]
    private let chaaVillages: [Int]
    /// Tier (b)(1): the villages still to be visited, and how many per CHAA.
    private let villageOpen: ScratchList<Bool>
    private let openPerCHAA: ScratchList<Int>
    /// Under `villageOrder: chaa-patients`, the CHAAs with villages still
    /// to visit, best claim first (see `allocate`).
    private var chaaOrder = ScratchList<Int>()   // a var: it is sorted in place
    private let claimFacilities: ScratchList<Int>
    /// Every CHAA, most patients first, ties in name order: ranked once a
    /// round (the patients do not change within it), and each tier takes
    /// its CHAAs from it in this order instead of sorting them again.
    private var chaaRanking: [Int] = []
    private var rankingKeys: [Int] = []
    private var ranked = false
    private let tied = ScratchList<Int>()
    /// Every draw of the type being allocated: its step, subject, chosen
    /// candidate and its candidates (a range of `drawCandidates`).
    private let drawLog = ScratchList<(step: Int, subject: DrawSubject, chosen: Int, start: Int, end: Int)>()
    private let drawCandidates = ScratchList<Int>()
    /// Each award of the type and the range of `drawLog` its step made.
    private let awardLog = ScratchList<(app: Int, start: Int, end: Int)>()
    private var stepStart = 0
    private let villageWon: ScratchList<Bool>
    private let chaaWon: ScratchList<Bool>
    /// Marks the applications tied for the latest ranked award.
    private let finalPool = ScratchList<Bool>()
    private let finalPoolList = ScratchList<Int>()

    init(round: AllocationRound) {
        let t = round.territory
        readings = Readings(policy: round.policy)
        villageCHAA = t.villageCHAA
        villageCount = t.villageCount
        chaaCount = t.chaaCount
        var perCHAA = [Int](repeating: 0, count: t.chaaCount * CertificateType.allCases.count)
        for type in CertificateType.allCases {
            for v in 0..<t.villageCount { perCHAA[type.index * t.chaaCount + t.villageCHAA[v]] += t.villageFacilities[type.index][v] }
        }
        chaaFacilities = perCHAA
        let readings = self.readings
        villageServed = CertificateType.allCases.flatMap { type in
            (0..<t.villageCount).map { readings.isServed(village: $0, allocating: type, existing: t.villageFacilities) }
        }
        recount = round.policy.recount
        villageNameRank = t.villageNameRank
        chaaNameRank = t.chaaNameRank
        villagesByName = (0..<t.villageCount).sorted { t.villageNameRank[$0] < t.villageNameRank[$1] }
        counted = AllocationTier.allCases.flatMap { tier in
            CertificateType.allCases.flatMap { allocated in
                let types = readings.countedTypes(in: tier, allocating: allocated)
                return CertificateType.allCases.map { types.contains($0) }
            }
        }
        roundAwards = ScratchList(repeating: 0, count: t.chaaCount * CertificateType.allCases.count)
        villageRemaining = ScratchList(repeating: 0, count: t.villageCount)
        chaaRemaining = ScratchList(repeating: 0, count: t.chaaCount)
        bucketStart = Array(repeating: 0, count: t.villageCount + t.chaaCount + 1)
        bucketNext = Array(repeating: 0, count: t.villageCount + t.chaaCount)
        visited = ScratchList(repeating: false, count: t.chaaCount)
        var start = [0], list: [Int] = []
        for c in 0..<t.chaaCount {
            list.append(contentsOf: villagesByName.filter { t.villageCHAA[$0] == c })
            start.append(list.count)
        }
        chaaVillageStart = start
        chaaVillages = list
        villageOpen = ScratchList(repeating: false, count: t.villageCount)
        openPerCHAA = ScratchList(repeating: 0, count: t.chaaCount)
        claimFacilities = ScratchList(repeating: 0, count: t.chaaCount)
        villageWon = ScratchList(repeating: false, count: t.villageCount)
        chaaWon = ScratchList(repeating: false, count: t.chaaCount)
    }

    /// Starts a round over `apps`.
    mutating func reset(apps: [RoundApplication], chaaPatients: [Int], villagePatients: [Int],
                        lotteries: [RandomStream], audit: Bool) {
        self.apps = apps
        self.chaaPatients = chaaPatients
        self.villagePatients = villagePatients
        self.lotteries = lotteries
        self.audit = audit
        let n = apps.count
        awardedTier.fill(nil, count: n)
        byLottery.fill(false, count: n)
        loss.fill(nil, count: n)
        finalPool.fill(false, count: n)
        if audit { awardSteps = Array(repeating: [], count: n) } else if !awardSteps.isEmpty { awardSteps = [] }
        ScratchArray.clear(&draws)
        drawsMade = 0
        roundAwards.fill(0, count: roundAwards.count)
        ranked = false
    }

    /// Fills `chaaRanking`, the first time a round needs it. Each CHAA's
    /// rank is one whole number, larger first: patients × CHAAs + its place
    /// in reverse name order, so a comparison is one integer comparison,
    /// not two array reads a side. Should a key not fit in an `Int` (beyond
    /// anything the scenario limits allow), the CHAAs are compared field by
    /// field instead.
    ///
    /// The sort starts from the last round's ranking, by insertion: a
    /// worker's rounds draw patients around the same means, so most CHAAs
    /// rank as they did and few move (about 450 moves among Arizona scale's
    /// 126 CHAAs, against some 1,800 comparisons for a heap sort). Should
    /// the moves pass 2·n·log₂ n, the rest is left to a heap sort.
    private mutating func rankCHAAs() {
        guard !ranked else { return }
        ranked = true
        let n = chaaCount
        var keys = ScratchArray.take(&rankingKeys), ranking = ScratchArray.take(&chaaRanking)
        ScratchArray.resize(&keys, count: n, filler: 0)   // each written below (or, unpacked, unread)
        if ranking.count != n {   // the first round: any order will do to start from
            ScratchArray.resize(&ranking, count: n, filler: 0)
            for c in 0..<n { ranking[c] = c }
        }
        var packed = true
        do {
            var k = keys.mutableSpan
            for c in 0..<n {
                let (scaled, over) = chaaPatients[c].multipliedReportingOverflow(by: n)
                let (key, overToo) = scaled.addingReportingOverflow(n - 1 - chaaNameRank[c])
                guard chaaPatients[c] >= 0, !over, !overToo else { packed = false; break }
                k[c] = key
            }
        }
        if packed {
            var sorted = true
            do {
                var r = ranking.mutableSpan, moves = 0
                let k = keys.span, limit = 2 * n * (Int.bitWidth - n.leadingZeroBitCount)
                for i in r.indices.dropFirst() {
                    let x = r[i], key = k[x]
                    var j = i
                    while j > 0 && k[r[j - 1]] < key {
                        r[j] = r[j - 1]
                        j -= 1
                    }
                    r[j] = x
                    moves += i - j
                    if moves > limit { sorted = false; break }
                }
            }
            if !sorted { ranking.heapSort { keys[$0] > keys[$1] } }
        } else {
            let patients = chaaPatients, rank = chaaNameRank
            ranking.sortWithoutAllocating { (patients[$1], rank[$0]) < (patients[$0], rank[$1]) }
        }
        (rankingKeys, chaaRanking) = (keys, ranking)
    }

    /// Drops this round's inputs, so the caller's buffers are uniquely
    /// referenced again and can be refilled in place.
    mutating func releaseInputs() {
        apps = []
        chaaPatients = []
        villagePatients = []
    }

    /// A uniform draw among `candidates` (already sorted by id or name) on
    /// `type`'s lottery stream; only made, and recorded, when there are two
    /// or more.
    @inline(__always)
    private mutating func draw(_ candidates: ScratchList<Int>, type: CertificateType, tier: AllocationTier,
                               subject: DrawSubject) -> Int {
        if candidates.count == 1 { return candidates[0] }
        let start = drawCandidates.count
        drawCandidates.append(contentsOf: candidates)
        return draw(from: start, type: type, tier: tier, subject: subject)
    }

    /// `draw(_:type:tier:subject:)` among candidates already collected at
    /// the end of `drawCandidates`, from `start` on (applications are
    /// collected there directly, not copied from a list of their own). A
    /// lone candidate is taken off again: no draw, nothing recorded.
    @inline(__always)
    private mutating func draw(from start: Int, type: CertificateType, tier: AllocationTier,
                               subject: DrawSubject) -> Int {
        let n = drawCandidates.count - start
        if n == 1 { return drawCandidates.removeLast() }
        // The stream is read where it is used, not held in a local across
        // the writes below (a held reference is retained and released).
        let k = script?.choose(among: n) ?? lotteries[type.index].uniformIndex(n)
        drawsMade += 1
        if audit { recordDraw(from: start, drawn: k, type: type, tier: tier, subject: subject) }
        drawLog.append((drawsMade, subject, drawCandidates[start + k], start, drawCandidates.count))
        return drawCandidates[start + k]
    }

    /// The audit trail's record (§14302(b)(4)) of the draw just made among
    /// the candidates of `drawCandidates` from `start`. Audited rounds only:
    /// kept out of line, so every draw's code in the tier loop stays small.
    @inline(never)
    private mutating func recordDraw(from start: Int, drawn k: Int, type: CertificateType, tier: AllocationTier,
                                     subject: DrawSubject) {
        let rng = lotteries[type.index]
        draws.append(LotteryDraw(step: drawsMade, type: type, tier: tier, subject: subject,
                                 candidates: Array(drawCandidates[start...]), drawn: k, stream: rng.key,
                                 drawNumber: rng.drawCount))
    }

    /// Facilities a tier counts in CHAA `c` when `type` is allocated:
    /// existing ones of the counted types, plus this round's awards of those
    /// types with `recount`.
    @inline(__always)
    private func facilities(_ c: Int, tier: AllocationTier, type: CertificateType) -> Int {
        let base = (tier.position * types + type.index) * types
        var n = 0
        for t in 0..<types where counted[base + t] {
            n += chaaFacilities[t * chaaCount + c] + (recount ? roundAwards[t * chaaCount + c] : 0)
        }
        return n
    }

    /// Buckets `eligible` (in id order) by village and by CHAA, keeping id
    /// order inside each bucket.
    private mutating func bucket(_ eligible: ArraySlice<Int>) {
        // Applications per place are counted into the places' remaining
        // counts (`ScratchList`s); the bucket lists are written through
        // spans of arrays moved out of self and back (see `ScratchArray`).
        let perVillage = villageRemaining, perCHAA = chaaRemaining
        var bucketStart = ScratchArray.take(&self.bucketStart), bucketNext = ScratchArray.take(&self.bucketNext)
        var bucketSlots = ScratchArray.take(&self.bucketSlots)
        // The first 2·n slots are written below, one per application for its
        // village and one for its CHAA, and only they are read (through
        // `bucketStart`): a longer list, left by a type with more
        // applications, is kept as it is rather than cut and regrown.
        ScratchArray.grow(&bucketSlots, to: 2 * eligible.count, filler: 0)
        do {
            let apps = self.apps.span
            var start = bucketStart.mutableSpan, free = bucketNext.mutableSpan, slots = bucketSlots.mutableSpan
            perVillage.fill(0, count: perVillage.count)
            perCHAA.fill(0, count: perCHAA.count)
            for a in eligible {
                perVillage[apps[a].village] += 1
                perCHAA[apps[a].chaa] += 1
            }
            // Each bucket's start, and its next free slot.
            start[0] = 0
            for v in perVillage.indices {
                start[v + 1] = start[v] + perVillage[v]
                free[v] = start[v]
            }
            let villages = perVillage.count
            for c in perCHAA.indices {
                start[villages + c + 1] = start[villages + c] + perCHAA[c]
                free[villages + c] = start[villages + c]
            }
            for a in eligible {
                let v = apps[a].village, c = villages + apps[a].chaa
                slots[free[v]] = a
                free[v] += 1
                slots[free[c]] = a
                free[c] += 1
            }
        }
        (self.bucketStart, self.bucketNext, self.bucketSlots) = (bucketStart, bucketNext, bucketSlots)
    }

    /// The place (see `bucketStart`) of village (or CHAA) `p`.
    @inline(__always)
    private func place(_ byVillage: Bool, _ p: Int) -> Int { byVillage ? p : villageCount + p }

    /// Place `q`'s slots in `bucketSlots`.
    @inline(__always)
    private func bucketRange(_ q: Int) -> Range<Int> { bucketStart[q]..<bucketStart[q + 1] }

    /// The applications of the villages (or CHAAs) `places`, not yet
    /// awarded, in id order, appended to `drawCandidates` for the next
    /// draw; where they start.
    @inline(__always)
    private mutating func collect(villages byVillage: Bool, places: ScratchList<Int>) -> Int {
        let start = drawCandidates.count
        for p in places { _ = collect(place: place(byVillage, p)) }
        // Back into id order (pools are small; insertion sort allocates nothing).
        if places.count > 1 {
            for i in start + 1..<max(start + 1, drawCandidates.count) {
                let x = drawCandidates[i]
                var j = i
                while j > start && apps[drawCandidates[j - 1]].order > apps[x].order {
                    drawCandidates[j] = drawCandidates[j - 1]
                    j -= 1
                }
                drawCandidates[j] = x
            }
        }
        return start
    }

    /// Appends place `q`'s applications not yet awarded, in id order, to
    /// `drawCandidates`; where they start.
    @inline(__always)
    private mutating func collect(place q: Int) -> Int {
        let start = drawCandidates.count
        for k in bucketRange(q) where awardedTier[bucketSlots[k]] == nil { drawCandidates.append(bucketSlots[k]) }
        return start
    }

    /// After an award in CHAA `c` (among the best in `chaaOrder`): drops it
    /// when its villages are all visited, else updates its facilities and
    /// moves it behind the CHAAs whose claim is now better. Only its own
    /// claim changed, and only by its facilities, so it moves past CHAAs
    /// with as many patients only.
    private mutating func reorder(chaa c: Int, type: CertificateType) {
        guard var i = chaaOrder.firstIndex(of: c) else { return }
        if openPerCHAA[c] == 0 { chaaOrder.remove(at: i); return }
        claimFacilities[c] = facilities(c, tier: .village, type: type)
        while i + 1 < chaaOrder.count {
            let d = chaaOrder[i + 1]
            guard (chaaPatients[d], -claimFacilities[d]) > (chaaPatients[c], -claimFacilities[c]) else { break }
            chaaOrder.swapAt(i, i + 1)
            i += 1
        }
    }

    /// Puts villages back in name order (tied lists are small; insertion
    /// sort allocates nothing).
    private static func sortByName(_ list: ScratchList<Int>, rank: [Int]) {
        for i in 1..<max(1, list.count) {
            let x = list[i]
            var j = i
            while j > 0 && rank[list[j - 1]] > rank[x] { list[j] = list[j - 1]; j -= 1 }
            list[j] = x
        }
    }

    /// §14302(b)(4) where a step chooses among the tied villages (or CHAAs)
    /// in `tied`: the application awarded. Under `tieBreak:
    /// place-then-application` the place is drawn, then an application in
    /// it; under `application` one draw is made among all applications of
    /// the tied places.
    private mutating func drawFromTiedPlaces(villages byVillage: Bool, type: CertificateType, tier: AllocationTier) -> Int {
        let start: Int
        if !(readings.drawsApplicationsDirectly && tied.count > 1) {
            let subject: DrawSubject = byVillage ? .village : .chaa
            let drawn = draw(tied, type: type, tier: tier, subject: subject)
            passedOver(places: tied, chosen: drawn, subject: subject)
            // Its applications, already in id order.
            start = collect(place: place(byVillage, drawn))
        } else {
            start = collect(villages: byVillage, places: tied)
        }
        let a = draw(from: start, type: type, tier: tier, subject: .application)
        lostDraw(from: start, chosen: a, tier: tier)
        return a
    }

    @inline(__always)
    private mutating func award(_ a: Int, _ tier: AllocationTier, type: CertificateType, left: inout Int) {
        awardedTier[a] = tier
        awardLog.append((a, stepStart, drawLog.count))
        stepStart = drawLog.count
        villageRemaining[apps[a].village] -= 1
        chaaRemaining[apps[a].chaa] -= 1
        left -= 1
        roundAwards[type.index * chaaCount + apps[a].chaa] += 1
    }

    /// The applications of the places a place draw passed over lose by it
    /// (until a later event says otherwise).
    @inline(__always)
    private mutating func passedOver(places: ScratchList<Int>, chosen: Int, subject: DrawSubject) {
        guard places.count > 1, let d = drawLog.last else { return }
        let byVillage = subject == .village
        for p in places where p != chosen {
            for k in bucketRange(place(byVillage, p)) where awardedTier[bucketSlots[k]] == nil {
                loss[bucketSlots[k]] = .lotteryLost(step: d.step, of: places.count, subject: subject,
                                                    tier: byVillage ? .village : .chaa, place: p)
            }
        }
    }

    /// The candidates of an application draw (`drawCandidates` from
    /// `start`; none left after a lone one) that it passed over lose by it
    /// (until a later event says otherwise).
    @inline(__always)
    private mutating func lostDraw(from start: Int, chosen: Int, tier: AllocationTier) {
        let n = drawCandidates.count - start
        guard n > 1, let d = drawLog.last else { return }
        for k in start..<drawCandidates.count where drawCandidates[k] != chosen {
            let a = drawCandidates[k]
            let place = tier == .village ? apps[a].village : apps[a].chaa
            loss[a] = .lotteryLost(step: d.step, of: n, subject: .application, tier: tier, place: place)
        }
    }

    /// Allocates `available` certificates of `type` among `eligible`
    /// (sorted by id order).
    mutating func allocate(type: CertificateType, available: Int, eligible: ArraySlice<Int>) {
        // §14302(a)(1)(C)(ii): enough certificates for everyone.
        if eligible.count <= available {
            for a in eligible {
                awardedTier[a] = .all
                roundAwards[type.index * chaaCount + apps[a].chaa] += 1
            }
            return
        }
        var left = available
        drawLog.removeAll()
        drawCandidates.removeAll()
        awardLog.removeAll()
        stepStart = 0
        bucket(eligible)
        rankCHAAs()

        // Tier (b)(1): villages not served for this type that have an
        // application; at most one award each.
        villageTier(type: type, left: &left)

        // Tier (b)(2): CHAAs by patients descending, ties by lottery, one
        // award each drawn among its remaining applications; once each, or
        // again in rounds (`policy.chaaTier`).
        chaaTier(type: type, left: &left)

        // Tier (b)(3): the best remaining applications by the scoring rule,
        // every tied application with the same chance.
        rankedTier(type: type, available: available, eligible: eligible, left: &left)
        for a in eligible where awardedTier[a] == nil && loss[a] == nil { loss[a] = .certificatesExhausted(available: available) }
        decideLotteryFlags()
    }

    /// Tier (b)(1) of `allocate`. Each tier is a method of its own, not
    /// inlined: as one function, a change in one tier's loops changed how
    /// the optimizer laid out the others (2k instructions a Guam replicate
    /// either way).
    @inline(never)
    private mutating func villageTier(type: CertificateType, left: inout Int) {
        var open = 0
        openPerCHAA.fill(0, count: chaaCount)
        for v in 0..<villageCount {
            villageOpen[v] = villageRemaining[v] > 0 && !villageServed[type.index * villageCount + v]
            if villageOpen[v] { open += 1; openPerCHAA[villageCHAA[v]] += 1 }
        }
        if readings.policy.villageOrder == .chaaPatients {
            chaaOrder.removeAll()
            for c in chaaRanking where openPerCHAA[c] > 0 {
                chaaOrder.append(c)
                claimFacilities[c] = facilities(c, tier: .village, type: type)
            }
            // Most patients first already: CHAAs with as many patients
            // still go in fewer-facilities order. By insertion, a CHAA moves
            // only within its run of equal patients, so that is cheap while
            // the runs are short; a long run takes a heap sort instead.
            // The sorts read copies, not self (a closure over self copies it).
            let patients = chaaPatients, fewer = claimFacilities
            func before(_ a: Int, _ b: Int) -> Bool { (patients[a], -fewer[a]) > (patients[b], -fewer[b]) }
            var run = 1, longest = 1
            for k in chaaOrder.indices.dropFirst() {
                run = patients[chaaOrder[k - 1]] == patients[chaaOrder[k]] ? run + 1 : 1
                longest = max(longest, run)
            }
            if longest > 16 {
                chaaOrder.heapSort(by: before)
            } else if longest > 1 {
                chaaOrder.insertionSort(by: before)
            }
            // chaaOrder holds, for each CHAA in it, its claim in
            // (b)(1)(B)(i)-(ii): more patients first, then fewer facilities
            // (`claimFacilities`), as they stand after the awards so far.
        }
        while left > 0 && open > 0 {
            tied.removeAll()
            switch readings.policy.villageOrder {
            case .chaaPatients:
                // (b)(1)(B)(i)-(ii): the villages of the CHAAs with the best
                // claim (`chaaOrder`'s first), in name order.
                let first = chaaOrder[0]
                var t = 1
                while t < chaaOrder.count && chaaPatients[chaaOrder[t]] == chaaPatients[first]
                    && claimFacilities[chaaOrder[t]] == claimFacilities[first] { t += 1 }
                for j in 0..<t {
                    let c = chaaOrder[j]
                    for k in chaaVillageStart[c]..<chaaVillageStart[c + 1] where villageOpen[chaaVillages[k]] {
                        tied.append(chaaVillages[k])
                    }
                }
                if t > 1 { TierAllocator.sortByName(tied, rank: villageNameRank) }
            case .villagePatients:
                var best = Int.min
                for v in villagesByName where villageOpen[v] && villagePatients[v] > best { best = villagePatients[v] }
                for v in villagesByName where villageOpen[v] && villagePatients[v] == best { tied.append(v) }
            case .lottery:
                for v in villagesByName where villageOpen[v] { tied.append(v) }
            }
            let a = drawFromTiedPlaces(villages: true, type: type, tier: .village)
            let won = apps[a].village
            villageOpen[won] = false
            openPerCHAA[villageCHAA[won]] -= 1
            open -= 1
            award(a, .village, type: type, left: &left)
            if readings.policy.villageOrder == .chaaPatients { reorder(chaa: villageCHAA[won], type: type) }
        }
    }

    /// Tier (b)(2) of `allocate`, until `left` certificates are gone or no
    /// CHAA is in play.
    @inline(never)
    private mutating func chaaTier(type: CertificateType, left: inout Int) {
        visited.fill(false, count: chaaCount)
        // The tier reaches the CHAAs in `chaaRanking`'s order: most patients
        // first, ties in name order. A CHAA leaves play (visited, or no
        // applications left) and stays out until the CHAAs are visited
        // again, so each step looks only past those already out, not at
        // every CHAA: every CHAA before `first` in that order is out of play.
        var first = 0
        while left > 0 {
            while first < chaaCount && !inPlayInCHAATier(chaaRanking[first]) { first += 1 }
            if first == chaaCount && readings.revisitsCHAAs {
                visited.fill(false, count: chaaCount)
                first = 0
                while first < chaaCount && !inPlayInCHAATier(chaaRanking[first]) { first += 1 }
            }
            guard first < chaaCount else { break }
            // The CHAAs in play with the most patients, in name order.
            let most = chaaPatients[chaaRanking[first]]
            tied.removeAll()
            var k = first
            while k < chaaCount && chaaPatients[chaaRanking[k]] == most {
                if inPlayInCHAATier(chaaRanking[k]) { tied.append(chaaRanking[k]) }
                k += 1
            }
            let a = drawFromTiedPlaces(villages: false, type: type, tier: .chaa)
            visited[apps[a].chaa] = true
            award(a, .chaa, type: type, left: &left)
        }
    }

    /// Tier (b)(2): CHAA `c` has applications left and has not been
    /// visited in this pass.
    @inline(__always)
    private func inPlayInCHAATier(_ c: Int) -> Bool { chaaRemaining[c] > 0 && !visited[c] }

    /// Tier (b)(3) of `allocate`: the best CHAAs are found first, then
    /// their applications are put back in id order. Records why the
    /// applications left after the last ranked award lost.
    @inline(never)
    private mutating func rankedTier(type: CertificateType, available: Int, eligible: ArraySlice<Int>,
                                     left: inout Int) {
        var last: (winner: Int, facilities: Int)?
        // Every award takes one application off its CHAA's count.
        while left > 0 && eligible.count - (available - left) > 0 {
            tied.removeAll()
            for c in 0..<chaaCount where chaaRemaining[c] > 0 {
                guard let t = tied.first else { tied.append(c); continue }
                switch compare(c, t, type: type) {
                case .better: tied.removeAll(); tied.append(c)
                case .same: tied.append(c)
                case .worse: break
                }
            }
            let start = collect(villages: false, places: tied)
            for x in finalPoolList { finalPool[x] = false }
            finalPoolList.removeAll()
            for k in start..<drawCandidates.count {
                finalPoolList.append(drawCandidates[k])
                finalPool[drawCandidates[k]] = true
            }
            let a = draw(from: start, type: type, tier: .ranked, subject: .application)
            lostDraw(from: start, chosen: a, tier: .ranked)
            last = (apps[a].chaa, facilities(apps[a].chaa, tier: .ranked, type: type))
            award(a, .ranked, type: type, left: &left)
        }
        // Every application left when the last ranked award was made and not
        // tied for it was ranked below that award's CHAA.
        if let last {
            let w = last.winner
            for a in eligible where awardedTier[a] == nil && !finalPool[a] {
                let c = apps[a].chaa
                loss[a] = .rankedOut(chaa: c, patients: chaaPatients[c], facilities: facilities(c, tier: .ranked, type: type),
                                     winner: w, winnerPatients: chaaPatients[w], winnerFacilities: last.facilities)
            }
            for x in finalPoolList { finalPool[x] = false }
            finalPoolList.removeAll()
        }
    }

    /// SPEC §3: an award was decided by lottery when a draw of its step
    /// passed over a candidate that ended without an award — a village or
    /// CHAA none of whose applications of the type won, or an application
    /// not awarded. A draw that only ordered places all served in the end
    /// decided nothing.
    private mutating func decideLotteryFlags() {
        villageWon.fill(false, count: villageCount)
        chaaWon.fill(false, count: chaaCount)
        for (a, _, _) in awardLog {
            villageWon[apps[a].village] = true
            chaaWon[apps[a].chaa] = true
        }
        for (a, start, end) in awardLog {
            var decided = false
            for d in drawLog[start..<end] where !decided {
                for k in d.start..<d.end where drawCandidates[k] != d.chosen {
                    let x = drawCandidates[k]
                    switch d.subject {
                    case .village: decided = !villageWon[x]
                    case .chaa: decided = !chaaWon[x]
                    case .application: decided = awardedTier[x] == nil
                    }
                    if decided { break }
                }
            }
            byLottery[a] = decided
        }
        // In a loop of its own: in the loop above, the write made every
        // round, audited or not, ask the runtime to make `awardSteps` unique.
        if audit {
            for (a, start, end) in awardLog { awardSteps[a] = drawLog[start..<end].map(\.step) }
        }
    }

    /// Compares two CHAAs' claims in tier (b)(3) under `policy.scoring`.
    func compare(_ c: Int, _ d: Int, type: CertificateType) -> Readings.Comparison {
        readings.rank(patients: chaaPatients[c], facilities: facilities(c, tier: .ranked, type: type),
                      against: chaaPatients[d], facilities(d, tier: .ranked, type: type))
    }
}
