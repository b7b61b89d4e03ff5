using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using LandMap.Api.Features.Collections;
using LandMap.Api.Geo;
using LandMap.Api.Problems;
using Microsoft.AspNetCore.Http.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using Npgsql;

namespace LandMap.Api.Features.Uploads;

/// <summary>
/// <c>POST /api/uploads</c>: a GeoJSON FeatureCollection of parcels (raw body or multipart field
/// <c>file</c>), checked completely and written all or nothing in one transaction;
/// <c>GET /api/uploads/{id}</c>: a committed upload's record.
/// First slice: GeoJSON and parcels only; no progress reporting; parsed in memory.
/// </summary>
public static class UploadsApi
{
    public const string MaxBytesSetting = "LandMap:Uploads:MaxBytes";
    public const long DefaultMaxBytes = 50L * 1024 * 1024;

    /// <summary>The report as JSON: camelCase, GeoJSON geometries, no nulls.</summary>
    public static readonly JsonSerializerOptions ReportJson = CreateReportJson();

    private static JsonSerializerOptions CreateReportJson()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };
        o.Converters.Add(new GeoJsonConverterFactory());
        return o;
    }

    public static RouteGroupBuilder MapUploadsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Uploads");
        api.MapPost("/uploads", Upload).WithName("upload").DisableAntiforgery()
            .WithSummary("Upload a GeoJSON FeatureCollection of parcels (bearer token): checked completely, written all or nothing");
        api.MapGet("/uploads/{id}", Get).WithName("getUpload").WithSummary("A committed upload's record");
        return api;
    }

    private static async Task<IResult> Get(string id, NpgsqlDataSource db, CancellationToken ct)
    {
        if (!long.TryParse(id, out var n)) throw new NotFoundException($"no upload '{id}'");
        await using var conn = await db.OpenConnectionAsync(ct);
        var record = await FindAsync(conn, "id = $1", n, ct) ?? throw new NotFoundException($"no upload '{id}'");
        return Results.Json(record, ReportJson);
    }

    private static async Task<IResult> Upload(HttpContext context, string? collection, string? crs, string? mode, string? dryRun,
        NpgsqlDataSource db, IConfiguration configuration)
    {
        if (UploadAuth.Check(context, configuration) is { } denied) return denied;
        var ct = context.RequestAborted;

        if (collection is null) throw new InvalidParameterException("collection", "collection is required (parcels)");
        if (collection != CollectionCatalog.Parcels.Id)
            throw new InvalidParameterException("collection", $"collection '{collection}' cannot be uploaded yet; this version takes parcels");
        var upsert = (mode ?? "create") switch
        {
            "create" => false,
            "upsert" => true,
            _ => throw new InvalidParameterException("mode", "mode must be create or upsert"),
        };
        var modeName = upsert ? "upsert" : "create";
        var isDryRun = (dryRun ?? "false") switch
        {
            "true" => true,
            "false" => false,
            _ => throw new InvalidParameterException("dryRun", "dryRun must be true or false"),
        };
        int? requestSrid = null;
        if (!string.IsNullOrWhiteSpace(crs))
            requestSrid = SourceCrs.ParseSrid(crs) ?? throw new InvalidParameterException("crs", $"crs '{crs}' is not an EPSG CRS (e.g. EPSG:4549)");

        var maxBytes = configuration.GetValue<long?>(MaxBytesSetting) ?? DefaultMaxBytes;
        var body = await ReadBodyAsync(context, maxBytes);
        if (body is null)
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large",
                detail: $"the upload is larger than {maxBytes} bytes ({MaxBytesSetting})");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(body));
        var idempotencyKey = context.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } k ? k : null;

        await using var conn = await db.OpenConnectionAsync(ct);
        if (!isDryRun && await FindEarlierAsync(conn, sha256, collection, modeName, idempotencyKey, ct) is { } earlier)
            return earlier;

        // Parse (in memory in this slice; see GeoJsonUploadReader).
        JsonDocument doc;
        try { doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 }); }
        catch (JsonException e) { throw new InvalidParameterException("body", $"the body is not JSON: {e.Message}"); }
        using var _ = doc;
        var (raw, fileSrid) = GeoJsonUploadReader.Read(doc.RootElement);
        var declared = requestSrid ?? fileSrid;
        var report = new UploadReport();

        // Coordinates and CRS, once for the file, before anything is reprojected.
        var extent = new Envelope();
        foreach (var f in raw) if (f.Geometry is { IsEmpty: false } g) extent.ExpandToInclude(g.EnvelopeInternal);
        var diagnoses = CoordinatePlausibility.Check(extent, declared);
        foreach (var d in diagnoses) report.Add(d.ToProblem([extent.MinX, extent.MinY]));
        if (diagnoses.Any(d => !d.IsWarning))
        {
            report.Counts.Read = raw.Count;
            report.Counts.Invalid = raw.Count;
            return Refused(report, "the file's coordinates do not fit the zone in the stated CRS; nothing was checked further or written");
        }
        var def = SourceCrs.Find(declared ?? 4326)!;

        // Per-feature checks.
        var landUse = await LandUseCodesAsync(conn, ct);
        var validator = new FeatureValidator(CollectionCatalog.Parcels, landUse);
        var staged = new List<StagedFeature>();
        foreach (var f in raw)
        {
            if (f.ReadError is not null)
            {
                report.Add(FeatureValidator.Unreadable(f.Index, f.Code, f.ReadError));
                report.Counts.Read++;
                report.Counts.Invalid++;
                continue;
            }
            var geometry = f.Geometry is null ? null : SourceCrs.ToStorage(def, f.Geometry);
            var check = validator.Validate(new UploadFeature(f.Index, geometry, f.Properties), report);
            if (check.Valid && check.Geometry is not null && check.Code is not null)
                staged.Add(new StagedFeature(f.Index, check.Code, check.Geometry, f.Properties));
        }

        // Set-based checks and the write, in one transaction. Writers are serialised on parcels so
        // two uploads cannot both pass the overlap check and then overlap each other.
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!isDryRun)
        {
            await using var lockCmd = new NpgsqlCommand("lock table parcels in share row exclusive mode", conn, tx);
            await lockCmd.ExecuteNonQueryAsync(ct);
        }
        await ParcelUploadStore.StageAsync(conn, staged, ct);
        var sqlProblems = await ParcelUploadStore.CheckAsync(conn, upsert, ct);
        report.AddRange(sqlProblems);
        var newlyInvalid = sqlProblems.Select(p => p.FeatureIndex).Distinct().Count();
        report.Counts.Valid -= newlyInvalid;
        report.Counts.Invalid += newlyInvalid;
        var (toCreate, toUpdate) = await ParcelUploadStore.CountAsync(conn, ct);
        report.Counts.ToCreate = toCreate;
        report.Counts.ToUpdate = upsert ? toUpdate : 0;

        if (report.HasErrors)
        {
            await tx.RollbackAsync(ct);
            return Refused(report, $"{report.Counts.Invalid} of {report.Counts.Read} features have errors; nothing was written");
        }
        if (isDryRun)
        {
            await tx.RollbackAsync(ct);
            return Results.Json(new { dryRun = true, collection, mode = modeName, sourceCrs = $"EPSG:{def.Srid}", sha256, report }, ReportJson);
        }

        long id;
        await using (var insert = new NpgsqlCommand("""
            insert into uploads (created_by, sha256, idempotency_key, collection, mode, source_srid, read_count, valid_count,
                                 invalid_count, to_create, to_update, report, status)
            values ('token', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, 'committed') returning id
            """, conn, tx))
        {
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)idempotencyKey ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = collection });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = modeName });
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = def.Srid });
            foreach (var n in new[] { report.Counts.Read, report.Counts.Valid, report.Counts.Invalid, report.Counts.ToCreate, report.Counts.ToUpdate })
                insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = n });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(report, ReportJson) });
            try
            {
                id = (long)(await insert.ExecuteScalarAsync(ct))!;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // The same body or key committed meanwhile: answer with that one.
                await tx.RollbackAsync(ct);
                return await FindEarlierAsync(conn, sha256, collection, modeName, idempotencyKey, ct)
                       ?? throw new InvalidOperationException("an upload conflicted and then vanished", e);
            }
        }
        await ParcelUploadStore.WriteAsync(conn, $"upload:{id}", ct);
        await tx.CommitAsync(ct);

        var record = await FindAsync(conn, "id = $1", id, ct);
        return Results.Json(record, ReportJson, statusCode: StatusCodes.Status201Created)
            .WithLocation(context, $"/api/uploads/{id}");
    }

    private static IResult WithLocation(this IResult result, HttpContext context, string location)
    {
        context.Response.Headers.Location = location;
        return result;
    }

    private static IResult Refused(UploadReport report, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Upload refused", detail: detail,
            extensions: new Dictionary<string, object?> { ["report"] = JsonSerializer.SerializeToElement(report, ReportJson) });

    /// <summary>The first upload of the same body (collection, mode) or Idempotency-Key: 200 with its record.</summary>
    private static async Task<IResult?> FindEarlierAsync(NpgsqlConnection conn, string sha256, string collection, string mode,
        string? key, CancellationToken ct)
    {
        if (key is not null && await FindAsync(conn, "idempotency_key = $1", key, ct) is { } byKey)
        {
            if ((string?)byKey["sha256"] != sha256 || (string?)byKey["collection"] != collection || (string?)byKey["mode"] != mode)
                return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused",
                    detail: $"Idempotency-Key '{key}' was used for upload {byKey["id"]} with a different body, collection or mode");
            return Earlier(byKey);
        }
        await using var cmd = new NpgsqlCommand("select id from uploads where sha256 = $1 and collection = $2 and mode = $3", conn);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = collection });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = mode });
        if (await cmd.ExecuteScalarAsync(ct) is not long id) return null;
        return Earlier((await FindAsync(conn, "id = $1", id, ct))!);

        static IResult Earlier(JsonObject record)
        {
            record["repeated"] = true;
            return new LocatedJson(record, $"/api/uploads/{record["id"]}");
        }
    }

    private sealed class LocatedJson(JsonObject record, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.Headers.Location = location;
            return Results.Json(record, ReportJson).ExecuteAsync(context);
        }
    }

    private static async Task<JsonObject?> FindAsync<T>(NpgsqlConnection conn, string where, T value, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            select id, created_at, created_by, sha256, idempotency_key, collection, mode, source_srid, status,
                   read_count, valid_count, invalid_count, to_create, to_update, report::text
            from uploads where {where}
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new JsonObject
        {
            ["id"] = r.GetInt64(0),
            ["createdAt"] = r.GetFieldValue<DateTime>(1).ToUniversalTime().ToString("O"),
            ["createdBy"] = r.GetString(2),
            ["sha256"] = r.GetString(3),
            ["idempotencyKey"] = r.IsDBNull(4) ? null : r.GetString(4),
            ["collection"] = r.GetString(5),
            ["mode"] = r.GetString(6),
            ["sourceCrs"] = $"EPSG:{r.GetInt32(7)}",
            ["status"] = r.GetString(8),
            ["counts"] = new JsonObject
            {
                ["read"] = r.GetInt32(9), ["valid"] = r.GetInt32(10), ["invalid"] = r.GetInt32(11),
                ["toCreate"] = r.GetInt32(12), ["toUpdate"] = r.GetInt32(13),
            },
            ["report"] = JsonNode.Parse(r.GetString(14)),
        };
    }

    private static async Task<HashSet<string>> LandUseCodesAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand("select code from land_use_codes", conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) codes.Add(r.GetString(0));
        return codes;
    }

    /// <summary>The file's bytes (raw body or multipart field <c>file</c>); null when larger than <paramref name="maxBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, long maxBytes)
    {
        var request = context.Request;
        var slack = 1024 * 1024; // multipart framing
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = maxBytes + slack;
        if (request.ContentLength > maxBytes + slack) return null;
        try
        {
            Stream source;
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(context.RequestAborted);
                var file = form.Files["file"] ?? throw new InvalidParameterException("file", "the multipart form has no field 'file'");
                if (file.Length > maxBytes) return null;
                source = file.OpenReadStream();
            }
            else
            {
                var type = request.ContentType;
                if (type is not null && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
                    throw new InvalidParameterException("body", $"Content-Type {type} is not GeoJSON: send application/geo+json, application/json or multipart field 'file'");
                source = request.Body;
            }
            await using (source)
            {
                using var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int read;
                while ((read = await source.ReadAsync(chunk, context.RequestAborted)) > 0)
                {
                    if (buffer.Length + read > maxBytes) return null;
                    buffer.Write(chunk, 0, read);
                }
                return buffer.ToArray();
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        catch (InvalidDataException)
        {
            return null; // the form reader's own length limits
        }
    }
}
