/// The village classes of `OddsModel`: which villages the rules cannot
/// tell apart, and a state in canonical order.
extension OddsModel {
    init(readings: Readings, type: CertificateType, available: Int, villages: [Int], applications: [Int],
         localCHAA: [Int], chaaMembers: [[Int]], chaaPatients: [Int], villagePatients: [Int], inVillageTier: [Bool],
         baseFacilities: [AllocationTier: [Int]], countsOwnAwards: [AllocationTier: Bool]) {
        self.readings = readings
        self.type = type
        self.available = available
        self.villages = villages
        self.applications = applications
        self.localCHAA = localCHAA
        self.chaaMembers = chaaMembers
        self.chaaPatients = chaaPatients
        self.villagePatients = villagePatients
        self.inVillageTier = inVillageTier
        self.baseFacilities = baseFacilities
        self.countsOwnAwards = countsOwnAwards
        var classes: [[Int]: Int] = [:]
        villageClass = villages.indices.map { v in
            let key = [localCHAA[v], applications[v], villagePatients[villages[v]], inVillageTier[v] ? 1 : 0]
            if let c = classes[key] { return c }
            classes[key] = classes.count
            return classes.count - 1
        }
        var size = Array(repeating: 0, count: classes.count)
        for c in villageClass { size[c] += 1 }
        classSize = size
    }

    /// `s` with each class's villages reordered (most applications left
    /// first, then marked first), and where each village went.
    func canonical(_ s: State) -> (state: State, moved: [Int]?) {
        var order = Array(villages.indices)
        order.sort { a, b in
            if villageClass[a] != villageClass[b] { return villageClass[a] < villageClass[b] }
            if s.remaining[a] != s.remaining[b] { return s.remaining[a] > s.remaining[b] }
            if s.marked[a] != s.marked[b] { return s.marked[a] }
            return a < b
        }
        // Members of a class are placed in the class's own slots, in order.
        var slots = Array(repeating: [Int](), count: classSize.count)
        for v in villages.indices { slots[villageClass[v]].append(v) }
        var next = Array(repeating: 0, count: classSize.count)
        var moved = Array(repeating: 0, count: villages.count)
        var identity = true
        for v in order {
            let c = villageClass[v]
            moved[v] = slots[c][next[c]]
            next[c] += 1
            if moved[v] != v { identity = false }
        }
        if identity { return (s, nil) }
        var t = s
        for v in villages.indices {
            t.remaining[moved[v]] = s.remaining[v]
            t.marked[moved[v]] = s.marked[v]
        }
        return (t, moved)
    }
}
