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
    public async Task<CollectionDocument> DescribeAsync(CollectionDef c, HttpRequest request, CancellationToken ct)
    {
        var bbox = await extents.GetAsync(c, request.HttpContext, ct);
        var baseUrl = request.BaseUrl();
        var self = $"{baseUrl}/ogc/collections/{c.Id}";
        return new CollectionDocument(
            c.Id, $"{c.TitleZh} {c.TitleEn}", c.Description, "feature",
            bbox is null ? null : new { spatial = new { bbox = new[] { bbox }, crs = OgcMedia.Crs84 } },
            [.. CrsRegistry.Uris], OgcMedia.StorageCrs,
            [
                new(self, "self", OgcMedia.Json, "This collection"),
                new(self + "/items", "items", OgcMedia.GeoJson, $"{c.TitleZh} features as GeoJSON"),
                new(self + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json", "Queryables"),
                // The draft's relation name, which GDAL 3.6 looks for.
                new(self + "/queryables", "queryables", OgcMedia.Json, "Queryables"),
                new(self + "/tiles", Tiles.TilesApi.TilesetsVectorRel, OgcMedia.Json, $"{c.TitleZh} vector tilesets (MVT)"),
                new(baseUrl + "/ogc/collections", "parent", OgcMedia.Json, "All collections"),
                .. SchemaApi.CollectionLinks(baseUrl, c.Id),
            ]);
    }
}
