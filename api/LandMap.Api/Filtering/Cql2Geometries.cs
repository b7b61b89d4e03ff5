using NetTopologySuite.Geometries;

namespace LandMap.Api.Filtering;

/// <summary>
/// Builds geometry literals from coordinates for both parsers (WKT and GeoJSON carry the same
/// shapes), with messages a client can act on. Literals are 2D (heights dropped); their CRS is the filter's, not
/// yet the storage CRS, so the geometries carry no SRID.
/// </summary>
internal static class Cql2Geometries
{
    private static readonly GeometryFactory Factory = new();

    /// <summary>A position from two finite numbers, or three: the height is checked and dropped, since
    /// every stored geometry is 2D and a predicate between a 3D literal and a 2D geometry is decided
    /// in 2D anyway (PostGIS does the same); the README says so.</summary>
    public static Coordinate Position(double x, double y, double? z = null) =>
        double.IsFinite(x) && double.IsFinite(y) && (z is null || double.IsFinite(z.Value))
            ? new Coordinate(x, y)
            : throw new FormatException("coordinates must be finite numbers");

    public static Point Point(Coordinate c) => Factory.CreatePoint(c);

    public static LineString LineString(IReadOnlyList<Coordinate> points) =>
        points.Count >= 2
            ? Factory.CreateLineString(points.ToArray())
            : throw new FormatException("a line string needs at least 2 positions");

    public static Polygon Polygon(IReadOnlyList<IReadOnlyList<Coordinate>> rings)
    {
        if (rings.Count == 0) throw new FormatException("a polygon needs at least one ring");
        var linear = rings.Select(Ring).ToArray();
        return Factory.CreatePolygon(linear[0], linear[1..]);
    }

    public static MultiPoint MultiPoint(IReadOnlyList<Coordinate> points) =>
        Factory.CreateMultiPoint(points.Select(Point).ToArray());

    public static MultiLineString MultiLineString(IReadOnlyList<IReadOnlyList<Coordinate>> lines) =>
        Factory.CreateMultiLineString(lines.Select(LineString).ToArray());

    public static MultiPolygon MultiPolygon(IReadOnlyList<IReadOnlyList<IReadOnlyList<Coordinate>>> polygons) =>
        Factory.CreateMultiPolygon(polygons.Select(Polygon).ToArray());

    public static GeometryCollection Collection(IReadOnlyList<Geometry> geometries) =>
        Factory.CreateGeometryCollection(geometries.ToArray());

    /// <summary>A bounding box from 4 numbers, or 6 with heights (which are dropped, as for the bbox parameter).</summary>
    public static BboxLit Bbox(IReadOnlyList<double> n)
    {
        if (n.Count is not (4 or 6))
            throw new FormatException($"a bbox needs 4 numbers (minx, miny, maxx, maxy) or 6 with heights; got {n.Count}");
        if (n.Any(v => !double.IsFinite(v))) throw new FormatException("bbox values must be finite numbers");
        var (minX, minY, maxX, maxY) = n.Count == 4 ? (n[0], n[1], n[2], n[3]) : (n[0], n[1], n[3], n[4]);
        if (minX > maxX || minY > maxY)
            throw new FormatException("a bbox's minimum is greater than its maximum on some axis");
        return new BboxLit(minX, minY, maxX, maxY);
    }

    /// <summary>The box as a closed polygon, in the same axis order as its numbers.</summary>
    public static Polygon ToPolygon(BboxLit b) => Factory.CreatePolygon(
    [
        new(b.MinX, b.MinY), new(b.MaxX, b.MinY), new(b.MaxX, b.MaxY), new(b.MinX, b.MaxY), new(b.MinX, b.MinY),
    ]);

    private static LinearRing Ring(IReadOnlyList<Coordinate> points)
    {
        if (points.Count < 4 || !points[0].Equals2D(points[^1]))
            throw new FormatException("a polygon ring must have at least 4 positions and end where it starts");
        return Factory.CreateLinearRing(points.ToArray());
    }
}
