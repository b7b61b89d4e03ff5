using LandMap.Api.Data;
using LandMap.Api.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LandMap.Tests.Infrastructure;

/// <summary>
/// A real streaming replica on loopback: a primary of one test's own (LANDMAP_TEST_PG_PORT + an
/// offset, <c>.pgdata-test-{name}-primary</c>), copied with <c>pg_basebackup -R</c> into a standby
/// on the next port (<c>.pgdata-test-{name}-standby</c>). Disposing stops both and deletes them.
/// </summary>
public sealed class ReplicaPair : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";

    private ReplicaPair(LocalCluster primary, LocalCluster standby)
    {
        Primary = primary;
        Standby = standby;
    }

    /// <summary>The primary: the API's <c>ConnectionStrings:LandMap</c>.</summary>
    public LocalCluster Primary { get; }

    /// <summary>The standby: the API's <c>ConnectionStrings:LandMapRead</c>; stop and start it at will.</summary>
    public LocalCluster Standby { get; }

    /// <summary>The API's settings for reading from the standby.</summary>
    public IReadOnlyDictionary<string, string> ApiSettings =>
        new Dictionary<string, string> { ["ConnectionStrings:LandMapRead"] = Standby.ConnectionString };

    /// <summary>Starts a new primary on LANDMAP_TEST_PG_PORT + <paramref name="portOffset"/> and its standby on the port after.</summary>
    public static async Task<ReplicaPair> StartAsync(string name, int portOffset, string database)
    {
        var primary = await ScratchCluster.StartAsync($"{name}-primary", portOffset, database);
        var dir = await LocalCluster.ReachableDataDirectoryAsync(
            Path.Combine(LandMapServer.RepositoryRoot, $".pgdata-test-{name}-standby"), NullLogger.Instance, CancellationToken.None);
        try
        {
            await CopyAsync(LandMapServer.ClusterPort + portOffset, dir);
            var standby = new LocalCluster(new LocalClusterOptions
            {
                DataDirectory = dir, Port = LandMapServer.ClusterPort + portOffset + 1, Database = database,
            }, dir, NullLogger.Instance) { ServerSettings = ["fsync=off"] };
            await standby.StartAsync(CancellationToken.None);
            return new ReplicaPair(primary, standby);
        }
        catch
        {
            await Delete(primary);
            throw;
        }
    }

    /// <summary>Waits until <paramref name="replica"/> has replayed everything <paramref name="primary"/> has written so far.</summary>
    public static async Task CatchUpAsync(NpgsqlDataSource primary, NpgsqlDataSource replica)
    {
        var target = await primary.ScalarAsync<NpgsqlTypes.NpgsqlLogSequenceNumber>("select pg_current_wal_insert_lsn()");
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            await using var cmd = replica.CreateCommand("select coalesce(pg_last_wal_replay_lsn() >= $1, false)");
            cmd.Parameters.Add(new() { Value = target, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.PgLsn });
            if ((bool)(await cmd.ExecuteScalarAsync())!) return;
            Assert.True(DateTime.UtcNow < until, $"the replica did not reach {target} in 30 s");
            await Task.Delay(50);
        }
    }

    /// <summary>pg_ctl promote: the standby leaves recovery and takes writes of its own.</summary>
    public async Task PromoteStandbyAsync()
    {
        var promote = await Processes.RunAsync(Path.Combine(Bin, "pg_ctl"), ["promote", "-w", "-D", Standby.DataDirectory], Processes.AsPostgres);
        Assert.True(promote.Ok, promote.Output);
    }

    public async ValueTask DisposeAsync()
    {
        await Delete(Standby);
        await Delete(Primary);
    }

    private static async Task Delete(LocalCluster cluster)
    {
        await cluster.StopAsync(CancellationToken.None);
        if (Directory.Exists(cluster.DataDirectory)) Directory.Delete(cluster.DataDirectory, recursive: true);
    }

    /// <summary>pg_basebackup -R (as the postgres user, like initdb): a standby that streams from the primary.</summary>
    private static async Task CopyAsync(int primaryPort, string dir)
    {
        if (Directory.Exists(dir))
        {
            // Left by an earlier run that was killed.
            await Processes.RunAsync(Path.Combine(Bin, "pg_ctl"), ["stop", "-m", "immediate", "-D", dir], Processes.AsPostgres);
            Directory.Delete(dir, recursive: true);
        }
        Directory.CreateDirectory(dir);
        // The server refuses a data folder others may read.
        var chmod = await Processes.RunAsync("chmod", ["700", dir]);
        Assert.True(chmod.Ok, chmod.Output);
        if (Environment.IsPrivilegedProcess)
        {
            var chown = await Processes.RunAsync("chown", ["postgres:postgres", dir]);
            Assert.True(chown.Ok, chown.Output);
        }
        var copy = await Processes.RunAsync(Path.Combine(Bin, "pg_basebackup"),
            ["-h", "127.0.0.1", "-p", primaryPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres",
             "-D", dir, "-R", "-X", "stream", "-c", "fast"], Processes.AsPostgres);
        Assert.True(copy.Ok, copy.Output);
    }
}
