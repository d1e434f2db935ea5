/// How a Monte Carlo batch draws applications and patients (SPEC §5).
///
/// ```yaml
/// generate:
///   applications:
///     dispensary: { distribution: poisson, total: 6 }       # split by population
///     cultivation: { distribution: poisson, each: 1.5 }      # mean per village
///   sites: { method: radius, radiusFeet: 6000 }              # or boundary, candidates
///   incomplete: 0.1          # chance an application is incomplete
///   alreadyApplied: 0.05     # chance its individual already applied elsewhere
///   patients: { model: multinomial, total: 3000 }           # or poisson around given
/// ```
public struct GenerationSpec: Sendable, Hashable {
    public var counts: [CertificateType: CountModel]
    public var sites: SiteModel
    /// Chance a generated application is incomplete.
    public var incomplete: Double
    /// Chance a generated application's individual is one already on
    /// another generated application (drawn uniformly among them).
    public var alreadyApplied: Double
    /// Patients per village; nil keeps the scenario's counts.
    public var patients: PatientModel?

    public init(counts: [CertificateType: CountModel], sites: SiteModel, incomplete: Double = 0,
                alreadyApplied: Double = 0, patients: PatientModel? = nil) {
        self.counts = counts
        self.sites = sites
        self.incomplete = incomplete
        self.alreadyApplied = alreadyApplied
        self.patients = patients
    }
}

extension GenerationSpec {
    /// Boundary sampling needs a polygon filling at least this share of
    /// its bounding box (rejection sampling tries 1/share times per site).
    public static let minimumFill = 0.001
}

/// Applications per village of one type.
public enum CountModel: Sendable, Hashable {
    /// Exactly this many in every village.
    case fixedEach(Int)
    /// Exactly these many in the named villages, none elsewhere.
    case fixedPerVillage([String: Int])
    /// Poisson with the same mean in every village.
    case poissonEach(Double)
    /// Poisson with a mean per named village (0 elsewhere).
    case poissonPerVillage([String: Double])
    /// Poisson with mean `total × population share` in each village.
    case poissonByPopulation(total: Double)
    /// Exactly `total`, split among villages by population (multinomial).
    case multinomialByPopulation(total: Int)
}

extension CountModel {
    /// The mean number of applications a replicate draws of this type.
    func expectedTotal(villages: Int) -> Double {
        switch self {
        case .fixedEach(let n): return Double(n) * Double(villages)
        case .fixedPerVillage(let m): return m.values.reduce(0.0) { $0 + Double($1) }
        case .poissonEach(let mu): return mu * Double(villages)
        case .poissonPerVillage(let m): return m.values.reduce(0, +)
        case .poissonByPopulation(let total): return total
        case .multinomialByPopulation(let total): return Double(total)
        }
    }
}

/// Where generated sites fall.
public enum SiteModel: Sendable, Hashable {
    /// Uniform inside the village's boundary polygon.
    case boundary
    /// Uniform in a disc of this radius (feet) around the village centre.
    case radius(feet: Double)
    /// Uniform among the village's candidate sites.
    case candidates([String: [Point]])
}

/// Patients per village in a batch.
public enum PatientModel: Sendable, Hashable {
    /// A total split among villages by population (multinomial).
    case multinomial(total: Int)
    /// Poisson around each village's given count.
    case poisson
}
