extension ScenarioLoader {
    /// Checks that span fields: unique names and ids, applications in known
    /// villages for offered certificate types, facilities in known villages.
    static func crossCheck(_ s: Scenario, root: YAMLField) {
        let d = root.diagnostics
        let geo = root.peek("geography")
        let chaaFields = geo?.peek("chaas")?.peekItems() ?? []
        var villageNames: [String: String] = [:]   // village -> CHAA
        var chaaNames = Set<String>()
        for (ci, chaa) in s.geography.chaas.enumerated() {
            let cf = ci < chaaFields.count ? chaaFields[ci] : nil
            if !chaaNames.insert(chaa.name).inserted {
                d.add("geography.chaas[\(ci)].name", cf?.line, "CHAA '\(chaa.name)' is listed twice")
            }
            for (vi, v) in chaa.villages.enumerated() {
                if let other = villageNames[v.name] {
                    d.add("geography.chaas[\(ci)].villages[\(vi)].name", cf?.line,
                          "village '\(v.name)' is already in CHAA '\(other)'; village names must be unique")
                }
                villageNames[v.name] = chaa.name
            }
        }
        checkTotals(s.geography, line: geo?.line, diagnostics: d)
        checkProgramSize(s, root: root)
        let known = villageNames.keys.sorted()
        func unknownVillage(_ name: String) -> String {
            let hint = YAMLField.closest(name, in: known).map { " (did you mean '\($0)'?)" } ?? ""
            return "unknown village '\(name)'\(hint); expected one of the villages under geography.chaas"
        }
        for name in (s.program?.registry.arrivalsPerVillage.keys.sorted() ?? []) where villageNames[name] == nil {
            d.add("program.registry.arrivalsPerVillage.\(name)", root.peek("program")?.line, unknownVillage(name))
        }
        let facilityFields = geo?.peek("facilities")?.peekItems() ?? []
        for (i, f) in s.geography.facilities.enumerated() {
            if let v = f.village, villageNames[v] == nil {
                d.add("geography.facilities[\(i)].village", i < facilityFields.count ? facilityFields[i].line : nil,
                      unknownVillage(v))
            }
        }
        checkLocatedFacilities(s.geography, chaaFields: chaaFields, diagnostics: d)
        let appFields = root.peek("applications")?.peek("explicit")?.peekItems() ?? []
        var ids: [String: Int] = [:]
        for (i, a) in s.applications.explicit.enumerated() {
            let line = i < appFields.count ? appFields[i].line : nil
            if let first = ids[a.id] {
                d.add("applications.explicit[\(i)].id", line,
                      "application id '\(a.id)' is already used by applications.explicit[\(first)]; ids must be unique")
            } else {
                ids[a.id] = i
            }
            if villageNames[a.village] == nil {
                d.add("applications.explicit[\(i)].village", line, unknownVillage(a.village))
            } else if let problem = siteProblem(a.site, declared: a.village, geography: s.geography) {
                d.add("applications.explicit[\(i)].site", line, problem)
            }
            if s.certificates[a.type] == nil {
                d.add("applications.explicit[\(i)].type", line,
                      "no certificates of type '\(a.type.rawValue)' are offered; expected certificates.\(a.type.rawValue) to be given")
            }
        }
        if let g = s.applications.generate {
            g.crossCheck(villages: Set(known), scenario: s,
                         field: root.peek("applications")?.peek("generate"),
                         diagnostics: d)
        }
    }

    /// Totals the model sums (SPEC §1: CHAA patients and facilities), kept
    /// within `Limits` so no sum or product of them can overflow.
    static func checkTotals(_ g: Geography, line: Int?, diagnostics d: Diagnostics) {
        let villages = g.chaas.flatMap(\.villages)
        if g.chaas.count > Limits.chaas {
            d.add("geography.chaas", line, "expected at most \(Limits.chaas) CHAAs, found \(g.chaas.count)")
        }
        if villages.count > Limits.villages {
            d.add("geography.chaas", line, "expected at most \(Limits.villages) villages in all, found \(villages.count)")
        }
        let patients = villages.reduce(0) { $0 + $1.patients }
        if patients > Limits.patients {
            d.add("geography.chaas", line, "expected at most \(Limits.patients) patients in all villages together, found \(patients)")
        }
        for t in CertificateType.allCases {
            let total = villages.reduce(0) { $0 + ($1.facilities[t] ?? 0) }
            if total > Limits.facilitiesInAll {
                d.add("geography.chaas", line,
                      "expected at most \(Limits.facilitiesInAll) existing \(t.rawValue) facilities in all villages together, found \(total)")
            }
        }
    }

    /// SPEC §2, consistency: a village's `facilities.<type>` count drives
    /// tier (b)(1), the located facilities drive the §14103(i)(3) buffer;
    /// a village with more located facilities of a type than its count
    /// would be served and unserved at once.
    static func checkLocatedFacilities(_ g: Geography, chaaFields: [YAMLField], diagnostics d: Diagnostics) {
        var located: [String: [CertificateType: Int]] = [:]
        for f in g.facilities { if let v = f.village { located[v, default: [:]][f.type, default: 0] += 1 } }
        for (ci, chaa) in g.chaas.enumerated() {
            for (vi, v) in chaa.villages.enumerated() {
                for t in CertificateType.allCases {
                    let n = located[v.name]?[t] ?? 0
                    let count = v.facilities[t] ?? 0
                    if n > count {
                        d.add("geography.chaas[\(ci)].villages[\(vi)].facilities.\(t.rawValue)",
                              ci < chaaFields.count ? chaaFields[ci].line : nil,
                              "expected at least \(n), the \(t.rawValue) facilities geography.facilities locates in '\(v.name)'; found \(count)")
                    }
                }
            }
        }
    }

    /// A site must lie inside its declared village's boundary when one is
    /// given, and inside no other village's boundary.
    static func siteProblem(_ site: Point, declared: String, geography g: Geography) -> String? {
        let villages = g.chaas.flatMap(\.villages)
        if let own = villages.first(where: { $0.name == declared }), let b = own.boundary, !b.contains(site) {
            let other = villages.first { $0.name != declared && ($0.boundary?.contains(site) ?? false) }
            return other.map { "the site lies in village '\($0.name)', not in its declared village '\(declared)'" }
                ?? "the site lies outside the boundary of its declared village '\(declared)'"
        }
        if let other = villages.first(where: { $0.name != declared && ($0.boundary?.contains(site) ?? false) }) {
            return "the site lies in village '\(other.name)', not in its declared village '\(declared)'"
        }
        return nil
    }

    /// A program simulates every patient: the villages' patients (or the
    /// generated total) plus the expected arrivals over its years must stay
    /// within `Limits.programPatients`.
    static func checkProgramSize(_ s: Scenario, root: YAMLField) {
        guard let p = s.program, let problem = p.sizeProblem(s, years: p.years) else { return }
        root.diagnostics.add("program", root.peek("program")?.line, problem)
    }
}
