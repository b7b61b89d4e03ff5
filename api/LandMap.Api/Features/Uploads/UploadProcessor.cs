using System.Text.Json;
using System.Text.Json.Nodes;
using LandMap.Api.Domain.Vocabulary;
using LandMap.Api.Domain;
using LandMap.Api.Domain.Planning;
using LandMap.Api.Features.Uploads.Formats;
using LandMap.Api.Geo;
using LandMap.Api.Hosting;
using LandMap.Api.Problems;
using LandMap.Api.Writes;
using NetTopologySuite.Geometries;
using Npgsql;

namespace LandMap.Api.Features.Uploads;

/// <summary>A received upload: the file on disk and what the request asked for.</summary>
public sealed record UploadRequest(
    long Id, CollectionDef Collection, bool Upsert, bool DryRun, int? RequestSrid, string? Layer,
    ReceivedFile File, string? IdempotencyKey, string WrittenBy)
{
    public string Mode => Upsert ? "upsert" : "create";

    /// <summary>The land-use edition the file's codes belong to (<c>landUseEdition</c>: a name or an alias
    /// of land_use_editions), for the features that state none; null: not stated.</summary>
    public string? LandUseEdition { get; init; }

    /// <summary>An admin's override of the planning gate (<c>override=planning</c> with a reason); null: none.</summary>
    public PlanningOverride? Override { get; init; }
}

/// <summary>
/// Runs one upload: opens the file's reader, judges its coordinates once, then validates feature by
/// feature on one thread while the previous features stream into the staging table by binary COPY
/// on another, runs the set-based checks and writes, all in one transaction: nothing of a refused,
/// failed or cancelled upload remains.
/// </summary>
public sealed class UploadProcessor(NpgsqlDataSource db, RequestLimits limits, PlanningOptions planning, ILogger<UploadProcessor> log)
{
    /// <summary>How many of the first features the file's coordinates are judged on.</summary>
    private const int PlausibilitySample = 1000;

    /// <summary>The edition <c>landUseEdition</c> names, or null when not given; a name no edition has is a 400.</summary>
    private static LandUseEdition? LandUseEditionOf(UploadRequest request, VocabularyCodes vocabulary)
    {
        if (string.IsNullOrWhiteSpace(request.LandUseEdition)) return null;
        return vocabulary.LandUse.Edition(request.LandUseEdition)
               ?? throw new InvalidParameterException("landUseEdition",
                   $"landUseEdition '{(request.LandUseEdition.Length > 100 ? request.LandUseEdition[..100] + "..." : request.LandUseEdition)}' " +
                   $"is not a land-use edition ({vocabulary.LandUse.EditionList}); nothing was written");
    }

