import Testing
@testable import AllocSim

/// The tier loop's scratch lists behave as arrays would: what is appended
/// stays, in order, as the storage grows; a fill replaces the contents.
@Suite struct ScratchListTests {
    @Test("Appending past the starting capacity keeps every element in order")
    func growthKeepsElements() {
        let list = ScratchList<Int>()
        var expected: [Int] = []
        for k in 0..<100 {
            list.append(k * k)
            expected.append(k * k)
        }
        #expect(Array(list) == expected)
        #expect(list.count == 100)
        #expect(list.last == 99 * 99)
    }

    @Test("removeLast pops in reverse order; removeAll empties and the list fills again")
    func popAndReuse() {
        let list = ScratchList<Int>()
        for k in 1...20 { list.append(k) }
        #expect(list.removeLast() == 20)
        #expect(list.removeLast() == 19)
        #expect(list.count == 18)
        list.removeAll()
        #expect(list.isEmpty)
        list.append(7)
        #expect(Array(list) == [7])
    }

    @Test("fill sets every element, shrinking or growing the list; writes land where read")
    func fillAndWrite() {
        let list = ScratchList<LossReason?>(repeating: .certificatesExhausted(available: 3), count: 5)
        #expect(list.count == 5)
        list.fill(nil, count: 40)
        #expect(list.count == 40)
        #expect(list.allSatisfy { $0 == nil })
        list[39] = .lotteryLost(step: 2, of: 4, subject: .village, tier: .village, place: 11)
        list.fill(nil, count: 3)
        #expect(Array(list) == [nil, nil, nil])
        list[1] = .rankedOut(chaa: 0, patients: 10, facilities: 1, winner: 2, winnerPatients: 30, winnerFacilities: 0)
        #expect(list[1]?.reasonIndex == 1)
        #expect(list[0] == nil && list[2] == nil)
    }

    @Test("Appending one list to another copies its elements after the existing ones")
    func appendList() {
        let a = ScratchList<Int>(), b = ScratchList<Int>()
        for k in 0..<3 { a.append(k) }
        for k in 10..<25 { b.append(k) }
        a.append(contentsOf: b)
        #expect(Array(a) == [0, 1, 2] + Array(10..<25))
        #expect(Array(b) == Array(10..<25))
    }
}

/// The allocation-free sorts (`HeapSort.swift`) sort what `sorted` sorts,
/// on arrays, on slices that do not start at 0, and on scratch lists.
@Suite struct InPlaceSortTests {
    /// A fixed shuffle of 0..<n with repeats (values mod 7), so ties occur.
    static func values(_ n: Int) -> [Int] { (0..<n).map { ($0 * 37 + 11) % n % 7 } }

    @Test("heapSort and insertionSort agree with sorted(), for lengths 0 to 40")
    func arrays() {
        for n in 0...40 {
            var a = InPlaceSortTests.values(n), b = a
            a.heapSort(by: <)
            b.insertionSort(by: <)
            #expect(a == InPlaceSortTests.values(n).sorted(), "heapSort, n = \(n)")
            #expect(b == InPlaceSortTests.values(n).sorted(), "insertionSort, n = \(n)")
        }
    }

    @Test("A slice starting past 0 is sorted in place, and the elements around it are left alone")
    func slices() {
        let whole = (0..<30).map { (30 - $0) * 3 % 31 }
        var a = whole, b = whole
        a[5..<25].heapSort(by: >)
        b[5..<25].insertionSort(by: >)
        let expected = Array(whole[..<5]) + whole[5..<25].sorted(by: >) + Array(whole[25...])
        #expect(a == expected)
        #expect(b == expected)
    }

    @Test("A scratch list sorts in place; remove(at:) closes the gap")
    func scratchList() {
        var list = ScratchList<Int>()
        for x in InPlaceSortTests.values(25) { list.append(x) }
        list.sortWithoutAllocating(by: <)   // 25 > 16: by heap sort
        #expect(Array(list) == InPlaceSortTests.values(25).sorted())
        let removed = list.remove(at: 3)
        var expected = InPlaceSortTests.values(25).sorted()
        #expect(removed == expected.remove(at: 3))
        #expect(Array(list) == expected)
        #expect(list.remove(at: list.count - 1) == expected.removeLast())
        #expect(Array(list) == expected)
    }
}
