using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace LandMap.Api.Features.Uploads;

/// <summary>Where an upload is: the phases in order, as <c>GET /api/uploads/{id}</c> reports them.</summary>
public static class UploadPhase
{
    public const string Receiving = "receiving", Scanning = "scanning", Validating = "validating",
        Checking = "checking", Writing = "writing", Done = "done";
}

/// <summary>
/// One upload while it runs and for a while after: its phase and progress (read by
/// <c>GET /api/uploads/{id}</c> from other requests, so the fields are written atomically), then
/// its outcome. Committed uploads are also in the uploads table; refused, failed and dry-run
/// outcomes live only here.
/// </summary>
public sealed class UploadJob(long id)
{
    private int processed;
    private volatile string phase = UploadPhase.Receiving;

    public long Id { get; } = id;
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;
    public string Phase { get => phase; set => phase = value; }
    /// <summary>The file being read, for its progress and its count when it states one.</summary>
    public Formats.IFeatureSource? Source { get; set; }
    public int? Total => Source?.FeatureCount;
    public int Processed => Volatile.Read(ref processed);
    public void CountProcessed() => Interlocked.Increment(ref processed);

    /// <summary>Set once, when the upload ends.</summary>
    public UploadOutcome? Outcome { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    public void Finish(UploadOutcome outcome)
    {
        Outcome = outcome;
        FinishedAt = DateTimeOffset.UtcNow;
        Phase = UploadPhase.Done;
    }

    /// <summary>0..100: validation is most of the work (to 80 %), then the SQL checks and the write.</summary>
    public double Percent => Phase switch
    {
        UploadPhase.Receiving or UploadPhase.Scanning => 0,
        UploadPhase.Validating => Math.Round(80.0 * (Source?.Progress ?? 0), 1),
        UploadPhase.Checking => 80,
        UploadPhase.Writing => 90,
        _ => 100,
    };

    public JsonObject Progress() => new()
    {
        ["id"] = Id,
        ["status"] = "running",
        ["phase"] = Phase,
        ["processed"] = Processed,
        ["total"] = Total,
        ["percent"] = Percent,
        ["startedAt"] = StartedAt.ToString("O"),
    };
}

/// <summary>How an upload ended: the HTTP status and body its POST answers (or would have answered).</summary>
public sealed record UploadOutcome(int StatusCode, JsonNode Body, string? Location = null);

/// <summary>The uploads of this API process, running or recently finished (kept for
/// <see cref="Retention"/>, at most <see cref="MaxFinished"/>).</summary>
public sealed class UploadJobs
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(1);
    public const int MaxFinished = 1000;

    private readonly ConcurrentDictionary<long, UploadJob> jobs = new();

    public UploadJob Start(long id)
    {
        Prune();
        var job = new UploadJob(id);
        jobs[id] = job;
        return job;
    }

    public UploadJob? Find(long id) => jobs.GetValueOrDefault(id);

    private void Prune()
    {
        var finished = jobs.Values.Where(j => j.FinishedAt is not null).OrderBy(j => j.FinishedAt).ToList();
        var cutoff = DateTimeOffset.UtcNow - Retention;
        foreach (var (job, i) in finished.Select((j, i) => (j, i)))
            if (job.FinishedAt < cutoff || finished.Count - i > MaxFinished) jobs.TryRemove(job.Id, out _);
    }
}
