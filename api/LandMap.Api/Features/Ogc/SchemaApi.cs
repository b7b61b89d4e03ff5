using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Domain.Vocabulary;
using LandMap.Api.Hosting;
using LandMap.Api.Items;
using LandMap.Api.Problems;

namespace LandMap.Api.Features.Ogc;

/// <summary>The collections' schemas (Part 5) at /ogc/collections/{id}/schema, and the GeoJSON
/// feature schema GDAL reads at .../schema/feature.</summary>
public static class SchemaApi
{
    /// <summary>Maps both routes into the /ogc group.</summary>
    public static RouteGroupBuilder MapSchemaApi(this RouteGroupBuilder ogc)
    {
        ogc.MapGet("/collections/{collectionId}/schema", Returnables).WithName("ogcSchema")
            .WithSummary("The collection's schema: every property items return, with type, format, enum, bounds, units, titles (OGC API - Features Part 5, JSON Schema 2020-12)")
            .Produces(StatusCodes.Status200OK, typeof(System.Text.Json.Nodes.JsonObject), CollectionSchema.MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        ogc.MapGet("/collections/{collectionId}/schema/feature", GeoJsonFeature).WithName("ogcFeatureSchema")
            .WithSummary("The same properties as the JSON Schema of one GeoJSON Feature (what GDAL's OAPIF driver reads from the 'describedBy' link)")
            .Produces(StatusCodes.Status200OK, typeof(System.Text.Json.Nodes.JsonObject), CollectionSchema.MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return ogc;
    }

    /// <summary>The collection's links to its schemas. "describedBy" is spelled as GDAL 3.6 compares it
    /// (case-sensitively; link relations are case-insensitive, so it is the same relation as
    /// "describedby") and comes first, because later GDAL versions take the first JSON Schema
    /// describedby link and, like 3.6, read it as a GeoJSON Feature schema.</summary>
    public static IEnumerable<OgcLink> CollectionLinks(string baseUrl, string collectionId) =>
    [
        new(baseUrl + SchemaPaths.Returnables(collectionId), CollectionSchema.SchemaRel, CollectionSchema.MediaType, "Schema (OGC API - Features Part 5)"),
        new(baseUrl + SchemaPaths.GeoJsonFeature(collectionId), "describedBy", CollectionSchema.MediaType, "Schema of one GeoJSON feature"),
        SchemaPaths.ItemsLink(baseUrl, collectionId),
    ];

    private static async Task<IResult> Returnables(string collectionId, HttpRequest request, ReadDataSource reads, CancellationToken ct)
    {
        var (collection, vocabulary) = await LoadAsync(collectionId, request, reads, ct);
        return Results.Json(CollectionSchema.Returnables(collection, request.BaseUrl(), vocabulary), OgcJson.Options, CollectionSchema.MediaType);
    }

    private static async Task<IResult> GeoJsonFeature(string collectionId, HttpRequest request, ReadDataSource reads, CancellationToken ct)
    {
        var (collection, vocabulary) = await LoadAsync(collectionId, request, reads, ct);
        return Results.Json(CollectionSchema.GeoJsonFeature(collection, request.BaseUrl(), vocabulary), OgcJson.Options, CollectionSchema.MediaType);
    }

    private static async Task<(CollectionDef, VocabularyCodes)> LoadAsync(string collectionId, HttpRequest request, ReadDataSource reads, CancellationToken ct)
    {
        var collection = CollectionCatalog.Find(collectionId)
            ?? throw new NotFoundException($"no collection '{collectionId}'; see /ogc/collections");
        // The enums are the vocabulary tables' rows now, as the queryables give them.
        return (collection, await VocabularyCodes.LoadAsync(await reads.ForAsync(request.HttpContext, ct), ct));
    }
}
