/// The distance buffers of SPEC §2, built once per scenario.
///
/// Schools that opened after the application date are left out
/// (§14321(a) speaks of schools in existence); without an application date
/// every school counts. A buffer of 0 disables its check.
public struct BufferChecks: Sendable {
    let schools: BufferIndex
    /// Names of the schools that count, the bus stops and the facilities,
    /// indexed as in `EligibilityFailure`.
    public let schoolNames: [String]
    let busStops: BufferIndex
    public let busStopNames: [String]
    let facilities: BufferIndex
    public let facilityNames: [String]

    public init(geography g: Geography, policy: Policy, applicationDate: CalendarDate?) {
        let model = DistanceModel(units: g.units)
        let counted = g.schools.filter { s in
            guard let date = applicationDate, let opened = s.opened else { return true }
            return opened <= date
        }
        schools = BufferIndex(shapes: counted.map(\.shape), radiusFeet: policy.schoolBufferFeet, model: model)
        schoolNames = counted.map(\.name)
        busStops = BufferIndex(shapes: g.busStops.map { .point($0.point) }, radiusFeet: policy.busStopBufferFeet, model: model)
        busStopNames = g.busStops.map(\.name)
        facilities = BufferIndex(shapes: g.facilities.map { .point($0.point) },
                                 radiusFeet: policy.facilityBufferFeet, model: model)
        facilityNames = g.facilities.map(\.name)
    }

    /// The first buffer a site falls within, in the order of SPEC §2:
    /// school (§14103(i)(2), §14321(a), §14322), bus stop (§14322(a)(1)),
    /// registered facility (§14103(i)(3)). "Within" is distance ≤ buffer.
    public func failure(at site: Point) -> EligibilityFailure? {
        if let hit = schools.nearestWithin(site) {
            return .schoolBuffer(school: hit.index, feet: hit.feet, limit: schools.radiusFeet)
        }
        if let hit = busStops.nearestWithin(site) {
            return .busStopBuffer(stop: hit.index, feet: hit.feet, limit: busStops.radiusFeet)
        }
        if let hit = facilities.nearestWithin(site) {
            return .facilityBuffer(facility: hit.index, feet: hit.feet, limit: facilities.radiusFeet)
        }
        return nil
    }
}
