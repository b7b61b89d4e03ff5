using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace LandMap.Api.Writes;

/// <summary>
/// A quick proof that a small polygon is valid, before <c>IsValidOp</c>: a parcel is nearly always
/// one shell of a few vertices, for which IsValidOp builds a noder and a spatial index per polygon
/// (1.4 of a 100,000-parcel upload's 1.7 validation CPU-seconds). A shell whose vertices are finite
/// and distinct, whose every turn bends (no two successive edges on one line) and whose non-adjacent
/// edges do not meet at all is a simple closed curve, so the polygon is valid. Every test is an exact
/// orientation predicate (NTS's <see cref="Orientation.Index(Coordinate, Coordinate, Coordinate)"/>,
/// robust in double-double arithmetic); whatever it cannot prove (holes, several parts, a touch, a
/// straight vertex, a large shell) goes to IsValidOp, which also names the error and its place.
/// </summary>
public static class SimpleShell
{
    /// <summary>Larger shells go to IsValidOp, whose indexed noding beats the pairwise test there.</summary>
    public const int MaxVertices = 64;

    /// <summary>True only when <paramref name="geometry"/> is a polygon (or a one-part multipolygon)
    /// without holes whose shell is proved simple; false means "not proved", not "invalid".</summary>
    public static bool ProvesValid(Geometry geometry)
    {
        var polygon = geometry switch
        {
            Polygon p => p,
            MultiPolygon { NumGeometries: 1 } m => (Polygon)m.GetGeometryN(0),
            _ => null,
        };
        if (polygon is null || polygon.IsEmpty || polygon.NumInteriorRings > 0) return false;
        var ring = polygon.Shell.Coordinates;
        var n = ring.Length - 1; // the closing point repeats the first
        if (n < 3 || n > MaxVertices || !ring[0].Equals2D(ring[n])) return false;
        for (var i = 0; i < n; i++)
        {
            var c = ring[i];
            if (!double.IsFinite(c.X) || !double.IsFinite(c.Y)) return false;
        }
        for (var i = 0; i < n; i++)
        {
            var (a, b, next) = (ring[i], ring[i + 1], ring[(i + 2) % n]);
            // A repeated vertex, or a straight or folded-back turn: left to IsValidOp.
            if (a.Equals2D(b) || Orientation.Index(a, b, next) == OrientationIndex.Collinear) return false;
        }
        for (var i = 0; i < n; i++)
        for (var j = i + 2; j < n; j++)
        {
            if (i == 0 && j == n - 1) continue; // the closing edge is adjacent to the first
            if (Meet(ring[i], ring[i + 1], ring[j], ring[j + 1])) return false;
        }
        return true;
    }

    /// <summary>Segments pq and rs share at least one point, or might (collinear): exact.</summary>
    private static bool Meet(Coordinate p, Coordinate q, Coordinate r, Coordinate s)
    {
        if (Math.Max(p.X, q.X) < Math.Min(r.X, s.X) || Math.Max(r.X, s.X) < Math.Min(p.X, q.X)
            || Math.Max(p.Y, q.Y) < Math.Min(r.Y, s.Y) || Math.Max(r.Y, s.Y) < Math.Min(p.Y, q.Y))
            return false;
        var (o1, o2) = ((int)Orientation.Index(p, q, r), (int)Orientation.Index(p, q, s));
        if (o1 * o2 > 0) return false; // r and s strictly on one side of pq
        var (o3, o4) = ((int)Orientation.Index(r, s, p), (int)Orientation.Index(r, s, q));
        return o3 * o4 <= 0;
    }
}
