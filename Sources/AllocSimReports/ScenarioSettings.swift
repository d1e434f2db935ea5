import AllocSim

/// A scenario's settings as (setting, value, section) rows, so two
/// scenarios can be set side by side: what a comparison's report lists
/// under "What changed in the policy".
public enum ScenarioSettings {
    public static func rows(_ s: Scenario) -> [(setting: String, value: String, section: String)] {
        let n = { (v: Double) in FixedFormat.compact(v) }
        let money = { (v: Double) in FixedFormat.dollars(v) }
        var out: [(String, String, String)] = []
        for t in CertificateType.allCases {
            out.append(("certificates.\(t.rawValue)", s.certificates[t].map(String.init) ?? "(not offered)", "§14302(a)"))
        }
        let p = s.policy
        out += [
            ("policy.schoolBufferFeet", n(p.schoolBufferFeet) + " ft", "§14103(i)(2), §14321(a), §14322(a)(1)"),
            ("policy.busStopBufferFeet", n(p.busStopBufferFeet) + " ft", "§14322(a)(1)"),
            ("policy.facilityBufferFeet", n(p.facilityBufferFeet) + " ft", "§14103(i)(3)"),
            ("policy.applicantLimits.perChaa", String(p.applicantLimits.perChaa), "§14303(g)(1)"),
            ("policy.applicantLimits.total", String(p.applicantLimits.total), "§14303(g)(2)"),
        ]
        out += (p.readings + s.fees.readings).map { ($0.option, $0.value, $0.section) }
        out += [
            ("fees.certificateApplication", money(s.fees.certificateApplication), "§14102(a)(1)(A), (a)(2)(A)"),
            ("fees.refundNotAwarded", money(s.fees.refundNotAwarded), "§14302(c)(2)"),
        ]
        if let g = s.applications.generate {
            for (t, c) in g.counts.sorted(by: { $0.key < $1.key }) {
                out.append(("applications.generate.applications.\(t.rawValue)", describe(c), "SPEC §5"))
            }
            out.append(("applications.generate.incomplete", n(g.incomplete), "SPEC §5"))
            out.append(("applications.generate.alreadyApplied", n(g.alreadyApplied), "SPEC §5"))
        }
        if let tags = s.plantTags {
            out.append(("plantTags.feePerSet", money(tags.feePerSet), "RI §1.12 F.1"))
            out.append(("plantTags.waivedSetsPerReducedPatient", String(tags.waivedSetsPerReducedPatient), "RI §1.12 F.3.b"))
        }
        return out
    }

    static func describe(_ c: CountModel) -> String {
        switch c {
        case .fixedEach(let k): return "fixed, \(k) per village"
        case .fixedPerVillage(let m): return "fixed per village (\(m.values.reduce(0, +)) in all)"
        case .poissonEach(let mu): return "Poisson, mean \(FixedFormat.compact(mu)) per village"
        case .poissonPerVillage(let m): return "Poisson per village (mean \(FixedFormat.compact(m.values.reduce(0, +))) in all)"
        case .poissonByPopulation(let t): return "Poisson, mean \(FixedFormat.compact(t)) split by population"
        case .multinomialByPopulation(let t): return "exactly \(t), split by population"
        }
    }

    /// The settings that differ: (setting, baseline, reform, section).
    public static func changes(_ a: Scenario, _ b: Scenario) -> [(setting: String, baseline: String, reform: String, section: String)] {
        let left = rows(a), right = Dictionary(rows(b).map { ($0.setting, $0) }, uniquingKeysWith: { x, _ in x })
        var out: [(String, String, String, String)] = []
        for r in left {
            let other = right[r.setting]?.value ?? "(none)"
            if other != r.value { out.append((r.setting, r.value, other, r.section)) }
        }
        let known = Set(left.map(\.setting))
        for r in rows(b) where !known.contains(r.setting) { out.append((r.setting, "(none)", r.value, r.section)) }
        return out
    }
}
