using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace LandMap.SampleData;

/// <summary>
/// Converts plane geometries to rounded lon/lat geometries the way RFC 7946 wants them:
/// rings closed, exterior rings counter-clockwise, holes clockwise. Rounding can in theory
/// make a sliver ring invalid, so every polygon is checked after rounding and the tool stops
/// rather than write a geometry PostGIS would reject (the schema has CHECK st_isvalid).
/// </summary>
public static class GeoConvert
{
    public static MultiPolygon ToMultiPolygon(Geometry plane, string what)
    {
        var polygons = new List<Polygon>();
        for (var i = 0; i < plane.NumGeometries; i++)
        {
            if (plane.GetGeometryN(i) is Polygon p && !p.IsEmpty)
                polygons.Add(ToPolygon(p));
        }
        var result = Projection.Geographic.CreateMultiPolygon(polygons.ToArray());
        if (!result.IsValid)
            throw new InvalidOperationException($"{what}: polygon invalid after rounding");
        return result;
    }

    public static Polygon ToPolygon(Polygon plane)
    {
        var shell = ToRing(plane.ExteriorRing.Coordinates, counterClockwise: true);
        var holes = new LinearRing[plane.NumInteriorRings];
        for (var i = 0; i < holes.Length; i++)
            holes[i] = ToRing(plane.GetInteriorRingN(i).Coordinates, counterClockwise: false);
        return Projection.Geographic.CreatePolygon(shell, holes);
    }

    public static MultiLineString ToMultiLineString(Geometry plane)
    {
        var lines = new List<LineString>();
        for (var i = 0; i < plane.NumGeometries; i++)
        {
            if (plane.GetGeometryN(i) is not LineString l || l.IsEmpty)
                continue;
            var coords = Dedupe(l.Coordinates.Select(Projection.ToLonLat));
            if (coords.Count >= 2)
                lines.Add(Projection.Geographic.CreateLineString(coords.ToArray()));
        }
        return Projection.Geographic.CreateMultiLineString(lines.ToArray());
    }

    public static Point ToPoint(Coordinate plane) => Projection.Geographic.CreatePoint(Projection.ToLonLat(plane));

    private static LinearRing ToRing(Coordinate[] plane, bool counterClockwise)
    {
        var coords = Dedupe(plane.Select(Projection.ToLonLat));
        if (!coords[0].Equals2D(coords[^1]))
            coords.Add(coords[0].Copy());
        var ring = coords.ToArray();
        if (Orientation.IsCCW(ring) != counterClockwise)
            Array.Reverse(ring);
        return Projection.Geographic.CreateLinearRing(ring);
    }

    /// <summary>Rounding can collapse neighbouring vertices; repeated points are dropped.</summary>
    private static List<Coordinate> Dedupe(IEnumerable<Coordinate> coords)
    {
        var list = new List<Coordinate>();
        foreach (var c in coords)
        {
            if (list.Count == 0 || !list[^1].Equals2D(c))
                list.Add(c);
        }
        return list;
    }
}
