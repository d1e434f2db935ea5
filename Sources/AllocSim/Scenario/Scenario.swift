/// A validated scenario: a territory, the certificates on offer, the
/// applications received (or how to generate them) and the policy options
/// (SPEC §7).
///
/// Invariants established by `ScenarioLoader`: CHAA and village names are
/// unique, every application names a known village and a known certificate
/// type, ids are unique, counts are non-negative and coordinates finite.
public struct Scenario: Sendable, Hashable {
    public var name: String
    /// Default seed; `--seed` overrides it.
    public var seed: UInt64
    /// Default replicate count; `--replicates` overrides it.
    public var replicates: Int
    /// Certificates available per type (`certificates.<type>` = K, §14302).
    public var certificates: [CertificateType: Int]
    public var geography: Geography
    public var applications: Applications
    public var policy: Policy
    public var fees: ApplicationFees
    /// Rhode Island plant-set certificates, when the scenario models them.
    public var plantTags: PlantTagPolicy?
    /// Holidays and furlough days, for counting days (SPEC §1).
    public var calendar: JurisdictionCalendar
    /// The program over time (`allocsim program`), when the scenario has one.
    public var program: ProgramSpec?

    public init(
        name: String, seed: UInt64 = 1, replicates: Int = 1000,
        certificates: [CertificateType: Int], geography: Geography,
        applications: Applications, policy: Policy = Policy(),
        fees: ApplicationFees = ApplicationFees(), plantTags: PlantTagPolicy? = nil,
        calendar: JurisdictionCalendar = JurisdictionCalendar()
    ) {
        self.name = name
        self.seed = seed
        self.replicates = replicates
        self.certificates = certificates
        self.geography = geography
        self.applications = applications
        self.policy = policy
        self.fees = fees
        self.plantTags = plantTags
        self.calendar = calendar
    }
}

/// The two certificate types of 25 GAR §14302.
public enum CertificateType: String, Sendable, CaseIterable, Comparable, Codable {
    case dispensary
    case cultivation

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// CHAAs and their villages, schools, bus stops and registered facilities
/// (§14101(l), §14103(i), §14321-§14322).
public struct Geography: Sendable, Hashable {
    public var units: CoordinateUnits
    public var chaas: [CHAA]
    public var schools: [School]
    public var busStops: [BusStop]
    public var facilities: [RegisteredFacility]

    public init(units: CoordinateUnits, chaas: [CHAA], schools: [School] = [],
                busStops: [BusStop] = [], facilities: [RegisteredFacility] = []) {
        self.units = units
        self.chaas = chaas
        self.schools = schools
        self.busStops = busStops
        self.facilities = facilities
    }
}

/// A Community Health Analysis Area (§14101(l)).
public struct CHAA: Sendable, Hashable {
    public var name: String
    public var villages: [Village]

    public init(name: String, villages: [Village]) {
        self.name = name
        self.villages = villages
    }
}

/// A village: its population, the patients residing there (registry
/// identification cards issued, §14302(b)(1)(B)(i)) and its existing
/// facilities per type, which drive the allocation.
public struct Village: Sendable, Hashable {
    public var name: String
    public var population: Int
    public var patients: Int
    public var facilities: [CertificateType: Int]
    public var boundary: Polygon?
    /// An approximate centre, for generated sites (SPEC §5).
    public var center: Point?

    public init(name: String, population: Int, patients: Int,
                facilities: [CertificateType: Int] = [:], boundary: Polygon? = nil, center: Point? = nil) {
        self.name = name
        self.population = population
        self.patients = patients
        self.facilities = facilities
        self.boundary = boundary
        self.center = center
    }
}

/// A school: a point, or the polygon of the "real property comprising a
/// school" (§14103(i)(2)).
public struct School: Sendable, Hashable {
    public var name: String
    /// A school counts only if it opened strictly before the application's
    /// date (§14321(a), §14322(a)(1)); without a date it always counts.
    public var opened: CalendarDate?
    public var shape: Shape

    public init(name: String, opened: CalendarDate? = nil, shape: Shape) {
        self.name = name
        self.opened = opened
        self.shape = shape
    }
}

/// A school bus stop (§14322(a)(1)).
public struct BusStop: Sendable, Hashable {
    public var name: String
    /// A stop counts only if it existed before the application's date
    /// (§14322(a)(1)); without a date it always counts.
    public var opened: CalendarDate?
    public var point: Point

    public init(name: String, opened: CalendarDate? = nil, point: Point) {
        self.name = name
        self.opened = opened
        self.point = point
    }
}

/// An existing registered facility, for the distance buffer of §14103(i)(3).
public struct RegisteredFacility: Sendable, Hashable {
    public var name: String
    public var type: CertificateType
    public var village: String?
    public var point: Point

    public init(name: String, type: CertificateType, village: String? = nil, point: Point) {
        self.name = name
        self.type = type
        self.village = village
        self.point = point
    }
}

/// One certificate application (SPEC §2).
public struct Application: Sendable, Hashable {
    public var id: String
    public var type: CertificateType
    public var village: String
    public var site: Point
    /// Applicants and responsible officials (§14303(g)-(h)).
    public var individuals: [String]
    /// Submission order; ties are broken by id.
    public var submitted: Int
    public var complete: Bool
    /// Its initial submission (§14322(a)(1)); nil: `applications.date`.
    public var date: CalendarDate?

    public init(id: String, type: CertificateType, village: String, site: Point,
                individuals: [String], submitted: Int, complete: Bool = true, date: CalendarDate? = nil) {
        self.id = id
        self.type = type
        self.village = village
        self.site = site
        self.individuals = individuals
        self.submitted = submitted
        self.complete = complete
        self.date = date
    }
}

/// §14302(a)(1)(B): the days the Department accepts applications: from
/// `opens` to `closes`, by default 10 working days (§14101(ttt)) after it
/// opens.
public struct ApplicationWindow: Sendable, Hashable {
    public var opens: CalendarDate
    public var closes: CalendarDate

    public init(opens: CalendarDate, closes: CalendarDate) {
        self.opens = opens
        self.closes = closes
    }

    /// §14302(a)(1)(B): the deadline is 10 working days after opening.
    public static let workingDays = 10
}

/// The applications of a round: explicit ones, and how to generate more
/// in a Monte Carlo batch.
public struct Applications: Sendable, Hashable {
    /// The application date that school and bus stop `opened` dates are
    /// compared with, unless an application gives its own; without either
    /// every school and stop counts.
    public var date: CalendarDate?
    /// §14302(a)(1)(B), (d): applications dated outside it are not accepted.
    public var window: ApplicationWindow?
    public var explicit: [Application]
    public var generate: GenerationSpec?

    public init(date: CalendarDate? = nil, window: ApplicationWindow? = nil, explicit: [Application] = [],
                generate: GenerationSpec? = nil) {
        self.date = date
        self.window = window
        self.explicit = explicit
        self.generate = generate
    }
}
