/// A batch accumulator as text, exactly: every double is written as its
/// 64-bit pattern, so a state read back merges to the same bytes as the
/// original (what `allocsim merge` keeps from each shard).
extension BatchAccumulator {
    public static let stateHeader = "allocsim-state 1"

    /// The state with the metric names it was kept for (one per line, so
    /// names may hold spaces), enough to summarise it without the scenario.
    public func stateText(metricNames: [String], plantNames: [String]) -> String {
        var w = StateTextWriter()
        w.line(BatchAccumulator.stateHeader)
        w.text("shape")
        for n in [histograms.count, plantMetrics.count, villagePatients.count, chaaAnyAward.first?.count ?? 0,
                  applicationAwarded.count] {
            w.space()
            w.int(n)
        }
        w.newline()
        for (tag, names) in [("metric", metricNames), ("plant", plantNames)] {
            for (i, name) in names.enumerated() {
                w.text("name \(tag) ")
                w.int(i)
                w.space()
                w.line(name)
            }
        }
        w.text("replicates ")
        w.int(replicates)
        w.newline()
        func histogram(_ tag: String, _ i: Int, _ h: ValueHistogram) {
            w.text(tag)
            w.space()
            w.int(i)
            w.space()
            w.int(h.count)
            w.text(" dense ")
            w.ints(h.dense)
            w.newline()
            w.text(tag)
            w.space()
            w.int(i)
            w.text(" sparse ")
            for (k, entry) in h.sparse.sorted(by: { $0.key < $1.key }).enumerated() {
                if k > 0 { w.space() }
                w.hex(entry.key.bitPattern)
                w.text(":")
                w.int(entry.value)
            }
            w.newline()
        }
        for (i, h) in metrics.enumerated() { histogram("metric", i, h) }
        for (i, h) in plantMetrics.enumerated() { histogram("plant", i, h) }
        func ints(_ tag: String, _ rows: [[Int]]) {
            for (t, r) in rows.enumerated() {
                w.text(tag)
                w.space()
                w.int(t)
                w.space()
                w.ints(r)
                w.newline()
            }
        }
        ints("villageAny", villageAnyAward)
        ints("villageAwards", villageAwards)
        ints("chaaAny", chaaAnyAward)
        ints("chaaAwards", chaaAwards)
        ints("villagePatients", [villagePatients])
        ints("applicationAwarded", [applicationAwarded])
        ints("applicationLottery", [applicationLottery])
        return w.string
    }

    /// A state read back: the accumulator and the names of its metrics.
    public struct State: Sendable, Hashable {
        public var accumulator: BatchAccumulator
        public var metricNames: [String]
        public var plantNames: [String]

        public init(accumulator: BatchAccumulator, metricNames: [String], plantNames: [String]) {
            self.accumulator = accumulator
            self.metricNames = metricNames
            self.plantNames = plantNames
        }
    }

    /// The largest number a state file may hold in any count or size: a
    /// tampered or corrupt file is refused, never allowed to trap or to
    /// allocate without bound.
    static let stateNumberLimit = 1 << 40
    static let stateShapeLimit = 10_000_000

