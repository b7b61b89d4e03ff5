using System.Text.Json.Nodes;
using LandMap.Api.Domain;

namespace LandMap.Api.Filtering;

/// <summary>
/// The queryables document of a collection (OGC API - Features Part 3, /collections/{id}/queryables):
/// a JSON Schema (2020-12) of the properties a filter may use. It is made from the same catalog
/// entries the SQL writer checks names against, so the two cannot disagree.
/// </summary>
public static class Queryables
{
    /// <summary>The media type of the document.</summary>
    public const string MediaType = "application/schema+json";

    /// <summary>The schema for a collection. <paramref name="baseUrl"/> is the service root as the
    /// client reached it (e.g. http://127.0.0.1:5080), as the other OGC documents use it.</summary>
    public static JsonObject Schema(CollectionDef collection, string baseUrl)
    {
        var properties = new JsonObject();
        foreach (var p in collection.Properties)
            properties[p.Name] = Property(p);
        properties[Cql2SqlOperands.GeometryQueryable] = new JsonObject
        {
            ["title"] = "几何 / geometry",
            ["description"] = "The feature's geometry (stored in EPSG:4490; filter literals in CRS84 unless filter-crs says otherwise).",
            ["format"] = "geometry-" + collection.GeometryType.ToLowerInvariant(),
            ["x-ogc-role"] = "primary-geometry",
        };
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"{baseUrl.TrimEnd('/')}/ogc/collections/{collection.Id}/queryables",
            ["type"] = "object",
            ["title"] = $"{collection.TitleZh} / {collection.TitleEn}",
            ["description"] = $"Queryable properties of '{collection.Id}': the names a filter may use.",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
    }

    /// <summary>
    /// The schema for a client that asked for plain application/json: the same schema plus the
    /// draft's "queryables" list, which older clients (GDAL 3.6's OAPIF driver) read to learn
    /// which properties they may filter on server-side.
    /// </summary>
    public static JsonObject LegacySchema(CollectionDef collection, string baseUrl)
    {
        var schema = Schema(collection, baseUrl);
        schema["queryables"] = new JsonArray(collection.Properties
            .Select(p => (JsonNode)new JsonObject { ["id"] = p.Name, ["type"] = Property(p)["type"]!.GetValue<string>() })
            .ToArray());
        return schema;
    }

    private static JsonObject Property(PropertyDef p)
    {
        var schema = new JsonObject { ["title"] = p.TitleZh };
        switch (p.Type)
        {
            case PropertyType.Text: schema["type"] = "string"; break;
            case PropertyType.Integer: schema["type"] = "integer"; break;
            case PropertyType.Number: schema["type"] = "number"; break;
            case PropertyType.Date: schema["type"] = "string"; schema["format"] = "date"; break;
            case PropertyType.DateTime: schema["type"] = "string"; schema["format"] = "date-time"; break;
        }
        // The catalog's text bounds, the ones uploads and Part 4 edits are held to.
        if (p.MaxLength is { } max) schema["maxLength"] = max;
        if (p.Pattern is { } pattern) schema["pattern"] = pattern;
        if (p.Description is { } d) schema["description"] = d;
        // Computed columns (areas, version, the parcels' state) can be filtered on but never written.
        if (!p.Writable) schema["readOnly"] = true;
        return schema;
    }
}
