import Crypto
import Foundation

/// The SHA-256 fingerprint of a scenario file in `manifest.json` and
/// `sweep.json`, by swift-crypto's `SHA256`.
public enum Fingerprint {
    /// The digest of `bytes` as 64 lowercase hex digits.
    public static func sha256Hex(_ bytes: Data) -> String {
        SHA256.hash(data: bytes).map { byte in
            let h = String(byte, radix: 16)
            return h.count == 1 ? "0" + h : h
        }.joined()
    }
}
