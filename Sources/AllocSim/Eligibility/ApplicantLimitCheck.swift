/// Applicant limits of §14303(g)-(h): an individual may be on at most
/// `perChaa` applications in one CHAA and `total` in all, counted across
/// both certificate types among the applications still in play after the
/// buffer checks.
public enum ApplicantLimitCheck {
    /// One application as the limit check sees it.
    public struct Entry: Sendable {
        public var individuals: IndividualList
        public var chaa: Int
        public var submitted: Int
        /// Position in id order, for ties in submission order.
        public var order: Int

        public init(individuals: IndividualList, chaa: Int, submitted: Int, order: Int) {
            self.individuals = individuals
            self.chaa = chaa
            self.submitted = submitted
            self.order = order
        }
    }

    /// A breach: the individual, the count and limit it exceeds, and the
    /// CHAA (nil for the overall limit).
    public typealias Breach = (individual: Int, count: Int, limit: Int, chaa: Int?)

    /// For each entry, the breach that withdraws it, or nil.
    public static func withdrawn(
        _ entries: [Entry], individualCount: Int, chaaCount: Int, limits: ApplicantLimits
    ) -> [Breach?] {
        var out = [Breach?](repeating: nil, count: entries.count)
        var people = individualCount
        for e in entries { for p in e.individuals where p >= people { people = p + 1 } }
        var total = [Int](repeating: 0, count: people)
        // Per (individual, CHAA) counts, kept sparse: a dense table would be
        // individuals × CHAAs (a gigabyte for 10^5 CHAAs).
        var perChaa: [Int: Int] = [:]
        switch limits.resolution {
        case .withdrawLatest:
            // Submission order, ties by id; keep one only if every
            // individual on it stays within both limits counting the kept.
            let order = entries.indices.sorted {
                (entries[$0].submitted, entries[$0].order) < (entries[$1].submitted, entries[$1].order)
            }
            for i in order {
                let e = entries[i]
                var breach: Breach?
                for p in e.individuals {
                    let c = perChaa[p * chaaCount + e.chaa, default: 0] + 1
                    if c > limits.perChaa { breach = (p, c, limits.perChaa, e.chaa); break }
                    let t = total[p] + 1
                    if t > limits.total { breach = (p, t, limits.total, nil); break }
                }
                if let breach {
                    out[i] = breach
                } else {
                    for (k, p) in e.individuals.enumerated() where !e.individuals[..<k].contains(p) {
                        perChaa[p * chaaCount + e.chaa, default: 0] += 1
                        total[p] += 1
                    }
                }
            }
        case .rejectAll:
            // Every application of an individual over either limit goes.
            for e in entries {
                for (k, p) in e.individuals.enumerated() where !e.individuals[..<k].contains(p) {
                    total[p] += 1
                    perChaa[p * chaaCount + e.chaa, default: 0] += 1
                }
            }
            // Each individual's first CHAA (by index) over the limit.
            var overInCHAA: [Int: (chaa: Int, count: Int)] = [:]
            for (key, n) in perChaa where n > limits.perChaa {
                let p = key / chaaCount, c = key % chaaCount
                if let seen = overInCHAA[p], seen.chaa < c { continue }
                overInCHAA[p] = (c, n)
            }
            func breach(of p: Int) -> Breach? {
                if let over = overInCHAA[p] { return (p, over.count, limits.perChaa, over.chaa) }
                return total[p] > limits.total ? (p, total[p], limits.total, nil) : nil
            }
            for (i, e) in entries.enumerated() {
                for p in e.individuals {
                    if let b = breach(of: p) { out[i] = b; break }
                }
            }
        }
        return out
    }
}
