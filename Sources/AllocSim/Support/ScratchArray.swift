/// Helpers for the scratch arrays a Monte Carlo worker reuses from
/// replicate to replicate.
///
/// A loop that writes an array stored in `self` (inside a `mutating`
/// method) pays a uniqueness check at every write: the optimizer does not
/// hoist it. Moved into a local first (`take`) and back after, the same
/// array is checked once per loop. Moving costs no copy: the local is the
/// only reference while the property holds an empty array.
enum ScratchArray {
    /// The array, leaving an empty one in its place.
    @inline(__always)
    static func take<T>(_ a: inout [T]) -> [T] {
        var out: [T] = []
        swap(&out, &a)
        return out
    }

    /// `count` copies of `value`, in `a`'s existing storage: elements
    /// already there are overwritten in a loop (appending a repeated value
    /// copies a large element through `memcpy` one at a time, and emptying
    /// an array goes through the general `replaceSubrange`).
    @inline(__always)
    static func fill<T>(_ a: inout [T], _ value: T, count: Int) {
        let kept = min(a.count, count)
        resize(&a, count: count, filler: value)
        var span = a.mutableSpan
        for i in 0..<kept { span[i] = value }
    }

    /// Makes `a` hold `count` elements, for a loop that writes every one
    /// of them before any is read: elements kept from before keep their
    /// stale values (no pass to overwrite them), new ones are `filler`.
    @inline(__always)
    static func resize<T>(_ a: inout [T], count: Int, filler: T) {
        if a.count > count { truncate(&a, to: count) } else { grow(&a, to: count, filler: filler) }
    }

    /// Makes `a` hold at least `count` elements, for a loop that writes the
    /// first `count` and reads no further: a longer list keeps its length
    /// and its stale elements past `count` (no cut now, and no regrowing
    /// for a later, longer use); new elements are `filler`.
    @inline(__always)
    static func grow<T>(_ a: inout [T], to count: Int, filler: T) {
        if count - a.count <= 8 {
            // Lists sized to the replicate grow by a few elements now and
            // then: appended one by one, that is cheaper than the general
            // `append(contentsOf:)` (about 120 instructions however few).
            while a.count < count { a.append(filler) }
        } else {
            a.append(contentsOf: repeatElement(filler, count: count - a.count))
        }
    }

    /// Empties `a`, keeping its storage. A short list is popped (a few
    /// instructions an element); `removeAll(keepingCapacity:)` goes through
    /// the general `replaceSubrange`, about 80 instructions however short.
    @inline(__always)
    static func clear<T>(_ a: inout [T]) {
        if a.count <= 8 {
            while !a.isEmpty { a.removeLast() }
        } else {
            a.removeAll(keepingCapacity: true)
        }
    }

    /// Drops `a`'s elements from `count` on, keeping its storage: a few
    /// are popped (a few instructions each), more in one call to
    /// `removeLast(_:)`, which goes through the general `replaceSubrange`
    /// (about 80 instructions however few).
    @inline(__always)
    static func truncate<T>(_ a: inout [T], to count: Int) {
        if a.count - count <= 16 {
            while a.count > count { a.removeLast() }
        } else {
            a.removeLast(a.count - count)
        }
    }
}
