/// The individuals on an application (§14303(g)-(h)), as interned numbers.
///
/// Almost every application lists one or two individuals, so the first two
/// are stored inline and only longer lists use an array: a generated
/// application costs no heap allocation in the Monte Carlo hot loop.
public struct IndividualList: Sendable, Hashable, RandomAccessCollection {
    private var first = 0
    private var second = 0
    private var more: [Int] = []
    public private(set) var count = 0

    public init<S: Sequence>(_ people: S) where S.Element == Int {
        for p in people { append(p) }
    }

    public mutating func append(_ p: Int) {
        switch count {
        case 0: first = p
        case 1: second = p
        default: more.append(p)
        }
        count += 1
    }

    /// Makes this the list of `p` alone, keeping any storage (no release
    /// when it never held more than two).
    public mutating func setOnly(_ p: Int) {
        first = p
        count = 1
        if !more.isEmpty { more.removeAll(keepingCapacity: true) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(i: Int) -> Int {
        precondition(i >= 0 && i < count, "individual index out of range")
        switch i {
        case 0: return first
        case 1: return second
        default: return more[i - 2]
        }
    }

    public static func == (a: Self, b: Self) -> Bool { a.elementsEqual(b) }

    public func hash(into h: inout Hasher) {
        h.combine(count)
        for p in self { h.combine(p) }
    }
}
