using System.Globalization;
using System.Text.Json.Nodes;
using LandMap.Api.Auth;
using LandMap.Api.Configuration;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Geo;
using LandMap.Api.Hosting;
using LandMap.Api.Observability;
using LandMap.Api.Problems;
using LandMap.Api.Writes;
using Npgsql;

namespace LandMap.Api.Features.Uploads;

/// <summary>
/// <c>POST /api/uploads</c>: a file of features (GeoJSON; raw body or multipart field <c>file</c>),
/// checked completely and written all or nothing in one transaction. With
/// <c>Prefer: respond-async</c> the answer is 202 as soon as the file is received, and
/// <c>GET /api/uploads/{id}</c> reports the phase and percentage while it runs, then the outcome.
/// </summary>
public static class UploadsApi
{
    public const string MaxBytesSetting = UploadOptions.Section + ":" + nameof(UploadOptions.MaxBytes);

    /// <summary>The longest Idempotency-Key accepted; a UUID is 36.</summary>
    public const int MaxIdempotencyKeyLength = 255;

    /// <summary>What an upload's Content-Type may be (none: told by the first bytes); anything else is
    /// 415 (a form-urlencoded body is no file). The format is always told by the file's first bytes.</summary>
    public static readonly string[] AcceptedMediaTypes =
    [
        "application/geo+json", "application/json", "multipart/form-data", "application/zip", "application/x-zip-compressed",
        "application/geopackage+sqlite3", "application/vnd.sqlite3", "application/octet-stream",
    ];

    public static IServiceCollection AddUploadsApi(this IServiceCollection services) =>
        services.AddSettings<UploadOptions>(UploadOptions.Section).AddSingleton<UploadJobStore>().AddSingleton<UploadProcessor>();

