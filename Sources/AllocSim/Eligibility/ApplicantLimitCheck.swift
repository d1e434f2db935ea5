/// Applicant limits of §14303(g)-(h): an individual may be on at most
/// `perChaa` applications in one CHAA and `total` in all, counted across
/// both certificate types among the applications still in play after the
/// buffer checks.
public enum ApplicantLimitCheck {
    /// One application as the limit check sees it.
    public struct Entry: Sendable {
        public var individuals: [Int]
        public var chaa: Int
        public var submitted: Int
        /// Position in id order, for ties in submission order.
        public var order: Int

        public init(individuals: [Int], chaa: Int, submitted: Int, order: Int) {
            self.individuals = individuals
            self.chaa = chaa
            self.submitted = submitted
            self.order = order
        }
    }

    /// Which entries are withdrawn, with the individual and limit that
    /// caused it: `(individual, count, limit, chaa or nil for the total)`.
    public static func withdrawn(
        _ entries: [Entry], individualCount: Int, chaaCount: Int, limits: ApplicantLimits
    ) -> [Int: (individual: Int, count: Int, limit: Int, chaa: Int?)] {
        var out: [Int: (individual: Int, count: Int, limit: Int, chaa: Int?)] = [:]
        switch limits.resolution {
        case .withdrawLatest:
            // Submission order, ties by id; keep one only if every
            // individual on it stays within both limits counting the kept.
            let order = entries.indices.sorted {
                (entries[$0].submitted, entries[$0].order) < (entries[$1].submitted, entries[$1].order)
            }
            var total = [Int: Int]()
            var perChaa = [Int: Int]()   // individual * chaaCount + chaa
            for i in order {
                let e = entries[i]
                var breach: (individual: Int, count: Int, limit: Int, chaa: Int?)?
                for p in e.individuals {
                    let c = perChaa[p * chaaCount + e.chaa, default: 0] + 1
                    if c > limits.perChaa { breach = (p, c, limits.perChaa, e.chaa); break }
                    let t = total[p, default: 0] + 1
                    if t > limits.total { breach = (p, t, limits.total, nil); break }
                }
                if let breach {
                    out[i] = breach
                } else {
                    for p in Set(e.individuals) {
                        perChaa[p * chaaCount + e.chaa, default: 0] += 1
                        total[p, default: 0] += 1
                    }
                }
            }
        case .rejectAll:
            // Every application of an individual over either limit goes.
            var total = [Int: Int]()
            var perChaa = [Int: Int]()
            for e in entries {
                for p in Set(e.individuals) {
                    total[p, default: 0] += 1
                    perChaa[p * chaaCount + e.chaa, default: 0] += 1
                }
            }
            var breachOf: [Int: (count: Int, limit: Int, chaa: Int?)] = [:]
            for (p, t) in total {
                if let c = (0..<chaaCount).first(where: { perChaa[p * chaaCount + $0, default: 0] > limits.perChaa }) {
                    breachOf[p] = (perChaa[p * chaaCount + c]!, limits.perChaa, c)
                } else if t > limits.total {
                    breachOf[p] = (t, limits.total, nil)
                }
            }
            for (i, e) in entries.enumerated() {
                if let p = e.individuals.first(where: { breachOf[$0] != nil }), let b = breachOf[p] {
                    out[i] = (p, b.count, b.limit, b.chaa)
                }
            }
        }
        return out
    }
}
