/// A list for the scratch space of the tier loop (`TierAllocator`) that a
/// write does not check for sharing. A write to an array held by a struct
/// first asks the runtime whether the array's storage is shared (copy on
/// write), a call each time: some 330 calls in a Guam replicate's round,
/// most of them in tier (b)(1). A `ScratchList` is a reference, so there
/// is no copy to keep apart: a write is a bounds check and a store.
///
/// Every access is bounds-checked, as an array's is. Elements are plain
/// values (`BitwiseCopyable`: no references to count), so storage is
/// copied and freed without retains or releases. The price of a reference:
/// a copy of a struct holding a `ScratchList` shares the list, so its
/// holder (`TierAllocator`, through `RoundWorkspace`) has one owner, a
/// Monte Carlo worker or a single round.
final class ScratchList<Element: BitwiseCopyable>: RandomAccessCollection, MutableCollection {
    // Unchecked: a stored `var` of a class is otherwise checked for
    // exclusive access at every read and write (a runtime call).
    @exclusivity(unchecked) private var base: UnsafeMutablePointer<Element>
    @exclusivity(unchecked) private var used: Int
    @exclusivity(unchecked) private var capacity: Int

    init() {
        base = .allocate(capacity: 8)
        used = 0
        capacity = 8
    }

    convenience init(repeating value: Element, count: Int) {
        self.init()
        fill(value, count: count)
    }

    deinit { base.deallocate() }

    var startIndex: Int { 0 }
    var endIndex: Int { used }

    /// Element `i`, which must be in `0..<count` (one unsigned comparison
    /// checks both ends).
    subscript(i: Int) -> Element {
        @inline(__always) get {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: used), "ScratchList index out of range")
            return base[i]
        }
        @inline(__always) set {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: used), "ScratchList index out of range")
            base[i] = newValue
        }
    }

    @inline(__always)
    func append(_ x: Element) {
        if used == capacity { grow(to: 2 * capacity) }
        (base + used).initialize(to: x)
        used += 1
    }

    @inline(__always)
    func append(contentsOf list: ScratchList<Element>) {
        precondition(list !== self, "a ScratchList appended to itself")
        for x in list { append(x) }
    }

    @inline(__always)
    func removeLast() -> Element {
        precondition(used > 0, "removeLast of an empty ScratchList")
        used -= 1
        return base[used]
    }

    /// Removes element `i`, moving those after it down one place.
    @discardableResult
    func remove(at i: Int) -> Element {
        let x = self[i]
        (base + i).update(from: base + i + 1, count: used - i - 1)
        used -= 1
        return x
    }

    /// Empties the list, keeping its storage.
    @inline(__always)
    func removeAll() { used = 0 }

    /// `count` copies of `value`.
    func fill(_ value: Element, count: Int) {
        precondition(count >= 0)
        if count > capacity { grow(to: count) }
        base.initialize(repeating: value, count: count)
        used = count
    }

    private func grow(to capacity: Int) {
        let base = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
        base.initialize(from: self.base, count: used)
        self.base.deallocate()
        self.base = base
        self.capacity = capacity
    }
}
