using System.Text.Json.Serialization;
using LandMap.Api.Hosting;
using Microsoft.AspNetCore.WebUtilities;

namespace LandMap.Api.Items;

/// <summary>A web link as OGC API documents carry them.</summary>
public sealed record OgcLink(
    string Href, string Rel, string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Title = null);

/// <summary>Media types and CRS URIs used across the OGC API.</summary>
public static class OgcMedia
{
    public const string Json = "application/json";
    public const string GeoJson = "application/geo+json";
    public const string OpenApi = "application/vnd.oai.openapi+json;version=3.0";
    public const string Html = "text/html";

    /// <summary>Stored coordinates (EPSG:4490, lon/lat) are served as CRS84 as they are: CGCS2000 and
    /// WGS84 differ by centimetres, well below the sample data's accuracy.</summary>
    public const string Crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    public const string StorageCrs = "http://www.opengis.net/def/crs/EPSG/0/4490";
}

/// <summary>One format a document is served in: its <c>f</c> value and media type.</summary>
public sealed record OgcFormat(string F, string MediaType, string Title)
{
    public static readonly OgcFormat Json = new("json", OgcMedia.Json, "as JSON");
    public static readonly OgcFormat GeoJson = new("json", OgcMedia.GeoJson, "as GeoJSON");
    public static readonly OgcFormat Html = new("html", OgcMedia.Html, "as HTML");
}

/// <summary>The <c>self</c> and <c>alternate</c> links of a document (OGC API - Features
/// /req/core/fc-links, /req/core/f-links, /req/core/fc-md-links): the first format is the document
/// itself, each other one an alternate with its <c>f</c>. Every other query parameter of the request is
/// kept, so an alternate shows the same selection (same bbox, filter, page).</summary>
public static class OgcLinks
{
    /// <summary>Links to <paramref name="path"/> (from the API root, e.g. /ogc/collections) in each format.</summary>
    public static List<OgcLink> SelfAndAlternates(HttpRequest request, string path, params OgcFormat[] formats)
    {
        var url = request.BaseUrl() + path;
        var kept = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(kv => !kv.Key.Equals("f", StringComparison.OrdinalIgnoreCase))
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
            .ToList();
        return
        [
            new(QueryHelpers.AddQueryString(url, kept), "self", formats[0].MediaType, "This document"),
            .. formats.Skip(1).Select(f => new OgcLink(
                QueryHelpers.AddQueryString(url, [.. kept, new("f", f.F)]), "alternate", f.MediaType,
                "This document " + f.Title)),
        ];
    }
}

/// <summary>Where a collection's schemas are served (Features/Ogc/SchemaApi), for every link that points at them.</summary>
public static class SchemaPaths
{
    /// <summary>The media type of JSON Schema documents.</summary>
    public const string MediaType = "application/schema+json";

    /// <summary>The Part 5 schema of <paramref name="collectionId"/>.</summary>
    public static string Returnables(string collectionId) => $"/ogc/collections/{collectionId}/schema";

    /// <summary>The JSON Schema of one GeoJSON Feature of <paramref name="collectionId"/>.</summary>
    public static string GeoJsonFeature(string collectionId) => Returnables(collectionId) + "/feature";

    /// <summary>The describedby link of a page of <paramref name="collectionId"/>'s items: the Part 5 schema of what it holds.</summary>
    public static OgcLink ItemsLink(string baseUrl, string collectionId) =>
        new(baseUrl + Returnables(collectionId), "describedby", MediaType, "Schema of the features' properties");
}
