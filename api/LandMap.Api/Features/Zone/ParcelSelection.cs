using System.Globalization;
using System.Text.Json;
using LandMap.Api.Data;
using LandMap.Api.Geo;
using LandMap.Api.Problems;
using NetTopologySuite.Geometries;

namespace LandMap.Api.Features.Zone;

/// <summary>
/// Which parcels a zone question is about: inside a park, intersecting a drawn polygon, within a
/// distance of a road or river, or listed by code. Every part present narrows the selection.
/// </summary>
public sealed record ParcelSelection(
    string? Park = null, Geometry? Geometry = null, string? Road = null, string? River = null,
    double? DistanceMetres = null, IReadOnlyList<string>? Codes = null)
{
    public const double MaxDistanceMetres = 50_000;
    public const int MaxCodes = 10_000;

    public bool IsEmpty => Park is null && Geometry is null && Road is null && River is null && Codes is null;

    /// <summary>The SQL condition on parcels (alias-free, column names from the schema), values as parameters.</summary>
    public string? ToSql(SqlParameters p)
    {
        var terms = new List<string>();
        if (Park is not null) terms.Add($"park_code = {p.Add(Park)}");
        if (Geometry is not null) terms.Add($"st_intersects(geom, {p.Add(Geometry)})");
        if (Road is not null) terms.Add(ZoneSql.WithinDistanceOf("roads", p.Add(Road), p.Add(DistanceMetres ?? 0)));
        if (River is not null) terms.Add(ZoneSql.WithinDistanceOf("rivers", p.Add(River), p.Add(DistanceMetres ?? 0)));
        if (Codes is not null) terms.Add($"code = any({p.Add(Codes.ToArray())})");
        return terms.Count == 0 ? null : string.Join(" and ", terms);
    }

    /// <summary>distance: metres on the ellipsoid, 0..50 km, needed with road or river.</summary>
    public static double? ParseDistance(string? value, bool required)
    {
        if (value is null)
            return required ? throw new InvalidParameterException("distance", "distance (metres) is needed with road or river") : null;
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d) || d < 0 || d > MaxDistanceMetres)
            throw new InvalidParameterException("distance", $"distance must be metres from 0 to {MaxDistanceMetres}; got '{value}'");
        return d;
    }

    /// <summary>A selection from a JSON body: {"park", "geometry", "road", "river", "distance", "codes"}.</summary>
    public static ParcelSelection FromJson(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
            throw new InvalidParameterException("body", "the body must be a JSON object: {\"park\"|\"geometry\"|\"road\"|\"river\"|\"codes\", \"distance\"}");
        string? Text(string name) => body.TryGetProperty(name, out var v)
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : throw new InvalidParameterException(name, $"{name} must be a string")
            : null;
        var road = Text("road");
        var river = Text("river");
        string? distance = body.TryGetProperty("distance", out var dv) ? dv.GetRawText() : null;
        IReadOnlyList<string>? codes = null;
        if (body.TryGetProperty("codes", out var cv))
        {
            if (cv.ValueKind != JsonValueKind.Array || cv.GetArrayLength() > MaxCodes || cv.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String))
                throw new InvalidParameterException("codes", $"codes must be an array of at most {MaxCodes} strings");
            codes = cv.EnumerateArray().Select(c => c.GetString()!).ToList();
        }
        var selection = new ParcelSelection(
            Text("park"),
            body.TryGetProperty("geometry", out var g) ? GeometryInput.ParsePolygonal(g, "geometry") : null,
            road, river, ParseDistance(distance, road is not null || river is not null), codes);
        return selection.IsEmpty
            ? throw new InvalidParameterException("body", "say which parcels: park, geometry, road or river with distance, or codes")
            : selection;
    }
}
