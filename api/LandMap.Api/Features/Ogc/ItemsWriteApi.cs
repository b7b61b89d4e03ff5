using System.Text.Json;
using LandMap.Api.Domain.Vocabulary;
using LandMap.Api.Auth;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Domain.Planning;
using LandMap.Api.Geo;
using LandMap.Api.Hosting;
using LandMap.Api.Items;
using LandMap.Api.Problems;
using LandMap.Api.Writes;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using Npgsql;
using static LandMap.Api.Features.Ogc.ItemsWriteBody;
using static LandMap.Api.Features.Ogc.ItemsWritePreconditions;

namespace LandMap.Api.Features.Ogc;

/// <summary>
/// OGC API - Features Part 4 (create, replace, update, delete) on every collection. Writes need a surveyor's or admin's bearer token (deletes an admin's;
/// a token narrowed to other collections is refused, 403), are recorded with the token's label, are
/// checked as uploads are (CRS, feature checks, park/project references, code conflicts, overlaps),
/// and are conditional:
/// PUT, PATCH and DELETE need <c>If-Match</c> with the item's ETag (<c>"{collection}-{id}-v{version}"</c>);
/// without it 428, with a stale one 412 and nothing changes.
/// </summary>
public static class ItemsWriteApi
{
    public const string MergePatchMedia = "application/merge-patch+json";

    public static readonly string[] ConformanceClasses =
    [
        "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
        "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update",
    ];

    /// <summary>The strong ETag of an item at a version (also sent by GET of the item, with a variant).</summary>
    public static string ETag(CollectionDef collection, long id, int version) => $"\"{collection.Id}-{id}-v{version}\"";

