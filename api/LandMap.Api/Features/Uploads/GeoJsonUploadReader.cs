using System.Text.Json;
using LandMap.Api.Geo;
using LandMap.Api.Problems;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace LandMap.Api.Features.Uploads;

/// <summary>A feature as the file gives it: geometry in the file's own coordinates (null when absent
/// or unreadable, then <see cref="ReadError"/> says why).</summary>
public sealed record RawFeature(int Index, Geometry? Geometry, Exception? ReadError, Dictionary<string, JsonElement> Properties)
{
    public string? Code => Properties.TryGetValue("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
}

/// <summary>
/// Reads a GeoJSON FeatureCollection (RFC 7946, plus the legacy <c>crs</c> member).
/// <para>First slice: the whole body is parsed with <see cref="JsonDocument"/> (memory grows with the
/// file, bounded by the upload size limit). Streaming parsing (Utf8JsonReader over the request body,
/// feature by feature straight into the COPY) is a later step.</para>
/// </summary>
public static class GeoJsonUploadReader
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var o = new JsonSerializerOptions { MaxDepth = 64 };
        // SRID 0: the file's own coordinates, reprojected later.
        o.Converters.Add(new GeoJsonConverterFactory(new GeometryFactory(new PrecisionModel(), 0)));
        return o;
    }

    /// <summary>The features and the SRID the legacy <c>crs</c> member names (null when absent).</summary>
    public static (List<RawFeature> Features, int? FileSrid) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || !type.ValueEquals("FeatureCollection"))
            throw new InvalidParameterException("body", "the body must be a GeoJSON FeatureCollection");
        if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            throw new InvalidParameterException("body", "the FeatureCollection has no features array");

        int? fileSrid = null;
        if (root.TryGetProperty("crs", out var crs) && crs.ValueKind == JsonValueKind.Object)
        {
            var name = crs.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
                && p.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            fileSrid = SourceCrs.ParseSrid(name)
                ?? throw new InvalidParameterException("crs", $"the file's crs member '{name}' is not an EPSG CRS; give crs=EPSG:<code>");
        }

        var list = new List<RawFeature>(features.GetArrayLength());
        var index = 0;
        foreach (var f in features.EnumerateArray())
        {
            var props = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            Geometry? geometry = null;
            Exception? error = null;
            if (f.ValueKind == JsonValueKind.Object)
            {
                if (f.TryGetProperty("properties", out var pr) && pr.ValueKind == JsonValueKind.Object)
                    foreach (var prop in pr.EnumerateObject()) props[prop.Name] = prop.Value;
                if (f.TryGetProperty("geometry", out var g) && g.ValueKind == JsonValueKind.Object)
                {
                    try { geometry = g.Deserialize<Geometry>(Options); }
                    catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
                    {
                        error = e;
                    }
                }
            }
            list.Add(new RawFeature(index++, geometry, error, props));
        }
        return (list, fileSrid);
    }
}
