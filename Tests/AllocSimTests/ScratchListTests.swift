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
