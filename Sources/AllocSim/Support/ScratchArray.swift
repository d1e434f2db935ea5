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
        if a.count > count {
            if a.count - count <= 16 {
                while a.count > count { a.removeLast() }
            } else {
                a.removeLast(a.count - count)
            }
        }
        var span = a.mutableSpan
        for i in span.indices { span[i] = value }
        if a.count < count { a.append(contentsOf: repeatElement(value, count: count - a.count)) }
    }
}
