/// The documented range of every number a scenario may give (README,
/// "Ranges"), checked at validation so that no count the model sums or
/// multiplies can overflow, no sampler can loop for ever and no output can
/// hold a non-finite value. A value outside its range is exit 2 naming the
/// field path and the range.
///
/// With these ranges the largest products stay far inside 64-bit integers:
/// CHAA patients (≤ 10^9 in all) × (CHAA facilities + 1) (≤ 10^6 + 10^5)
/// ≈ 1.1·10^15 in tier (b)(3)'s patients-per-facility comparison.
public enum Limits {
    /// Default replicate count and `--replicates`.
    public static let replicates = 10_000_000_000
    /// `--threads`.
    public static let threads = 256
    /// `allocate --odds-limit` (each state holds a few hundred bytes, so
    /// the cap keeps an exact computation within a few GB) and
    /// `--odds-replicates`.
    public static let oddsStates = 10_000_000
    public static let oddsReplicates = 100_000_000
    /// Cells of a sweep, and shards it may be split into.
    public static let sweepCells = 1_000_000
    public static let shards = 1_000_000
    /// `certificates.<type>`.
    public static let certificates = 100_000
    /// A village's `patients`, and their sum over the territory.
    public static let patients = 1_000_000_000
    /// A village's `population`.
    public static let population = 10_000_000_000
    /// A village's `facilities.<type>`, and their sum over the territory.
    public static let facilitiesPerVillage = 100_000
    public static let facilitiesInAll = 1_000_000
    /// CHAAs, and villages in all.
    public static let chaas = 10_000
    public static let villages = 100_000
    /// |x| and |y| of a point in feet (a state-plane grid is under 10^8).
    public static let coordinateFeet = 1e9
    /// Vertices of one polygon.
    public static let polygonVertices = 100_000
    /// Buffers and site radii, in feet.
    public static let distanceFeet = 1e8
    /// A site radius when coordinates are degrees (about 190 miles), so a
    /// disc stays a disc on the ellipsoid.
    public static let radiusFeetInDegrees = 1e6
    /// Dollar amounts (application fee, refund).
    public static let dollars = 1e12
    /// Explicit applications, and applications a replicate may generate.
    public static let applications = 1_000_000
    /// Individuals on one application.
    public static let individualsPerApplication = 1_000
    /// `submitted`.
    public static let submitted = 1_000_000_000
    /// §14303(g) limits.
    public static let applicantLimit = 1_000_000
    /// A Poisson mean (applications per village, plant-tag head counts).
    public static let poissonMean = 1_000_000.0
    /// Plant-tag head counts (fixed or Poisson mean) per replicate.
    public static let cardholders = 1_000_000
    /// Plant-tag set limits, patients per caregiver, days.
    public static let plantSets = 1_000
    /// Years a program runs (`program.years`, `--years`).
    public static let programYears = 50
    /// Replicates of a program (each simulates every patient for years).
    public static let programReplicates = 1_000_000
    /// Patients a program simulates in all (start plus expected arrivals).
    public static let programPatients = 2_000_000.0
    /// New patients a year in a program (`program.registry.arrivalsPerYear`).
    public static let programArrivals = 1e6
    /// Years a registry card is valid (`fees.registry.cards.yearsValid`).
    public static let cardYears = 10
    public static let patientsPerCaregiver = 100
    public static let dwellingSets = 10_000
    public static let actionDays = 3_650
    /// A plant-set fee, dollars.
    public static let feePerSet = 1e6
    /// A weight in `patientsPerCaregiver`.
    public static let weight = 1e9
    /// A scenario file's size in bytes, nesting depth and YAML nodes
    /// (aliases counted each time they are used).
    public static let fileBytes = 64 << 20
    public static let nesting = 64
    public static let yamlNodes = 5_000_000
}
