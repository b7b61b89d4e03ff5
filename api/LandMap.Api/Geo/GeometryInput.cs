using System.Text.Json;
using LandMap.Api.Problems;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.Valid;

namespace LandMap.Api.Geo;

/// <summary>
/// A GeoJSON geometry from a request body (a Geometry, a Feature, or a one-feature collection),
/// in CRS84, checked before it goes anywhere near SQL: type, size, coordinate range, validity
/// (NTS IsValidOp: its error names, e.g. SelfIntersection, and where).
/// </summary>
public static class GeometryInput
{
    public const int MaxVertices = 10_000;

    private static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var o = new JsonSerializerOptions { MaxDepth = 16 };
        o.Converters.Add(new GeoJsonConverterFactory(new GeometryFactory(new PrecisionModel(), CrsRegistry.StorageSrid)));
        return o;
    }

    public static Geometry ParsePolygonal(JsonElement body, string field)
    {
        var geometry = Parse(body, field);
        if (geometry is not (Polygon or MultiPolygon))
            throw new InvalidParameterException(field, $"{field} must be a Polygon or MultiPolygon; got {geometry.GeometryType}");
        return geometry;
    }

    public static Geometry Parse(JsonElement body, string field)
    {
        var element = body;
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("type", out var type))
        {
            if (type.ValueEquals("Feature") && element.TryGetProperty("geometry", out var g)) element = g;
            else if (type.ValueEquals("FeatureCollection") && element.TryGetProperty("features", out var fs) && fs.GetArrayLength() == 1)
                element = fs[0].GetProperty("geometry");
        }
        Geometry? geometry;
        try
        {
            geometry = element.Deserialize<Geometry>(Options);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            throw new InvalidParameterException(field, $"{field} is not a GeoJSON geometry: {e.Message}");
        }
        if (geometry is null || geometry.IsEmpty)
            throw new InvalidParameterException(field, $"{field} is empty");
        if (geometry.NumPoints > MaxVertices)
            throw new InvalidParameterException(field, $"{field} has {geometry.NumPoints} vertices; at most {MaxVertices}");
        foreach (var c in geometry.Coordinates)
        {
            if (!double.IsFinite(c.X) || !double.IsFinite(c.Y) || c.X is < -180 or > 180 || c.Y is < -90 or > 90)
                throw new InvalidParameterException(field, $"{field} has a coordinate ({c.X}, {c.Y}) outside lon -180..180 / lat -90..90 (CRS84 order is lon, lat)");
        }
        var error = new IsValidOp(geometry).ValidationError;
        if (error is not null)
            throw new InvalidParameterException(field,
                $"{field} is not valid: {error.ErrorType} at ({error.Coordinate?.X}, {error.Coordinate?.Y}): {error.Message}");
        geometry.SRID = CrsRegistry.StorageSrid;
        return geometry;
    }
}
