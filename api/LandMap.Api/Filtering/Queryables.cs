using System.Text.Json.Nodes;
using LandMap.Api.Domain;
using LandMap.Api.Domain.Vocabulary;

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
    /// client reached it (e.g. http://127.0.0.1:5080), as the other OGC documents use it;
    /// <paramref name="vocabulary"/>: the coded properties' values, declared as <c>enum</c>.</summary>
    public static JsonObject Schema(CollectionDef collection, string baseUrl, VocabularyCodes vocabulary)
    {
        var properties = new JsonObject();
        foreach (var p in collection.Properties)
            properties[p.Name] = PropertySchema.Of(p, vocabulary);
        properties[Cql2SqlOperands.GeometryQueryable] = PropertySchema.Geometry(collection,
            "The feature's geometry (stored in EPSG:4490; filter literals in CRS84 unless filter-crs says otherwise).");
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
    public static JsonObject LegacySchema(CollectionDef collection, string baseUrl, VocabularyCodes vocabulary)
    {
        var schema = Schema(collection, baseUrl, vocabulary);
        schema["queryables"] = new JsonArray(collection.Properties
            .Select(p => (JsonNode)new JsonObject { ["id"] = p.Name, ["type"] = schema["properties"]![p.Name]!["type"]!.GetValue<string>() })
            .ToArray());
        return schema;
    }
}
