import AllocSim

/// People's words for the engine's metric names, and how each is shown:
/// money as money, counts as counts, shares as percentages. The machine
/// name stays beside it in small print (and in every CSV).
public enum MetricLabel {
    public enum Kind { case money, count, patients }

    /// "Dispensary awards" for `awards.dispensary`, and so on; the name
    /// itself when there is no better one.
    public static func label(_ name: String) -> String {
        let parts = name.split(separator: ".").map(String.init)
        func type(_ t: String) -> String { t == "dispensary" ? "dispensaries" : "cultivation sites" }
        switch parts.count {
        case 2 where parts[0] == "awards": return parts[1].capitalized + " awards"
        case 3 where parts[0] == "awards" && parts[2] == "by_lottery": return parts[1].capitalized + " awards decided by lottery"
        case 3 where parts[0] == "chaas" && parts[1] == "unserved": return "CHAAs without " + type(parts[2])
        case 3 where parts[0] == "patients" && parts[1] == "served": return "Patients in CHAAs with " + type(parts[2])
        case 4 where parts[0] == "facilities" && parts[2] == "chaa": return type(parts[1]).capitalized + " in " + parts[3]
        case 2 where parts[0] == "facilities": return type(parts[1]).capitalized + " operating"
        case 2 where parts[0] == "status": return "Applications " + parts[1].replacingOccurrences(of: "-", with: " ")
        case 2 where parts[0] == "reason": return "Applications out for " + parts[1].replacingOccurrences(of: "-", with: " ")
        default: break
        }
        switch name {
        case "fees.net": return "Net application fees"
        case "fees.applications": return "Application fees paid"
        case "fees.refunds": return "Refunds (§14302(c)(2))"
        case "lottery.draws": return "Lottery draws"
        case "applications": return "Applications"
        case "patients": return "Patients holding cards"
        case "patients.reduced": return "Patients on the reduced fee"
        case "patients.arrived": return "Patients registered"
        case "patients.left": return "Patients who did not renew"
        case "patients.near_dispensary": return "Patients in a CHAA with a dispensary"
        case "caregivers": return "Caregivers"
        case "caregivers.expired": return "Caregivers expired (VT 3.7(b))"
        case "caregivers.reassociated": return "Re-associated (F.3.c(1))"
        case "caregivers.balance_paid": return "Balance paid (F.3.c(2))"
        case "caregivers.plants_destroyed": return "Plants destroyed (F.3.c(3))"
        case "patients.reduced_share": return "Share of patients on the reduced fee"
        case "plant_tags.returned": return "Plant tags returned (J.2-J.3)"
        case "plant_tags.reassociated": return "Plant tags re-associated (J.3.e)"
        case "plant_sets.paid": return "Plant sets paid"
        case "plant_sets.waived": return "Plant sets waived"
        case "waivers.forgone": return "Plant-set fees waived"
        case "revenue.cards.patient": return "Patient cards"
        case "revenue.cards.reduced": return "Reduced-fee cards"
        case "revenue.cards.caregiver": return "Caregiver cards"
        case "revenue.plant_tags": return "Plant tags"
        case "revenue.plant_tags.balance": return "Plant-tag balances (F.3.c)"
        case "revenue.certificate.applications": return "Certificate applications"
        case "revenue.certificate.refunds": return "Refunds"
        case "revenue.certificate.renewals": return "Certificate renewals"
        case "revenue.license": return "Licenses to Operate"
        case "round.days_to_first_license": return "Days from notice to first license"
        case "fees.registry": return "Registry card revenue"
        default: return name
        }
    }

    public static func kind(_ name: String) -> Kind {
        if name.hasPrefix("fees.") || name.hasPrefix("plant.fees") || name.hasPrefix("plant.forgone") || name.hasPrefix("revenue.")
            || name == "waivers.forgone" { return .money }
        if name.hasPrefix("patients") { return .patients }
        return .count
    }

    /// A value of metric `name` for people: dollars, whole patients, or a
    /// count with two decimals (means of counts are fractional).
    public static func format(_ v: Double, _ name: String) -> String {
        switch kind(name) {
        case .money: return FixedFormat.dollars(v)
        case .patients: return FixedFormat.dollars(v).replacingOccurrences(of: "$", with: "")
        case .count: return FixedFormat.decimal(v, digits: 2)
        }
    }

    /// The label with the machine name in small print, as HTML.
    public static func html(_ name: String) -> String {
        let l = label(name)
        return l == name ? "<code>\(HTML.escape(name))</code>"
            : "\(HTML.escape(l)) <span class=muted><code>\(HTML.escape(name))</code></span>"
    }
}
