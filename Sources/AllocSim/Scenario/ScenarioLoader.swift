import Foundation
import Yams

/// Reads a scenario file (SPEC §7) into a validated `Scenario`, reporting
/// every problem with its file, field path, line and what was expected.
public enum ScenarioLoader {
    static let topLevelFields = ["name", "seed", "replicates", "certificates", "geography",
                                 "applications", "policy", "fees", "calendar", "plantTags", "program"]

    /// Loads and validates the scenario at `path`.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        try ScenarioDocument.read(path: path).load()
    }

    /// Parses and validates scenario text; `file` names it in messages.
    public static func parse(yaml: String, file: String) throws(ScenarioError) -> Scenario {
        try ScenarioDocument(yaml: yaml, file: file, bytes: Data(yaml.utf8)).load()
    }

    static func yamlErrorLine(_ error: Error) -> Int? {
        guard let e = error as? YamlError else { return nil }
        switch e {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    static func yamlErrorProblem(_ error: Error) -> String {
        guard let e = error as? YamlError else { return String(describing: error) }
        switch e {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            return context.map { "\($0.text) — \(problem)" } ?? problem
        default:
            return String(describing: e)
        }
    }

    static func read(_ root: YAMLField) -> Scenario? {
        guard let top = root.mapping(allowed: topLevelFields,
                                     required: ["name", "certificates", "geography", "applications"]) else { return nil }
        let name = top["name"]?.string()
        let seed = top["seed"].map { $0.uint64() } ?? 1
        let replicates = top["replicates"].map { $0.int(min: 1, max: Limits.replicates) } ?? 1000
        let certificates = top["certificates"].flatMap(readCertificates)
        let geography = top["geography"].flatMap(readGeography)
        let units = geography?.units ?? .feet
        let calendar = top["calendar"].map(readCalendar) ?? JurisdictionCalendar()
        let applications = top["applications"].flatMap { readApplications($0, units: units, calendar: calendar ?? JurisdictionCalendar()) }
        let policy = top["policy"].map(readPolicy) ?? Policy()
        let fees = top["fees"].map(readFees) ?? ApplicationFees()
        let plantTags = top["plantTags"].flatMap(PlantTagPolicy.read)
        let program = top["program"].map(ProgramSpec.read)
        if program == .some(nil) { return nil }
        guard let name, let seed, let replicates, let certificates, let geography, let applications,
              let policy, let fees, let calendar else { return nil }
        var s = Scenario(name: name, seed: seed, replicates: replicates, certificates: certificates,
                         geography: geography, applications: applications, policy: policy,
                         fees: fees, plantTags: plantTags, calendar: calendar)
        s.program = program ?? nil
        crossCheck(s, root: root)
        return s
    }

    static func readCertificates(_ f: YAMLField) -> [CertificateType: Int]? {
        guard let m = f.mapping(allowed: CertificateType.allCases.map(\.rawValue)) else { return nil }
        var out: [CertificateType: Int] = [:]
        var ok = true
        for t in CertificateType.allCases {
            guard let field = m[t.rawValue] else { continue }
            if let k = field.int(max: Limits.certificates) { out[t] = k } else { ok = false }
        }
        if ok && out.isEmpty { f.fail("at least one of dispensary, cultivation") }
        return ok && !out.isEmpty ? out : nil
    }

    static func readGeography(_ f: YAMLField) -> Geography? {
        guard let m = f.mapping(allowed: ["units", "chaas", "schools", "busStops", "facilities"],
                                required: ["units", "chaas"]) else { return nil }
        guard let units = m["units"]?.choice(CoordinateUnits.self) else { return nil }
        let chaas = m["chaas"].flatMap { readList($0, nonEmpty: true) { readCHAA($0, units: units) } }
        let schools = m["schools"].map { readList($0) { readSchool($0, units: units) } } ?? []
        let stops = m["busStops"].map { readList($0) { readBusStop($0, units: units) } } ?? []
        let facilities = m["facilities"].map { readList($0) { readFacility($0, units: units) } } ?? []
        guard let chaas, let schools, let stops, let facilities else { return nil }
        return Geography(units: units, chaas: chaas, schools: schools, busStops: stops, facilities: facilities)
    }

    /// Reads every item of a list; nil if the list or any item is bad.
    static func readList<T>(_ f: YAMLField, nonEmpty: Bool = false, _ item: (YAMLField) -> T?) -> [T]? {
        guard let items = f.list() else { return nil }
        if nonEmpty && items.isEmpty {
            f.fail("a list with at least one item")
            return nil
        }
        let out = items.map(item)
        let values = out.compactMap { $0 }
        return values.count == out.count ? values : nil
    }

    static func readCHAA(_ f: YAMLField, units: CoordinateUnits) -> CHAA? {
        guard let m = f.mapping(allowed: ["name", "villages"], required: ["name", "villages"]) else { return nil }
        let name = m["name"]?.string()
        let villages = m["villages"].flatMap { readList($0, nonEmpty: true) { readVillage($0, units: units) } }
        guard let name, let villages else { return nil }
        return CHAA(name: name, villages: villages)
    }

    static func readVillage(_ f: YAMLField, units: CoordinateUnits) -> Village? {
        guard let m = f.mapping(allowed: ["name", "population", "patients", "facilities", "boundary", "center"],
                                required: ["name", "patients"]) else { return nil }
        let name = m["name"]?.string()
        let population = m["population"].map { $0.int(max: Limits.population) } ?? 0
        let patients = m["patients"]?.int(max: Limits.patients)
        let facilities = m["facilities"].map(readFacilityCounts) ?? [:]
        let boundary = m["boundary"].map { $0.polygon(units: units) }
        let center = m["center"].map { $0.point(units: units) }
        guard let name, let population, let patients, let facilities else { return nil }
        if boundary == .some(nil) || center == .some(nil) { return nil }
        return Village(name: name, population: population, patients: patients, facilities: facilities,
                       boundary: boundary ?? nil, center: center ?? nil)
    }

    static func readFacilityCounts(_ f: YAMLField) -> [CertificateType: Int]? {
        guard let m = f.mapping(allowed: CertificateType.allCases.map(\.rawValue)) else { return nil }
        var out: [CertificateType: Int] = [:]
        for t in CertificateType.allCases {
            guard let field = m[t.rawValue] else { continue }
            guard let k = field.int(max: Limits.facilitiesPerVillage) else { return nil }
            out[t] = k
        }
        return out
    }

    static func readSchool(_ f: YAMLField, units: CoordinateUnits) -> School? {
        guard let m = f.mapping(allowed: ["name", "opened", "point", "polygon"], required: ["name"]) else { return nil }
        let name = m["name"]?.string()
        let opened = m["opened"].map { $0.date() }
        let shape: Shape?
        switch (m["point"], m["polygon"]) {
        case (let p?, nil): shape = p.point(units: units).map(Shape.point)
        case (nil, let p?): shape = p.polygon(units: units).map(Shape.polygon)
        default:
            f.problem("expected exactly one of 'point' or 'polygon'")
            shape = nil
        }
        guard let name, let shape else { return nil }
        if opened == .some(nil) { return nil }
        return School(name: name, opened: opened ?? nil, shape: shape)
    }

    static func readBusStop(_ f: YAMLField, units: CoordinateUnits) -> BusStop? {
        guard let m = f.mapping(allowed: ["name", "opened", "point"], required: ["name", "point"]) else { return nil }
        let name = m["name"]?.string()
        let opened = m["opened"].map { $0.date() }
        let point = m["point"]?.point(units: units)
        guard let name, let point else { return nil }
        if opened == .some(nil) { return nil }
        return BusStop(name: name, opened: opened ?? nil, point: point)
    }

    /// `calendar: { holidays: [dates], furloughDays: [dates] }` (SPEC §1).
    static func readCalendar(_ f: YAMLField) -> JurisdictionCalendar? {
        guard let m = f.mapping(allowed: ["holidays", "furloughDays"]) else { return nil }
        let holidays = m["holidays"].map { readList($0) { $0.date() } } ?? []
        let furlough = m["furloughDays"].map { readList($0) { $0.date() } } ?? []
        guard let holidays, let furlough else { return nil }
        return JurisdictionCalendar(holidays: holidays, furloughDays: furlough)
    }

    /// `window: { opens: DATE, closes: DATE }`; `closes` defaults to 10
    /// working days after `opens` (§14302(a)(1)(B), §14101(ttt)).
    static func readWindow(_ f: YAMLField, calendar: JurisdictionCalendar) -> ApplicationWindow? {
        guard let m = f.mapping(allowed: ["opens", "closes"], required: ["opens"]),
              let opens = m["opens"]?.date() else { return nil }
        let closes = m["closes"].map { $0.date() }
        if closes == .some(nil) { return nil }
        let last = (closes ?? nil)
            ?? DayCountRule.workingDays.adding(ApplicationWindow.workingDays, to: opens, calendar: calendar)
        guard last >= opens else {
            (m["closes"] ?? f).problem("expected 'closes' on or after 'opens' (\(opens))")
            return nil
        }
        return ApplicationWindow(opens: opens, closes: last)
    }

    static func readFacility(_ f: YAMLField, units: CoordinateUnits) -> RegisteredFacility? {
        guard let m = f.mapping(allowed: ["name", "type", "village", "point"],
                                required: ["name", "type", "point"]) else { return nil }
        let name = m["name"]?.string()
        let type = m["type"]?.choice(CertificateType.self)
        let village = m["village"].map { $0.string() }
        let point = m["point"]?.point(units: units)
        guard let name, let type, let point else { return nil }
        if village == .some(nil) { return nil }
        return RegisteredFacility(name: name, type: type, village: village ?? nil, point: point)
    }

    static func readApplications(_ f: YAMLField, units: CoordinateUnits, calendar: JurisdictionCalendar) -> Applications? {
        guard let m = f.mapping(allowed: ["date", "window", "explicit", "generate"]) else { return nil }
        let date = m["date"].map { $0.date() }
        let window = m["window"].map { readWindow($0, calendar: calendar) }
        let explicit = m["explicit"].map { list -> [Application]? in
            guard let items = list.list() else { return nil }
            guard items.count <= Limits.applications else {
                list.problem("expected at most \(Limits.applications) explicit applications, found \(items.count)")
                return nil
            }
            let apps = items.enumerated().map { i, item in readApplication(item, units: units, position: i + 1) }
            let good = apps.compactMap { $0 }
            return good.count == apps.count ? good : nil
        } ?? []
        let generate = m["generate"].map { GenerationSpec.read($0, units: units) }
        if m["explicit"] == nil && m["generate"] == nil {
            f.problem("expected 'explicit' applications, a 'generate' section, or both")
            return nil
        }
        guard let explicit else { return nil }
        if date == .some(nil) || generate == .some(nil) || window == .some(nil) { return nil }
        return Applications(date: date ?? nil, window: window ?? nil, explicit: explicit, generate: generate ?? nil)
    }

    static func readApplication(_ f: YAMLField, units: CoordinateUnits, position: Int) -> Application? {
        guard let m = f.mapping(allowed: ["id", "type", "village", "site", "individuals", "submitted", "complete", "date"],
                                required: ["id", "type", "village", "site", "individuals"]) else { return nil }
        let id = m["id"]?.string()
        let type = m["type"]?.choice(CertificateType.self)
        let village = m["village"]?.string()
        let site = m["site"]?.point(units: units)
        let individuals = m["individuals"].flatMap { f -> [String]? in
            guard let list = readList(f, nonEmpty: true, { $0.string() }) else { return nil }
            guard list.count <= Limits.individualsPerApplication else {
                f.problem("expected at most \(Limits.individualsPerApplication) individuals, found \(list.count)")
                return nil
            }
            return list
        }
        let submitted = m["submitted"].map { $0.int(max: Limits.submitted) } ?? min(position, Limits.submitted)
        let complete = m["complete"].map { $0.bool() } ?? true
        let date = m["date"].map { $0.date() }
        guard let id, let type, let village, let site, let individuals, let submitted, let complete else { return nil }
        if date == .some(nil) { return nil }
        return Application(id: id, type: type, village: village, site: site, individuals: individuals,
                           submitted: submitted, complete: complete, date: date ?? nil)
    }

    static func readPolicy(_ f: YAMLField) -> Policy? {
        guard let m = f.mapping(allowed: ["schoolBufferFeet", "busStopBufferFeet", "busStopRule", "facilityBufferFeet",
                                          "facilityBufferEffect", "applicantLimits", "villageOrder", "servedVillage",
                                          "chaaTier", "scoring", "facilityCounting", "tieBreak", "recount"]) else { return nil }
        var p = Policy()
        var ok = true
        func set<T>(_ key: String, _ read: (YAMLField) -> T?, _ apply: (T) -> Void) {
            guard let field = m[key] else { return }
            if let v = read(field) { apply(v) } else { ok = false }
        }
        let feet = { (f: YAMLField) in f.double(min: 0, max: Limits.distanceFeet) }
        set("schoolBufferFeet", feet) { p.schoolBufferFeet = $0 }
        set("busStopBufferFeet", feet) { p.busStopBufferFeet = $0 }
        set("facilityBufferFeet", feet) { p.facilityBufferFeet = $0 }
        set("villageOrder", { $0.choice(VillageOrder.self) }) { p.villageOrder = $0 }
        set("busStopRule", { $0.choice(BusStopRule.self) }) { p.busStopRule = $0 }
        set("facilityBufferEffect", { $0.choice(FacilityBufferEffect.self) }) { p.facilityBufferEffect = $0 }
        set("servedVillage", { $0.choice(ServedVillage.self) }) { p.servedVillage = $0 }
        set("chaaTier", { $0.choice(CHAATier.self) }) { p.chaaTier = $0 }
        set("facilityCounting", { $0.choice(FacilityCounting.self) }) { p.facilityCounting = $0 }
        set("tieBreak", { $0.choice(TieBreak.self) }) { p.tieBreak = $0 }
        set("scoring", { $0.choice(Scoring.self) }) { p.scoring = $0 }
        set("recount", { $0.bool() }) { p.recount = $0 }
        set("applicantLimits", readLimits) { p.applicantLimits = $0 }
        return ok ? p : nil
    }

    static func readLimits(_ f: YAMLField) -> ApplicantLimits? {
        guard let m = f.mapping(allowed: ["perChaa", "total", "counts", "resolution"]) else { return nil }
        var l = ApplicantLimits()
        let counts = m["counts"].map { $0.choice(LimitCounting.self) }
        if counts == .some(nil) { return nil }
        if let v = counts ?? nil { l.counts = v }
        let perChaa = m["perChaa"].map { $0.int(min: 1, max: Limits.applicantLimit) }
        let total = m["total"].map { $0.int(min: 1, max: Limits.applicantLimit) }
        let resolution = m["resolution"].map { $0.choice(LimitResolution.self) }
        if perChaa == .some(nil) || total == .some(nil) || resolution == .some(nil) { return nil }
        if let v = perChaa ?? nil { l.perChaa = v }
        if let v = total ?? nil { l.total = v }
        if let v = resolution ?? nil { l.resolution = v }
        return l
    }

    static func readFees(_ f: YAMLField) -> ApplicationFees? {
        guard let m = f.mapping(allowed: ["certificateApplication", "refundNotAwarded", "incompleteApplication",
                                          "registry"]) else { return nil }
        var fees = ApplicationFees()
        let incomplete = m["incompleteApplication"].map { $0.choice(IncompleteFee.self) }
        let registry = m["registry"].map(readRegistry)
        if incomplete == .some(nil) || registry == .some(nil) { return nil }
        if let v = incomplete ?? nil { fees.incompleteApplication = v }
        fees.registry = registry ?? nil
        let app = m["certificateApplication"].map { $0.double(min: 0, max: Limits.dollars) }
        let refund = m["refundNotAwarded"].map { $0.double(min: 0, max: Limits.dollars) }
        if app == .some(nil) || refund == .some(nil) { return nil }
        if let v = app ?? nil { fees.certificateApplication = v }
        if let v = refund ?? nil { fees.refundNotAwarded = v }
        if fees.refundNotAwarded > fees.certificateApplication {
            (m["refundNotAwarded"] ?? f).problem(
                "expected a refund no larger than the application fee (\(YAMLField.plain(fees.certificateApplication)))")
            return nil
        }
        return fees
    }

    /// `fees.registry: { snapShare: 0.2, caregivers: 40 }` (§14102(a)(4), (b)),
    /// optionally with `cards: { patient, reducedPatient, caregiver, yearsValid }`
    /// when the scenario's card schedule is not §14102's.
    static func readRegistry(_ f: YAMLField) -> RegistryFees? {
        guard let m = f.mapping(allowed: ["snapShare", "caregivers", "cards"], required: ["snapShare"]) else { return nil }
        let share = m["snapShare"]?.double(min: 0, max: 1)
        let caregivers = m["caregivers"].map { $0.int(max: Limits.patients) } ?? 0
        let cards = m["cards"].map(readCards)
        guard let share, let caregivers, cards != .some(nil) else { return nil }
        var r = RegistryFees(snapShare: share, caregivers: caregivers)
        if let c = cards ?? nil { r.cards = c }
        return r
    }

    static func readCards(_ f: YAMLField) -> RegistryCardFees? {
        guard let m = f.mapping(allowed: ["patient", "reducedPatient", "caregiver", "yearsValid"]) else { return nil }
        var c = RegistryCardFees()
        let patient = m["patient"].map { $0.double(min: 0, max: Limits.dollars) }
        let reduced = m["reducedPatient"].map { $0.double(min: 0, max: Limits.dollars) }
        let caregiver = m["caregiver"].map { $0.double(min: 0, max: Limits.dollars) }
        let years = m["yearsValid"].map { $0.int(min: 1, max: Limits.cardYears) }
        if patient == .some(nil) || reduced == .some(nil) || caregiver == .some(nil) || years == .some(nil) { return nil }
        if let v = patient ?? nil { c.patient = v }
        if let v = reduced ?? nil { c.reducedPatient = v }
        if let v = caregiver ?? nil { c.caregiver = v }
        if let v = years ?? nil { c.yearsValid = v }
        if c.reducedPatient > c.patient {
            (m["reducedPatient"] ?? f).problem("expected a reduced fee no larger than the patient fee (\(YAMLField.plain(c.patient)))")
            return nil
        }
        return c
    }
}