    public static RouteGroupBuilder MapUploadsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Uploads");
        // A committed upload's answer carries the primary's WAL position (read your own writes).
        api.AddEndpointFilter<ReadAfterWriteFilter>();
        api.MapPost("/uploads", Upload).WithName("upload").DisableAntiforgery().Writes()
            .WithSummary("Upload a file of features (bearer token): checked completely, written all or nothing; Prefer: respond-async for 202 and progress")
            .TakesBody(BodyKind.Upload, AcceptedMediaTypes);
        api.MapGet("/uploads/{id}", Get).WithName("getUpload")
            // A job's progress is written by the copy running it, and "committed" must come with a
            // LandMap-Read-After that covers the upload: a lagging replica could still say "running".
            .ReadsPrimary("an upload's status is written as it runs; the replica may lag behind its commit")
            .WithSummary("An upload: phase and percentage while it runs, then its outcome (committed uploads are kept)");
        return api;
    }

    private static async Task<IResult> Get(string id, HttpContext http, NpgsqlDataSource db, UploadJobStore jobs,
        AuthOptions auth, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) throw new NotFoundException($"no upload '{id}'");
        // Running, refused, failed and dry-run uploads are jobs only; committed ones have their record.
        if (await jobs.FindAsync(n, ct) is { } job && (string?)job["status"] != "committed")
            return Readable(job) ? Results.Json(job, UploadJson.Options) : throw NotFound(id);
        await using var conn = await db.OpenConnectionAsync(ct);
        var record = await UploadRecords.FindAsync(conn, n, ct);
        return record is not null && Readable(record) ? Results.Json(record, UploadJson.Options) : throw NotFound(id);

        // An upload is read within its collection, as its features are: a token narrowed to roads does
        // not learn of a parcels upload, not even that it exists (so 404, as for an id never used).
        // A job from before its collection was recorded is for unrestricted readers only.
        bool Readable(JsonObject upload) =>
            ReadScope.MayRead(http.User, (string?)upload["collection"] ?? "", auth.AnonymousRead);
    }

    private static NotFoundException NotFound(string id) => new($"no upload '{id}'");

    /// <summary>A client's value as echoed in a problem: at most 100 characters.</summary>
    private static string Cut(string value) => value.Length > 100 ? value[..100] + "..." : value;

    private static async Task<IResult> Upload(HttpContext context, string? collection, string? crs, string? mode, string? dryRun,
        string? layer, string? landUseEdition, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "override")] string? overrideGate, string? reason,
        NpgsqlDataSource db, UploadOptions uploads, UploadJobStore jobs, UploadProcessor processor,
        IHostApplicationLifetime lifetime, ILogger<UploadProcessor> logger)
    {
        if (await Access.CheckAsync(context, Policies.Write, collection) is { } denied) return denied;
        var ct = context.RequestAborted;
        var planningOverride = PlanningOverride.From(context, overrideGate, reason);

        var def = collection is null
            ? throw new InvalidParameterException("collection", $"collection is required ({string.Join(", ", CollectionCatalog.All.Select(c => c.Id))})")
            : CollectionCatalog.Find(collection)
              ?? throw new InvalidParameterException("collection", $"no collection '{collection}' ({string.Join(", ", CollectionCatalog.All.Select(c => c.Id))})");
        var upsert = (mode ?? "create") switch
        {
            "create" => false,
            "upsert" => true,
            _ => throw new InvalidParameterException("mode", "mode must be create or upsert"),
        };
        var isDryRun = (dryRun ?? "false") switch
        {
            "true" => true,
            "false" => false,
            _ => throw new InvalidParameterException("dryRun", "dryRun must be true or false"),
        };
        int? requestSrid = null;
        if (!string.IsNullOrWhiteSpace(crs))
        {
            requestSrid = SourceCrs.ParseSrid(crs) ?? throw new InvalidParameterException("crs", $"crs '{Cut(crs)}' is not an EPSG CRS (e.g. EPSG:4549)");
            if (SourceCrs.Find(requestSrid.Value) is null)
                throw new InvalidParameterException("crs", $"crs '{Cut(crs)}' is none of the CRSs LandMap converts ({string.Join(", ", SourceCrs.All.Select(c => c.EpsgName))})");
        }
        var respondAsync = context.Request.Headers["Prefer"].ToString().Contains("respond-async", StringComparison.OrdinalIgnoreCase);
        var key = context.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } k ? k : null;
        // Stored and indexed with the upload: a bounded, printable key (as the IETF draft's examples are).
        if (key is not null && (key.Length > MaxIdempotencyKeyLength || key.Any(c => c is < '!' or > '~')))
            throw new InvalidParameterException("Idempotency-Key",
                $"Idempotency-Key must be 1 to {MaxIdempotencyKeyLength} visible ASCII characters (e.g. a UUID)");

        var maxBytes = uploads.MaxBytes;
        var file = await UploadBody.ReceiveAsync(context, maxBytes);
        if (file is null)
            return Problem.Result(Problem.Create(StatusCodes.Status413PayloadTooLarge, "Upload too large",
                $"the upload is larger than {maxBytes} bytes ({MaxBytesSetting})"));

        // The body may have taken minutes: the first query after it is the one to find a pooled connection dead.
        var id = await StaleConnections.RetryOnceAsync(db, processor.Log, () => UploadRecords.NextIdAsync(db, ct));
        var request = new UploadRequest(id, def, upsert, isDryRun, requestSrid, layer,
            file, key, WrittenBy: Access.Actor(context)) { LandUseEdition = landUseEdition, Override = planningOverride };
        if (!isDryRun)
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            if (await UploadRecords.FindEarlierAsync(conn, request, ct) is { } earlier)
            {
                file.Dispose();
                return Answer(earlier);
            }
        }

        var job = await jobs.StartAsync(request.Id, def.Id, ct);
        if (!respondAsync) return Answer(await RunAsync(processor, jobs, request, job, logger, ct));

        // The file is here; the client need not stay. Stopping the service cancels the upload.
        _ = Task.Run(() => RunAsync(processor, jobs, request, job, logger, lifetime.ApplicationStopping), CancellationToken.None);
        context.Response.Headers["Preference-Applied"] = "respond-async";
        context.Response.Headers.Location = $"/api/uploads/{request.Id}";
        return Results.Json(await jobs.FindAsync(request.Id, ct), UploadJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Runs the upload to its outcome: problems and failures become outcomes, never escape.</summary>
    private static async Task<UploadOutcome> RunAsync(UploadProcessor processor, UploadJobStore jobs, UploadRequest request,
        UploadJob job, ILogger logger, CancellationToken ct)
    {
        UploadOutcome outcome;
        using var stopReporting = new CancellationTokenSource();
        var reporting = jobs.ReportAsync(job, stopReporting.Token);
        try
        {
            outcome = await processor.RunAsync(request, job, ct);
        }
        catch (ApiProblemException e)
        {
            var problem = Problem.From(e);
            outcome = new UploadOutcome(problem.Status!.Value, Problem.ToJson(problem));
        }
        catch (Exception e) when (e is OperationCanceledException || (e is NpgsqlException && ct.IsCancellationRequested))
        {
            outcome = new UploadOutcome(499, Failure(499, "Upload cancelled", "the client went away or the service stopped; nothing was written"));
        }
        catch (Exception e) when (e is NpgsqlException or IOException)
        {
            outcome = new UploadOutcome(StatusCodes.Status503ServiceUnavailable,
                Failure(StatusCodes.Status503ServiceUnavailable, "Upload failed", processor.Failed(request.Id, e)));
        }
        catch (Exception e)
        {
            // Whatever else went wrong, the job still ends (failed, counted), never "running" for ever.
            logger.LogError(e, "Upload {Id} failed unexpectedly", request.Id);
            outcome = new UploadOutcome(StatusCodes.Status500InternalServerError,
                Failure(StatusCodes.Status500InternalServerError, "Upload failed", "the upload failed on the server's side; nothing was written"));
        }
        finally
        {
            request.File.Dispose();
            await stopReporting.CancelAsync();
            await reporting;
        }
        await jobs.FinishAsync(job, outcome);
        RequestMetrics.Upload(outcome.StatusCode);
        return outcome;
    }

    private static JsonObject Failure(int status, string title, string detail) =>
        Problem.ToJson(Problem.Create(status, title, detail));

    private static IResult Answer(UploadOutcome outcome) => new OutcomeResult(outcome);

    private sealed class OutcomeResult(UploadOutcome outcome) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            if (outcome.Location is { } location) context.Response.Headers.Location = location;
            var problem = outcome.StatusCode >= 400;
            return Results.Json(outcome.Body, UploadJson.Options, problem ? "application/problem+json" : null, outcome.StatusCode)
                .ExecuteAsync(context);
        }
    }
}
