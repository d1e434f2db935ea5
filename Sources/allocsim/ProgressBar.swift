import AllocSim
import Foundation

/// A progress bar on standard error with rate and time left, redrawn from
/// its own thread while the batch runs.
final class ProgressBar: @unchecked Sendable {
    let total: Int
    let progress: BatchProgress
    let enabled: Bool
    private var thread: Thread?
    private let done = NSCondition()
    private var finished = false

    init(total: Int, progress: BatchProgress, enabled: Bool) {
        self.total = total
        self.progress = progress
        self.enabled = enabled
    }

    /// Shown when standard error is a terminal and `--quiet` was not given.
    convenience init(total: Int, progress: BatchProgress, quiet: Bool) {
        self.init(total: total, progress: progress, enabled: !quiet && isatty(2) == 1)
    }

    func start() {
        guard enabled else { return }
        let began = Date()
        let t = Thread { [self] in
            done.lock()
            while !finished {
                draw(since: began)
                _ = done.wait(until: Date().addingTimeInterval(0.2))
            }
            done.unlock()
        }
        thread = t
        t.start()
    }

    func finish() {
        guard enabled else { return }
        done.lock()
        finished = true
        done.signal()
        done.unlock()
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func draw(since began: Date) {
        let k = progress.completed
        let elapsed = max(Date().timeIntervalSince(began), 1e-3)
        let rate = Double(k) / elapsed
        let left = rate > 0 ? Double(total - k) / rate : 0
        let width = 30
        let filled = total > 0 ? width * k / total : width
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        let pct = total > 0 ? 100 * k / total : 100
        let line = "\r[\(bar)] \(pct)% \(k)/\(total)  \(Int(rate)) rep/s  \(Int(left.rounded(.up))) s left"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
