using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Api.Data;
using LandMap.Tests.Infrastructure;
using Npgsql;

namespace LandMap.Tests.Faults;

/// <summary>
/// A real streaming replica on loopback (<see cref="ReplicaPair"/>: primary LANDMAP_TEST_PG_PORT + 5,
/// standby + 6). Items, parcel history and parcel states are read from the replica, a client that
/// sends back a write's <c>LandMap-Read-After</c> reads its own write even while the replica
/// stands still, and the replica refuses writes.
/// </summary>
[Collection(ReplicaPairPorts5And6.Name)]
public sealed class ReplicaTests
{
    /// <summary>What four read routes say of one parcel: item, history, recorded status, computed state.</summary>
    private sealed record ParcelViews(string? LandUser, int Versions, string? RecordedStatus, string? State);

    [Fact]
    public async Task Reads_go_to_the_replica_and_a_client_reads_its_own_writes()
    {
        await using var pair = await ReplicaPair.StartAsync("replica", 5, "landmap_replica");
        // The API migrates and loads the sample data on the primary; the replica follows by streaming.
        await using var api = ApiHost.Start(pair.Primary.ConnectionString, pair.ApiSettings);
        await using var writes = NpgsqlDataSource.Create(pair.Primary.ConnectionString);
        await using var reads = NpgsqlDataSource.Create(pair.Standby.ConnectionString);
        await ReplicaPair.CatchUpAsync(writes, reads);

        // (3) The read database is a replica in recovery: a write through it fails.
        Assert.True(await reads.ScalarAsync<bool>("select pg_is_in_recovery()"));
        var refused = await Assert.ThrowsAsync<PostgresException>(() => reads.ScalarAsync<int>("create table nope (x int)"));
        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, refused.SqlState);

        using var client = api.CreateClient(token: true);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health/ready")).StatusCode);

        // A parcel in use: recording it as low-efficiency changes its item, history, recorded status and state.
        var states = await client.GetJsonAsync("api/parcels/states");
        var code = (string)states["parcels"]!.AsArray().First(p => (string?)p!["state"] == "in_use")!["code"]!;
        var id = await writes.ScalarAsync<long>($"select id from parcels where code = '{code.Replace("'", "''")}'");
        var item = $"ogc/collections/parcels/items/{id}";
        using var first = await client.GetAsync(item);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!.Tag;
        var before = await ViewsAsync(client, id, code, null);
        Assert.Equal("in_use", before.State);

        // (1) The API's read connections are on the replica, under their own application name.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("ogc/collections/parcels/items?limit=5")).StatusCode);
        Assert.True(await reads.ScalarAsync<long>("select count(*) from pg_stat_activity where application_name = 'landmap-read'") > 0);

        // Hold the replica still, so only the read-after header can make the write visible.
        await reads.ScalarAsync<object>("select pg_wal_replay_pause()");
        var value = "replica-" + Guid.NewGuid().ToString("N")[..8];
        using var patch = new HttpRequestMessage(HttpMethod.Patch, item)
        {
            Content = new StringContent(new JsonObject { ["properties"] = new JsonObject { ["land_user"] = value, ["status"] = "low_efficiency" } }.ToJsonString(),
                Encoding.UTF8, "application/merge-patch+json"),
        };
        patch.Headers.TryAddWithoutValidation("If-Match", etag);
        using var patched = await client.SendAsync(patch);
        Assert.True(patched.StatusCode == HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        var after = Assert.Single(patched.Headers.GetValues(ReadDataSource.Header));
        Assert.True(NpgsqlTypes.NpgsqlLogSequenceNumber.TryParse(after, out _), after);
        var expected = new ParcelViews(value, before.Versions + 1, "low_efficiency", "low_efficiency");

        // Without the header: the replica's (older) copy on every route, which shows reads really go there.
        Assert.Equal(before, await ViewsAsync(client, id, code, null));
        // (2) With it: the replica has not replayed that far, so the primary answers, with the new values.
        Assert.Equal(expected, await ViewsAsync(client, id, code, after));

        // Once the replica replays, the same header is served by the replica, also new.
        await reads.ScalarAsync<object>("select pg_wal_replay_resume()");
        await ReplicaPair.CatchUpAsync(writes, reads);
        Assert.Equal(expected, await ViewsAsync(client, id, code, null));
        Assert.Equal(expected, await ViewsAsync(client, id, code, after));

        // The other read routes on the replica answer as usual (nothing in them writes).
        foreach (var url in new[]
        {
            "ogc/collections/parcels/tiles/WebMercatorQuad/0/0/0", "api/parks/P-BH/parcels?limit=2", "api/reports/parks",
            "api/lifecycle", "api/supervision/idle-warnings", "api/land-use-codes", "ogc/collections/parcels",
        })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        using var html = new HttpRequestMessage(HttpMethod.Get, "ogc/collections/parcels/items?limit=2");
        html.Headers.Accept.ParseAdd("text/html");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(html)).StatusCode);
    }

    private static async Task<ParcelViews> ViewsAsync(HttpClient client, long id, string code, string? readAfter)
    {
        var item = await GetAsync(client, $"ogc/collections/parcels/items/{id}", readAfter);
        var history = await GetAsync(client, $"api/parcels/{Uri.EscapeDataString(code)}/history", readAfter);
        var state = await GetAsync(client, $"api/parcels/{Uri.EscapeDataString(code)}/state", readAfter);
        var states = await GetAsync(client, "api/parcels/states", readAfter);
        return new((string?)item["properties"]!["land_user"], history["versions"]!.AsArray().Count, (string?)state["recordedStatus"],
            (string?)states["parcels"]!.AsArray().Single(p => (string?)p!["code"] == code)!["state"]);
    }

    private static async Task<JsonNode> GetAsync(HttpClient client, string url, string? readAfter)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (readAfter is not null) request.Headers.TryAddWithoutValidation(ReadDataSource.Header, readAfter);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }
}