    /// <summary>
    /// The ETag GET sends for one representation of an item at a version: the version's tag with a
    /// variant when the bytes depend on more than the stored row, since a strong tag names exact
    /// bytes (RFC 9110 8.8.3): the zone's date for parcels (their computed <c>state</c> changes with
    /// it) and the query (another <c>crs</c>, <c>f</c>). If-Match reads the version and ignores the
    /// variant (<see cref="ItemsWritePreconditions"/>): yesterday's copy of an unchanged item may
    /// still be written to.
    /// </summary>
    public static string RepresentationETag(CollectionDef collection, long id, int version, HttpRequest? request = null)
    {
        var variant = ParcelStateSql.Has(collection) ? $"-d{ZoneClock.Today:yyyyMMdd}" : "";
        if (request is not null && request.QueryString.HasValue)
            variant += "-q" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes(request.QueryString.Value!)))[..12];
        return $"\"{collection.Id}-{id}-v{version}{variant}\"";
    }

    private static readonly JsonSerializerOptions GeometryJson = CreateGeometryJson();

    private static JsonSerializerOptions CreateGeometryJson()
    {
        var o = new JsonSerializerOptions { MaxDepth = 64 };
        // SRID 0: the body's own coordinates (Content-Crs), reprojected later.
        o.Converters.Add(new GeoJsonConverterFactory(new GeometryFactory(new PrecisionModel(), 0)));
        return o;
    }

    /// <summary>What a PUT or PATCH can answer besides 200 (documented: /req/oas30/completeness).</summary>
    private static readonly int[] ReplaceProblems =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed,
        StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status428PreconditionRequired,
    ];

    /// <summary>Documents 401 (every write needs a token) and <paramref name="statuses"/> as problem responses.</summary>
    private static RouteHandlerBuilder WritesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses.Prepend(StatusCodes.Status401Unauthorized)) builder.ProducesProblem(status);
        return builder;
    }

    public static RouteGroupBuilder MapItemsWriteApi(this IEndpointRouteBuilder app)
    {
        var items = app.MapGroup("/ogc/collections/{collectionId}/items").WithTags("OGC API - Features Part 4").Writes();
        // A write's answer carries the primary's WAL position, so the client can read its own write.
        items.AddEndpointFilter<ReadAfterWriteFilter>();
        items.MapPost("", Create).WithName("ogcCreateItem").DisableAntiforgery()
            .WithSummary("Create a parcel (GeoJSON Feature; Content-Crs honoured; bearer token): 201 + Location + ETag")
            .TakesBody(BodyKind.Json, OgcMedia.GeoJson, "application/json")
            .Produces(StatusCodes.Status201Created, contentType: OgcMedia.GeoJson)
            .WritesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);
        items.MapPut("/{featureId}", Replace).WithName("ogcReplaceItem").DisableAntiforgery()
            .WithSummary("Replace a parcel (If-Match with its ETag; bearer token)")
            .TakesBody(BodyKind.Json, OgcMedia.GeoJson, "application/json")
            .Produces(StatusCodes.Status200OK, contentType: OgcMedia.GeoJson).WritesProblems(ReplaceProblems);
        items.MapPatch("/{featureId}", Update).WithName("ogcUpdateItem").DisableAntiforgery()
            .WithSummary("Update a parcel with a JSON merge patch (application/merge-patch+json; If-Match; bearer token)")
            .TakesBody(BodyKind.Json, MergePatchMedia)
            .Produces(StatusCodes.Status200OK, contentType: OgcMedia.GeoJson).WritesProblems(ReplaceProblems);
        items.MapDelete("/{featureId}", Delete).WithName("ogcDeleteItem")
            .WithSummary("Delete a parcel (If-Match; bearer token); its history is kept")
            .Produces(StatusCodes.Status204NoContent).WritesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired);
        items.MapAllowOptions("");
        items.MapAllowOptions("/{featureId}");
        return items;
    }

    private static async Task<IResult> Create(string collectionId, HttpContext http, NpgsqlDataSource db)
    {
        if (await GateAsync(http, collectionId, Policies.Write) is { } refused) return refused;
        var collection = CollectionCatalog.Find(collectionId)!;
        var sql = new ItemsWriteSql(collection);
        var ct = http.RequestAborted;
        var over = Override(http);
        var crs = ContentCrs(http.Request);
        if (!IsJson(http.Request, allowMergePatch: false)) return Unsupported(http.Request, "application/geo+json");
        using var body = await ReadBodyAsync(http);
        var (properties, geometryJson) = FeatureParts(body.RootElement);

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await sql.LockAsync(conn, tx, ct);
        var report = new UploadReport();
        var checks = new FeatureChecks(Limits(http).MaxVerticesPerGeometry, Tolerance(http), over);
        var checkedFeature = await CheckAsync(collection, conn, tx, properties, geometryJson, crs, stored: null, self: null, report, checks, ct);
        if (checkedFeature is null) return Refused(report);
        var (id, version) = await sql.InsertAsync(conn, tx, checkedFeature, Access.Actor(http), ct);
        if (over is not null) await PlanningGate.RecordAsync(conn, tx, over, collection.Id, null, checks.Overridden, ct);
        var json = await FeatureJsonAsync(collection, conn, tx, id, Rules(http), ct);
        await tx.CommitAsync(ct);

        http.Response.Headers.Location = $"{http.Request.BaseUrl()}/ogc/collections/{collection.Id}/items/{id}";
        return new WrittenFeature(json, RepresentationETag(collection, id, version, http.Request), StatusCodes.Status201Created);
    }

    private static Task<IResult> Replace(string collectionId, string featureId, HttpContext http, NpgsqlDataSource db) =>
        WriteAsync(collectionId, featureId, http, db, patch: false);

    private static Task<IResult> Update(string collectionId, string featureId, HttpContext http, NpgsqlDataSource db) =>
        WriteAsync(collectionId, featureId, http, db, patch: true);

    private static async Task<IResult> WriteAsync(string collectionId, string featureId, HttpContext http, NpgsqlDataSource db,
        bool patch)
    {
        if (await GateAsync(http, collectionId, Policies.Write) is { } refused) return refused;
        var collection = CollectionCatalog.Find(collectionId)!;
        var sql = new ItemsWriteSql(collection);
        var ct = http.RequestAborted;
        var id = FeatureId(collectionId, featureId);
        var over = Override(http);
        // A missing item is 404 without If-Match, not 428 (Part 4 /req/create-replace-delete/put-rid-exception A).
        if (Precondition(http.Request, collection, id, out var expected) is { } missing)
            return await ExistsAsync(db, sql, id, ct) ? missing : throw new NotFoundException($"no feature '{featureId}' in collection '{collectionId}'");
        var crs = ContentCrs(http.Request);
        if (patch && !(http.Request.ContentType ?? "").StartsWith(MergePatchMedia, StringComparison.OrdinalIgnoreCase))
            return Unsupported(http.Request, MergePatchMedia);
        if (!patch && !IsJson(http.Request, allowMergePatch: false)) return Unsupported(http.Request, "application/geo+json");
        using var body = await ReadBodyAsync(http);

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await sql.LockAsync(conn, tx, ct);
        // With If-Match (always here) a missing item is 412: no current representation matches (RFC 9110
        // 13.1.1; put-rid-exception B), and nothing is created.
        if (await sql.FindAsync(conn, tx, id, ct) is not { } stored) return Stale(collection, id, null);
        if (expected is { } v && v != stored.Version) return Stale(collection, id, stored.Version);

        Dictionary<string, JsonElement> properties;
        JsonElement? geometryJson;
        if (patch) (properties, geometryJson) = MergePatch(stored, body.RootElement);
        else (properties, geometryJson) = FeatureParts(body.RootElement);

        var report = new UploadReport();
        var checks = new FeatureChecks(Limits(http).MaxVerticesPerGeometry, Tolerance(http), over);
        var checkedFeature = await CheckAsync(collection, conn, tx, properties, geometryJson, crs, patch ? stored : null, id, report, checks, ct);
        if (checkedFeature is null) return Refused(report);
        var version = await sql.UpdateAsync(conn, tx, id, expected, checkedFeature, Access.Actor(http), ct);
        if (version is null) return Stale(collection, id, await sql.VersionAsync(conn, tx, id, ct));
        if (over is not null) await PlanningGate.RecordAsync(conn, tx, over, collection.Id, null, checks.Overridden, ct);
        var json = await FeatureJsonAsync(collection, conn, tx, id, Rules(http), ct);
        await tx.CommitAsync(ct);
        return new WrittenFeature(json, RepresentationETag(collection, id, version.Value, http.Request), StatusCodes.Status200OK);
    }

    private static async Task<IResult> Delete(string collectionId, string featureId, HttpContext http, NpgsqlDataSource db)
    {
        if (await GateAsync(http, collectionId, Policies.Admin) is { } refused) return refused;
        var collection = CollectionCatalog.Find(collectionId)!;
        var sql = new ItemsWriteSql(collection);
        var ct = http.RequestAborted;
        var id = FeatureId(collectionId, featureId);
        if (Precondition(http.Request, collection, id, out var expected) is { } missing) return missing;

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await sql.DeleteAsync(conn, tx, id, expected, Access.Actor(http), ct))
        {
            var current = await sql.VersionAsync(conn, tx, id, ct);
            if (current is null) throw new NotFoundException($"no feature '{featureId}' in collection '{collectionId}'");
            return Stale(collection, id, current);
        }
        await tx.CommitAsync(ct);
        return Results.NoContent();
    }

    private static async Task<bool> ExistsAsync(NpgsqlDataSource db, ItemsWriteSql sql, long id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        return await sql.VersionAsync(conn, tx, id, ct) is not null;
    }

    /// <summary>
    /// The feature's checks, as an upload's: unreadable geometry, the CRS's plausibility, then the
    /// reprojection, the per-feature checks and the checks against stored data. The feature to store
    /// (typed values and storage geometry, as an upload stages it), or null when <paramref name="report"/>
    /// has errors. <paramref name="stored"/>: a PATCH without a geometry keeps the stored one (already in
    /// the storage CRS).
    /// </summary>
    private static async Task<StagedFeature?> CheckAsync(CollectionDef collection, NpgsqlConnection conn, NpgsqlTransaction tx,
        Dictionary<string, JsonElement> properties, JsonElement? geometryJson, CrsInfo crs, StoredFeature? stored, long? self,
        UploadReport report, FeatureChecks checks, CancellationToken ct)
    {
        var code = properties.TryGetValue("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        Geometry? geometry = null;
        if (geometryJson is { } gj && gj.ValueKind == JsonValueKind.Object)
        {
            try
            {
                geometry = gj.Deserialize<Geometry>(GeometryJson);
            }
            catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
            {
                report.Add(FeatureValidator.Unreadable(0, code, e));
                report.Counts.Read = 1;
                report.Counts.Invalid = 1;
                return null;
            }
            if (geometry is { IsEmpty: false })
            {
                if (crs.SwapAxes) SwapAxes(geometry);
                var extent = geometry.EnvelopeInternal;
                var diagnoses = CoordinatePlausibility.Check(extent, crs.Srid);
                foreach (var d in diagnoses) report.Add(d.ToProblem([extent.MinX, extent.MinY]));
                if (diagnoses.Any(d => !d.IsWarning))
                {
                    report.Counts.Read = 1;
                    report.Counts.Invalid = 1;
                    return null;
                }
                geometry = SourceCrs.ToStorage(SourceCrs.Find(crs.Srid)!, geometry);
            }
        }
        else if (geometryJson is null && stored is not null)
        {
            geometry = stored.Geometry;
        }

        var validator = new FeatureValidator(collection, await VocabularyCodes.LoadAsync(conn, tx, ct),
            new FeatureValidatorOptions { MaxVertices = checks.MaxVertices });
        var check = validator.Validate(new UploadFeature(0, geometry, properties), report);
        if (!check.Valid || check.Geometry is null || check.Code is null) return null;
        // The upload's rules against stored data, over this one feature (itself excluded: self).
        var columns = UploadColumns.Of(collection);
        var staged = new StagedFeature(0, check.Code, check.Geometry, columns.Values(check.Properties));
        var found = await new StoredDataChecks(collection, checks.ToleranceM2).RunAsync(conn, tx, CheckSource.One(columns, staged, self), upsert: false, ct);
        var (problems, overridden) = PlanningGate.Apply(found, checks.Override);
        checks.Overridden.AddRange(overridden);
        report.AddRange(problems);
        if (problems.Any(p => !p.IsWarning))
        {
            report.Counts.Valid = 0;
            report.Counts.Invalid = 1;
            return null;
        }
        return staged;
    }

    /// <summary>How a written feature is checked: the vertex bound, the planning gate's tolerance and an admin's
    /// override of it; <see cref="Overridden"/> collects the gate's findings the override let through.</summary>
    private sealed record FeatureChecks(int MaxVertices, double ToleranceM2, PlanningOverride? Override)
    {
        public List<UploadProblem> Overridden { get; } = [];
    }

    /// <summary>The override a write asks for (<c>override=planning&amp;reason=...</c>; admins only).</summary>
    private static PlanningOverride? Override(HttpContext http) =>
        PlanningOverride.From(http, http.Request.Query.TryGetValue("override", out var o) ? o.ToString() : null,
            http.Request.Query.TryGetValue("reason", out var r) ? r.ToString() : null);

    private static double Tolerance(HttpContext http) =>
        http.RequestServices.GetRequiredService<PlanningOptions>().EncroachmentToleranceM2;

    /// <summary>401 without a usable token, 403 for the wrong role (deletes: admin) or a collection the
    /// token is not narrowed to, 404 for an unknown collection.</summary>
    private static async Task<IResult?> GateAsync(HttpContext http, string collectionId, string policy)
    {
        if (await Access.CheckAsync(http, policy, collectionId) is { } denied) return denied;
        _ = CollectionCatalog.Find(collectionId)
            ?? throw new NotFoundException($"no collection '{collectionId}'; see /ogc/collections");
        return null;
    }

    private static long FeatureId(string collectionId, string featureId) =>
        long.TryParse(featureId, System.Globalization.NumberStyles.None, null, out var id)
            ? id : throw new NotFoundException($"no feature '{featureId}' in collection '{collectionId}'");

    private static IResult Refused(UploadReport report) =>
        Problem.Result(Problem.Create(StatusCodes.Status422UnprocessableEntity, "Edit refused",
            "the feature has errors; nothing was written",
            [new("report", JsonSerializer.SerializeToElement(report, UploadJson.Options))]));

    private static IResult Unsupported(HttpRequest request, string wanted) =>
        Problem.Result(Problem.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
            $"Content-Type '{request.ContentType}' is not accepted here; send {wanted}"));

    private static Task<JsonDocument> ReadBodyAsync(HttpContext http) => JsonBody.ReadAsync(http, Limits(http));

    private static RequestLimits Limits(HttpContext http) => http.RequestServices.GetRequiredService<RequestLimits>();

    /// <summary>The parcels' idle rules, for the written feature's computed state.</summary>
    private static IdleRules Rules(HttpContext http) => http.RequestServices.GetRequiredService<IdleRules>();

    private static async Task<string> FeatureJsonAsync(CollectionDef collection, NpgsqlConnection conn, NpgsqlTransaction tx, long id,
        IdleRules rules, CancellationToken ct)
    {
        await using var cmd = ItemsSql.One(collection, id, CrsRegistry.Crs84, rules);
        cmd.Connection = conn;
        cmd.Transaction = tx;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return r.GetString(1);
    }

    /// <summary>The written feature (CRS84) with its new ETag.</summary>
    private sealed class WrittenFeature(string json, string etag, int status) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.Headers.ETag = etag;
            http.Response.Headers.CacheControl = "no-store";
            http.Response.ContentType = OgcMedia.GeoJson;
            http.Response.Headers["Content-Crs"] = $"<{CrsRegistry.Crs84.Uri}>";
            await http.Response.WriteAsync(json, http.RequestAborted);
        }
    }
}
