/// One replicate of a program over time (issue 14): a discrete-event
/// simulation, day by dated event, of the registry, caregivers under the
/// scenario's jurisdiction rules, and a §14302 round each year run with the
/// allocation engine over that year's registry and certificate holders.
///
/// Streams: the program's own draws come from `StreamPurpose.program`; year
/// y's round draws from the round's streams keyed with cell y, so year 0 of
/// replicate i is replicate i of `allocsim run` (same patients, same
/// applications, same lotteries) when nothing changed before it.
struct ProgramSimulator {
    let base: PreparedScenario
    let spec: ProgramSpec
    let metrics: ProgramMetrics
    let months: Int
    let monthStarts: [Int]

    init(_ base: PreparedScenario, spec: ProgramSpec) {
        self.base = base
        self.spec = spec
        let types = CertificateType.allCases.filter { base.round.certificates[$0.index] != nil }
        metrics = ProgramMetrics(territory: base.territory, types: types)
        months = spec.years * 12
        monthStarts = (0...months).map { ProgramSimulator.addingMonths($0, to: spec.start).dayNumber }
    }

    static func addingMonths(_ n: Int, to d: CalendarDate) -> CalendarDate {
        let total = d.year * 12 + (d.month - 1) + n
        let y = total / 12, m = total % 12 + 1
        return CalendarDate(year: y, month: m, day: min(d.day, CalendarDate.daysIn(month: m, year: y)))!
    }

    /// A dated event; `seq` keeps the order of same-day events as scheduled.
    struct Event: Comparable {
        var day: Int
        var seq: Int
        var kind: Kind
        var id: Int
        enum Kind: Int { case arrival, patientExpiry, tieEnds, caregiverExpiry, graceEnds, waiverDeadline, roundDetermination,
                          licenseIssued, certificateExpiry, returnDue }
        static func < (a: Event, b: Event) -> Bool { (a.day, a.seq) < (b.day, b.seq) }
    }

    struct Patient {
        var village: Int
        var reduced: Bool
        var grows: Bool
        var caregiver = -1
        var alive = true
    }

    struct Caregiver {
        var patients: [Int] = []
        var reducedCount = 0
        var alive = true
        /// Its plant tag certificate waived sets (F.3), so F.3.c applies.
        var waived = false
        /// The plant tag certificate it holds (E.3-E.4, F), if any.
        var certificate: PlantSetRequest?
        /// VT 3.7(b): the day its registration expires unless a patient joins.
        var graceUntil: Int?
        /// RI F.3.c: the day it must have acted by.
        var actBy: Int?
        /// RI J.3: days by which a departed patient's plant tags go back,
        /// unless another patient re-associates first (J.3.e).
        var pendingReturns: [Int] = []
    }

    struct Facility {
        var type: CertificateType
        var village: Int
        var site: Point
        var licenseApplied: Int
        var licensed: Int
        var expires: Int
        var round: Int
        var alive = true
    }

    /// What one replicate records: `months × names` values, month-major,
    /// and (when traced) every dated event.
    struct Output {
        var values: [Double]
        var events: [ProgramEvent]
    }

    func run(seed: UInt64, replicate: UInt64, trace: Bool) -> Output {
        var state = State(self, seed: seed, replicate: replicate, trace: trace)
        state.simulate()
        return Output(values: state.values, events: state.events)
    }
}

/// One dated event of a traced replicate (`events.csv`).
public struct ProgramEvent: Sendable, Hashable {
    public var date: CalendarDate
    public var event: String
    public var rule: String
    public var subject: String
    public var detail: String
}
