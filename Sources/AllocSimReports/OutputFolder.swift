import Foundation

/// Writes a command's outputs into a temporary folder beside the target
/// and moves it into place only when complete (SPEC §6): a failed or
/// interrupted run leaves no half-written folder and does not clobber an
/// earlier one.
public struct OutputFolder {
    public let target: URL
    public let staging: URL

    public enum Failure: Error, CustomStringConvertible {
        case cannotCreate(path: String, reason: String)
        case notAFolder(path: String)
        case cannotWrite(path: String, reason: String)
        case cannotReplace(path: String, reason: String)

        public var description: String {
            switch self {
            case .cannotCreate(let p, let r): return "\(p): cannot create the output folder: \(r)"
            case .notAFolder(let p): return "\(p): exists and is not a folder; expected --out to name a folder"
            case .cannotWrite(let p, let r): return "\(p): cannot write: \(r)"
            case .cannotReplace(let p, let r): return "\(p): cannot move the finished output into place: \(r)"
            }
        }
    }

    /// Prepares a staging folder `.DIR.partial-PID` next to `path`.
    public init(path: String) throws(Failure) {
        let fm = FileManager.default
        target = URL(fileURLWithPath: path).standardizedFileURL
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: target.path, isDirectory: &isDir), !isDir.boolValue {
            throw .notAFolder(path: path)
        }
        let parent = target.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(getpid())")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw .cannotCreate(path: path, reason: error.localizedDescription)
        }
        OutputFolder.register(staging)
    }

    public func write(_ name: String, _ text: String) throws(Failure) {
        let url = staging.appendingPathComponent(name)
        do {
            try Data(text.utf8).write(to: url)
        } catch {
            throw .cannotWrite(path: target.appendingPathComponent(name).path, reason: error.localizedDescription)
        }
    }

    /// Moves the finished folder into place, replacing an earlier one.
    public func commit() throws(Failure) {
        let fm = FileManager.default
        let old = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).old-\(getpid())")
        do {
            if fm.fileExists(atPath: target.path) { try fm.moveItem(at: target, to: old) }
            try fm.moveItem(at: staging, to: target)
            try? fm.removeItem(at: old)
        } catch {
            if !fm.fileExists(atPath: target.path) && fm.fileExists(atPath: old.path) {
                try? fm.moveItem(at: old, to: target)
            }
            throw .cannotReplace(path: target.path, reason: error.localizedDescription)
        }
        OutputFolder.unregister(staging)
    }

    /// Removes the staging folder (on failure).
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
        OutputFolder.unregister(staging)
    }

    // Staging folders still open, removed by `removeAllStaging()` on SIGINT.
    nonisolated(unsafe) private static var open: Set<String> = []
    private static let lock = NSLock()

    static func register(_ u: URL) { lock.lock(); open.insert(u.path); lock.unlock() }
    static func unregister(_ u: URL) { lock.lock(); open.remove(u.path); lock.unlock() }

    /// Deletes every staging folder not yet committed (for signal handlers).
    public static func removeAllStaging() {
        lock.lock()
        let paths = open
        lock.unlock()
        for p in paths { try? FileManager.default.removeItem(atPath: p) }
    }
}
