/// In-place sorts that allocate nothing, for arrays and the tier loop's
/// `ScratchList`s alike.
extension MutableCollection where Self: RandomAccessCollection, Index == Int {
    /// Sorts in place by `less`, with a heap sort: no temporary
    /// buffer is allocated (the standard library's stable sort allocates
    /// one), which keeps a Monte Carlo replicate free of heap traffic. Not
    /// stable: callers break ties themselves.
    mutating func heapSort(by less: (Element, Element) -> Bool) {
        let n = count, s = startIndex
        guard n > 1 else { return }
        // Heap positions are offsets from `startIndex`.
        func siftDown(_ a: inout Self, _ start: Int, _ end: Int) {
            var root = start
            while 2 * root + 1 < end {
                var child = 2 * root + 1
                if child + 1 < end && less(a[s + child], a[s + child + 1]) { child += 1 }
                if less(a[s + root], a[s + child]) { a.swapAt(s + root, s + child); root = child } else { return }
            }
        }
        for start in stride(from: n / 2 - 1, through: 0, by: -1) { siftDown(&self, start, n) }
        for end in stride(from: n - 1, to: 0, by: -1) {
            swapAt(s, s + end)
            siftDown(&self, 0, end)
        }
    }

    /// Sorts in place by `less`, allocating nothing: a short list by
    /// insertion (cheaper than building a heap), a long one by `heapSort`.
    /// Not stable either.
    mutating func sortWithoutAllocating(by less: (Element, Element) -> Bool) {
        if count <= 16 { insertionSort(by: less) } else { heapSort(by: less) }
    }

    /// Sorts in place by `less`, by insertion: O(n + inversions), so for
    /// short or nearly sorted lists only. Stable; allocates nothing.
    @inline(__always)
    mutating func insertionSort(by less: (Element, Element) -> Bool) {
        guard count > 1 else { return }
        for i in startIndex + 1..<endIndex {
            let x = self[i]
            var j = i
            while j > startIndex && less(x, self[j - 1]) { self[j] = self[j - 1]; j -= 1 }
            self[j] = x
        }
    }
}
