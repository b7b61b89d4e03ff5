using System.Diagnostics.Metrics;

namespace LandMap.Api.Observability;

/// <summary>
/// The service's own instruments (meter "LandMap"), exported at /metrics beside ASP.NET Core's
/// request rates and latencies per route and Npgsql's pool: uploads by outcome, shed requests by reason, the read replica going out of use.
/// </summary>
public static class RequestMetrics
{
    public const string MeterName = "LandMap";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Uploads = Meter.CreateCounter<long>("landmap.uploads", "{upload}",
        "Uploads finished, by outcome (committed, dry_run, refused, cancelled, failed)");
    private static readonly Counter<long> Refused = Meter.CreateCounter<long>("landmap.requests.shed", "{request}",
        "Requests refused by the limits: rate_limited and client_concurrency (429), overloaded and queue_timeout (503)");

    private static readonly Counter<long> AbortedRequests = Meter.CreateCounter<long>("landmap.requests.aborted", "{request}",
        "Requests whose client went away before the answer (recorded with status 499), by route");

    private static readonly Counter<long> ReplicaDown = Meter.CreateCounter<long>("landmap.replica.down", "{event}",
        "Times the read replica was found unusable, by reason (unreachable, not_a_replica): reads go to the primary until it answers again");

    /// <summary>Counts a finished upload by the status code of its answer.</summary>
    public static void Upload(int statusCode) =>
        Uploads.Add(1, new KeyValuePair<string, object?>("outcome", statusCode switch
        {
            StatusCodes.Status201Created => "committed",
            StatusCodes.Status200OK => "dry_run",
            StatusCodes.Status422UnprocessableEntity or StatusCodes.Status400BadRequest => "refused",
            499 => "cancelled",
            _ => "failed",
        }));

    /// <summary>Counts a request refused by the limits.</summary>
    public static void Shed(string reason) => Refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Counts a request its client abandoned mid-way (see <see cref="Hosting.BodyFailures"/>).</summary>
    public static void Aborted(string? route) =>
        AbortedRequests.Add(1, new KeyValuePair<string, object?>("http_route", route ?? "unmatched"));

    private static readonly Counter<long> Tiles = Meter.CreateCounter<long>("landmap.tiles.cache", "{tile}",
        "Vector tiles served, by result: hit (from the in-memory cache), miss (rendered)");

    /// <summary>Counts a tile taken from the cache (hit) or rendered (miss).</summary>
    public static void TileCache(string result) => Tiles.Add(1, new KeyValuePair<string, object?>("result", result));

    /// <summary>Counts the read replica going out of use (see <see cref="Data.ReadDataSource"/>).</summary>
    public static void ReplicaWentDown(string reason) => ReplicaDown.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
