import Foundation
import Testing

/// The sweep's tidy files load in pandas and DuckDB in one line each, as the
/// README says (issue 15). Runs with `.build-py/bin/python` (`make pydeps`,
/// part of `make test`) or `$ALLOCSIM_PYTHON`; skipped when neither has
/// pandas and duckdb.
@Suite struct TidyLoadTests {
    static let python: String? = {
        let candidates = [ProcessInfo.processInfo.environment["ALLOCSIM_PYTHON"],
                          CLI.root.appendingPathComponent(".build-py/bin/python").path, "/usr/bin/python3"].compactMap { $0 }
        for p in candidates where FileManager.default.isExecutableFile(atPath: p) {
            let proc = Process()
            proc.executableURL = URL(fileURLWithPath: p)
            proc.arguments = ["-c", "import pandas, duckdb"]
            proc.standardError = FileHandle.nullDevice
            guard (try? proc.run()) != nil else { continue }
            proc.waitUntilExit()
            if proc.terminationStatus == 0 { return p }
        }
        return nil
    }()

    @Test("results, parameters, villages, CHAAs, applications and sensitivity load in pandas and DuckDB without quoting dotted names",
          .enabled(if: TidyLoadTests.python != nil, "needs python3 with pandas and duckdb (make pydeps)"))
    func loads() throws {
        let out = CLI.temporaryFolder().appendingPathComponent("tidy")
        let r = try CLI.run(["sweep", "Scenarios/teaching.yaml", "--morris", "3", "--param", "certificates.dispensary=1:3",
                             "--param", "policy.schoolBufferFeet=500.0:1500.0", "--replicates", "40", "--quiet", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let script = """
        import sys, pandas as pd, duckdb
        d = sys.argv[1]
        res = pd.read_csv(f"{d}/results.csv")
        assert set(["cell", "metric", "measure", "type", "chaa", "mean"]) <= set(res.columns), res.columns
        by_chaa = res[(res.measure == "awards") & res.chaa.notna()]
        assert len(by_chaa) > 0
        par = pd.read_csv(f"{d}/parameters.csv")
        assert list(par.columns) == ["cell", "parameter", "value"]
        wide = par.pivot(index="cell", columns="parameter", values="value")
        assert "certificates.dispensary" in wide.columns
        for f in ["villages", "chaas", "applications", "sensitivity"]:
            assert len(pd.read_csv(f"{d}/{f}.csv")) > 0, f
        con = duckdb.connect()
        n = con.execute(f"SELECT count(*) FROM read_csv_auto('{d}/results.csv') WHERE measure = 'awards' AND chaa IS NOT NULL").fetchone()[0]
        assert n == len(by_chaa), (n, len(by_chaa))
        q = con.execute(f"SELECT r.cell, p.value, r.mean FROM read_csv_auto('{d}/results.csv') r JOIN read_csv_auto('{d}/parameters.csv') p "
                        f"USING (cell) WHERE p.parameter = 'certificates.dispensary' AND r.metric = 'awards.dispensary'").fetchall()
        assert len(q) == 3 * 3, q
        v = con.execute(f"SELECT count(DISTINCT village) FROM read_csv_auto('{d}/villages.csv')").fetchone()[0]
        assert v == 3, v
        print("ok")
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TidyLoadTests.python!)
        p.arguments = ["-c", script, out.path]
        let pipe = Pipe(), err = Pipe()
        p.standardOutput = pipe
        p.standardError = err
        try p.run()
        let o = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0 && o.contains("ok"), "\(e)")
    }
}
