using LandMap.Api.Configuration;
using System.ComponentModel;
using System.Globalization;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Hosting;
using LandMap.Api.Items;
using LandMap.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LandMap.Api.Features.Tiles;

/// <summary>OGC API - Tiles (vector tiles, MVT) for every collection, in WebMercatorQuad, plus TileJSON.</summary>
public static class TilesApi
{
    public const string MvtMediaType = "application/vnd.mapbox-vector-tile";
    public const string TilesetsVectorRel = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector";
    public const string TilingSchemeRel = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";

    /// <summary>The zoom suggested to show a whole collection (the zone is about 0.2° wide).</summary>
    private const int CenterZoom = 12;

    public static readonly string[] ConformanceClasses =
    [
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
    ];

    public static IServiceCollection AddTilesApi(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSettings<OverviewOptions>(OverviewOptions.Section).AddHostedService<OverviewRefresher>();
        return services.AddSettings<TileCacheOptions>(TileCacheOptions.Section).AddSingleton<TileCache>();
    }

    public static RouteGroupBuilder MapTilesApi(this IEndpointRouteBuilder app)
    {
        // Undeclared query parameters are refused, as on the features routes; the metadata is JSON only,
        // so f is json or a 400 (never an unsupported format silently answered as JSON).
        var ogc = app.MapGroup("/ogc").WithTags("OGC API - Tiles").RejectsUndeclaredQuery().ReadsFromReplica();
        const string jsonOnly = "json: the only format of this document";

        ogc.MapGet("/tileMatrixSets", TileMatrixSets).WithName("ogcTileMatrixSets").ReadsNoDatabase().AcceptsQuery("f", jsonOnly, "json")
            .WithSummary("Tile matrix sets (tiling schemes) used by the tiles");
        ogc.MapGet("/tileMatrixSets/{tileMatrixSetId}", TileMatrixSet).WithName("ogcTileMatrixSet").ReadsNoDatabase().AcceptsQuery("f", jsonOnly, "json")
            .WithSummary("Definition of a tile matrix set (OGC 2D TMS 2.0)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        ogc.MapGet("/collections/{collectionId}/tiles", Tilesets).WithName("ogcCollectionTilesets").ReadsNoDatabase().AcceptsQuery("f", jsonOnly, "json")
            .WithSummary("Vector tilesets of a collection")
            .ProducesProblem(StatusCodes.Status404NotFound);
        ogc.MapGet("/collections/{collectionId}/tiles/{tileMatrixSetId}", Tileset).WithName("ogcCollectionTileset").AcceptsQuery("f", jsonOnly, "json")
            .WithSummary("Tileset metadata of a collection's vector tiles")
            .ProducesProblem(StatusCodes.Status404NotFound);
        ogc.MapGet("/collections/{collectionId}/tiles/{tileMatrixSetId}/tilejson.json", TileJson).WithName("ogcCollectionTileJson").AcceptsQuery("f", jsonOnly, "json")
            .WithSummary("TileJSON 3.0.0 of a collection's vector tiles (MapLibre, Leaflet.VectorGrid)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        MapTile(ogc, "{tileCol}", "ogcCollectionTile", "");
        // The same tile with the extension clients that choose a driver by it need (GDAL's MVT:/vsicurl/...).
        MapTile(ogc, "{tileCol}.mvt", "ogcCollectionTileMvt", " (the .mvt form GDAL's MVT driver opens)");
        return ogc;
    }

    private static void MapTile(RouteGroupBuilder ogc, string last, string name, string note)
    {
        // Path parameters named as OGC API - Tiles names them (/req/core/tc-tilematrix-definition...).
        ogc.MapGet($"/collections/{{collectionId}}/tiles/{{tileMatrixSetId}}/{{tileMatrix}}/{{tileRow}}/{last}", Tile).WithName(name)
            .WithSummary($"A vector tile (MVT) of a collection: tileMatrix = z, tileRow = y, tileCol = x; layer named as the collection{note}")
            .Produces(StatusCodes.Status200OK, contentType: MvtMediaType)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static Ok<object> TileMatrixSets(HttpRequest request)
    {
        var b = request.BaseUrl();
        var self = $"{b}/ogc/tileMatrixSets";
        return TypedResults.Ok<object>(new
        {
            links = new[] { new TilesLink(self, "self", OgcMedia.Json, "This document") },
            tileMatrixSets = new[]
            {
                new TileMatrixSetRef(TileMatrix.Id, "Google Maps Compatible for the World", TileMatrix.Uri, TileMatrix.Crs,
                    [new($"{self}/{TileMatrix.Id}", "self", OgcMedia.Json, "The tile matrix set definition")]),
            },
        });
    }

    private static Ok<TileMatrixSetDocument> TileMatrixSet(string tileMatrixSetId)
    {
        RequireWebMercatorQuad(tileMatrixSetId);
        return TypedResults.Ok(TileMatrix.Definition());
    }

    private static Ok<object> Tilesets(string collectionId, HttpRequest request)
    {
        var layer = TileLayers.Find(collectionId);
        var collectionUrl = $"{request.BaseUrl()}/ogc/collections/{layer.Id}";
        return TypedResults.Ok<object>(new
        {
            links = new[]
            {
                new TilesLink($"{collectionUrl}/tiles", "self", OgcMedia.Json, "This document"),
                new TilesLink(collectionUrl, "collection", OgcMedia.Json, "The collection"),
            },
            tilesets = new[]
            {
                new TilesetSummary(Title(layer), "vector", TileMatrix.Crs, TileMatrix.Uri, TilesetLinks(request, layer)),
            },
        });
    }

    private static async Task<Ok<TilesetDocument>> Tileset(string collectionId, string tileMatrixSetId,
        HttpRequest request, CollectionExtents extents, ReadDataSource reads, OverviewOptions overviewOptions, IdleRules rules, CancellationToken ct)
    {
        var layer = TileLayers.Find(collectionId);
        RequireWebMercatorQuad(tileMatrixSetId);
        var bbox = await extents.GetAsync(layer.Collection, request.HttpContext, ct);
        var c = layer.Collection;
        var links = TilesetLinks(request, layer).ToList();
        links.Add(new($"{request.BaseUrl()}/ogc/collections/{c.Id}", "collection", OgcMedia.Json, "The collection"));
        links.Add(new($"{TilesetUrl(request, layer)}/tilejson.json", "describedby", OgcMedia.Json, "TileJSON 3.0.0"));
        var properties = layer.Fields.ToDictionary(f => f.Name, f => (object)new { type = f.JsonType });
        return TypedResults.Ok(new TilesetDocument(
            Title(layer), c.Description, "vector", TileMatrix.Crs, TileMatrix.Uri,
            bbox is null ? null : new([bbox[0], bbox[1]], [bbox[2], bbox[3]], OgcMedia.Crs84),
            bbox is null ? null : new(Center(bbox), CenterZoom.ToString(CultureInfo.InvariantCulture), OgcMedia.Crs84),
            [
                new(layer.Id, $"{c.TitleZh} {c.TitleEn}", c.Description, "vector", (int)layer.Geometry,
                    TileMatrix.MinZoom.ToString(CultureInfo.InvariantCulture), TileMatrix.MaxZoom.ToString(CultureInfo.InvariantCulture),
                    new { type = "object", properties }),
            ],
            links, await DescribeOverviewAsync(layer, request.HttpContext, reads, overviewOptions, rules, ct)));
    }

    private static async Task<Ok<TileJsonDocument>> TileJson(string collectionId, string tileMatrixSetId,
        HttpRequest request, CollectionExtents extents, ReadDataSource reads, OverviewOptions overviewOptions, IdleRules rules, CancellationToken ct)
    {
        var layer = TileLayers.Find(collectionId);
        RequireWebMercatorQuad(tileMatrixSetId);
        var bbox = await extents.GetAsync(layer.Collection, request.HttpContext, ct);
        var c = layer.Collection;
        var fields = layer.Fields.ToDictionary(f => f.Name, f => f.JsonType == "string" ? "String" : "Number");
        return TypedResults.Ok(new TileJsonDocument(
            "3.0.0", $"{c.TitleZh} {c.TitleEn}", c.Description, "xyz",
            // Both forms are the same tile (TileJSON clients pick one per tile, by x and y).
            [$"{TilesetUrl(request, layer)}/{{z}}/{{y}}/{{x}}.mvt", $"{TilesetUrl(request, layer)}/{{z}}/{{y}}/{{x}}"],
            TileMatrix.MinZoom, TileMatrix.MaxZoom,
            bbox ?? [-180, -85.05112877980659, 180, 85.05112877980659],
            bbox is null ? null : [.. Center(bbox), CenterZoom],
            [new(layer.Id, c.Description, TileMatrix.MinZoom, TileMatrix.MaxZoom, fields)],
            await DescribeOverviewAsync(layer, request.HttpContext, reads, overviewOptions, rules, ct)));
    }

    /// <summary>The parcels' overview zooms as the database holds them now (null for other layers).</summary>
    private static async Task<OverviewDescription?> DescribeOverviewAsync(TileLayer layer, HttpContext http, ReadDataSource reads,
        OverviewOptions options, IdleRules rules, CancellationToken ct)
    {
        if (!options.Enabled || layer.Collection.Id != CollectionCatalog.Parcels.Id) return null;
        var db = await reads.ForAsync(http, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        return await OverviewMetadata.DescribeAsync(conn, layer, options, rules, ct);
    }

    private static async Task<IResult> Tile(string collectionId, string tileMatrixSetId, string tileMatrix, string tileRow, string tileCol,
        [Description("a CQL2 filter on the collection's queryables (see /queryables): the tile holds only the features it selects")] string? filter,
        [FromQuery(Name = "filter-lang"), Description("cql2-text (default) or cql2-json")] string? filterLang,
        [FromQuery(Name = "filter-crs"), Description("CRS of the filter's geometry literals (CRS84 by default)")] string? filterCrs,
        [Description("parcels only: the day (YYYY-MM-DD) their state is taken on, drawn and filtered by (default today)")] string? date,
        HttpContext http, ReadDataSource reads, IdleRules rules, RequestLimits limits, Hosting.LandMapOptions options,
        TileCache cache, OverviewOptions overview, CancellationToken ct)
    {
        var layer = TileLayers.Find(collectionId);
        RequireWebMercatorQuad(tileMatrixSetId);
        var tile = TileCoordinate.Parse(tileMatrix, tileRow, tileCol);
        var selection = TileSelection.Parse(layer.Collection, filter, filterLang, filterCrs, date, limits, rules);
        var db = await reads.ForAsync(http, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        // The tile's identity from the data's change counters, before anything is rendered: a
        // client's revalidation costs one counter read, a tile asked for again a memory read.
        var identity = TileCache.Identity(layer, tile, await TileCache.VersionAsync(conn, layer.Collection, ct), rules, selection?.Variant);
        var etag = TileCache.ETagOf(identity);
        if (TileCaching.NotModified(http, etag, options.CacheMaxAgeSeconds))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        if (!cache.TryGet(identity, out var bytes))
        {
            // Below the zoom where single parcels can be told apart, the overview grid (kept by
            // the write path; its counter is in the identity, so a refresh is a new tile).
            if (OverviewTiles.Of(layer, tile, selection, overview) is { } grid
                && await OverviewTiles.RenderAsync(conn, tile, grid, rules, overview, ct) is { } overviewBytes)
                bytes = overviewBytes;
            else
            {
                await using var cmd = TilesSql.Tile(layer, tile, rules, selection);
                cmd.Connection = conn;
                bytes = (byte[])(await cmd.ExecuteScalarAsync(ct))!;
            }
            cache.Set(identity, bytes);
        }
        // An empty tile (no feature here) is a 200 with an empty body: GDAL, Leaflet.VectorGrid
        // and MapLibre all read it as a tile with no layers.
        return Results.Bytes(bytes, MvtMediaType);
    }

    private static string TilesetUrl(HttpRequest request, TileLayer layer) =>
        $"{request.BaseUrl()}/ogc/collections/{layer.Id}/tiles/{TileMatrix.Id}";

    /// <summary>The links every tileset carries: itself, its tiling scheme and the tile templates (without and with .mvt).</summary>
    private static TilesLink[] TilesetLinks(HttpRequest request, TileLayer layer)
    {
        var tileset = TilesetUrl(request, layer);
        return
        [
            new(tileset, "self", OgcMedia.Json, "Tileset metadata"),
            new($"{request.BaseUrl()}/ogc/tileMatrixSets/{TileMatrix.Id}", TilingSchemeRel, OgcMedia.Json, "WebMercatorQuad definition"),
            new($"{tileset}/{{tileMatrix}}/{{tileRow}}/{{tileCol}}", "item", MvtMediaType, "Mapbox vector tiles", Templated: true),
            new($"{tileset}/{{tileMatrix}}/{{tileRow}}/{{tileCol}}.mvt", "item", MvtMediaType, "Mapbox vector tiles (.mvt)", Templated: true),
        ];
    }

    private static string Title(TileLayer layer) => $"{layer.Collection.TitleZh} {layer.Collection.TitleEn} (vector tiles, WebMercatorQuad)";

    private static double[] Center(double[] bbox) => [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2];

    private static void RequireWebMercatorQuad(string tileMatrixSetId)
    {
        if (tileMatrixSetId != TileMatrix.Id)
            throw new NotFoundException($"no tile matrix set '{tileMatrixSetId}'; tiles are served in {TileMatrix.Id}");
    }
}
