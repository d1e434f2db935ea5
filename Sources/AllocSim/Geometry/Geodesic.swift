import Foundation

/// Distances on the WGS84 ellipsoid (SPEC §1: within 0.1 ft over 5 miles;
/// a sphere is off by up to 0.5 %).
///
/// The inverse problem is solved by Vincenty's iteration (1975), accurate
/// to well under a millimetre for points that are not nearly antipodal —
/// every pair of points inside one territory.
public enum Geodesic {
    /// WGS84 semi-major axis, metres.
    public static let a = 6_378_137.0
    /// WGS84 flattening.
    public static let f = 1 / 298.257_223_563
    /// WGS84 semi-minor axis, metres.
    public static let b = a * (1 - f)
    /// Metres in an international foot.
    public static let metresPerFoot = 0.3048

    /// The geodesic distance in feet between two (longitude, latitude)
    /// points in degrees.
    public static func distanceFeet(_ p: Point, _ q: Point) -> Double {
        distanceMetres(lon1: p.x, lat1: p.y, lon2: q.x, lat2: q.y) / metresPerFoot
    }

    /// Vincenty's inverse formula on WGS84, in metres.
    public static func distanceMetres(lon1: Double, lat1: Double, lon2: Double, lat2: Double) -> Double {
        if lon1 == lon2 && lat1 == lat2 { return 0 }
        let rad = Double.pi / 180
        let L = (lon2 - lon1) * rad
        let U1 = atan((1 - f) * tan(lat1 * rad))
        let U2 = atan((1 - f) * tan(lat2 * rad))
        let sinU1 = sin(U1), cosU1 = cos(U1), sinU2 = sin(U2), cosU2 = cos(U2)
        var lambda = L
        var sinSigma = 0.0, cosSigma = 0.0, sigma = 0.0, cos2Alpha = 0.0, cos2SigmaM = 0.0
        for _ in 0..<200 {
            let sinLambda = sin(lambda), cosLambda = cos(lambda)
            let t1 = cosU2 * sinLambda
            let t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda
            sinSigma = (t1 * t1 + t2 * t2).squareRoot()
            if sinSigma == 0 { return 0 }
            cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda
            sigma = atan2(sinSigma, cosSigma)
            let sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma
            cos2Alpha = 1 - sinAlpha * sinAlpha
            cos2SigmaM = cos2Alpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cos2Alpha : 0
            let C = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha))
            let previous = lambda
            lambda = L + (1 - C) * f * sinAlpha
                * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)))
            if abs(lambda - previous) < 1e-13 { break }
        }
        let u2 = cos2Alpha * (a * a - b * b) / (b * b)
        let A = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)))
        let B = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)))
        let deltaSigma = B * sinSigma * (cos2SigmaM + B / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
            - B / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)))
        return b * A * (sigma - deltaSigma)
    }

    /// Local scale at latitude `lat` (degrees): feet per degree of
    /// longitude and of latitude, from the ellipsoid's prime-vertical and
    /// meridional radii of curvature. Good for a local tangent plane.
    public static func feetPerDegree(atLatitude lat: Double) -> (lon: Double, lat: Double) {
        let phi = lat * Double.pi / 180
        let e2 = f * (2 - f)
        let s = sin(phi)
        let w = (1 - e2 * s * s).squareRoot()
        let n = a / w
        let m = a * (1 - e2) / (w * w * w)
        let perRad = Double.pi / 180 / metresPerFoot
        return (n * cos(phi) * perRad, m * perRad)
    }
}
