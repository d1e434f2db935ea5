extension Array where Element == Int {
    /// Sorts indices in place by `less`, with a heap sort: no temporary
    /// buffer is allocated (the standard library's stable sort allocates
    /// one), which keeps a Monte Carlo replicate free of heap traffic. Not
    /// stable: callers break ties themselves.
    mutating func heapSort(by less: (Int, Int) -> Bool) {
        let n = count
        guard n > 1 else { return }
        func siftDown(_ a: inout [Int], _ start: Int, _ end: Int) {
            var root = start
            while 2 * root + 1 < end {
                var child = 2 * root + 1
                if child + 1 < end && less(a[child], a[child + 1]) { child += 1 }
                if less(a[root], a[child]) { a.swapAt(root, child); root = child } else { return }
            }
        }
        for start in stride(from: n / 2 - 1, through: 0, by: -1) { siftDown(&self, start, n) }
        for end in stride(from: n - 1, to: 0, by: -1) {
            swapAt(0, end)
            siftDown(&self, 0, end)
        }
    }
}
