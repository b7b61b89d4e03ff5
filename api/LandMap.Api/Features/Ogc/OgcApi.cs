using LandMap.Api.Features.Collections;
using LandMap.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LandMap.Api.Features.Ogc;

/// <summary>OGC API - Features Part 1 Core at /ogc.</summary>
public static class OgcApi
{
    public static readonly string[] ConformanceClasses =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        .. Tiles.TilesApi.ConformanceClasses,
    ];

    public static IServiceCollection AddOgcApi(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<CollectionsMetadata>();
        return services;
    }

    public static RouteGroupBuilder MapOgcApi(this IEndpointRouteBuilder app)
    {
        var ogc = app.MapGroup("/ogc").WithTags("OGC API - Features");

        ogc.MapGet("/", Landing).WithName("ogcLanding").WithSummary("Landing page");
        ogc.MapGet("/conformance", Conformance).WithName("ogcConformance").WithSummary("Conformance classes");
        ogc.MapGet("/collections", Collections).WithName("ogcCollections").WithSummary("Feature collections");
        ogc.MapGet("/collections/{collectionId}", Collection).WithName("ogcCollection").WithSummary("One feature collection");
        ogc.MapGet("/collections/{collectionId}/items", Items).WithName("ogcItems")
            .WithSummary("Features of a collection (keyset paging: follow the 'next' link)")
            .Produces(StatusCodes.Status200OK, contentType: OgcMedia.GeoJson)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        ogc.MapGet("/collections/{collectionId}/items/{featureId}", Item).WithName("ogcItem")
            .WithSummary("One feature")
            .Produces(StatusCodes.Status200OK, contentType: OgcMedia.GeoJson)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return ogc;
    }

    private static Ok<object> Landing(HttpRequest request)
    {
        var b = request.BaseUrl();
        return TypedResults.Ok<object>(new
        {
            title = "LandMap: 温州经济技术开发区 土地与基础设施一张图",
            description = "Land parcels, parks, projects, roads, rivers and reservoirs of the Wenzhou ETDZ (one zone, seven parks), served from PostGIS.",
            links = new OgcLink[]
            {
                new($"{b}/ogc", "self", OgcMedia.Json, "This document"),
                new($"{b}/openapi/v1.json", "service-desc", OgcMedia.OpenApi, "The API definition (OpenAPI 3.0)"),
                new($"{b}/docs", "service-doc", OgcMedia.Html, "The API documentation"),
                new($"{b}/ogc/conformance", "conformance", OgcMedia.Json, "Conformance classes"),
                new($"{b}/ogc/collections", "data", OgcMedia.Json, "Feature collections"),
                new($"{b}/", "alternate", OgcMedia.Html, "The map"),
            },
        });
    }

    private static Ok<object> Conformance() => TypedResults.Ok<object>(new { conformsTo = ConformanceClasses });

    private static async Task<Ok<object>> Collections(HttpRequest request, CollectionsMetadata metadata, CancellationToken ct)
    {
        var b = request.BaseUrl();
        var docs = new List<CollectionDocument>();
        foreach (var c in CollectionCatalog.All)
            docs.Add(await metadata.DescribeAsync(c, b, ct));
        return TypedResults.Ok<object>(new
        {
            links = new OgcLink[] { new($"{b}/ogc/collections", "self", OgcMedia.Json, "This document") },
            collections = docs,
        });
    }

    private static async Task<Ok<CollectionDocument>> Collection(string collectionId, HttpRequest request,
        CollectionsMetadata metadata, CancellationToken ct) =>
        TypedResults.Ok(await metadata.DescribeAsync(Find(collectionId), request.BaseUrl(), ct));

    private static IResult Items(string collectionId, string? bbox, string? limit, string? cursor, NpgsqlDataSource db)
    {
        var collection = Find(collectionId);
        var query = ItemsQuery.Parse(bbox, limit, cursor);
        return new FeatureCollectionResult(db, ItemsSql.Page(collection, query), query.Limit, collection.Id);
    }

    private static async Task<IResult> Item(string collectionId, string featureId, NpgsqlDataSource db, CancellationToken ct)
    {
        var collection = Find(collectionId);
        if (!long.TryParse(featureId, System.Globalization.NumberStyles.None, null, out var id))
            throw new NotFoundException($"no feature '{featureId}' in collection '{collectionId}'");
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = ItemsSql.One(collection, id);
        cmd.Connection = conn;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            throw new NotFoundException($"no feature '{featureId}' in collection '{collectionId}'");
        return new FeatureResult(reader.GetString(1));
    }

    private static CollectionDef Find(string collectionId) =>
        CollectionCatalog.Find(collectionId)
        ?? throw new NotFoundException($"no collection '{collectionId}'; see /ogc/collections");
}
