import Foundation
import Testing
@testable import AllocSimReports

/// The advisory lock beside an output folder: allocsim removes only lock
/// files that are its own, so its own must be recognisable from the moment
/// they exist.
@Suite struct OutputLockTests {
    func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func contents(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }

    @Test("a new lock file holds allocsim's marker as it appears, nothing else is left beside it, and release removes it")
    func createdMarked() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lock = try OutputLock(target: dir.appendingPathComponent("batch"))
        #expect(contents(dir) == [".batch.lock"])
        #expect(try String(contentsOf: dir.appendingPathComponent(".batch.lock"), encoding: .utf8) == OutputLock.marker)
        #expect(lock.ours)
        // A second writer of the same folder is refused while the first holds it.
        #expect(throws: OutputFolder.Failure.self) { _ = try OutputLock(target: dir.appendingPathComponent("batch")) }
        lock.release()
        #expect(contents(dir).isEmpty)
    }

    @Test("an existing lock file is removed on release only if it holds the marker; an empty one is not allocsim's")
    func existingFiles() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(".batch.lock")
        // Left by a killed run: marked, so the next run cleans it up.
        try OutputLock.marker.write(to: path, atomically: false, encoding: .utf8)
        let marked = try OutputLock(target: dir.appendingPathComponent("batch"))
        #expect(marked.ours)
        marked.release()
        #expect(contents(dir).isEmpty)
        // An empty file (a user's, or an older allocsim's killed between
        // creating the file and marking it) is used as a lock but kept.
        try Data().write(to: path)
        let empty = try OutputLock(target: dir.appendingPathComponent("batch"))
        #expect(!empty.ours)
        empty.release()
        #expect(contents(dir) == [".batch.lock"])
    }
}
