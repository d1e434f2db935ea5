import AllocSim
import Foundation

extension SweepCommand {
    /// --sobol / --morris: each --param a range LO:HI (integer when both
    /// ends are whole numbers) or levels A,B,...
    func sensitivityDesign(_ parsed: [(String, String)], seed: UInt64) throws(CLIFailure) -> SensitivityDesign {
        var parameters: [SensitivityParameter] = []
        for (key, value) in parsed {
            let ends = value.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            if ends.count == 2, let lo = Double(ends[0]), let hi = Double(ends[1]), lo.isFinite, hi.isFinite {
                guard lo < hi else { throw CLIFailure.badInput("--param \(key): expected LO < HI, found '\(value)'") }
                if let l = Int(ends[0]), let h = Int(ends[1]) {
                    parameters.append(SensitivityParameter(key: key, kind: .integer(low: l, high: h)))
                } else {
                    parameters.append(SensitivityParameter(key: key, kind: .continuous(low: lo, high: hi)))
                }
                continue
            }
            let levels = value.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard levels.count >= 2, !levels.contains(where: \.isEmpty), Set(levels).count == levels.count else {
                throw CLIFailure.badInput("--param \(key): expected a range LO:HI or two or more distinct levels A,B,... "
                                          + "for --sobol/--morris, found '\(value)'")
            }
            parameters.append(SensitivityParameter(key: key, kind: .levels(levels)))
        }
        let d = parameters.count
        if let n = sobol {
            guard d <= SensitivityDesign.maxSobolParameters else {
                throw CLIFailure.badInput("--sobol: at most \(SensitivityDesign.maxSobolParameters) parameters (GSL's Sobol sequence has 40 dimensions, two per parameter); found \(d)")
            }
            guard n >= 2, n * (d + 2) <= Limits.sweepCells else {
                throw CLIFailure.badInput("--sobol: expected at least 2 samples and at most \(Limits.sweepCells) cells (N·(d+2) = \(n)·\(d + 2)), found \(n)")
            }
            return SensitivityDesign.sobol(samples: n, parameters: parameters)
        }
        let r = morris!
        guard morrisLevels >= 2, morrisLevels <= 100, morrisLevels % 2 == 0 else {
            throw CLIFailure.badInput("--morris-levels: expected an even number from 2 to 100, found \(morrisLevels)")
        }
        guard r >= 2, r * (d + 1) <= Limits.sweepCells else {
            throw CLIFailure.badInput("--morris: expected at least 2 trajectories and at most \(Limits.sweepCells) cells (R·(d+1) = \(r)·\(d + 1)), found \(r)")
        }
        return SensitivityDesign.morris(trajectories: r, levels: morrisLevels, parameters: parameters, seed: seed)
    }
}
