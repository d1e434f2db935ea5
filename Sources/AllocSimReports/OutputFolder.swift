import Foundation
import Synchronization

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
        OutputFolder.writers.add(1, ordering: .sequentiallyConsistent)
    }

    public func write(_ name: String, _ text: String) throws(Failure) {
        exitIfInterrupted()
        let url = staging.appendingPathComponent(name)
        do {
            if name.contains("/") {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            }
            try Data(text.utf8).write(to: url)
        } catch {
            throw .cannotWrite(path: target.appendingPathComponent(name).path, reason: error.localizedDescription)
        }
    }

    /// Moves the finished folder into place, replacing an earlier one.
    public func commit() throws(Failure) {
        exitIfInterrupted()
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
        OutputFolder.writers.subtract(1, ordering: .sequentiallyConsistent)
    }

    /// Removes the staging folder (on failure).
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
        OutputFolder.writers.subtract(1, ordering: .sequentiallyConsistent)
    }

    private func exitIfInterrupted() {
        guard OutputFolder.interruptSignal.load(ordering: .sequentiallyConsistent) != 0 else { return }
        try? FileManager.default.removeItem(at: staging)
        exit(128 + OutputFolder.interruptSignal.load(ordering: .sequentiallyConsistent))
    }

    // Interruption: a signal handler may only do async-signal-safe work, so
    // it records the signal and exits at once unless a folder is being
    // written; a writer then discards its staging folder and exits itself.
    private static let interruptSignal = Atomic<Int32>(0)
    private static let writers = Atomic<Int>(0)

    /// Call from a SIGINT/SIGTERM handler.
    public static func interrupted(by signal: Int32) {
        interruptSignal.store(signal, ordering: .sequentiallyConsistent)
        if writers.load(ordering: .sequentiallyConsistent) == 0 { _exit(128 + signal) }
    }
}
