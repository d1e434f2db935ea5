/// Applicant limits of §14303(g): an individual may be on at most
/// `perChaa` applications for locations in one CHAA ((g)(1)) and `total`
/// in all ((g)(2)), counted across both certificate types.
///
/// Which applications count is `ApplicantLimits.counts`: those still in
/// play after the buffer checks (`in-play`, default) or every application
/// the individual is on (`all`). What happens to an individual over a limit
/// is `resolution`: `withdraw-latest` (§14303(h)(1): applications are kept
/// in submission order while every individual on them stays within both
/// limits; the rest are withdrawn) or `reject-all` (§14303(h)(2): every
/// application in play of an individual over a limit is denied).
///
/// The check keeps its counters between rounds and touches only the
/// individuals of the round: an individual on a single counted application
/// can never exceed a limit (each is at least 1), so only the applications
/// that share an individual are put in submission order and counted.
/// - Complexity: O(n) for n applications when those that share an
///   individual have different submission numbers (every generated
///   application does), else O(n + s log s) where s of them share one; no
///   allocation once the counters have grown to the round.
public struct ApplicantLimitCheck {
    /// One application as the limit check sees it.
    public struct Entry: Sendable {
        public var individuals: IndividualList
        public var chaa: Int
        public var submitted: Int
        /// Position in id order, for ties in submission order.
        public var order: Int
        /// Still in play after the earlier checks; only these can be
        /// withdrawn or denied.
        public var inPlay: Bool

        public init(individuals: IndividualList, chaa: Int, submitted: Int, order: Int, inPlay: Bool = true) {
            self.individuals = individuals
            self.chaa = chaa
            self.submitted = submitted
            self.order = order
            self.inPlay = inPlay
        }
    }

    /// What the check reads of each application: `Entry` lists for one-off
    /// checks, a round's applications read in place (no copy of their
    /// individual lists) for the round loop.
    protocol Input {
        var count: Int { get }
        func inPlay(_ i: Int) -> Bool
        func individualCount(_ i: Int) -> Int
        func individual(_ i: Int, _ k: Int) -> Int
        func chaa(_ i: Int) -> Int
        func submitted(_ i: Int) -> Int
        func order(_ i: Int) -> Int
    }

    struct Entries: Input {
        let entries: [Entry]
        var count: Int { entries.count }
        func inPlay(_ i: Int) -> Bool { entries[i].inPlay }
        func individualCount(_ i: Int) -> Int { entries[i].individuals.count }
        func individual(_ i: Int, _ k: Int) -> Int { entries[i].individuals[k] }
        func chaa(_ i: Int) -> Int { entries[i].chaa }
        func submitted(_ i: Int) -> Int { entries[i].submitted }
        func order(_ i: Int) -> Int { entries[i].order }
    }

    /// A round's applications, in play where `inPlay` says.
    struct Applications: Input {
        let apps: [RoundApplication]
        let inPlay: [Bool]
        var count: Int { apps.count }
        func inPlay(_ i: Int) -> Bool { inPlay[i] }
        func individualCount(_ i: Int) -> Int { apps[i].individuals.count }
        func individual(_ i: Int, _ k: Int) -> Int { apps[i].individuals[k] }
        func chaa(_ i: Int) -> Int { apps[i].chaa }
        func submitted(_ i: Int) -> Int { apps[i].submitted }
        func order(_ i: Int) -> Int { apps[i].order }
    }

    /// A breach: the individual, the count and limit it exceeds, and the
    /// CHAA (nil for the overall limit).
    public typealias Breach = (individual: Int, count: Int, limit: Int, chaa: Int?)