    /// Reads a state written by `stateText`; nil if the text is not one
    /// (including a corrupt or tampered one).
    public static func fromState(_ text: String) -> State? {
        let raw = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard raw.first == stateHeader, raw.count > 2 else { return nil }
        let shape = raw[1].split(separator: " ").dropFirst().compactMap { Int($0) }
        guard raw[1].hasPrefix("shape "), shape.count == 5,
              shape.allSatisfy({ (0...stateShapeLimit).contains($0) }),
              shape[2] * max(1, shape[3]) <= stateShapeLimit else { return nil }
        let limit = stateNumberLimit
        var acc = BatchAccumulator(metricCount: shape[0], plantMetricCount: shape[1], villages: shape[2],
                                   chaas: shape[3], explicit: shape[4])
        var metricNames = [String](repeating: "", count: shape[0])
        var plantNames = [String](repeating: "", count: shape[1])
        var pendingCount: [String: Int] = [:]
        for line in raw.dropFirst(2) where !line.isEmpty {
            if line.hasPrefix("name ") {
                let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 4, let i = Int(parts[2]), i >= 0 else { return nil }
                if parts[1] == "metric", i < metricNames.count { metricNames[i] = parts[3] }
                else if parts[1] == "plant", i < plantNames.count { plantNames[i] = parts[3] }
                else { return nil }
                continue
            }
            let l = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard let tag = l.first else { return nil }
            func numbers(_ from: Int) -> [Int]? {
                guard from <= l.count else { return nil }
                let xs = l[from...].filter { !$0.isEmpty }.map { Int($0) }
                guard !xs.contains(where: { $0 == nil || $0! < 0 || $0! > limit }) else { return nil }
                return xs.map { $0! }
            }
            switch tag {
            case "replicates":
                guard l.count == 2, let n = Int(l[1]), (0...limit).contains(n) else { return nil }
                acc.replicates = n
            case "metric", "plant":
                guard l.count >= 3, let i = Int(l[1]), i >= 0 else { return nil }
                let count = tag == "metric" ? acc.histograms.count : acc.plantMetrics.count
                guard i < count else { return nil }
                var h = tag == "metric" ? acc.metric(i) : acc.plantMetrics[i]
                if l.count >= 4, l[3] == "dense", let n = Int(l[2]), (0...limit).contains(n), let dense = numbers(4),
                   dense.count <= stateShapeLimit, dense.reduce(0, +) <= limit {
                    h.restore(dense: dense)
                    pendingCount["\(tag)\(i)"] = n
                } else if l[2] == "sparse" {
                    for item in l[3...] where !item.isEmpty {
                        let parts = item.split(separator: ":")
                        guard parts.count == 2, let bits = UInt64(parts[0], radix: 16), let c = Int(parts[1]),
                              (0...limit).contains(c), h.count <= limit else { return nil }
                        h.restore(value: Double(bitPattern: bits), count: c)
                    }
                    guard h.count == pendingCount["\(tag)\(i)"] else { return nil }
                } else {
                    return nil
                }
                if tag == "metric" { acc.setMetric(i, h) } else { acc.plantMetrics[i] = h }
            default:
                guard l.count >= 2, let row = Int(l[1]), row >= 0, let values = numbers(2) else { return nil }
                func put(_ target: inout [[Int]]) -> Bool {
                    guard row < target.count, values.count == target[row].count else { return false }
                    target[row] = values
                    return true
                }
                var one: [[Int]]
                switch tag {
                case "villageAny": if !put(&acc.villageAnyAward) { return nil }
                case "villageAwards": if !put(&acc.villageAwards) { return nil }
                case "chaaAny": if !put(&acc.chaaAnyAward) { return nil }
                case "chaaAwards": if !put(&acc.chaaAwards) { return nil }
                case "villagePatients":
                    one = [acc.villagePatients]; if !put(&one) { return nil }; acc.villagePatients = one[0]
                case "applicationAwarded":
                    one = [acc.applicationAwarded]; if !put(&one) { return nil }; acc.applicationAwarded = one[0]
                case "applicationLottery":
                    one = [acc.applicationLottery]; if !put(&one) { return nil }; acc.applicationLottery = one[0]
                default: return nil
                }
            }
        }
        return State(accumulator: acc, metricNames: metricNames, plantNames: plantNames)
    }
}

extension ValueHistogram {
    mutating func restore(dense: [Int]) {
        self.dense = dense
        count = dense.reduce(0, +) + sparse.values.reduce(0, +)
    }

    mutating func restore(value: Double, count c: Int) {
        sparse[value, default: 0] += c
        count += c
    }
}

/// A state's text, built as UTF-8 bytes. A sweep cell's state holds tens
/// of thousands of numbers (most of them the zeros of its histograms);
/// formatting each into a string of its own and joining them was most of
/// a cell's cost beyond its replicates.
struct StateTextWriter {
    private var bytes: [UInt8] = []

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func text(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func line(_ s: String) {
        text(s)
        newline()
    }

    mutating func space() { bytes.append(UInt8(ascii: " ")) }

    mutating func newline() { bytes.append(UInt8(ascii: "\n")) }

    /// `v` in decimal, as `String(v)` writes it.
    mutating func int(_ v: Int) {
        if v < 0 { bytes.append(UInt8(ascii: "-")) }
        digits(UInt64(v.magnitude), radix: 10)
    }

    /// `v` in lowercase hexadecimal, as `String(v, radix: 16)` writes it.
    mutating func hex(_ v: UInt64) { digits(v, radix: 16) }

    /// The numbers separated by single spaces.
    mutating func ints(_ values: [Int]) {
        for (k, v) in values.enumerated() {
            if k > 0 { space() }
            int(v)
        }
    }

    private mutating func digits(_ v: UInt64, radix: UInt64) {
        let first = bytes.count
        var rest = v
        repeat {
            let d = UInt8(rest % radix)
            bytes.append(d < 10 ? UInt8(ascii: "0") + d : UInt8(ascii: "a") + d - 10)
            rest /= radix
        } while rest > 0
        bytes[first...].reverse()
    }
}
