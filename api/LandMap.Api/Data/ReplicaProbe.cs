using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace LandMap.Api.Data;

/// <summary>
/// Asks the replica every <see cref="Every"/> whether it answers and is in recovery, and marks it
/// usable or not in the <see cref="ReadDataSource"/>. It has a one-connection pool of its own
/// (application name <c>landmap-read-probe</c>), so probing never holds a connection a read wants
/// and pg_stat_activity tells probes from reads.
/// </summary>
internal sealed class ReplicaProbe(ReadDataSource reads, NpgsqlDataSource? probe) : BackgroundService
{
    /// <summary>How often the replica is asked.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    /// <summary>How long one probe may take (connecting included) before the replica counts as unreachable.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    /// <summary>The application name of the probe's connections.</summary>
    public const string ApplicationName = "landmap-read-probe";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (probe is null) return;
        using var timer = new PeriodicTimer(Every);
        do await ProbeAsync(probe, stoppingToken);
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ProbeAsync(NpgsqlDataSource db, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await using var cmd = db.CreateCommand("select pg_is_in_recovery()");
            // A promoted replica no longer follows the primary this service writes to: reads there
            // would miss every later write, so it is not used (an operator who failed over points
            // ConnectionStrings:LandMap at it, and then it is the primary).
            if ((bool)(await cmd.ExecuteScalarAsync(timeout.Token))!) reads.MarkUp();
            else reads.MarkDown(ReadDataSource.NotAReplica);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Whatever went wrong (refused, timed out, broken connection), reads cannot count on it.
            reads.MarkDown(ReadDataSource.Unreachable, e);
        }
    }

    public override void Dispose()
    {
        probe?.Dispose();
        base.Dispose();
    }
}

/// <summary>Readiness of the replica, as the reads see it: healthy when usable or none is
/// configured, degraded (never unhealthy) when not, since reads then go to the primary.</summary>
internal sealed class ReplicaHealthCheck(ReadDataSource reads) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (reads.Replica is null) return Task.FromResult(HealthCheckResult.Healthy("no replica configured"));
        var s = reads.State;
        return Task.FromResult(s.Usable
            ? HealthCheckResult.Healthy($"replica usable ({s.Description})")
            : HealthCheckResult.Degraded($"replica unusable ({s.Description}) since {s.Since:u}: reads go to the primary"));
    }
}
