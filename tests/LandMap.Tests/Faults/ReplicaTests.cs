using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Api.Data;
using LandMap.Api.Hosting;
using LandMap.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LandMap.Tests.Faults;

/// <summary>
/// A real streaming replica on loopback: a primary of this test's own (LANDMAP_TEST_PG_PORT + 5),
/// copied with <c>pg_basebackup -R</c> into a standby (+ 6). Items are read from the replica, a
/// client that sends back a write's <c>LandMap-Read-After</c> reads its own write even while the
/// replica stands still, and the replica refuses writes.
/// </summary>
public sealed class ReplicaTests
{
    private const string Bin = "/usr/lib/postgresql/15/bin";

    [Fact]
    public async Task Reads_go_to_the_replica_and_a_client_reads_its_own_writes()
    {
        var primary = await ScratchCluster.StartAsync("replica-primary", 5, "landmap_replica");
        var standbyDir = await LocalCluster.ReachableDataDirectoryAsync(
            Path.Combine(LandMapServer.RepositoryRoot, ".pgdata-test-replica-standby"), NullLogger.Instance, CancellationToken.None);
        LocalCluster? standby = null;
        try
        {
            await CopyAsync(LandMapServer.ClusterPort + 5, standbyDir);
            standby = new LocalCluster(new LocalClusterOptions
            {
                DataDirectory = standbyDir, Port = LandMapServer.ClusterPort + 6, Database = "landmap_replica",
            }, standbyDir, NullLogger.Instance) { ServerSettings = ["fsync=off"] };
            await standby.StartAsync(CancellationToken.None);

            // The API migrates and loads the sample data on the primary; the replica follows by streaming.
            await using var api = ApiHost.Start(primary.ConnectionString,
                new Dictionary<string, string> { ["ConnectionStrings:LandMapRead"] = standby.ConnectionString });
            await using var writes = NpgsqlDataSource.Create(primary.ConnectionString);
            await using var reads = NpgsqlDataSource.Create(standby.ConnectionString);
            await CatchUpAsync(writes, reads);

            // (3) The read database is a replica in recovery: a write through it fails.
            Assert.True(await reads.ScalarAsync<bool>("select pg_is_in_recovery()"));
            var refused = await Assert.ThrowsAsync<PostgresException>(() => reads.ScalarAsync<int>("create table nope (x int)"));
            Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, refused.SqlState);

            using var client = api.CreateClient(token: true);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health/ready")).StatusCode);

            var id = await writes.ScalarAsync<long>("select min(id) from parcels");
            var item = $"ogc/collections/parcels/items/{id}";
            using var first = await client.GetAsync(item);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var etag = first.Headers.ETag!.Tag;
            var before = (string?)JsonNode.Parse(await first.Content.ReadAsStringAsync())!["properties"]!["land_user"];

            // (1) The API's read connections are on the replica, under their own application name.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("ogc/collections/parcels/items?limit=5")).StatusCode);
            Assert.True(await reads.ScalarAsync<long>("select count(*) from pg_stat_activity where application_name = 'landmap-read'") > 0);

            // Hold the replica still, so only the read-after header can make the write visible.
            await reads.ScalarAsync<object>("select pg_wal_replay_pause()");
            var value = "replica-" + Guid.NewGuid().ToString("N")[..8];
            using var patch = new HttpRequestMessage(HttpMethod.Patch, item)
            {
                Content = new StringContent(new JsonObject { ["properties"] = new JsonObject { ["land_user"] = value } }.ToJsonString(), Encoding.UTF8, "application/merge-patch+json"),
            };
            patch.Headers.TryAddWithoutValidation("If-Match", etag);
            using var patched = await client.SendAsync(patch);
            Assert.True(patched.StatusCode == HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
            var after = Assert.Single(patched.Headers.GetValues(ReadDataSource.Header));
            Assert.True(NpgsqlTypes.NpgsqlLogSequenceNumber.TryParse(after, out _), after);

            // Without the header: the replica's (older) copy, which shows reads really go there.
            Assert.Equal(before, await LandUserAsync(client, item, null));
            // (2) With it: the replica has not replayed that far, so the primary answers, with the new value.
            Assert.Equal(value, await LandUserAsync(client, item, after));

            // Once the replica replays, the same header is served by the replica, also new.
            await reads.ScalarAsync<object>("select pg_wal_replay_resume()");
            await CatchUpAsync(writes, reads);
            Assert.Equal(value, await LandUserAsync(client, item, null));
            Assert.Equal(value, await LandUserAsync(client, item, after));

            // The other read routes on the replica answer as usual (nothing in them writes).
            foreach (var url in new[] { "ogc/collections/parcels/tiles/WebMercatorQuad/0/0/0", "api/parks/P-BH/parcels?limit=2", "api/reports/parks" })
            {
                using var response = await client.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        finally
        {
            if (standby is not null) await standby.StopAsync(CancellationToken.None);
            await primary.StopAsync(CancellationToken.None);
            if (Directory.Exists(standbyDir)) Directory.Delete(standbyDir, recursive: true);
            if (Directory.Exists(primary.DataDirectory)) Directory.Delete(primary.DataDirectory, recursive: true);
        }
    }

    private static async Task<string?> LandUserAsync(HttpClient client, string item, string? readAfter)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, item);
        if (readAfter is not null) request.Headers.TryAddWithoutValidation(ReadDataSource.Header, readAfter);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["properties"]!["land_user"];
    }

    /// <summary>pg_basebackup -R (as the postgres user, like initdb): a standby that streams from the primary.</summary>
    private static async Task CopyAsync(int primaryPort, string dir)
    {
        if (Directory.Exists(dir))
        {
            // Left by an earlier run that was killed.
            await ProcessRunner.RunAsync(Path.Combine(Bin, "pg_ctl"), ["stop", "-m", "immediate", "-D", dir], "postgres", CancellationToken.None);
            Directory.Delete(dir, recursive: true);
        }
        Directory.CreateDirectory(dir);
        // The server refuses a data folder others may read.
        var chmod = await ProcessRunner.RunAsync("chmod", ["700", dir], null, CancellationToken.None);
        Assert.True(chmod.Ok, chmod.Output);
        if (Environment.IsPrivilegedProcess)
        {
            var chown = await ProcessRunner.RunAsync("chown", ["postgres:postgres", dir], null, CancellationToken.None);
            Assert.True(chown.Ok, chown.Output);
        }
        var copy = await ProcessRunner.RunAsync(Path.Combine(Bin, "pg_basebackup"),
            ["-h", "127.0.0.1", "-p", primaryPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres",
             "-D", dir, "-R", "-X", "stream", "-c", "fast"], "postgres", CancellationToken.None);
        Assert.True(copy.Ok, copy.Output);
    }

    /// <summary>Waits until the replica has replayed everything the primary has written so far.</summary>
    private static async Task CatchUpAsync(NpgsqlDataSource primary, NpgsqlDataSource replica)
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
}
