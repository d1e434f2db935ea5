import AllocSim
import ArgumentParser
import Foundation

/// The range checks of `--replicates`, `--threads` and `--years` that
/// several subcommands share (exit 2 through ArgumentParser's validation).
enum OptionChecks {
    static func replicates(_ r: Int?, max: Int = Limits.replicates) throws {
        if let r, !(1...max).contains(r) {
            throw ValidationError("--replicates: expected a whole number from 1 to \(max), found \(r)")
        }
    }

    /// `--threads`, or every core.
    static func workerThreads(_ t: Int?) -> Int { t ?? ProcessInfo.processInfo.activeProcessorCount }

    static func threads(_ t: Int?) throws {
        if let t, !(1...Limits.threads).contains(t) {
            throw ValidationError("--threads: expected a whole number from 1 to \(Limits.threads), found \(t)")
        }
    }
}