    let chaaCount: Int
    let limits: ApplicantLimits
    /// Per individual: on how many counted entries it is, as of the
    /// counting pass numbered `countedIn[p]`. A count left from an earlier
    /// pass is stale and reads as none, so no pass resets these (the same
    /// marking by number as `AwardedPlaces`).
    private var occurrences: [Int32] = []
    private var countedIn: [Int] = []
    /// The number of the latest counting pass (`collectShared`).
    private var pass = 0
    /// Counters per individual, all zero between rounds.
    private var total: [Int32] = []
    private var firstOverCHAA: [Int32] = []
    /// Per (individual, CHAA): dense while individuals × CHAAs is small,
    /// sparse beyond (a dense table for 10^5 CHAAs would be gigabytes).
    private var perChaaDense: [Int32] = []
    private var perChaaSparse: [Int: Int32] = [:]
    private var shared: [Int] = []
    /// Per individual: the first entry it was counted on (valid for those
    /// counted in the latest pass); per entry: whether it is in `shared`.
    private var firstEntry: [Int] = []
    private var isShared: [Bool] = []
    /// `shared` with the keys it is sorted by (`sortBySubmission`).
    private var submissionKeys: [(submitted: Int, order: Int, entry: Int)] = []
    /// Per submission number from the lowest shared one: its entry, or -1.
    private var submissionSlots: [Int] = []
    /// The result of the last `check`.
    public private(set) var breaches: [Breach?] = []

    static let denseLimit = 1 << 20

    public init(chaaCount: Int, limits: ApplicantLimits) {
        self.chaaCount = max(1, chaaCount)
        self.limits = limits
    }

    /// For each entry, the breach that withdraws or denies it, or nil (in
    /// `breaches`). Entries not in play count only under `counts: all` and
    /// are never themselves withdrawn or denied.
    public mutating func check(_ entries: [Entry]) { check(Entries(entries: entries)) }

    /// `check(_:)` over a round's applications, in play where `inPlay` says.
    mutating func check(_ apps: [RoundApplication], inPlay: [Bool]) { check(Applications(apps: apps, inPlay: inPlay)) }

    mutating func check<In: Input>(_ entries: In) {
        ScratchArray.fill(&breaches, nil, count: entries.count)
        let countsAll = limits.counts == .all
        // The counters are kept between rounds; they grow (and the pass
        // starts again) when an individual is beyond them, which a Monte
        // Carlo worker's rounds soon stop doing.
        if !collectShared(entries, countsAll: countsAll) {
            var individuals = 0
            for i in 0..<entries.count where entries.inPlay(i) || countsAll {
                for k in 0..<entries.individualCount(i) { individuals = max(individuals, entries.individual(i, k) + 1) }
            }
            let more = individuals - occurrences.count
            occurrences.append(contentsOf: repeatElement(0, count: more))
            countedIn.append(contentsOf: repeatElement(0, count: more))
            total.append(contentsOf: repeatElement(0, count: more))
            firstOverCHAA.append(contentsOf: repeatElement(Int32.max, count: more))
            firstEntry.append(contentsOf: repeatElement(0, count: more))
            // The unfinished pass's counts are stale now: the next pass has a new number.
            let counted = collectShared(entries, countsAll: countsAll)
            precondition(counted, "applicant counters sized to every individual")
        }
        let individuals = occurrences.count
        let dense = individuals * chaaCount <= ApplicantLimitCheck.denseLimit
        if dense && perChaaDense.count < individuals * chaaCount {
            perChaaDense.append(contentsOf: repeatElement(0, count: individuals * chaaCount - perChaaDense.count))
        }
        if !shared.isEmpty { resolve(entries, dense: dense) }
        // Leave every counter touched at zero for the next round: only those
        // of the shared entries' individuals were (`resolve`); the
        // occurrences need no reset (see `countedIn`).
        var total = ScratchArray.take(&self.total), firstOverCHAA = ScratchArray.take(&self.firstOverCHAA)
        var perChaaDense = ScratchArray.take(&self.perChaaDense)
        do {
            var total = total.mutableSpan, first = firstOverCHAA.mutableSpan
            var perChaa = perChaaDense.mutableSpan
            for i in shared {
                let chaa = entries.chaa(i)
                for k in 0..<entries.individualCount(i) {
                    let p = entries.individual(i, k)
                    total[p] = 0
                    first[p] = Int32.max
                    if dense { perChaa[p * chaaCount + chaa] = 0 }
                }
            }
        }
        (self.total, self.firstOverCHAA, self.perChaaDense) = (total, firstOverCHAA, perChaaDense)
        if !dense { perChaaSparse.removeAll(keepingCapacity: true) }
    }

