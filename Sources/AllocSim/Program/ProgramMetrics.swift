/// The monthly metrics of a program (issue 14), in `timeline.csv` order.
///
/// Stocks are read at the end of each month; flows (`*.arrived`, events,
/// revenue) are what happened during it. `round.days_to_first_license` is
/// recorded only in the month of a round's first License to Operate (NaN
/// elsewhere).
public struct ProgramMetrics: Sendable {
    public let names: [String]
    let types: [CertificateType]
    let chaaCount: Int

    // Offsets into `names`.
    static let patients = 0, reduced = 1, caregivers = 2, arrived = 3, left = 4
    static let caregiverExpired = 5, reassociated = 6, balancePaid = 7, plantsDestroyed = 8
    static let setsPaid = 9, setsWaived = 10
    static let cardsPatient = 11, cardsReduced = 12, cardsCaregiver = 13, plantTags = 14, plantTagsBalance = 15
    static let certificateApplications = 16, certificateRefunds = 17, certificateRenewals = 18, license = 19
    static let forgone = 20, nearDispensary = 21, daysToLicense = 22
    static let reducedShare = 23, returned = 24, reassociatedJ = 25
    static let fixedCount = 26
    /// The revenue lines, in the order the report stacks them.
    public static let revenueLines = ["revenue.cards.patient", "revenue.cards.reduced", "revenue.cards.caregiver",
                                      "revenue.plant_tags", "revenue.plant_tags.balance", "revenue.certificate.applications",
                                      "revenue.certificate.refunds", "revenue.certificate.renewals", "revenue.license"]

    init(territory t: Territory, types: [CertificateType]) {
        self.types = types
        chaaCount = t.chaaCount
        var n = ["patients", "patients.reduced", "caregivers", "patients.arrived", "patients.left",
                 "caregivers.expired", "caregivers.reassociated", "caregivers.balance_paid", "caregivers.plants_destroyed",
                 "plant_sets.paid", "plant_sets.waived"]
        n += ProgramMetrics.revenueLines
        n += ["waivers.forgone", "patients.near_dispensary", "round.days_to_first_license",
              "patients.reduced_share", "plant_tags.returned", "plant_tags.reassociated"]
        precondition(n.count == ProgramMetrics.fixedCount)
        for type in types {
            n.append("facilities.\(type.rawValue)")
            n.append("awards.\(type.rawValue)")
            for c in t.chaaNames { n.append("facilities.\(type.rawValue).chaa.\(c)") }
        }
        names = n
    }

    /// Offset of a type's operating facilities; `+ 1` its awards, `+ 2 + c` per CHAA.
    func typeBase(_ k: Int) -> Int { ProgramMetrics.fixedCount + k * (2 + chaaCount) }
}
