import Foundation
internal import _AllocSimSystem

/// Where an output may go, and the file-system chores of writing it safely.
public enum OutputTarget {
    /// The absolute target for `path`, or why it is refused: a symbolic
    /// link; `/`; the home folder; the working folder or one of its parents
    /// (replacing it would pull the ground from under the shell); a folder
    /// that holds one of `inputs` (the scenario file would be lost).
    public static func check(_ path: String, inputs: [String]) throws(OutputFolder.Failure) -> URL {
        guard !path.isEmpty else { throw .protected(path: path, why: "the path is empty") }
        let url = URL(fileURLWithPath: path).standardizedFileURL
        if let attrs = try? FileManager.default.attributesOfItem(atPath: url.path),
           attrs[.type] as? FileAttributeType == .typeSymbolicLink {
            throw .symbolicLink(path: path)
        }
        // The real location: the parent's links resolved, the last part as given.
        let parent = url.deletingLastPathComponent().resolvingSymlinksInPath()
        let real = url.path == "/" ? url : parent.appendingPathComponent(url.lastPathComponent)
        let realPath = real.path
        func inside(_ p: String, _ folder: String) -> Bool {
            p == folder || p.hasPrefix(folder == "/" ? "/" : folder + "/")
        }
        if realPath == "/" { throw .protected(path: path, why: "it is the root folder") }
        let home = URL(fileURLWithPath: NSHomeDirectory()).resolvingSymlinksInPath().path
        if realPath == home { throw .protected(path: path, why: "it is your home folder") }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).resolvingSymlinksInPath().path
        if inside(cwd, realPath) {
            throw .protected(path: path, why: realPath == cwd ? "it is the working folder" : "it holds the working folder")
        }
        for input in inputs {
            let file = URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path
            if inside(file, realPath) {
                throw .protected(path: path, why: "it holds the input file \(input)")
            }
        }
        return real
    }

    /// Removes `.DIR.partial-*` and `.DIR.old-*` folders beside `target`:
    /// only a run holding the target's lock writes them, and the caller
    /// holds it, so every one found is left by a run that was killed — as
    /// long as it holds nothing but what allocsim writes (CSV, HTML, JSON,
    /// state files); anything else is left alone.
    public static func removeStaleStaging(of target: URL) {
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        let fm = FileManager.default
        for e in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? []
        where e.hasPrefix(".\(name).partial-") || e.hasPrefix(".\(name).old-") {
            let suffix = e.split(separator: "-").last.map(String.init) ?? ""
            let url = parent.appendingPathComponent(e)
            guard Int32(suffix) != nil, looksLikeOutputs(url) else { continue }
            try? fm.removeItem(at: url)
        }
    }

    /// Whether a folder holds only files of the kinds allocsim writes.
    static func looksLikeOutputs(_ url: URL) -> Bool {
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: url.path) else { return false }
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            _ = fm.fileExists(atPath: url.appendingPathComponent(rel).path, isDirectory: &isDir)
            if isDir.boolValue { continue }
            let last = (rel as NSString).lastPathComponent
            guard [".csv", ".html", ".json", ".state"].contains(where: { last.hasSuffix($0) }) else { return false }
        }
        return true
    }

    /// Writes `data` to a new file and fsyncs it.
    public static func writeDurably(_ data: Data, to url: URL) throws {
        try data.write(to: url)
        if allocsim_fsync_path(url.path) != 0 {
            throw OutputFolder.Failure.cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
        }
    }
}

/// An advisory lock (`flock`) on `.DIR.lock` beside an output folder, held
/// while a run writes it: a second run on the same `--out` exits 2 at once
/// instead of losing one of the two results.
public final class OutputLock {
    private var fd: Int32
    let path: String
    /// Whether the lock file is allocsim's (created by this run, or marked
    /// by an earlier one), so it may be removed when done.
    private(set) var ours = false
    static let marker = "allocsim output lock\n"

    public init(target: URL) throws(OutputFolder.Failure) {
        let parent = target.deletingLastPathComponent()
        path = parent.appendingPathComponent(".\(target.lastPathComponent).lock").path
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(path: target.path, reason: error.localizedDescription)
        }
        while true {
            var created = true
            // Created with its marker already in it: a run killed at any
            // instant leaves either no lock file or a marked one, which the
            // next run recognises as allocsim's and removes. (Created empty
            // and then written, a kill in between left an unmarked file that
            // no later run would remove.)
            let (dir, lockPath) = (parent.path, path)
            var f = OutputLock.marker.withCString { allocsim_create_with_content(dir, lockPath, $0, strlen($0)) }
            if f < 0 && errno == EEXIST {
                created = false
                f = open(path, O_RDWR | O_CLOEXEC)
            }
            guard f >= 0 else { throw .cannotCreate(path: path, reason: String(cString: strerror(errno))) }
            if flock(f, LOCK_EX | LOCK_NB) != 0 {
                let busy = errno == EWOULDBLOCK
                close(f)
                if busy { throw .busy(path: target.path) }
                throw .cannotCreate(path: path, reason: String(cString: strerror(errno)))
            }
            // The holder before us may have unlinked the file after we opened
            // it: the lock counts only if the path still names our file.
            var mine = stat(), named = stat()
            if fstat(f, &mine) == 0, stat(path, &named) == 0, mine.st_ino == named.st_ino, mine.st_dev == named.st_dev {
                fd = f
                if created {
                    ours = true
                } else {
                    ours = (try? String(contentsOfFile: path, encoding: .utf8)) == OutputLock.marker
                }
                return
            }
            close(f)
        }
    }

    /// Unlinks the lock file and releases the lock (idempotent).
    public func release() {
        guard fd >= 0 else { return }
        if ours { unlink(path) }
        close(fd)
        fd = -1
    }

    deinit { release() }
}
