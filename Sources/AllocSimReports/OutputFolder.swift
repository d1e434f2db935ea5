import Foundation
import Synchronization
internal import _AllocSimSystem

/// Writes a command's outputs into a staging folder beside the target and
/// swaps it into place only when complete (SPEC §6): a failed, interrupted
/// or killed run leaves no half-written folder and never loses an earlier
/// one.
///
/// What it may replace (README, "What allocsim may overwrite"): nothing, or
/// an empty folder, or a folder allocsim wrote itself for the same command —
/// one holding allocsim's `manifest.json` of that command and no file the
/// manifest does not list. `--out` may never be `/`, the home folder, the
/// working folder or one of its parents, a folder that holds an input file,
/// or a symbolic link (`OutputTarget`).
///
/// The commit is one `renameat2(RENAME_EXCHANGE)` where the file system
/// allows it, so the target path always names a complete folder; files and
/// both folders are fsynced. An advisory lock (`OutputLock`) keeps a second
/// run off the same target; staging folders left by a killed run are
/// removed by the next run on that target, never read as results.
public struct OutputFolder {
    public let target: URL
    public let staging: URL
    /// The manifest `command` of the outputs this folder holds.
    public let command: String
    private let lock: OutputLock

    public enum Failure: Error, CustomStringConvertible {
        case cannotCreate(path: String, reason: String)
        case notAFolder(path: String)
        case cannotWrite(path: String, reason: String)
        case cannotReplace(path: String, reason: String)
        /// `/`, the home or working folder, or a folder holding an input.
        case protected(path: String, why: String)
        /// A folder holding something allocsim did not write there.
        case notOurs(path: String, file: String)
        case symbolicLink(path: String)
        case busy(path: String)

        public var description: String {
            switch self {
            case .cannotCreate(let p, let r): return "\(p): cannot create the output folder: \(r)"
            case .notAFolder(let p): return "\(p): exists and is not a folder; expected --out to name a folder"
            case .cannotWrite(let p, let r): return "\(p): cannot write: \(r)"
            case .cannotReplace(let p, let r): return "\(p): cannot move the finished output into place: \(r)"
            case .protected(let p, let why):
                return "\(p): refusing to write output here: \(why); expected a new folder, e.g. \(OutputFolder.suggestion(p))"
            case .notOurs(let p, let f):
                return "\(p): refusing to replace this folder: it holds '\(f)', which allocsim did not write there "
                    + "(it would be lost); choose a new folder, e.g. \(OutputFolder.suggestion(p))"
            case .symbolicLink(let p):
                return "\(p): is a symbolic link; expected --out to name a real folder (give the path it points to)"
            case .busy(let p):
                return "\(p): another allocsim is writing this folder now; wait for it to finish or choose another --out"
            }
        }
    }

    static func suggestion(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let name = url.lastPathComponent.isEmpty || url.path == "/" ? "allocsim-out" : url.lastPathComponent + "-2"
        return url.path == "/" ? "/tmp/allocsim-out" : url.deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Checks `path` (see the type's documentation), locks it and removes
    /// staging folders a killed run left; the staging folder
    /// `.DIR.partial-PID` is made at the first `write`. `inputs` are the
    /// files the command reads (scenario files).
    public init(path: String, command: String, inputs: [String]) throws(Failure) {
        target = try OutputTarget.check(path, inputs: inputs)
        self.command = command
        lock = try OutputLock(target: target)
        do {
            try OutputFolder.checkReplaceable(target, command: command, shownAs: path)
        } catch {
            lock.release()
            throw error
        }
        OutputTarget.removeStaleStaging(of: target)
        staging = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).partial-\(getpid())")
        OutputFolder.lockPathForSignal = lock.ours ? strdup(lock.path) : nil
    }

    /// Whether an existing `url` may be replaced by outputs of `command`:
    /// absent, empty, or holding allocsim's manifest of that command and only
    /// files it lists (`state/` holds sweep state files).
    public static func checkReplaceable(_ url: URL, command: String, shownAs path: String) throws(Failure) {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: url.path, isDirectory: &isDir) else { return }
        guard isDir.boolValue else { throw .notAFolder(path: path) }
        let entries: [String]
        do {
            entries = try fm.contentsOfDirectory(atPath: url.path).sorted()
        } catch {
            // What cannot be listed cannot be shown to be ours.
            throw .cannotReplace(path: path, reason: "cannot list the folder: \(error.localizedDescription)")
        }
        if entries.isEmpty { return }
        let stray = entries.first { $0 != "manifest.json" } ?? entries[0]
        guard let text = try? String(contentsOf: url.appendingPathComponent("manifest.json"), encoding: .utf8),
              let manifest = Manifest.parseOwnership(text), manifest.command == command else {
            throw .notOurs(path: path, file: stray)
        }
        let listed = Set(manifest.files + ["manifest.json"])
        for e in entries {
            if listed.contains(e) { continue }
            // A subfolder (compare's reform-N/) whose every file is listed.
            if listed.contains(where: { $0.hasPrefix(e + "/") && !$0.hasPrefix("state/") }) {
                let inside = (try? fm.contentsOfDirectory(atPath: url.appendingPathComponent(e).path)) ?? []
                if let odd = inside.sorted().first(where: { !listed.contains(e + "/" + $0) }) {
                    throw .notOurs(path: path, file: e + "/" + odd)
                }
                continue
            }
            if e == "state", listed.contains("state/") {
                guard let inside = try? fm.contentsOfDirectory(atPath: url.appendingPathComponent("state").path) else {
                    throw .notOurs(path: path, file: "state")
                }
                if let odd = inside.sorted().first(where: { SweepFolder.parseStateName($0) == nil }) {
                    throw .notOurs(path: path, file: "state/" + odd)
                }
                continue
            }
            throw .notOurs(path: path, file: e)
        }
    }

