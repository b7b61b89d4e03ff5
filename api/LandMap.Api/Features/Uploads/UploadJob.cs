using System.Text.Json.Nodes;

namespace LandMap.Api.Features.Uploads;

/// <summary>Where an upload is: the phases in order, as <c>GET /api/uploads/{id}</c> reports them.</summary>
public static class UploadPhase
{
    public const string Receiving = "receiving", Scanning = "scanning", Validating = "validating",
        Checking = "checking", Writing = "writing", Done = "done";
}

/// <summary>
/// One upload while it runs: its phase and progress, written by the upload's threads and read by
/// the reporter that copies them to the upload_jobs table (so the fields are written atomically).
/// </summary>
public sealed class UploadJob(long id)
{
    private int processed;
    private volatile string phase = UploadPhase.Receiving;

    public long Id { get; } = id;
    public string Phase { get => phase; set => phase = value; }
    public int Processed => Volatile.Read(ref processed);
    public void CountProcessed() => Interlocked.Increment(ref processed);

    /// <summary>The file being read, for its progress and its count when it states one.</summary>
    public Formats.IFeatureSource? Source { get; set; }
    public int? Total => Source?.FeatureCount;

    /// <summary>0..100: validation is most of the work (to 80 %), then the SQL checks and the write.</summary>
    public double Percent => Phase switch
    {
        UploadPhase.Receiving or UploadPhase.Scanning => 0,
        UploadPhase.Validating => Math.Round(80.0 * (Source?.Progress ?? 0), 1),
        UploadPhase.Checking => 80,
        UploadPhase.Writing => 90,
        _ => 100,
    };
}

/// <summary>How an upload ended: the HTTP status and body its POST answers (or would have answered).</summary>
public sealed record UploadOutcome(int StatusCode, JsonNode Body, string? Location = null)
{
    /// <summary>The job's status for this outcome, as GET /api/uploads/{id} names it.</summary>
    public string Status => StatusCode switch
    {
        StatusCodes.Status201Created => "committed",
        StatusCodes.Status200OK => "dry-run",
        499 => "cancelled",
        >= 500 => "failed",
        _ => "refused",
    };
}
