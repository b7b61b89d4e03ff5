using System.ComponentModel;
using LandMap.Api.Auth;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Domain.Vocabulary;
using LandMap.Api.Exports;
using LandMap.Api.Filtering;
using LandMap.Api.Geo;
using LandMap.Api.Hosting;
using LandMap.Api.Items;
using LandMap.Api.Problems;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace LandMap.Api.Features.Ogc;

/// <summary>OGC API - Features Part 1 Core at /ogc.</summary>
public static class OgcApi
{
    public static readonly string[] ConformanceClasses =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        // Landing, conformance, collections, collection, items and item as HTML (OgcHtml), all content and links.
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
        .. Cql2Filter.ConformanceClasses,
        .. Tiles.TilesApi.ConformanceClasses,
        .. ItemsWriteApi.ConformanceClasses,
        .. CollectionSchema.ConformanceClasses,
    ];

    public static IServiceCollection AddOgcApi(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<CollectionExtents>();
        services.AddSingleton<CollectionsMetadata>();
        services.AddSingleton<HttpCaching>();
        return services;
    }

    public static RouteGroupBuilder MapOgcApi(this IEndpointRouteBuilder app)
    {
        // A query parameter the API definition does not list is a 400 naming it (/req/core/query-param-unknown).
        var ogc = app.MapGroup("/ogc").WithTags("OGC API - Features").RejectsUndeclaredQuery().ReadsFromReplica();
        const string jsonOrHtml = "json (default) or html; without f, a browser's Accept that prefers text/html gets html";

        // The HTML views' style sheet: a file, so their Content-Security-Policy needs no inline style.
        ogc.MapGet(OgcHtml.StylePath["/ogc".Length..], () => Results.Text(OgcHtml.Css, "text/css; charset=utf-8")).ExcludeFromDescription().ReadsNoDatabase();
        ogc.MapGet("/", Landing).WithName("ogcLanding").WithSummary("Landing page").ReadsNoDatabase()
            .AcceptsQuery("f", jsonOrHtml, OgcHtml.Formats);
        ogc.MapGet("/conformance", Conformance).WithName("ogcConformance").WithSummary("Conformance classes").ReadsNoDatabase()
            .AcceptsQuery("f", jsonOrHtml, OgcHtml.Formats);
        ogc.MapGet("/collections", Collections).WithName("ogcCollections").WithSummary("Feature collections")
            .AcceptsQuery("f", jsonOrHtml, OgcHtml.Formats);
        ogc.MapGet("/collections/{collectionId}", Collection).WithName("ogcCollection").WithSummary("One feature collection")
            .AcceptsQuery("f", jsonOrHtml, OgcHtml.Formats)
            .Produces(StatusCodes.Status200OK, contentType: OgcMedia.Json).ProducesProblem(StatusCodes.Status404NotFound);
        ogc.MapGet("/collections/{collectionId}/items", Items).WithName("ogcItems")
            .WithSummary("Features of a collection (keyset paging: follow the 'next' link)")
            .AcceptsQuery("f", "json (GeoJSON, default), html, or a spreadsheet of the selection: csv or xlsx", "json", "geojson", "html", "csv", "xlsx")
            .AcceptsQuery(ExportLanguages.Parameter, ExportLanguages.Description, ExportLanguages.Values)
            .Produces(StatusCodes.Status200OK, contentType: OgcMedia.GeoJson)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        ogc.MapGet("/collections/{collectionId}/queryables", QueryablesOf).WithName("ogcQueryables")
            .WithSummary("The properties a filter, sortby or properties may name (JSON Schema)")
            .AcceptsQuery("f", jsonOrHtml, OgcHtml.Formats)
            .Produces(StatusCodes.Status200OK, contentType: Queryables.MediaType).ProducesProblem(StatusCodes.Status404NotFound);
        // CQL2 Functions: /req/functions/get-functions-operation (the functions filters may call).
        ogc.MapGet("/functions", (HttpRequest request) => Negotiated(request, "函数 Functions", Cql2Filter.FunctionsDocument()))
            .WithName("ogcFunctions").WithSummary("The functions a CQL2 filter may call").ReadsNoDatabase()
            .AcceptsQuery("f", jsonOrHtml, OgcHtml.Formats);
        ogc.MapGet("/collections/{collectionId}/items/{featureId}", Item).WithName("ogcItem")
            .WithSummary("One feature")
            .AcceptsQuery("f", "json (GeoJSON, default) or html", "json", "geojson", "html")
            .Produces(StatusCodes.Status200OK, contentType: OgcMedia.GeoJson)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        ogc.MapSchemaApi();
        return ogc;
    }

    private static IResult Landing(HttpRequest request)
    {
        var b = request.BaseUrl();
        return Negotiated(request, "LandMap OGC API - Features", new
        {
            title = "LandMap: 温州经济技术开发区 土地与基础设施一张图",
            description = "Land parcels, parks, projects, roads, rivers and reservoirs of the Wenzhou ETDZ (one zone, seven parks), with the regulatory plan, control lines and protected areas they must obey, served from PostGIS.",
            links = OgcLinks.SelfAndAlternates(request, "/ogc", OgcFormat.Json, OgcFormat.Html).Concat(
            [
                new($"{b}{OgcOpenApi.DocumentPath}", "service-desc", OgcMedia.OpenApi, "The API definition (OpenAPI 3.0)"),
                new($"{b}/docs", "service-doc", OgcMedia.Html, "The API documentation"),
                new($"{b}/ogc/conformance", "conformance", OgcMedia.Json, "Conformance classes"),
                new($"{b}/ogc/collections", "data", OgcMedia.Json, "Feature collections"),
                new($"{b}/", "related", OgcMedia.Html, "The map"),
            ]),
        });
    }

    private static IResult Conformance(HttpRequest request) =>
        Negotiated(request, "一致性 Conformance", new
        {
            links = OgcLinks.SelfAndAlternates(request, "/ogc/conformance", OgcFormat.Json, OgcFormat.Html),
            conformsTo = ConformanceClasses,
        });

    /// <summary>JSON, or the same document as HTML for a browser.</summary>
    private static IResult Negotiated(HttpRequest request, string title, object document) =>
        OgcHtml.Wanted(request) ? OgcHtml.Document(title, document) : TypedResults.Ok(document);

    private static async Task<IResult> Collections(HttpRequest request, CollectionsMetadata metadata,
        AuthOptions auth, CancellationToken ct)
    {
        var docs = new List<CollectionDocument>();
        // A narrowed token sees only the collections it may read.
        var anonymousRead = auth.AnonymousRead;
        foreach (var c in CollectionCatalog.All.Where(c => ReadScope.MayRead(request.HttpContext.User, c.Id, anonymousRead)))
            docs.Add(await metadata.DescribeAsync(c, request, ct));
        return Negotiated(request, "数据集 Collections", new
        {
            links = OgcLinks.SelfAndAlternates(request, "/ogc/collections", OgcFormat.Json, OgcFormat.Html),
            collections = docs,
        });
    }

    private static async Task<IResult> Collection(string collectionId, HttpRequest request,
        CollectionsMetadata metadata, CancellationToken ct)
    {
        var doc = await metadata.DescribeAsync(Find(collectionId), request, ct);
        return Negotiated(request, doc.Title, doc);
    }

    /// <summary>Features of a collection. Every parameter arrives as text and is parsed by
    /// <see cref="ItemsQuery"/>, so a bad value is a problem naming it, never a binding error.</summary>
    private static async Task<IResult> Items(
        [Description("parks, parcels, projects, roads, rivers, reservoirs, plan_zones, control_lines or protected_areas")] string collectionId,
        [Description("minX,minY,maxX,maxY (or 6 numbers with heights) in bbox-crs, CRS84 lon/lat by default")] string? bbox,
        [FromQuery(Name = "bbox-crs"), Description("CRS of bbox, e.g. http://www.opengis.net/def/crs/EPSG/0/4549 (axis order of that CRS)")] string? bboxCrs,
        [Description("CRS of the response geometries: CRS84 (default), EPSG 4490, 4326, 3857, 4549, 4528 URIs")] string? crs,
        [Description("features per page, 1..10000 (default 100); larger values are served as 10000")] string? limit,
        [Description("where the page starts: copy it from a 'next' link, never build it")] string? cursor,
        [Description("comma-separated properties, each prefixed + (ascending, default) or - (descending)")] string? sortby,
        [Description("comma-separated properties to return (empty: none)")] string? properties,
        [Description("a CQL2 filter on the queryables (see /queryables)")] string? filter,
        [FromQuery(Name = "filter-lang"), Description("cql2-text (default) or cql2-json")] string? filterLang,
        [FromQuery(Name = "filter-crs"), Description("CRS of the filter's geometry literals (CRS84 by default)")] string? filterCrs,
        [Description("features whose temporal property (see the collection's extent.temporal.property) falls on this date or date-time, " +
                     "or in this interval: start/end, '..' or nothing for an open end, e.g. 2014-01-01/2014-12-31, ../2014-12-31; " +
                     "features without a value match too (Part 1 /req/core/fc-time-response)")] string? datetime,
        [Description("parcels only: the collection as it stood at this date-time (from the kept versions)")] string? asOf,
        [Description("parcels only: the day (YYYY-MM-DD) their computed state is taken on, e.g. for a filter on state (default: asOf's day, else today)")] string? date,
        ReadDataSource reads, HttpCaching caching, HttpContext http, RequestLimits limits, IdleRules rules)
    {
        var export = ItemsExport.Wanted(http.Request);
        if (export is not null) limit = ItemsExport.LimitOf(limit, limits.MaxPageSize);
        var query = ItemsQuery.Parse(Find(collectionId),
            new ItemsParameters(bbox, bboxCrs, crs, limit, cursor, sortby, properties, filter, filterLang, filterCrs, asOf, date, datetime), limits, rules);
        if (export is { } format)
            return await ItemsExport.RespondAsync(await reads.ForAsync(http, http.RequestAborted), query, format,
                ExportLanguages.Choose(http.Request.Query[ExportLanguages.Parameter].FirstOrDefault(), http.Request), http.Response, http.RequestAborted);
        // The page and its change counter (the ETag) come from one database (for JSON in one round
        // trip), so a lagging replica gives an older page under an older ETag, never a mix.
        var db = await reads.ForAsync(http, http.RequestAborted);
        if (OgcHtml.Wanted(http.Request))
        {
            if (await caching.IsNotModifiedAsync(db, http, query.Collection.Id, http.RequestAborted))
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            return await ItemsHtmlAsync(db, query, http);
        }
        return new FeatureCollectionResult(db, query, query.FilterSql, caching);
    }

    private static async Task<IResult> ItemsHtmlAsync(NpgsqlDataSource db, ItemsQuery query, HttpContext http)
    {
        await using var conn = await db.OpenConnectionAsync(http.RequestAborted);
        await using var cmd = ItemsSql.Page(query, query.FilterSql);
        cmd.Connection = conn;
        var features = new List<System.Text.Json.JsonElement>();
        string? next = null;
        await using var reader = await cmd.ExecuteReaderAsync(http.RequestAborted);
        long lastId = 0;
        string? lastKey = null;
        while (await reader.ReadAsync(http.RequestAborted))
        {
            if (features.Count == query.Limit) { next = Cursor.Encode(lastId, lastKey); break; }
            lastId = reader.GetInt64(0);
            lastKey = reader.IsDBNull(2) ? null : reader.GetString(2);
            features.Add(System.Text.Json.JsonDocument.Parse(reader.GetString(1)).RootElement);
        }
        return OgcHtml.Features($"{query.Collection.TitleZh} {query.Collection.TitleEn}", query.Collection.Id, features,
            FeatureCollectionResult.Links(http.Request, query.Collection.Id, next),
            new Dictionary<string, object> { ["numberReturned"] = features.Count, ["timeStamp"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) });
    }

    /// <summary>application/schema+json as Part 3 says; a client that accepts only application/json
    /// (GDAL 3.6) gets the same schema as application/json with the draft's queryables list.</summary>
    private static async Task<IResult> QueryablesOf(string collectionId, HttpRequest request, ReadDataSource reads, CancellationToken ct)
    {
        var collection = Find(collectionId);
        var vocabulary = await VocabularyCodes.LoadAsync(await reads.ForAsync(request.HttpContext, ct), ct);
        if (OgcHtml.Wanted(request))
            return OgcHtml.Document($"{collection.TitleZh} 可查询属性 Queryables", Queryables.Schema(collection, request.BaseUrl(), vocabulary));
        // A JSON Schema has no links member: its HTML alternate goes in a Link header (RFC 8288) instead.
        request.HttpContext.Response.Headers.Link =
            $"<{OgcLinks.SelfAndAlternates(request, $"/ogc/collections/{collection.Id}/queryables", OgcFormat.Json, OgcFormat.Html)[1].Href}>; rel=\"alternate\"; type=\"{OgcMedia.Html}\"";
        var accept = request.Headers.Accept.ToString();
        var legacy = accept.Contains("application/json", StringComparison.OrdinalIgnoreCase)
            && !accept.Contains(Queryables.MediaType, StringComparison.OrdinalIgnoreCase);
        return legacy
            ? Results.Json(Queryables.LegacySchema(collection, request.BaseUrl(), vocabulary), OgcJson.Options, OgcMedia.Json)
            : Results.Json(Queryables.Schema(collection, request.BaseUrl(), vocabulary), OgcJson.Options, Queryables.MediaType);
    }

    private static async Task<IResult> Item(string collectionId, string featureId, string? crs,
        ReadDataSource reads, HttpCaching caching, HttpContext http, IdleRules rules, CancellationToken ct)
    {
        var collection = Find(collectionId);
        var outputCrs = CrsRegistry.Parse(crs, "crs");
        if (!long.TryParse(featureId, System.Globalization.NumberStyles.None, null, out var id))
            throw new NotFoundException($"no feature '{featureId}' in collection '{collectionId}'");
        var db = await reads.ForAsync(http, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = ItemsSql.One(collection, id, outputCrs, rules);
        cmd.Connection = conn;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            throw new NotFoundException($"no feature '{featureId}' in collection '{collectionId}'");
        var json = reader.GetString(1);
        // An item carries its own version's strong ETag, the one a Part 4 write's If-Match names,
        // with the variant of this representation (the zone's date for a parcel's state, the query).
        if (caching.IsNotModified(http, ItemsWriteApi.RepresentationETag(collection, id, reader.GetInt32(2), http.Request)))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        var links = OgcLinks.SelfAndAlternates(http.Request, $"/ogc/collections/{collection.Id}/items/{id}", OgcFormat.GeoJson, OgcFormat.Html);
        links.Add(new($"{http.Request.BaseUrl()}/ogc/collections/{collection.Id}", "collection", OgcMedia.Json, "The collection"));
        if (OgcHtml.Wanted(http.Request))
            return OgcHtml.Features($"{collection.TitleZh} {featureId}", collection.Id, [System.Text.Json.JsonDocument.Parse(json).RootElement], links);
        return new FeatureResult(json, outputCrs.Uri, links);
    }

    private static CollectionDef Find(string collectionId) =>
        CollectionCatalog.Find(collectionId)
        ?? throw new NotFoundException($"no collection '{collectionId}'; see /ogc/collections");
}
