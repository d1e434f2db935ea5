extension GenerationSpec {
    static let fields = ["applications", "sites", "incomplete", "alreadyApplied", "patients"]

    static func read(_ f: YAMLField, units: CoordinateUnits) -> GenerationSpec? {
        guard let m = f.mapping(allowed: fields, required: ["applications", "sites"]) else { return nil }
        var counts: [CertificateType: CountModel]?
        if let a = m["applications"], let am = a.mapping(allowed: CertificateType.allCases.map(\.rawValue)) {
            var out: [CertificateType: CountModel] = [:]
            var ok = true
            for t in CertificateType.allCases {
                guard let field = am[t.rawValue] else { continue }
                if let c = readCount(field) { out[t] = c } else { ok = false }
            }
            if ok && out.isEmpty { a.fail("a count model for dispensary, cultivation or both") }
            counts = ok && !out.isEmpty ? out : nil
        }
        let sites = m["sites"].flatMap { readSites($0, units: units) }
        let incomplete = m["incomplete"].map { $0.double(min: 0, max: 1) } ?? 0
        let already = m["alreadyApplied"].map { $0.double(min: 0, max: 1) } ?? 0
        let patients = m["patients"].map(readPatients)
        guard let counts, let sites, let incomplete, let already else { return nil }
        if patients == .some(nil) { return nil }
        return GenerationSpec(counts: counts, sites: sites, incomplete: incomplete, alreadyApplied: already,
                              patients: patients ?? nil)
    }

    static func readCount(_ f: YAMLField) -> CountModel? {
        guard let m = f.mapping(allowed: ["distribution", "each", "perVillage", "total"], required: ["distribution"]),
              let dist = m["distribution"] else { return nil }
        let given = ["each", "perVillage", "total"].filter { m[$0] != nil }
        guard given.count == 1, let how = given.first, let value = m[how] else {
            f.problem("expected exactly one of 'each', 'perVillage' or 'total'")
            return nil
        }
        let count = { (f: YAMLField) in f.int(max: Limits.applications) }
        let mean = { (f: YAMLField) in f.double(min: 0, max: Limits.poissonMean) }
        switch (dist.scalarText, how) {
        case ("fixed", "each"): return count(value).map(CountModel.fixedEach)
        case ("fixed", "perVillage"): return readPerVillage(value, count).map(CountModel.fixedPerVillage)
        case ("poisson", "each"): return mean(value).map(CountModel.poissonEach)
        case ("poisson", "perVillage"): return readPerVillage(value, mean).map(CountModel.poissonPerVillage)
        case ("poisson", "total"): return mean(value).map { CountModel.poissonByPopulation(total: $0) }
        case ("multinomial", "total"): return count(value).map { CountModel.multinomialByPopulation(total: $0) }
        case ("fixed", _), ("poisson", _), ("multinomial", _):
            value.problem("'\(how)' does not go with distribution '\(dist.scalarText ?? "")'; expected "
                          + "fixed with each or perVillage, poisson with each, perVillage or total, multinomial with total")
            return nil
        default:
            dist.fail("one of fixed, poisson, multinomial")
            return nil
        }
    }

    static func readPerVillage<T>(_ f: YAMLField, _ read: (YAMLField) -> T?) -> [String: T]? {
        guard case .mapping(let mapping) = f.node else {
            f.fail("a mapping of village names to values")
            return nil
        }
        var out: [String: T] = [:]
        var ok = true
        for (k, v) in mapping {
            guard let name = k.scalar?.string else { ok = false; continue }
            if let x = read(f.child(name, v)) { out[name] = x } else { ok = false }
        }
        return ok ? out : nil
    }

    static func readSites(_ f: YAMLField, units: CoordinateUnits) -> SiteModel? {
        guard let m = f.mapping(allowed: ["method", "radiusFeet", "candidates"], required: ["method"]),
              let method = m["method"] else { return nil }
        switch method.scalarText {
        case "boundary": return .boundary
        case "radius":
            guard let r = m["radiusFeet"] else {
                f.problem("missing required field 'radiusFeet' for method radius")
                return nil
            }
            let most = units == .degrees ? Limits.radiusFeetInDegrees : Limits.distanceFeet
            return r.double(min: 0, max: most).map { SiteModel.radius(feet: $0) }
        case "candidates":
            guard let list = m["candidates"]?.list() else {
                if m["candidates"] == nil { f.problem("missing required field 'candidates' for method candidates") }
                return nil
            }
            var out: [String: [Point]] = [:]
            var ok = true
            for item in list {
                guard let im = item.mapping(allowed: ["village", "point"], required: ["village", "point"]),
                      let v = im["village"]?.string(), let p = im["point"]?.point(units: units) else { ok = false; continue }
                out[v, default: []].append(p)
            }
            return ok ? .candidates(out) : nil
        default:
            method.fail("one of boundary, radius, candidates")
            return nil
        }
    }

    static func readPatients(_ f: YAMLField) -> PatientModel? {
        guard let m = f.mapping(allowed: ["model", "total"], required: ["model"]), let model = m["model"] else { return nil }
        switch model.scalarText {
        case "multinomial":
            guard let t = m["total"] else {
                f.problem("missing required field 'total' for model multinomial")
                return nil
            }
            return t.int(max: Limits.patients).map { PatientModel.multinomial(total: $0) }
        case "poisson":
            if let t = m["total"] { t.problem("'total' does not go with model poisson (it varies each village's own count)") }
            return m["total"] == nil ? .poisson : nil
        default:
            model.fail("one of multinomial, poisson")
            return nil
        }
    }

    /// Checks that need the whole scenario: named villages exist, the site
    /// model has what it needs in every village that can get applications,
    /// and explicit ids leave the generated prefix alone.
    func crossCheck(villages: Set<String>, scenario s: Scenario, field: YAMLField?, diagnostics d: Diagnostics) {
        let base = "applications.generate"
        let line = field?.line
        for (t, c) in counts {
            let named: [String]
            switch c {
            case .fixedPerVillage(let m): named = Array(m.keys)
            case .poissonPerVillage(let m): named = Array(m.keys)
            default: named = []
            }
            for v in named.sorted() where !villages.contains(v) {
                d.add("\(base).applications.\(t.rawValue).perVillage.\(v)", line, "unknown village '\(v)'")
            }
            if s.certificates[t] == nil {
                d.add("\(base).applications.\(t.rawValue)", line,
                      "no certificates of type '\(t.rawValue)' are offered; expected certificates.\(t.rawValue) to be given")
            }
        }
        let all = s.geography.chaas.flatMap(\.villages)
        let expected = counts.values.reduce(0.0) { $0 + $1.expectedTotal(villages: all.count) }
        if expected > Double(Limits.applications) {
            d.add("\(base).applications", line, "expected at most \(Limits.applications) generated applications per "
                  + "replicate on average, found \(YAMLField.plain(expected.rounded()))")
        }
        switch sites {
        case .boundary:
            for v in all where v.boundary == nil {
                d.add("\(base).sites", line, "method boundary needs a boundary for every village; '\(v.name)' has none")
                break
            }
            // Sites are drawn by rejection from the bounding box: a sliver
            // would take thousands of tries per site.
            for v in all {
                guard let b = v.boundary else { continue }
                let (lo, hi) = b.bounds
                if b.area < GenerationSpec.minimumFill * (hi.x - lo.x) * (hi.y - lo.y) {
                    d.add("\(base).sites", line, "method boundary needs each village's boundary to fill at least "
                          + "\(YAMLField.plain(GenerationSpec.minimumFill * 100))% of its bounding box; '\(v.name)' is a sliver")
                    break
                }
            }
        case .radius(let r):
            for v in all where v.center == nil {
                d.add("\(base).sites", line, "method radius needs a center for every village; '\(v.name)' has none")
                break
            }
            for v in all {
                guard let c = v.center, let b = v.boundary, !b.contains(c) else { continue }
                d.add("\(base).sites", line, "method radius keeps sites inside a village's boundary, so its center must "
                      + "lie inside it; '\(v.name)' has its center outside")
                break
            }
            if s.geography.units == .degrees {
                let reach = r / Geodesic.feetPerDegree(atLatitude: 0).lat
                for v in all {
                    guard let c = v.center, abs(c.y) + reach > 89 else { continue }
                    d.add("\(base).sites.radiusFeet", line, "a disc of \(YAMLField.plain(r)) ft around '\(v.name)' "
                          + "reaches within 1° of a pole; expected a smaller radius")
                    break
                }
            }
        case .candidates(let m):
            for v in m.keys.sorted() where !villages.contains(v) {
                d.add("\(base).sites.candidates", line, "unknown village '\(v)'")
            }
            for v in m.keys.sorted() where villages.contains(v) {
                for p in m[v]! {
                    if let problem = ScenarioLoader.siteProblem(p, declared: v, geography: s.geography) {
                        d.add("\(base).sites.candidates", line, problem)
                        break
                    }
                }
            }
            for v in all where (m[v.name] ?? []).isEmpty {
                d.add("\(base).sites.candidates", line, "method candidates needs at least one site in every village; '\(v.name)' has none")
                break
            }
        }
        for (i, a) in s.applications.explicit.enumerated() where a.id.hasPrefix(PreparedScenario.generatedPrefix) {
            d.add("applications.explicit[\(i)].id", line,
                  "ids starting '\(PreparedScenario.generatedPrefix)' are kept for generated applications; choose another id")
        }
    }
}
