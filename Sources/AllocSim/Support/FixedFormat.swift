/// Numbers printed the same on every machine: no locale, no `description`
/// of a `Double`, a fixed rule (SPEC §6).
public enum FixedFormat {
    /// `value` with exactly `digits` decimals, rounded half away from zero,
    /// `-0` printed as `0`.
    public static func decimal(_ value: Double, digits: Int) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "Inf" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e18 else { return shortest(value) }
        let n = UInt64(scaled)
        let whole = n / UInt64(scale)
        var out = String(whole)
        if digits > 0 {
            let frac = String(n % UInt64(scale))
            out += "." + String(repeating: "0", count: digits - frac.count) + frac
        }
        return value < 0 && n != 0 ? "-" + out : out
    }

    /// An integer-valued number without decimals, others with up to
    /// `maxDigits` decimals and no trailing zeros.
    public static func compact(_ value: Double, maxDigits: Int = 6) -> String {
        var s = decimal(value, digits: maxDigits)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    /// Dollars for people to read: whole, with thousands separators (`$1,377,922`).
    public static func dollars(_ value: Double) -> String {
        let whole = decimal(value, digits: 0)
        let negative = whole.hasPrefix("-")
        let digits = Array(negative ? whole.dropFirst() : whole[...])
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return (negative ? "-$" : "$") + out
    }

    /// A round-trip exact representation for values too large for a fixed
    /// decimal (scientific, 17 significant digits).
    public static func shortest(_ value: Double) -> String {
        // Swift's description is locale-free and shortest-round-trip.
        value.description
    }
}