    /// Writes one file into the staging folder (created at the first write).
    public func write(_ name: String, _ text: String) throws(Failure) {
        let url = try stagingURL(for: name)
        do {
            try OutputTarget.writeDurably(Data(text.utf8), to: url)
        } catch {
            throw .cannotWrite(path: target.appendingPathComponent(name).path, reason: "\(error)")
        }
    }

    /// Where a file the caller streams into goes before `commit` (the
    /// staging folder is created if need be): for outputs too large to hold
    /// in memory, such as the replicate table.
    public func stagingURL(for name: String) throws(Failure) -> URL {
        let fm = FileManager.default
        if !fm.fileExists(atPath: staging.path) {
            // Counted as a writer first, so an interrupt from here on lets
            // this thread remove the staging folder before exiting.
            OutputFolder.writers.add(1, ordering: .sequentiallyConsistent)
            do {
                try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            } catch {
                throw .cannotCreate(path: target.path, reason: error.localizedDescription)
            }
        }
        exitIfInterrupted()
        let url = staging.appendingPathComponent(name)
        if name.contains("/") {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw .cannotWrite(path: target.appendingPathComponent(name).path, reason: "\(error)")
            }
        }
        return url
    }

    /// Swaps the finished folder into place, replacing an earlier one.
    public func commit() throws(Failure) {
        exitIfInterrupted()
        defer { finished() }
        let fm = FileManager.default
        do {
            // Someone may have put a file into the old folder meanwhile.
            try OutputFolder.checkReplaceable(target, command: command, shownAs: target.path)
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
        for sub in ["state"] where fm.fileExists(atPath: staging.appendingPathComponent(sub).path) {
            _ = allocsim_fsync_path(staging.appendingPathComponent(sub).path)
        }
        _ = allocsim_fsync_path(staging.path)
        let parent = target.deletingLastPathComponent()
        if fm.fileExists(atPath: target.path) {
            if allocsim_rename_exchange(staging.path, target.path) != 0 {
                guard errno == EINVAL || errno == ENOSYS else {
                    let reason = String(cString: strerror(errno))
                    try? fm.removeItem(at: staging)
                    throw .cannotReplace(path: target.path, reason: reason)
                }
                // No RENAME_EXCHANGE on this file system: two renames; a kill
                // between them leaves the old folder as `.DIR.old-PID`.
                let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(getpid())")
                do {
                    try fm.moveItem(at: target, to: old)
                    try fm.moveItem(at: staging, to: target)
                } catch {
                    if !fm.fileExists(atPath: target.path) { try? fm.moveItem(at: old, to: target) }
                    try? fm.removeItem(at: staging)
                    throw .cannotReplace(path: target.path, reason: error.localizedDescription)
                }
                try? fm.removeItem(at: old)
                _ = allocsim_fsync_path(parent.path)
                return
            }
            // The staging path now holds the earlier outputs.
            _ = allocsim_fsync_path(parent.path)
            try? fm.removeItem(at: staging)
        } else if allocsim_rename_noreplace(staging.path, target.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(at: staging)
            throw .cannotReplace(path: target.path, reason: reason)
        }
        _ = allocsim_fsync_path(parent.path)
    }

    /// Removes the staging folder (on failure).
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
        finished()
    }

    private func finished() {
        let held = OutputFolder.lockPathForSignal
        OutputFolder.lockPathForSignal = nil
        free(held)
        lock.release()
        if OutputFolder.writers.load(ordering: .sequentiallyConsistent) > 0 {
            OutputFolder.writers.subtract(1, ordering: .sequentiallyConsistent)
        }
    }

    private func exitIfInterrupted() {
        guard OutputFolder.interruptSignal.load(ordering: .sequentiallyConsistent) != 0 else { return }
        try? FileManager.default.removeItem(at: staging)
        exit(128 + OutputFolder.interruptSignal.load(ordering: .sequentiallyConsistent))
    }

    // Interruption: a signal handler may only do async-signal-safe work, so
    // it records the signal and exits at once unless a folder is being
    // written (removing the lock file with unlink, which is safe there); a
    // writer then discards its staging folder and exits itself.
    private static let interruptSignal = Atomic<Int32>(0)
    private static let writers = Atomic<Int>(0)
    /// The lock file of the folder opened, as a C string the handler can
    /// unlink without allocating.
    nonisolated(unsafe) private static var lockPathForSignal: UnsafeMutablePointer<CChar>?

    /// Call from a SIGINT/SIGTERM handler.
    public static func interrupted(by signal: Int32) {
        interruptSignal.store(signal, ordering: .sequentiallyConsistent)
        if writers.load(ordering: .sequentiallyConsistent) == 0 {
            if let p = lockPathForSignal { unlink(p) }
            _exit(128 + signal)
        }
    }
}
