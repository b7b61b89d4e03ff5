using System.Globalization;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Geo;
using LandMap.Api.Hosting;
using LandMap.Api.Items;

namespace LandMap.Api.Features.Ogc;

/// <summary>A collection as /ogc/collections describes it.</summary>
public sealed record CollectionDocument(
    string Id, string Title, string Description, string ItemType, object? Extent,
    IReadOnlyList<string> Crs, string StorageCrs, IReadOnlyList<OgcLink> Links);

/// <summary>Builds collection documents.</summary>
internal sealed class CollectionsMetadata(CollectionExtents extents)
{
    /// <summary>The temporal reference system of <c>extent.temporal</c>: the Gregorian calendar.</summary>
    public const string Gregorian = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian";

    /// <summary>The zone's offset as RFC 3339 writes it: temporal properties are the zone's days.</summary>
    private const string ZoneOffset = "+08:00";

    public async Task<CollectionDocument> DescribeAsync(CollectionDef c, HttpRequest request, CancellationToken ct)
    {
        var bbox = await extents.GetAsync(c, request.HttpContext, ct);
        var days = await extents.TemporalAsync(c, request.HttpContext, ct);
        var baseUrl = request.BaseUrl();
        var self = $"{baseUrl}/ogc/collections/{c.Id}";
        var temporal = TemporalProperties.Of(c);
        return new CollectionDocument(
            c.Id, $"{c.TitleZh} {c.TitleEn}", c.Description, "feature",
            Extent(bbox, days, temporal, TemporalProperties.EndOf(c)),
            [.. CrsRegistry.Uris], OgcMedia.StorageCrs,
            [
                // The same links whether the collection is asked for alone or in /collections (/req/core/sfc-md-success B).
                new(self, "self", OgcMedia.Json, "This collection"),
                new(self + "?f=html", "alternate", OgcMedia.Html, "This collection as HTML"),
                new(self + "/items", "items", OgcMedia.GeoJson, $"{c.TitleZh} features as GeoJSON"),
                new(self + "/items?f=html", "items", OgcMedia.Html, $"{c.TitleZh} features as HTML"),
                new(self + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json", "Queryables"),
                // The draft's relation name, which GDAL 3.6 looks for.
                new(self + "/queryables", "queryables", OgcMedia.Json, "Queryables"),
                new(self + "/tiles", Tiles.TilesApi.TilesetsVectorRel, OgcMedia.Json, $"{c.TitleZh} vector tilesets (MVT)"),
                new(baseUrl + "/ogc/collections", "parent", OgcMedia.Json, "All collections"),
                .. SchemaApi.CollectionLinks(baseUrl, c.Id),
            ]);
    }

    /// <summary>The spatial extent (CRS84) and the temporal one: the first day's start to the last
    /// day's end of the temporal property, in the zone's time (an open end, null, while a feature of a
    /// collection of intervals is still in force); each part left out when unknown.</summary>
    private static object? Extent(double[]? bbox, (DateOnly First, DateOnly? Last)? days, PropertyDef? temporal, PropertyDef? end)
    {
        var extent = new Dictionary<string, object>();
        if (bbox is not null) extent["spatial"] = new { bbox = new[] { bbox }, crs = OgcMedia.Crs84 };
        if (days is { } d && temporal is not null)
        {
            var t = new Dictionary<string, object?>
            {
                ["interval"] = new[] { new[] { Day(d.First) + "T00:00:00" + ZoneOffset, d.Last is { } l ? Day(l) + "T23:59:59" + ZoneOffset : null } },
                ["trs"] = Gregorian,
                // Which property datetime selects on (not in Part 1's schema: extra members are allowed).
                ["property"] = temporal.Name,
            };
            // The exclusive end of each feature's interval (plan zones: repealed_on).
            if (end is not null) t["endProperty"] = end.Name;
            extent["temporal"] = t;
        }
        return extent.Count == 0 ? null : extent;
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
