using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using NpgsqlTypes;

namespace LandMap.Api.Data;

/// <summary>
/// Where the hot read routes read: a streaming replica (<c>ConnectionStrings:LandMapRead</c>)
/// when one is configured, else the primary. A client reads its own writes: every write answers
/// with the primary's WAL position in <see cref="Header"/>; a read that sends it back is served by
/// the replica only once the replica has replayed that far (waiting up to
/// <see cref="CatchUpWait"/>), otherwise by the primary.
/// </summary>
public sealed class ReadDataSource(NpgsqlDataSource primary, NpgsqlDataSource? replica) : IAsyncDisposable
{
    /// <summary>The connection string name of the replica.</summary>
    public const string ConnectionName = "LandMapRead";

    /// <summary>The header a write answers with and a read may send back: a WAL position, e.g. 0/3000148.</summary>
    public const string Header = "LandMap-Read-After";

    /// <summary>How long a read waits for the replica to catch up before it goes to the primary.</summary>
    public static readonly TimeSpan CatchUpWait = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);

    /// <summary>The primary (writes, and reads when no replica is configured).</summary>
    public NpgsqlDataSource Primary { get; } = primary;

    /// <summary>The replica, or null when none is configured.</summary>
    public NpgsqlDataSource? Replica { get; } = replica;

    /// <summary>The data source for this read request (see the class summary).</summary>
    public async ValueTask<NpgsqlDataSource> ForAsync(HttpContext http, CancellationToken ct)
    {
        if (Replica is null) return Primary;
        var after = http.Request.Headers[Header].ToString();
        if (after.Length == 0) return Replica;
        // A position we cannot read could be anything: the primary is always current.
        if (!NpgsqlLogSequenceNumber.TryParse(after.Trim(), out var lsn)) return Primary;
        return await CaughtUpAsync(lsn, ct) ? Replica : Primary;
    }

    /// <summary>After a write: the primary's WAL position, in the response header, for the client to send back.</summary>
    public async Task StampAsync(HttpContext http, CancellationToken ct)
    {
        if (Replica is null) return;
        // The insert position, not pg_current_wal_lsn(): with synchronous_commit=off the commit
        // record may be inserted but not yet written, and the written position could precede it.
        await using var cmd = Primary.CreateCommand("select pg_current_wal_insert_lsn()");
        var lsn = (NpgsqlLogSequenceNumber)(await cmd.ExecuteScalarAsync(ct))!;
        http.Response.Headers[Header] = lsn.ToString();
    }

    private async Task<bool> CaughtUpAsync(NpgsqlLogSequenceNumber lsn, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + CatchUpWait;
        await using var conn = await Replica!.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("select coalesce(pg_last_wal_replay_lsn() >= $1, false)", conn);
        cmd.Parameters.Add(new() { Value = lsn, NpgsqlDbType = NpgsqlDbType.PgLsn });
        while (true)
        {
            if ((bool)(await cmd.ExecuteScalarAsync(ct))!) return true;
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(PollEvery, ct);
        }
    }

    /// <summary>Disposes the replica's data source (the primary is a service of its own).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Replica is not null) await Replica.DisposeAsync();
    }
}

/// <summary>Readiness of the replica: it answers and is in recovery (a replica, not a promoted primary); healthy when none is configured.</summary>
internal sealed class ReplicaHealthCheck(ReadDataSource reads) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (reads.Replica is null) return HealthCheckResult.Healthy("no replica configured");
        try
        {
            await using var cmd = reads.Replica.CreateCommand("select pg_is_in_recovery()");
            var recovering = (bool)(await cmd.ExecuteScalarAsync(ct))!;
            return HealthCheckResult.Healthy(recovering ? "replica in recovery" : "read database is not a replica");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "replica unreachable", e);
        }
    }
}

/// <summary>On the write routes (Part 4 and uploads, including an upload job's status): the answer
/// carries the primary's WAL position, taken once the handler is done, so after its commit.</summary>
internal sealed class ReadAfterWriteFilter(ReadDataSource reads) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        // GET too: an upload answered 202 commits later, and its job's status (read on the primary)
        // says "committed" only after the commit, so the position sent with it covers the upload.
        if (reads.Replica is not null) await reads.StampAsync(context.HttpContext, context.HttpContext.RequestAborted);
        return result;
    }
}
