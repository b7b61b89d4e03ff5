using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using Npgsql;

namespace LandMap.Tests.Faults;

/// <summary>
/// The read replica stopped for real (pg_ctl stop -m fast) under a running API, on a pair of this
/// test's own (<see cref="ReplicaPair"/>: primary LANDMAP_TEST_PG_PORT + 7, standby + 8): reads
/// fall back to the primary without one failed answer, readiness stays 200 with the replica
/// degraded, and once the standby is back reads return to it. A promoted standby is left too.
/// </summary>
public sealed class ReplicaFallbackTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Reads_fall_back_to_the_primary_while_the_replica_is_down_and_return_when_it_is_back()
    {
        var clock = Stopwatch.StartNew();
        await using var pair = await ReplicaPair.StartAsync("replica-down", 7, "landmap_replica_down");
        await using var api = ApiHost.Start(pair.Primary.ConnectionString, pair.ApiSettings);
        await using var writes = NpgsqlDataSource.Create(pair.Primary.ConnectionString);
        await using (var standby = NpgsqlDataSource.Create(pair.Standby.ConnectionString))
            await ReplicaPair.CatchUpAsync(writes, standby);
        using var client = api.CreateClient(token: true);
        var id = await writes.ScalarAsync<long>("select min(id) from parcels");
        string[] reads = ["ogc/collections/parcels/items?limit=5", $"ogc/collections/parcels/items/{id}", "ogc/collections/parcels/tiles/WebMercatorQuad/0/0/0"];
        await ReadAllAsync(client, reads, 1); // the API's replica pool now holds connections
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ReadyAsync(client));
        output.WriteLine($"pair and API up: {clock.Elapsed.TotalSeconds:0.0} s");

        // Stopped: the pooled connections to it are broken. A read that meets one marks the replica
        // down and runs again on the primary, so not even the first read fails.
        await pair.Standby.StopAsync(CancellationToken.None);
        await ReadAllAsync(client, reads, 20);
        Assert.Equal((HttpStatusCode.OK, "Degraded\npostgis-read: Degraded"), await ReadyAsync(client));
        output.WriteLine($"replica stopped, 60 reads served: {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Matches("landmap_replica_down_total\\{[^}]*reason=\"unreachable\"[^}]*\\} [1-9]", await client.GetStringAsync("metrics"));

        // Back: the probe finds it within a second or so, and reads go to it again.
        await pair.Standby.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(async () => await ReadyAsync(client) == (HttpStatusCode.OK, "Healthy"), Patience, "readiness healthy again");
        await ReadAllAsync(client, reads, 1);
        await using (var standby = NpgsqlDataSource.Create(pair.Standby.ConnectionString))
            Assert.True(await standby.ScalarAsync<long>("select count(*) from pg_stat_activity where application_name = 'landmap-read'") > 0);
        output.WriteLine($"replica back and read from: {clock.Elapsed.TotalSeconds:0.0} s");

        // Promoted: it answers, but no longer follows the primary, so reads leave it: a write on
        // the primary (which the promoted copy never sees) is read at once, without any header.
        await pair.PromoteStandbyAsync();
        await Eventually.TrueAsync(async () => (await ReadyAsync(client)).Body.StartsWith("Degraded", StringComparison.Ordinal), Patience, "replica degraded");
        var value = "primary-" + Guid.NewGuid().ToString("N")[..8];
        await writes.ScalarAsync<int>($"update parcels set land_user = '{value}' where id = {id} returning 1");
        var item = JsonNode.Parse(await client.GetStringAsync($"ogc/collections/parcels/items/{id}"))!;
        Assert.Equal(value, (string?)item["properties"]!["land_user"]);
        output.WriteLine($"replica promoted and left: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task ReadAllAsync(HttpClient client, string[] urls, int rounds)
    {
        for (var i = 0; i < rounds; i++)
            foreach (var url in urls)
            {
                using var response = await client.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.OK,
                    $"round {i + 1}, {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
    }

    private static async Task<(HttpStatusCode Status, string Body)> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync("health/ready");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
