import Foundation
import Testing
@testable import AllocSim

/// The sensitivity estimators on functions whose indices are known.
@Suite struct SensitivityTests {
    /// Ishigami & Homma (1990): sin x1 + 7 sin² x2 + 0.1 x3⁴ sin x1 on
    /// [−π, π]³, with a = 7, b = 0.1: S1 = (0.3139, 0.4424, 0),
    /// ST = (0.5576, 0.4424, 0.2437).
    @Test("Sobol indices of the Ishigami function within 0.03 of the analytic values, each inside its bootstrap interval's reach")
    func ishigami() {
        let params = (1...3).map { SensitivityParameter(key: "x\($0)", kind: .continuous(low: -.pi, high: .pi)) }
        let design = SensitivityDesign.sobol(samples: 8192, parameters: params)
        #expect(design.rows.count == 8192 * 5)
        let y = design.points.map { u -> Double in
            let x = params.indices.map { params[$0].numeric(at: u[$0])! }
            return sin(x[0]) + 7 * pow(sin(x[1]), 2) + 0.1 * pow(x[2], 4) * sin(x[0])
        }
        let idx = SensitivityAnalysis.indices(design, y, seed: 1)
        func value(_ p: Int, _ name: String) -> SensitivityIndex { idx.first { $0.parameter == p && $0.index == name }! }
        let s1 = [0.3139, 0.4424, 0.0], st = [0.5576, 0.4424, 0.2437]
        for p in 0..<3 {
            #expect(abs(value(p, "S1").estimate - s1[p]) < 0.03, "S1 x\(p + 1): \(value(p, "S1"))")
            #expect(abs(value(p, "ST").estimate - st[p]) < 0.03, "ST x\(p + 1): \(value(p, "ST"))")
            #expect(value(p, "ST").low <= value(p, "ST").estimate && value(p, "ST").estimate <= value(p, "ST").high)
            #expect(value(p, "ST").low < st[p] + 0.05 && st[p] - 0.05 < value(p, "ST").high)
        }
    }

    @Test("Morris elementary effects of a linear function are its coefficients: μ* = |c|, μ = c, σ = 0")
    func morrisLinear() {
        let c = [2.0, -3.0, 0.5]
        let params = (1...3).map { SensitivityParameter(key: "x\($0)", kind: .continuous(low: 0, high: 1)) }
        let design = SensitivityDesign.morris(trajectories: 10, levels: 4, parameters: params, seed: 3)
        #expect(design.rows.count == 10 * 4)
        let y = design.points.map { u in zip(c, u).reduce(0) { $0 + $1.0 * $1.1 } }
        let idx = SensitivityAnalysis.indices(design, y, seed: 1)
        for p in 0..<3 {
            let get = { (n: String) in idx.first { $0.parameter == p && $0.index == n }!.estimate }
            #expect(abs(get("mu") - c[p]) < 1e-9)
            #expect(abs(get("mu_star") - abs(c[p])) < 1e-9)
            #expect(abs(get("sigma")) < 1e-9)
        }
    }

    @Test("integer parameters are rounded on the design (each whole number equally likely); levels map to equal parts")
    func rounding() {
        let n = SensitivityParameter(key: "certificates.dispensary", kind: .integer(low: 2, high: 4))
        #expect([0.0, 0.33, 0.34, 0.66, 0.67, 0.999, 1.0].map { n.value(at: $0) } == ["2", "2", "3", "3", "4", "4", "4"])
        let l = SensitivityParameter(key: "policy.scoring", kind: .levels(["lexicographic", "patients-per-facility"]))
        #expect(l.value(at: 0.49) == "lexicographic" && l.value(at: 0.5) == "patients-per-facility" && l.value(at: 1) == "patients-per-facility")
        // A Sobol design over an integer range uses whole numbers only.
        let plan = SensitivityDesign.sobol(samples: 64, parameters: [n, l]).plan
        #expect(plan.cells.allSatisfy { ["2", "3", "4"].contains($0[0]) })
        #expect(Set(plan.cells.map { $0[0] }).count == 3)
    }

    @Test("an output that does not vary has no indices")
    func constant() {
        let params = [SensitivityParameter(key: "x", kind: .continuous(low: 0, high: 1))]
        let design = SensitivityDesign.sobol(samples: 16, parameters: params)
        #expect(SensitivityAnalysis.indices(design, Array(repeating: 4, count: design.rows.count), seed: 1).isEmpty)
    }
}
