using LandMap.Api.Domain;
using System.Text.Json;
using System.Text.Json.Nodes;
using LandMap.Api.Geo;
using LandMap.Api.Problems;
using LandMap.Api.Writes;
using Microsoft.Net.Http.Headers;
using NetTopologySuite.Geometries;

namespace LandMap.Api.Features.Ogc;

/// <summary>The body of a Part 4 write: its media type, the CRS of its coordinates, a Feature's
/// parts and RFC 7396 merge patches on the stored feature.</summary>
internal static class ItemsWriteBody
{
    internal static bool IsJson(HttpRequest request, bool allowMergePatch)
    {
        if (string.IsNullOrEmpty(request.ContentType)) return true;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media)) return false;
        var m = media.MediaType.Value ?? "";
        return m is "application/json" or "application/geo+json" || (allowMergePatch && m == ItemsWriteApi.MergePatchMedia);
    }

    /// <summary>The CRS of the body's coordinates: <c>Content-Crs</c> (e.g. <c>&lt;http://www.opengis.net/def/crs/EPSG/0/4549&gt;</c>),
    /// CRS84 when absent; coordinates in that CRS's axis order, as GET with <c>crs</c> serves them.</summary>
    internal static CrsInfo ContentCrs(HttpRequest request)
    {
        var value = request.Headers["Content-Crs"].ToString().Trim();
        if (value.StartsWith('<') && value.EndsWith('>')) value = value[1..^1];
        return CrsRegistry.Parse(value, "Content-Crs");
    }

    /// <summary>Properties (nulls dropped: a null is an absent value) and the geometry member of a Feature.</summary>
    internal static (Dictionary<string, JsonElement> Properties, JsonElement? Geometry) FeatureParts(JsonElement feature)
    {
        if (feature.ValueKind != JsonValueKind.Object || !feature.TryGetProperty("type", out var type) || !type.ValueEquals("Feature"))
            throw new InvalidParameterException("body", "the body must be a GeoJSON Feature");
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object)
            foreach (var prop in p.EnumerateObject())
                if (prop.Value.ValueKind != JsonValueKind.Null) properties[prop.Name] = prop.Value;
        JsonElement? geometry = feature.TryGetProperty("geometry", out var g) && g.ValueKind == JsonValueKind.Object ? g : null;
        return (properties, geometry);
    }

    /// <summary>
    /// RFC 7396 on the stored feature: <c>properties</c> merged (null removes a property), the
    /// <c>geometry</c> replaced when present (null removes it, which the checks then refuse). The
    /// geometry: null when the patch gives none (the stored one stays), else the patch's member.
    /// </summary>
    private static readonly PropertyDef[] LandUseCodeProperties =
        [.. CollectionCatalog.All.SelectMany(c => c.Properties).Where(p => p.EditionProperty is not null).DistinctBy(p => p.Name)];

    internal static (Dictionary<string, JsonElement> Properties, JsonElement? Geometry) MergePatch(StoredFeature stored, JsonElement patch)
    {
        if (patch.ValueKind != JsonValueKind.Object)
            throw new InvalidParameterException("body", "a merge patch must be a JSON object (RFC 7396)");
        var target = new JsonObject();
        foreach (var (name, value) in stored.Properties) target[name] = JsonNode.Parse(value.GetRawText(), documentOptions: Deep);
        JsonElement? geometry = null;
        if (patch.TryGetProperty("properties", out var props))
        {
            if (props.ValueKind == JsonValueKind.Object)
            {
                target = (JsonObject)Merge(target, JsonNode.Parse(props.GetRawText(), documentOptions: Deep))!;
                // A new land-use code without its edition is read afresh: the stored edition was the old code's.
                foreach (var p in LandUseCodeProperties)
                    if (props.TryGetProperty(p.Name, out _) && !props.TryGetProperty(p.EditionProperty!, out _)) target.Remove(p.EditionProperty!);
            }
            else if (props.ValueKind == JsonValueKind.Null) target = new JsonObject();
            else throw new InvalidParameterException("body", "properties in a merge patch must be an object or null");
        }
        if (patch.TryGetProperty("geometry", out var g))
            // Present: replaced; an explicit null leaves an empty object, refused as MissingGeometry.
            geometry = g.ValueKind == JsonValueKind.Object ? g : JsonDocument.Parse("\"none\"").RootElement;

        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(target.ToJsonString(), Deep);
        foreach (var p in doc.RootElement.EnumerateObject())
            if (p.Value.ValueKind != JsonValueKind.Null) properties[p.Name] = p.Value.Clone();
        return (properties, geometry);
    }

    /// <summary>Re-parsing parts of a body already bounded by JsonMaxDepth: no second, smaller bound.</summary>
    internal static readonly JsonDocumentOptions Deep = new() { MaxDepth = 1024 };

    /// <summary>RFC 7396 MergePatch(target, patch).</summary>
    internal static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (value is null) result.Remove(name);
            else result[name] = Merge(result[name], value);
        }
        return result;
    }

    /// <summary>Coordinates of a northing-first CRS (Content-Crs EPSG:4549 and the like) put in x/y order, in place.</summary>
    internal static void SwapAxes(Geometry geometry)
    {
        geometry.Apply(new SwapFilter());
        geometry.GeometryChanged();
    }

    private sealed class SwapFilter : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (x, y) = (seq.GetX(i), seq.GetY(i));
                seq.SetX(i, y);
                seq.SetY(i, x);
            }
        }
    }
}
