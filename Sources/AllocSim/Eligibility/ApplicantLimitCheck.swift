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
public enum ApplicantLimitCheck {
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

    /// A breach: the individual, the count and limit it exceeds, and the
    /// CHAA (nil for the overall limit).
    public typealias Breach = (individual: Int, count: Int, limit: Int, chaa: Int?)

    /// For each entry, the breach that withdraws or denies it, or nil.
    /// Entries not in play count only under `counts: all` and are never
    /// themselves withdrawn or denied.
    public static func breaches(_ entries: [Entry], chaaCount: Int, limits: ApplicantLimits) -> [Breach?] {
        var out = [Breach?](repeating: nil, count: entries.count)
        let counted = entries.indices.filter { entries[$0].inPlay || limits.counts == .all }
        // Counts per individual, and per (individual, CHAA), kept sparse: a
        // dense table would be individuals × CHAAs.
        var total: [Int: Int] = [:]
        var perChaa: [Int: Int] = [:]
        func key(_ p: Int, _ c: Int) -> Int { p * chaaCount + c }
        func add(_ e: Entry) {
            for (k, p) in e.individuals.enumerated() where !e.individuals[..<k].contains(p) {
                perChaa[key(p, e.chaa), default: 0] += 1
                total[p, default: 0] += 1
            }
        }
        switch limits.resolution {
        case .withdrawLatest:
            let order = counted.sorted {
                (entries[$0].submitted, entries[$0].order) < (entries[$1].submitted, entries[$1].order)
            }
            for i in order {
                let e = entries[i]
                guard e.inPlay else { add(e); continue }
                var breach: Breach?
                for p in e.individuals {
                    let c = perChaa[key(p, e.chaa), default: 0] + 1
                    if c > limits.perChaa { breach = (p, c, limits.perChaa, e.chaa); break }
                    let t = total[p, default: 0] + 1
                    if t > limits.total { breach = (p, t, limits.total, nil); break }
                }
                if let breach { out[i] = breach } else { add(e) }
            }
        case .rejectAll:
            for i in counted { add(entries[i]) }
            // Each individual's first CHAA (by index) over the limit.
            var overInCHAA: [Int: (chaa: Int, count: Int)] = [:]
            for (k, n) in perChaa where n > limits.perChaa {
                let p = k / chaaCount, c = k % chaaCount
                if let seen = overInCHAA[p], seen.chaa < c { continue }
                overInCHAA[p] = (c, n)
            }
            func breach(of p: Int) -> Breach? {
                if let over = overInCHAA[p] { return (p, over.count, limits.perChaa, over.chaa) }
                let t = total[p, default: 0]
                return t > limits.total ? (p, t, limits.total, nil) : nil
            }
            for (i, e) in entries.enumerated() where e.inPlay {
                for p in e.individuals {
                    if let b = breach(of: p) { out[i] = b; break }
                }
            }
        }
        return out
    }
}