    /// Who is on more than one counted entry? One pass counts each
    /// individual (once per entry: `isFirst`) and collects in `shared` the
    /// entries with an individual counted before or after: an entry joins
    /// when one of its individuals is counted a second time, and so does
    /// the entry that individual was first counted on. False, with the
    /// pass left unfinished, when an individual is beyond the counters.
    private mutating func collectShared<In: Input>(_ entries: In, countsAll: Bool) -> Bool {
        pass += 1
        let pass = self.pass
        var occurrences = ScratchArray.take(&self.occurrences), countedIn = ScratchArray.take(&self.countedIn)
        var firstEntry = ScratchArray.take(&self.firstEntry)
        var list = ScratchArray.take(&shared), isShared = ScratchArray.take(&self.isShared)
        ScratchArray.clear(&list)
        ScratchArray.fill(&isShared, false, count: entries.count)
        var complete = true
        do {   // spans: one uniqueness check per list, not one per write (see `ScratchArray`)
            var seen = occurrences.mutableSpan, seenIn = countedIn.mutableSpan
            var first = firstEntry.mutableSpan, marked = isShared.mutableSpan
            scan: for i in 0..<entries.count where entries.inPlay(i) || countsAll {
                for k in 0..<entries.individualCount(i) where ApplicantLimitCheck.isFirst(entries, i, k) {
                    let p = entries.individual(i, k)
                    guard p < seen.count else { complete = false; break scan }
                    if seenIn[p] != pass {   // first counted in this pass
                        seenIn[p] = pass
                        seen[p] = 1
                        first[p] = i
                        continue
                    }
                    seen[p] += 1
                    if seen[p] == 2 && !marked[first[p]] { marked[first[p]] = true; list.append(first[p]) }
                    if !marked[i] { marked[i] = true; list.append(i) }
                }
            }
        }
        (self.occurrences, self.countedIn, self.firstEntry, shared, self.isShared) =
            (occurrences, countedIn, firstEntry, list, isShared)
        return complete
    }

    /// Whether entry `i`'s `k`th individual is not listed earlier on it
    /// (a list naming someone twice counts them once).
    @inline(__always)
    static func isFirst<In: Input>(_ entries: In, _ i: Int, _ k: Int) -> Bool {
        let p = entries.individual(i, k)
        for j in 0..<k where entries.individual(i, j) == p { return false }
        return true
    }

    /// §14303(h): the breaches among the entries in `shared` (those with an
    /// individual on more than one counted entry). Each entry's individuals
    /// are taken in list order, each once.
    private mutating func resolve<In: Input>(_ entries: In, dense: Bool) {
        func perChaa(_ p: Int, _ c: Int) -> Int32 {
            dense ? perChaaDense[p * chaaCount + c] : perChaaSparse[p * chaaCount + c, default: 0]
        }
        func add(_ i: Int) {
            let c = entries.chaa(i)
            for k in 0..<entries.individualCount(i) where ApplicantLimitCheck.isFirst(entries, i, k) {
                let p = entries.individual(i, k)
                if dense { perChaaDense[p * chaaCount + c] += 1 } else { perChaaSparse[p * chaaCount + c, default: 0] += 1 }
                total[p] += 1
            }
        }
        switch limits.resolution {
        case .withdrawLatest:
            sortBySubmission(entries)
            for i in shared {
                guard entries.inPlay(i) else { add(i); continue }
                let chaa = entries.chaa(i)
                var breach: Breach?
                for k in 0..<entries.individualCount(i) where ApplicantLimitCheck.isFirst(entries, i, k) {
                    let p = entries.individual(i, k)
                    let c = Int(perChaa(p, chaa)) + 1
                    if c > limits.perChaa { breach = (p, c, limits.perChaa, chaa); break }
                    let t = Int(total[p]) + 1
                    if t > limits.total { breach = (p, t, limits.total, nil); break }
                }
                if let breach { breaches[i] = breach } else { add(i) }
            }
        case .rejectAll:
            for i in shared { add(i) }
            // Each individual's first CHAA (by index) over the limit.
            for i in shared {
                let chaa = entries.chaa(i)
                for k in 0..<entries.individualCount(i) {
                    let p = entries.individual(i, k)
                    if Int(perChaa(p, chaa)) > limits.perChaa && Int32(chaa) < firstOverCHAA[p] { firstOverCHAA[p] = Int32(chaa) }
                }
            }
            for i in shared where entries.inPlay(i) {
                for k in 0..<entries.individualCount(i) {
                    let p = entries.individual(i, k)
                    if firstOverCHAA[p] != Int32.max {
                        let c = Int(firstOverCHAA[p])
                        breaches[i] = (p, Int(perChaa(p, c)), limits.perChaa, c)
                        break
                    }
                    if Int(total[p]) > limits.total {
                        breaches[i] = (p, Int(total[p]), limits.total, nil)
                        break
                    }
                }
            }
        }
    }

