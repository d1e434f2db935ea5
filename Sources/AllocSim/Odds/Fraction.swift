import BigInt

/// An exact probability (or any non-negative rational), always in lowest
/// terms, so `3/7` prints as the rule's lottery made it.
///
/// Exact odds multiply chances like `1/3` and `2/5` along a path of draws
/// and add paths that meet again; their denominators soon outgrow 64 bits,
/// so numerator and denominator are arbitrary-precision (attaswift/BigInt).
/// Small values, which are most of them, stay cheap: BigUInt keeps one
/// machine word inline.
/// - Invariant: `denominator > 0` and `gcd(numerator, denominator) == 1`;
///   zero is `0/1`.
public struct Fraction: Sendable, Hashable, Comparable, CustomStringConvertible {
    public private(set) var numerator: BigUInt
    public private(set) var denominator: BigUInt

    public static let zero = Fraction(0, 1)
    public static let one = Fraction(1, 1)

    public init(_ numerator: Int, _ denominator: Int) {
        precondition(numerator >= 0 && denominator > 0, "a probability is non-negative over a positive denominator")
        self.init(reducing: BigUInt(numerator), BigUInt(denominator))
    }

    init(reducing n: BigUInt, _ d: BigUInt) {
        if n.isZero {
            numerator = 0
            denominator = 1
            return
        }
        let g = n.greatestCommonDivisor(with: d)
        if g == 1 {
            numerator = n
            denominator = d
        } else {
            numerator = n / g
            denominator = d / g
        }
    }

    public var isZero: Bool { numerator.isZero }

    public static func + (a: Fraction, b: Fraction) -> Fraction {
        if a.isZero { return b }
        if b.isZero { return a }
        if a.denominator == b.denominator { return Fraction(reducing: a.numerator + b.numerator, a.denominator) }
        return Fraction(reducing: a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }

    public static func += (a: inout Fraction, b: Fraction) { a = a + b }

    public static func * (a: Fraction, b: Fraction) -> Fraction {
        if a.isZero || b.isZero { return .zero }
        // Cross-reduce first, so the products stay as small as they can.
        let g1 = a.numerator.greatestCommonDivisor(with: b.denominator)
        let g2 = b.numerator.greatestCommonDivisor(with: a.denominator)
        var f = Fraction.zero
        f.numerator = (a.numerator / g1) * (b.numerator / g2)
        f.denominator = (a.denominator / g2) * (b.denominator / g1)
        return f
    }

    /// `1 - self`, for a probability (`self <= 1`).
    public var complement: Fraction {
        precondition(numerator <= denominator, "the complement of a probability above 1")
        return Fraction(reducing: denominator - numerator, denominator)
    }

    /// This value divided by a positive count.
    public func divided(by k: Int) -> Fraction {
        precondition(k > 0)
        return self * Fraction(1, k)
    }

    public static func < (a: Fraction, b: Fraction) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    /// `3/7`, or `1` and `0` for certainties.
    public var description: String {
        denominator == 1 ? numerator.description : "\(numerator)/\(denominator)"
    }

    /// The value rounded half up to `digits` decimals, by exact integer
    /// arithmetic (`0.428571429` for 3/7 at 9 digits): no floating point,
    /// so the same fraction prints the same on every machine.
    public func decimal(digits: Int) -> String {
        let scale = BigUInt(10).power(digits)
        let scaled = (numerator * scale * 2 + denominator) / (denominator * 2)
        let whole = scaled / scale
        guard digits > 0 else { return whole.description }
        let fraction = (scaled % scale).description
        return whole.description + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// The nearest `Double`, for charts and comparisons with estimates.
    public var doubleValue: Double {
        // Scale both down together when they would overflow a Double.
        let shift = max(0, max(numerator.bitWidth, denominator.bitWidth) - 1000)
        return Double(numerator >> shift) / Double(denominator >> shift)
    }
}
