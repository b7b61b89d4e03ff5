using System.Net.Sockets;
using LandMap.Api.Observability;
using Npgsql;
using NpgsqlTypes;

namespace LandMap.Api.Data;

/// <summary>
/// Where the hot read routes read: a streaming replica (<c>ConnectionStrings:LandMapRead</c>)
/// when one is configured and usable, else the primary. A client reads its own writes: every write
/// answers with the primary's WAL position in <see cref="Header"/>; a read that sends it back is
/// served by the replica only once the replica has replayed that far (waiting up to
/// <see cref="CatchUpWait"/>), otherwise by the primary. The replica is usable while
/// <see cref="ReplicaProbe"/> finds it answering and in recovery, and until a read finds it
/// unreachable (<see cref="ReplicaFallback"/>); meanwhile every read goes to the primary.
/// </summary>
public sealed class ReadDataSource(NpgsqlDataSource primary, NpgsqlDataSource? replica, ILogger<ReadDataSource> logger) : IAsyncDisposable
{
    /// <summary>The connection string name of the replica.</summary>
    public const string ConnectionName = "LandMapRead";

    /// <summary>The header a write answers with and a read may send back: a WAL position, e.g. 0/3000148.</summary>
    public const string Header = "LandMap-Read-After";

    /// <summary>How long a read waits for the replica to catch up before it goes to the primary.</summary>
    public static readonly TimeSpan CatchUpWait = TimeSpan.FromMilliseconds(500);

    /// <summary>Why the replica is not used: it does not answer.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>Why the replica is not used: it answers but is out of recovery (promoted).</summary>
    public const string NotAReplica = "not_a_replica";

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);
    private static readonly object HandedReplica = new();

    private readonly Lock gate = new();
    private ReplicaState state = new(true, "not_probed_yet", DateTimeOffset.UtcNow);

    /// <summary>The primary (writes, and reads when no replica is configured or usable).</summary>
    public NpgsqlDataSource Primary { get; } = primary;

    /// <summary>The replica, or null when none is configured.</summary>
    public NpgsqlDataSource? Replica { get; } = replica;

    /// <summary>Whether reads may go to the replica now (meaningless without one).</summary>
    public ReplicaState State => Volatile.Read(ref state);

    private bool ReplicaUsable => Replica is not null && State.Usable;

    /// <summary>The data source for this read request (see the class summary).</summary>
    public async ValueTask<NpgsqlDataSource> ForAsync(HttpContext http, CancellationToken ct)
    {
        if (!ReplicaUsable) return Primary;
        var after = http.Request.Headers[Header].ToString();
        if (after.Length == 0) return Handed(http);
        // A position we cannot read could be anything: the primary is always current.
        if (!NpgsqlLogSequenceNumber.TryParse(after.Trim(), out var lsn)) return Primary;
        return await CaughtUpAsync(lsn, ct) ? Handed(http) : Primary;
    }

    /// <summary>For a read that needs no read-your-writes (briefly cached metadata such as extents):
    /// the replica when usable, else the primary.</summary>
    public NpgsqlDataSource Current(HttpContext http) => ReplicaUsable ? Handed(http) : Primary;

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

    /// <summary>Reads go to the replica again (the probe found it answering and in recovery).</summary>
    public void MarkUp() => Set(true, "in_recovery", null);

    /// <summary>Reads go to the primary until the probe finds the replica usable again.</summary>
    public void MarkDown(string why, Exception? error = null) => Set(false, why, error);

    /// <summary>True when this request was handed the replica and <paramref name="error"/> says the
    /// replica cannot be reached: the replica is then marked down.</summary>
    public bool FailedOnReplica(HttpContext http, Exception error)
    {
        if (!http.Items.Remove(HandedReplica) || !CannotReach(error)) return false;
        MarkDown(Unreachable, error);
        return true;
    }

    /// <summary>The server is gone or going (refused, connection closed, shutting down), as opposed
    /// to a query that failed. Timeouts are left out: a slow query is no reason to leave the
    /// replica, and the probe's own short timeout catches a server that hangs.</summary>
    internal static bool CannotReach(Exception e) => e switch
    {
        PostgresException pe => pe.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow || pe.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException ne => ne.InnerException is IOException or SocketException,
        _ => false,
    };

    private NpgsqlDataSource Handed(HttpContext http)
    {
        http.Items[HandedReplica] = true;
        return Replica!;
    }

    private void Set(bool usable, string why, Exception? error)
    {
        if (Replica is null) return;
        lock (gate)
        {
            var was = state;
            if (was.Usable == usable && was.Description == why) return;
            // "Since" counts from the last change of usability, not of the reason.
            Volatile.Write(ref state, new ReplicaState(usable, why, was.Usable == usable ? was.Since : DateTimeOffset.UtcNow));
            if (!usable)
            {
                // Its idle pooled connections are broken if it stopped: the next read on one would fail.
                Replica.Clear();
                if (!was.Usable) return;
                logger.LogWarning(error, "Read replica unusable ({Why}): reads go to the primary until it answers again", why);
                RequestMetrics.ReplicaWentDown(why);
            }
            else if (!was.Usable) logger.LogInformation("Read replica usable again: reads go to it (down since {Since:u})", was.Since);
        }
    }

    private async Task<bool> CaughtUpAsync(NpgsqlLogSequenceNumber lsn, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + CatchUpWait;
        try
        {
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
        catch (Exception e) when (CannotReach(e))
        {
            MarkDown(Unreachable, e);
            return false;
        }
    }

    /// <summary>Disposes the replica's data source (the primary is a service of its own).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Replica is not null) await Replica.DisposeAsync();
    }
}

/// <summary>Whether reads may go to the replica, why or why not (in_recovery, not_probed_yet;
/// unreachable, not_a_replica), and since when.</summary>
public sealed record ReplicaState(bool Usable, string Description, DateTimeOffset Since);

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
