import AllocSim

/// A metric as a measure plus dimensions — `awards` of type `dispensary` in
/// CHAA `St. Mary` — rather than one dotted name
/// (`awards.dispensary.chaa.St. Mary`), so tidy tables filter on columns
/// and a place name holding a dot reads back whole.
///
/// The dotted name stays the metric's key (`metric` in `results.csv`,
/// `sensitivity.csv`, `summary.csv`); these are the columns beside it.
public struct MetricDimensions: Sendable, Hashable {
    public var measure: String
    public var type = ""
    public var chaa = ""
    public var village = ""
    public var tier = ""
    public var status = ""
    public var reason = ""

    public static let header = ["measure", "type", "chaa", "village", "tier", "status", "reason"]

    public var row: [String] { [measure, type, chaa, village, tier, status, reason] }

    /// Splits a metric name of `BatchLayout`'s families; names of no family
    /// (`fees.net`, plant-tag metrics) are their own measure.
    public init(_ name: String) {
        measure = name
        for t in CertificateType.allCases {
            let k = t.rawValue
            if name == "awards.\(k)" { measure = "awards"; type = k; return }
            if name == "awards.\(k).by_lottery" { measure = "awards.by_lottery"; type = k; return }
            if name.hasPrefix("awards.\(k).tier.") {
                measure = "awards"; type = k; tier = String(name.dropFirst("awards.\(k).tier.".count)); return
            }
            if name.hasPrefix("awards.\(k).chaa.") {
                measure = "awards"; type = k; chaa = String(name.dropFirst("awards.\(k).chaa.".count)); return
            }
            for family in ["patients.served", "patients_per_facility.worst", "patients_per_facility.best", "chaas.unserved"]
            where name == "\(family).\(k)" {
                measure = family; type = k; return
            }
        }
        if name.hasPrefix("status.") { measure = "applications.status"; status = String(name.dropFirst("status.".count)) }
        if name.hasPrefix("reason.") { measure = "applications.reason"; reason = String(name.dropFirst("reason.".count)) }
    }
}