    /// Puts `shared` in (submitted, order) order, allocating nothing. A
    /// short list is sorted by insertion. A longer one whose submission
    /// numbers are all different and span no more than the round's
    /// applications (generated applications are numbered 1, 2, 3, … in
    /// submission order) is placed by number, each entry in its own slot,
    /// and read back in slot order: O(s + span), no comparisons. Any other
    /// is heap-sorted by keys read once into a list, so a comparison reads
    /// two keys side by side, not two applications.
    private mutating func sortBySubmission<In: Input>(_ entries: In) {
        var list = ScratchArray.take(&shared)
        defer { shared = list }
        guard list.count > 16 else {
            list.insertionSort { (entries.submitted($0), entries.order($0)) < (entries.submitted($1), entries.order($1)) }
            return
        }
        var low = Int.max, high = Int.min
        for i in list {
            low = min(low, entries.submitted(i))
            high = max(high, entries.submitted(i))
        }
        let (span, overflow) = high.subtractingReportingOverflow(low)
        if !overflow && span < entries.count && placeBySubmission(&list, entries, from: low, to: high) { return }
        var keys = ScratchArray.take(&submissionKeys)
        ScratchArray.resize(&keys, count: list.count, filler: (0, 0, 0))   // each written below
        do {   // spans: one uniqueness check per list (see `ScratchArray`)
            var k = keys.mutableSpan
            for j in list.indices { k[j] = (entries.submitted(list[j]), entries.order(list[j]), list[j]) }
        }
        keys.heapSort { ($0.submitted, $0.order) < ($1.submitted, $1.order) }
        do {
            var s = list.mutableSpan
            for j in keys.indices { s[j] = keys[j].entry }
        }
        submissionKeys = keys
    }

    /// `sortBySubmission` by placement: slot `submitted - low` holds its
    /// entry. False, with `list` unchanged, if two entries share a number.
    private mutating func placeBySubmission<In: Input>(_ list: inout [Int], _ entries: In, from low: Int, to high: Int) -> Bool {
        var slots = ScratchArray.take(&submissionSlots)
        defer { submissionSlots = slots }
        ScratchArray.fill(&slots, -1, count: high - low + 1)
        var s = slots.mutableSpan
        for i in list {
            guard s[entries.submitted(i) - low] < 0 else { return false }
            s[entries.submitted(i) - low] = i
        }
        var l = list.mutableSpan, next = 0
        for k in s.indices where s[k] >= 0 {
            l[next] = s[k]
            next += 1
        }
        return true
    }

    /// A one-off check (tests, and callers without a round loop).
    public static func breaches(_ entries: [Entry], chaaCount: Int, limits: ApplicantLimits) -> [Breach?] {
        var check = ApplicantLimitCheck(chaaCount: chaaCount, limits: limits)
        check.check(entries)
        return check.breaches
    }
}
