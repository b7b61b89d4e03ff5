using System.Text.Json.Nodes;
using LandMap.Api.Domain.Vocabulary;

namespace LandMap.Api.Domain;

/// <summary>
/// The JSON Schema (2020-12) of one catalog property: type, format, text bounds, the vocabulary's
/// codes as <c>enum</c>, read-only for computed columns. The queryables (Part 3) and the collection
/// schema (Part 5) both take each property's schema from here, so the two cannot disagree.
/// </summary>
public static class PropertySchema
{
    /// <summary>The property's schema; <paramref name="vocabulary"/>: the coded properties' values, as the
    /// vocabulary tables hold them (the same rows the validators and the foreign keys accept).</summary>
    public static JsonObject Of(PropertyDef p, VocabularyCodes vocabulary)
    {
        var schema = new JsonObject { ["title"] = p.TitleZh };
        schema["type"] = JsonType(p.Type);
        if (Format(p.Type) is { } format) schema["format"] = format;
        // The catalog's text bounds, the ones uploads and Part 4 edits are held to.
        if (p.MaxLength is { } max) schema["maxLength"] = max;
        if (p.Pattern is { } pattern) schema["pattern"] = pattern;
        if (p.VocabularyTable is { } table) schema["enum"] = new JsonArray([.. vocabulary.Of(table).Select(c => JsonValue.Create(c))]);
        if (p.Values is { } values) schema["enum"] = new JsonArray([.. values.Select(v => JsonValue.Create(v))]);
        if (p.Description is { } d) schema["description"] = d;
        // Computed columns (areas, version, the parcels' state) can be filtered on but never written.
        if (!p.Writable) schema["readOnly"] = true;
        return schema;
    }

    /// <summary>The JSON type of a property's values (null aside: any property may have no value).</summary>
    public static string JsonType(PropertyType type) => type switch
    {
        PropertyType.Integer => "integer",
        PropertyType.Number => "number",
        _ => "string",
    };

    /// <summary>The format that says what a string holds: <c>date</c> for a day, <c>date-time</c> for an instant.</summary>
    public static string? Format(PropertyType type) => type switch
    {
        PropertyType.Date => "date",
        PropertyType.DateTime => "date-time",
        _ => null,
    };

    /// <summary>The collection's geometry as a spatial property (Part 5: no type, a "geometry-..." format,
    /// the primary-geometry role); <paramref name="description"/> says what the document needs said of it.</summary>
    public static JsonObject Geometry(CollectionDef c, string description) => new()
    {
        ["title"] = "几何 / geometry",
        ["description"] = description,
        ["format"] = "geometry-" + c.GeometryType.ToLowerInvariant(),
        ["x-ogc-role"] = "primary-geometry",
    };
}
