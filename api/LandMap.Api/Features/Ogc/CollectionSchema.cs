using System.Text.Json.Nodes;
using LandMap.Api.Domain;
using LandMap.Api.Domain.Vocabulary;
using LandMap.Api.Items;

namespace LandMap.Api.Features.Ogc;

/// <summary>
/// A collection's schema (OGC API - Features Part 5 "Schemas", class returnables-and-receivables):
/// every property its items return, with JSON type, date/date-time format, the vocabulary's codes
/// as enum, the text bounds, units, titles in Chinese and English, the id and geometry roles.
/// Each property's schema comes from <see cref="PropertySchema"/>, as the queryables' do.
/// </summary>
public static class CollectionSchema
{
    /// <summary>The media type of both documents.</summary>
    public const string MediaType = SchemaPaths.MediaType;

    /// <summary>The link relation of the Part 5 schema.</summary>
    public const string SchemaRel = "http://www.opengis.net/def/rel/ogc/1.0/schema";

    /// <summary>Part 5 was published co-branded as OGC API - Common Part 3; both URI families name the same classes.</summary>
    public static readonly string[] ConformanceClasses =
    [
        "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/schemas",
        "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/returnables-and-receivables",
        "http://www.opengis.net/spec/ogcapi-common-3/1.0/conf/schemas",
        "http://www.opengis.net/spec/ogcapi-common-3/1.0/conf/returnables-and-receivables",
    ];

    /// <summary>The Part 5 schema; <paramref name="baseUrl"/>: the service root as the client reached it.</summary>
    public static JsonObject Returnables(CollectionDef c, string baseUrl, VocabularyCodes vocabulary)
    {
        var properties = new JsonObject
        {
            // The feature's "id" member: the table's bigint key.
            ["id"] = new JsonObject
            {
                ["title"] = "编号 / Feature id", ["type"] = "integer", ["readOnly"] = true,
                ["x-ogc-role"] = "id", ["x-ogc-propertySeq"] = 1,
            },
        };
        var geometry = PropertySchema.Geometry(c, "The feature's geometry (stored in EPSG:4490; served in CRS84 unless crs says otherwise).");
        geometry["x-ogc-propertySeq"] = 2;
        properties["geometry"] = geometry;
        var seq = 3;
        foreach (var (name, schema) in FeatureProperties(c, vocabulary))
        {
            schema["x-ogc-propertySeq"] = seq++;
            properties[name] = schema;
        }
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = baseUrl.TrimEnd('/') + SchemaPaths.Returnables(c.Id),
            ["type"] = "object",
            ["title"] = $"{c.TitleZh} / {c.TitleEn}",
            ["description"] = $"{c.Description} Every property may be null (no value recorded).",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
    }

    /// <summary>
    /// The same properties as the JSON Schema of one GeoJSON Feature of the collection (type, id,
    /// geometry, and the properties in its "properties" member). GDAL's OAPIF driver reads field types
    /// from a describedby link to a JSON Schema of this shape (it looks for properties.properties); a
    /// Part 5 schema, whose properties are the feature's own, gives it none.
    /// </summary>
    public static JsonObject GeoJsonFeature(CollectionDef c, string baseUrl, VocabularyCodes vocabulary)
    {
        var featureProperties = new JsonObject();
        foreach (var (name, schema) in FeatureProperties(c, vocabulary)) featureProperties[name] = schema;
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = baseUrl.TrimEnd('/') + SchemaPaths.GeoJsonFeature(c.Id),
            ["type"] = "object",
            ["title"] = $"{c.TitleZh} / {c.TitleEn}: GeoJSON Feature",
            ["description"] = $"One feature of '{c.Id}' as items return it (application/geo+json). The logical schema: {SchemaPaths.Returnables(c.Id)}.",
            ["required"] = new JsonArray("type", "geometry", "properties"),
            ["properties"] = new JsonObject
            {
                ["type"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("Feature") },
                ["id"] = new JsonObject { ["type"] = "integer" },
                ["geometry"] = new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = $"A GeoJSON {c.GeometryType}.",
                    ["properties"] = new JsonObject
                    {
                        ["type"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(c.GeometryType) },
                        ["coordinates"] = new JsonObject { ["type"] = "array" },
                    },
                },
                ["properties"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = featureProperties,
                    ["additionalProperties"] = false,
                },
            },
        };
    }

    /// <summary>Each catalog property's schema, in catalog order, with both titles and its unit.</summary>
    private static IEnumerable<(string Name, JsonObject Schema)> FeatureProperties(CollectionDef c, VocabularyCodes vocabulary)
    {
        foreach (var p in c.Properties)
        {
            var schema = PropertySchema.Of(p, vocabulary);
            if (p.TitleEn is { } en) schema["title"] = $"{p.TitleZh} / {en}";
            if (p.Unit is { } unit)
            {
                schema["x-ogc-unit"] = unit.Code;
                if (unit.Language is { } lang) schema["x-ogc-unitLang"] = lang;
            }
            yield return (p.Name, schema);
        }
    }
}
