/// Which cap limits a group of certificates grown together.
public enum PlantSetCap: String, Sendable {
    /// E.5: 24 sets at one dwelling or commercial unit.
    case dwellingUnit = "E.5 dwelling unit"
    /// E.6.a: 48 sets at a cooperative cultivation.
    case cooperativeMaximum = "E.6.a cooperative maximum"
    /// E.6.b: the sum of the members' own limits.
    case cooperativeMembers = "E.6.b sum of members' limits"
}

/// The result of checking several certificates grown at one place.
public struct PlantSetCapCheck: Sendable, Hashable {
    public var totalSets: Int
    /// The cap in force (the lesser one for a cooperative).
    public var cap: Int
    /// The cap that binds.
    public var binding: PlantSetCap
    public var withinCap: Bool { totalSets <= cap }
    /// Sets over the cap (0 when within).
    public var excess: Int { max(0, totalSets - cap) }
}

extension PlantTagPolicy {
    /// E.5: at most `dwellingUnitLimit` sets at one dwelling or commercial
    /// unit, whoever grows there. Each request is checked on its own first.
    public func checkDwelling(_ requests: [PlantSetRequest]) throws(PlantTagError) -> PlantSetCapCheck {
        var total = 0
        for r in requests {
            _ = try fee(for: r)
            total += r.sets
        }
        return PlantSetCapCheck(totalSets: total, cap: dwellingUnitLimit, binding: .dwellingUnit)
    }

    /// E.6: a cooperative cultivation may hold the lesser of 48 sets and
    /// the sum of its members' own limits (E.2-E.4).
    public func checkCooperative(_ members: [PlantSetRequest]) throws(PlantTagError) -> PlantSetCapCheck {
        var total = 0
        var memberLimits = 0
        for m in members {
            let f = try fee(for: m)
            total += m.sets
            memberLimits += f.limit
        }
        let binding: PlantSetCap = memberLimits < cooperativeLimit ? .cooperativeMembers : .cooperativeMaximum
        return PlantSetCapCheck(totalSets: total, cap: min(cooperativeLimit, memberLimits), binding: binding)
    }
}
