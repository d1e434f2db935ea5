/// The distance buffers of SPEC §2, built once per scenario.
///
/// A school or bus stop with an `opened` date counts only for applications
/// dated strictly after it opened (§14321(a), §14322(a)(1): those that
/// "existed before the date of the initial submission"); without an
/// application date every school and stop counts. A buffer of 0 disables
/// its check.
public struct BufferChecks: Sendable {
    let schools: BufferIndex
    /// Names of the schools, bus stops and facilities, indexed as in
    /// `EligibilityFailure`.
    public let schoolNames: [String]
    let busStops: BufferIndex
    public let busStopNames: [String]
    let facilities: BufferIndex
    public let facilityNames: [String]
    let busStopRule: BusStopRule
    let facilityEffect: FacilityBufferEffect
    /// Which indexes can hold anything (read without touching the indexes).
    let checksSchools: Bool
    let checksBusStops: Bool
    let checksFacilities: Bool

    public init(geography g: Geography, policy: Policy) {
        let model = DistanceModel(units: g.units)
        schools = BufferIndex(shapes: g.schools.map(\.shape), radiusFeet: policy.schoolBufferFeet, model: model,
                              opened: g.schools.map { $0.opened?.dayNumber })
        schoolNames = g.schools.map(\.name)
        busStops = BufferIndex(shapes: g.busStops.map { .point($0.point) }, radiusFeet: policy.busStopBufferFeet,
                               model: model, opened: g.busStops.map { $0.opened?.dayNumber })
        busStopNames = g.busStops.map(\.name)
        facilities = BufferIndex(shapes: g.facilities.map { .point($0.point) },
                                 radiusFeet: policy.facilityBufferFeet, model: model)
        facilityNames = g.facilities.map(\.name)
        busStopRule = policy.busStopRule
        facilityEffect = policy.facilityBufferEffect
        checksSchools = !schools.isEmpty
        checksBusStops = !busStops.isEmpty
        checksFacilities = !facilities.isEmpty && facilityEffect == .deny
    }

    /// The buffer that denies a site dated `date` (a day number), in the
    /// order of SPEC §2. "Within" is distance ≤ buffer.
    ///
    /// §14322(a)(1), "within 1,000 feet of a … school and 250 feet of a
    /// school bus stop": under `busStopRule: either` each distance denies
    /// alone (school first); under `both` only the two together deny,
    /// reported as the school buffer with the stop beside it. §14103(i)(3)
    /// registered facilities deny only under `facilityBufferEffect: deny`;
    /// under `review` they are listed by `facilitiesForReview(at:)`.
    public func failure(at site: Point, date: Int?) -> EligibilityFailure? {
        let school = checksSchools ? schools.nearestWithin(site, date: date) : nil
        let stop = checksBusStops ? busStops.nearestWithin(site, date: date) : nil
        switch busStopRule {
        case .either:
            if let s = school {
                return .schoolBuffer(school: s.index, feet: s.feet, limit: schools.radiusFeet, stop: nil)
            }
            if let b = stop { return .busStopBuffer(stop: b.index, feet: b.feet, limit: busStops.radiusFeet) }
        case .both:
            if let s = school, let b = stop {
                return .schoolBuffer(school: s.index, feet: s.feet, limit: schools.radiusFeet,
                                     stop: BufferHit(index: b.index, feet: b.feet, limit: busStops.radiusFeet))
            }
        }
        if checksFacilities, let f = facilities.nearestWithin(site) {
            return .facilityBuffer(facility: f.index, feet: f.feet, limit: facilities.radiusFeet)
        }
        return nil
    }

    /// False when no buffer can deny a site, so `failure(at:date:)` is nil:
    /// the cheap screen of every index lets nothing through (most sites).
    @inline(__always)
    public func mayFail(at site: Point, date: Int?) -> Bool {
        (checksSchools && schools.mayHaveWithin(site, date: date))
            || (checksBusStops && busStops.mayHaveWithin(site, date: date))
            || (checksFacilities && facilities.mayHaveWithin(site))
    }

    /// §14103(i)(3) under `facilityBufferEffect: review`: the registered
    /// facilities within the buffer, nearest first, for the Department's
    /// review. Awards of the same round are not registered facilities.
    public func facilitiesForReview(at site: Point) -> [BufferHit] {
        guard facilityEffect == .review else { return [] }
        return facilities.allWithin(site).map { BufferHit(index: $0.index, feet: $0.feet, limit: facilities.radiusFeet) }
    }
}
