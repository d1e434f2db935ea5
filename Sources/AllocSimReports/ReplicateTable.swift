import AllocSim
internal import CZlib
import Foundation

/// `replicates.csv.gz` (`allocsim run --replicate-table`): one row per
/// replicate and scalar metric — `replicate,metric,value` — for researchers
/// who fit their own models, gzip-compressed (zlib; no Parquet writer in
/// Swift here).
///
/// Workers finish chunks of replicates out of order; the table holds a
/// finished chunk until every earlier one is written, so the file lists
/// replicates in order and is byte-identical for any thread count (zlib's
/// gzip header carries no time stamp). Metrics that do not apply to a
/// replicate (NaN) have no row.
public final class ReplicateTable: @unchecked Sendable {
    public static let fileName = "replicates.csv.gz"

    private let lock = NSLock()
    private var file: gzFile?
    private let names: [String]
    private var pending: [Int: String] = [:]
    private var next = 0
    private var failed: String?
    private let path: String

    /// Opens `url` for writing (level 6, zlib's default).
    public init(url: URL, metricNames: [String]) throws(OutputFolder.Failure) {
        path = url.path
        names = metricNames.map(CSVTable.quote)
        guard let f = gzopen(url.path, "wb6") else {
            throw .cannotWrite(path: url.path, reason: "cannot open for gzip writing")
        }
        file = f
        write(CSVTable.line(["replicate", "metric", "value"]))
    }

    private func write(_ text: String) {
        guard failed == nil, let file else { return }
        var bytes = Array(text.utf8)
        let n = bytes.count
        let written = bytes.withUnsafeMutableBytes { gzwrite(file, $0.baseAddress, UInt32(n)) }
        if written != Int32(n) { failed = "gzip write failed (disk full?)" }
    }

    /// A finished chunk: its number (0-based, in replicate order), its
    /// replicates and their values, `metricNames.count` per replicate.
    public func add(chunk: Int, replicates: Range<Int>, values: [Double]) {
        // Formatted on the worker's thread; only the ordered write is serial.
        var text = ""
        text.reserveCapacity(replicates.count * names.count * 24)
        for (k, r) in replicates.enumerated() {
            let row = String(r) + ","
            for (m, name) in names.enumerated() {
                let v = values[k * names.count + m]
                if v.isNaN { continue }
                text += row
                text += name
                text += ","
                text += v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : FixedFormat.compact(v, maxDigits: 6)
                text += "\r\n"
            }
        }
        lock.lock()
        defer { lock.unlock() }
        pending[chunk] = text
        while let ready = pending.removeValue(forKey: next) {
            write(ready)
            next += 1
        }
    }

    /// Flushes and closes the file; an error if any write failed.
    public func close() throws(OutputFolder.Failure) {
        lock.lock()
        defer { lock.unlock() }
        guard let f = file else { return }
        file = nil
        let status = gzclose(f)
        if let failed { throw .cannotWrite(path: path, reason: failed) }
        if status != Z_OK { throw .cannotWrite(path: path, reason: "gzip close failed (\(status))") }
    }
}
