using System.Text.Json;
using LandMap.Api.Writes;
using NetTopologySuite.Geometries;

namespace LandMap.Api.Features.Uploads.Formats;

/// <summary>
/// Builds an NTS geometry straight from a GeoJSON geometry's bytes with one
/// <see cref="Utf8JsonReader"/> pass: positions go into one flat array, the nesting into end
/// offsets, and the geometry is built once the type is known ("type" may come after
/// "coordinates"). About five times faster than the general converter for the simple types,
/// which is most of an upload's time; GeometryCollection is left to the converter.
/// </summary>
internal sealed class GeoJsonGeometryReader(GeometryFactory factory)
{
    private double[] xy = new double[256];
    private int count; // positions read
    // ends[level] lists, for each closed array of that level, how many children of level-1 came before its end.
    private readonly List<int>[] ends = [[], [], [], []];

    /// <summary>The geometry; null for a GeometryCollection (not handled here). Throws
    /// <see cref="FormatException"/> for a shape GeoJSON does not allow and NTS's
    /// <see cref="ArgumentException"/> for rings it refuses (not closed, too few points).</summary>
    public Geometry? Read(ReadOnlySpan<byte> json)
    {
        count = 0;
        foreach (var e in ends) e.Clear();
        var r = new Utf8JsonReader(json);
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject) throw new FormatException("a geometry must be a JSON object");
        string? type = null;
        var depth = -1;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            // A second "type" or "coordinates" would silently win (or add its positions to the first's).
            if ((r.ValueTextEquals("type"u8) && type is not null) || (r.ValueTextEquals("coordinates"u8) && depth != -1))
                throw new DuplicateKeyException(r.GetString()!);
            if (r.ValueTextEquals("type"u8))
            {
                r.Read();
                type = r.TokenType == JsonTokenType.String ? r.GetString() : throw new FormatException("the geometry's type must be a string");
            }
            else if (r.ValueTextEquals("coordinates"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.StartArray) throw new FormatException("coordinates must be an array");
                depth = ReadArray(ref r, 0);
            }
            else if (r.ValueTextEquals("geometries"u8)) return null;
            else
            {
                r.Read();
                r.Skip();
            }
        }
        var expected = type switch
        {
            "Point" => 0, "LineString" or "MultiPoint" => 1, "Polygon" or "MultiLineString" => 2, "MultiPolygon" => 3,
            "GeometryCollection" => -2,
            null => throw new FormatException("the geometry has no type"),
            _ => throw new FormatException($"'{type}' is not a GeoJSON geometry type"),
        };
        if (expected == -2) return null;
        if (depth == -1) throw new FormatException($"the {type} has no coordinates");
        if (depth == -3) return type == "Point" ? factory.CreatePoint() : Empty(type);
        if (depth != expected) throw new FormatException($"the {type}'s coordinates are nested {depth} deep, {expected} expected");
        return type switch
        {
            "Point" => factory.CreatePoint(Coordinate(0)),
            "LineString" => factory.CreateLineString(Coordinates(0, count)),
            "MultiPoint" => factory.CreateMultiPointFromCoords(Coordinates(0, count)),
            "Polygon" => Polygon(0, ends[2][0]),
            "MultiLineString" => factory.CreateMultiLineString(Lines(0, ends[2][0])),
            _ => MultiPolygon(),
        };
    }

    private Geometry Empty(string type) => type switch
    {
        "LineString" => factory.CreateLineString(), "MultiPoint" => factory.CreateMultiPoint(),
        "Polygon" => factory.CreatePolygon(), "MultiLineString" => factory.CreateMultiLineString(),
        _ => factory.CreateMultiPolygon(),
    };

    /// <summary>Reads an array after its '['; returns its level: 0 for a position, n for an array of level n-1
    /// arrays, -3 for an empty array.</summary>
    private int ReadArray(ref Utf8JsonReader r, int nesting)
    {
        if (nesting > 4) throw new FormatException("coordinates are nested too deep");
        var level = -3;
        var numbers = 0;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType == JsonTokenType.Number)
            {
                if (level is not (-3 or 0)) throw new FormatException("a position is mixed with arrays");
                level = 0;
                var v = r.GetDouble();
                // 1e400 is valid JSON that reads as Infinity: no place on Earth.
                if (!double.IsFinite(v)) throw new FormatException($"coordinate {System.Text.Encoding.UTF8.GetString(r.ValueSpan)} is not a finite number");
                if (numbers == 0) Add(v);
                else if (numbers == 1) xy[2 * count + 1] = v;
                numbers++;
            }
            else if (r.TokenType == JsonTokenType.StartArray)
            {
                var child = ReadArray(ref r, nesting + 1);
                if (child == -3) throw new FormatException("an empty array inside coordinates");
                if (level != -3 && level != child + 1) throw new FormatException("coordinates mix nesting levels");
                level = child + 1;
            }
            else throw new FormatException($"coordinates hold a {r.TokenType}, only numbers and arrays are allowed");
        }
        if (level == 0)
        {
            if (numbers < 2) throw new FormatException("a position needs at least two numbers");
            count++;
        }
        else if (level > 0) ends[level].Add(level == 1 ? count : ends[level - 1].Count);
        return level;
    }

    private void Add(double x)
    {
        if (2 * count + 2 > xy.Length) Array.Resize(ref xy, xy.Length * 2);
        xy[2 * count] = x;
        xy[2 * count + 1] = double.NaN;
    }

    private Coordinate Coordinate(int i) => new(xy[2 * i], xy[2 * i + 1]);

    private Coordinate[] Coordinates(int from, int to)
    {
        var a = new Coordinate[to - from];
        for (var i = from; i < to; i++) a[i - from] = Coordinate(i);
        return a;
    }

    /// <summary>The rings [firstRing, endRing) of level-1 arrays as a polygon.</summary>
    private Polygon Polygon(int firstRing, int endRing)
    {
        var rings = ends[1];
        LinearRing Ring(int k) => factory.CreateLinearRing(Coordinates(k == 0 ? 0 : rings[k - 1], rings[k]));
        var shell = Ring(firstRing);
        var holes = new LinearRing[endRing - firstRing - 1];
        for (var k = firstRing + 1; k < endRing; k++) holes[k - firstRing - 1] = Ring(k);
        return factory.CreatePolygon(shell, holes);
    }

    private LineString[] Lines(int first, int end)
    {
        var lines = new LineString[end - first];
        for (var k = first; k < end; k++)
            lines[k - first] = factory.CreateLineString(Coordinates(k == 0 ? 0 : ends[1][k - 1], ends[1][k]));
        return lines;
    }

    private MultiPolygon MultiPolygon()
    {
        var polygonEnds = ends[2];
        var polygons = new Polygon[polygonEnds.Count];
        for (var p = 0; p < polygons.Length; p++)
            polygons[p] = Polygon(p == 0 ? 0 : polygonEnds[p - 1], polygonEnds[p]);
        return factory.CreateMultiPolygon(polygons);
    }
}
