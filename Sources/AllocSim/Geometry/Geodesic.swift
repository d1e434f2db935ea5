import Foundation
internal import CPROJ

/// Distances on the WGS84 ellipsoid (SPEC §1: within 0.1 ft over 5 miles;
/// a sphere is off by up to 0.5 %).
///
/// The inverse problem is solved by Karney's algorithm (2013) as PROJ ships
/// it (`geod_inverse` of `geodesic.h`): accurate to nanometres for every
/// pair of points, nearly antipodal ones included, where Vincenty's
/// iteration fails to converge.
public enum Geodesic {
    /// WGS84 semi-major axis, metres.
    public static let a = 6_378_137.0
    /// WGS84 flattening.
    public static let f = 1 / 298.257_223_563
    /// WGS84 semi-minor axis, metres.
    public static let b = a * (1 - f)
    /// Metres in an international foot.
    public static let metresPerFoot = 0.3048

    /// The WGS84 ellipsoid as PROJ's geodesic routines take it.
    private static let wgs84: geod_geodesic = {
        var g = geod_geodesic()
        geod_init(&g, a, f)
        return g
    }()

    /// The geodesic distance in feet between two (longitude, latitude)
    /// points in degrees.
    public static func distanceFeet(_ p: Point, _ q: Point) -> Double {
        distanceMetres(lon1: p.x, lat1: p.y, lon2: q.x, lat2: q.y) / metresPerFoot
    }

    /// Karney's inverse geodesic on WGS84, in metres.
    public static func distanceMetres(lon1: Double, lat1: Double, lon2: Double, lat2: Double) -> Double {
        if lon1 == lon2 && lat1 == lat2 { return 0 }
        var s12 = 0.0
        withUnsafePointer(to: wgs84) { geod_inverse($0, lat1, lon1, lat2, lon2, &s12, nil, nil) }
        return s12
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