    public async Task<UploadOutcome> RunAsync(UploadRequest request, UploadJob job, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        job.Phase = UploadPhase.Scanning;
        using var source = OpenSource(request, ct);
        job.Source = source;
        var report = new UploadReport();
        report.AddRange(source.Warnings);

        // Coordinates and CRS, judged once on the first features before anything is reprojected
        // (a later feature out of place is still caught on its own, as OutsideZone).
        using var features = source.ReadFeatures(ct).GetEnumerator();
        var sample = new List<RawFeature>(PlausibilitySample);
        while (sample.Count < PlausibilitySample && features.MoveNext()) sample.Add(features.Current);
        if (sample.Count == 0)
            throw new InvalidParameterException("body", $"the {source.Format} file has no features: nothing to upload");
        var declared = request.RequestSrid ?? source.DeclaredSrid;
        var extent = source.Extent;
        if (extent is null)
        {
            extent = new Envelope();
            foreach (var f in sample) if (f.Geometry is { IsEmpty: false } g) extent.ExpandToInclude(g.EnvelopeInternal);
        }
        var diagnoses = CoordinatePlausibility.Check(extent, declared);
        foreach (var d in diagnoses) report.Add(d.ToProblem(extent.IsNull ? null : [extent.MinX, extent.MinY]));
        if (diagnoses.Any(d => !d.IsWarning))
        {
            report.Counts.Read = report.Counts.Invalid = source.FeatureCount ?? sample.Count;
            return Refused(report, "the file's coordinates do not fit the zone in the stated CRS; nothing was checked further or written");
        }
        var crs = SourceCrs.Find(declared ?? 4326)!;

        var (conn, tx) = await Data.StaleConnections.RetryOnceAsync(db, log, () => BeginAsync(request, ct));
        await using var connScope = conn; // disposed after the transaction
        await using var txScope = tx;
        var vocabulary = await VocabularyCodes.LoadAsync(conn, tx, ct);
        var landUseEdition = LandUseEditionOf(request, vocabulary);
        var store = new UploadStore(request.Collection);

        job.Phase = UploadPhase.Validating;
        var pipeline = new ValidationPipeline(sample.Concat(Rest(features)), request.Collection, vocabulary, crs, report, job.CountProcessed, ct, limits, landUseEdition);
        // Parcels must not overlap each other: the file's are compared in memory (see FileOverlapCandidates).
        var overlaps = request.Collection.Id == CollectionCatalog.Parcels.Id ? new FileOverlapCandidates() : null;
        try
        {
            await store.StageAsync(conn, pipeline.Output, overlaps, ct);
        }
        catch
        {
            await pipeline.CompleteAsync(report, failed: true).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
        await pipeline.CompleteAsync(report); // a reader's or validator's exception, if any, is the cause
        var validated = DateTime.UtcNow;

        job.Phase = UploadPhase.Checking;
        // The file's pairs are sought on every core while the database checks against stored data.
        var pairing = System.Diagnostics.Stopwatch.StartNew();
        var pairsTask = overlaps is null ? Task.FromResult<List<FeaturePair>>([])
            : Task.Run(() => { var found = overlaps.Find(ct); pairing.Stop(); return found; }, ct);
        var checks = new StoredDataChecks(request.Collection, planning.EncroachmentToleranceM2);
        List<UploadProblem> found;
        try
        {
            if (!request.DryRun) await store.LockAsync(conn, ct);
            found = await checks.RunAsync(conn, null, CheckSource.Staging, request.Upsert, ct);
        }
        finally
        {
            // Never left running past the connection's scope, whatever happened.
            await ((Task)pairsTask).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        var pairs = await pairsTask;
        found.AddRange(await checks.MeasureFileOverlapsAsync(conn, CheckSource.Staging, pairs, ct));
        var (sqlProblems, overridden) = PlanningGate.Apply(found, request.Override);
        report.AddRange(sqlProblems);
        var newlyInvalid = sqlProblems.Where(p => !p.IsWarning).Select(p => p.FeatureIndex).Distinct().Count();
        report.Counts.Valid -= newlyInvalid;
        report.Counts.Invalid += newlyInvalid;
        var (toCreate, toUpdate) = await store.CountAsync(conn, ct);
        report.Counts.ToCreate = toCreate;
        report.Counts.ToUpdate = request.Upsert ? toUpdate : 0;
        var checkedAt = DateTime.UtcNow;

        if (report.HasErrors)
        {
            await tx.RollbackAsync(ct);
            return Refused(report, $"{report.Counts.Invalid} of {report.Counts.Read} features have errors; nothing was written");
        }
        if (request.DryRun)
        {
            // Where the features would go, read before the rollback drops the staging table.
            var preview = JsonNode.Parse(await store.PreviewAsync(conn, ct));
            await tx.RollbackAsync(ct);
            return new UploadOutcome(StatusCodes.Status200OK, new JsonObject
            {
                ["dryRun"] = true, ["collection"] = request.Collection.Id, ["mode"] = request.Mode, ["format"] = source.Format,
                ["sourceCrs"] = $"EPSG:{crs.Srid}", ["sha256"] = request.File.Sha256,
                ["report"] = JsonSerializer.SerializeToNode(report, UploadJson.Options),
                ["preview"] = preview,
            });
        }

        job.Phase = UploadPhase.Writing;
        var record = new UploadRecord(request.Id, request.WrittenBy, request.File.Sha256, request.IdempotencyKey,
            request.Collection.Id, request.Mode, crs.Srid, source.Format, report);
        if (!await UploadRecords.InsertAsync(conn, record, ct))
        {
            // The same body or key committed meanwhile: answer with that one.
            await tx.RollbackAsync(ct);
            return await UploadRecords.FindEarlierAsync(conn, request, ct)
                   ?? throw new InvalidOperationException("an upload conflicted and then vanished");
        }
        if (request.Override is { } over) await PlanningGate.RecordAsync(conn, null, over, request.Collection.Id, request.Id, overridden, ct);
        await store.WriteAsync(conn, $"upload:{request.Id}", request.WrittenBy, updates: toUpdate > 0, ct);
        await tx.CommitAsync(ct);
        log.LogInformation("Upload {Id}: {Count} {Collection} committed; validate+stage {Stage:0.0} s, check {Check:0.0} s " +
                           "(of which the file's pairs in memory {Pairing:0.0} s, {Pairs} measured), write {Write:0.0} s",
            request.Id, report.Counts.Read, request.Collection.Id, (validated - started).TotalSeconds,
            (checkedAt - validated).TotalSeconds, pairing.Elapsed.TotalSeconds, pairs.Count, (DateTime.UtcNow - checkedAt).TotalSeconds);

        var stored = await UploadRecords.FindAsync(conn, request.Id, ct);
        return new UploadOutcome(StatusCodes.Status201Created, stored!, $"/api/uploads/{request.Id}");
    }

    /// <summary>The upload's connection and transaction, named for it; nothing is written yet when this fails.</summary>
    private async Task<(NpgsqlConnection, NpgsqlTransaction)> BeginAsync(UploadRequest request, CancellationToken ct)
    {
        var conn = await db.OpenConnectionAsync(ct);
        try
        {
            var tx = await conn.BeginTransactionAsync(ct);
            // For the transaction only (both revert at its end): an operator sees which upload a backend
            // serves, and the sorts and hashes over the whole file stay in memory instead of spilling to disk.
            await using var name = new NpgsqlCommand("select set_config('application_name', $1, true), set_config('work_mem', '256MB', true)", conn);
            name.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"landmap upload {request.Id} {request.File.Sha256[..12]}" });
            await name.ExecuteNonQueryAsync(ct);
            return (conn, tx);
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    /// <summary>The processor's log (uploads' failures and retries are told there).</summary>
    internal ILogger Log => log;

    /// <summary>What a client is told of an upload the database or the disk failed, in our words; the
    /// SQLSTATE and PostgreSQL's own message (which may name tables, constraints or values) go to the
    /// operators' log only.</summary>
    internal string Failed(long uploadId, Exception e)
    {
        var sqlState = (e as PostgresException)?.SqlState;
        log.LogWarning(e, "Upload {Id} failed: SQLSTATE {SqlState}: {Message}", uploadId, sqlState ?? "none", e.Message);
        var what = e switch
        {
            IOException => "the uploaded file could not be read back from the server's disk",
            PostgresException { SqlState: "57014" } or NpgsqlException { InnerException: TimeoutException } => "the database work took longer than allowed",
            _ when Data.ReadDataSource.CannotReach(e) => "the connection to the database was lost",
            _ => "the database could not complete the upload",
        };
        return $"{what}; nothing was written. Try again shortly; if it fails again, give the operators upload id {uploadId}";
    }

    /// <summary>A zipped Shapefile or a GeoPackage by its first bytes (see <see cref="UploadFormats"/>), else GeoJSON.</summary>
    private IFeatureSource OpenSource(UploadRequest request, CancellationToken ct) =>
        UploadFormats.Open(request.File.Path, request.Collection, request.Layer, crsGiven: request.RequestSrid is not null, limits.Zip)
        ?? GeoJsonFileSource.Open(request.File.Path, ct, limits.JsonMaxDepth, limits.MaxFeatureBytes);

    private static IEnumerable<RawFeature> Rest(IEnumerator<RawFeature> features)
    {
        while (features.MoveNext()) yield return features.Current;
    }

    private static UploadOutcome Refused(UploadReport report, string detail) =>
        new(StatusCodes.Status422UnprocessableEntity, Problem.ToJson(Problem.Create(StatusCodes.Status422UnprocessableEntity,
            "Upload refused", detail, [new("report", JsonSerializer.SerializeToNode(report, UploadJson.Options))])));
}
