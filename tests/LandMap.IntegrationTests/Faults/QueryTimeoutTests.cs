using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using Npgsql;

namespace LandMap.Tests.Faults;

/// <summary>
/// A read whose database work runs past the command timeout (here: 1 s, while the test holds a lock
/// the read waits for) is stopped and answered 503 "Query timeout" without Retry-After (the same
/// request would run as long again), not "the database cannot be reached"; the service goes on.
/// </summary>
public sealed class QueryTimeoutTests(LandMapServer server)
{
    [Fact]
    public async Task A_read_past_the_command_timeout_is_a_query_timeout_and_the_service_goes_on()
    {
        var cs = await server.CreateEmptyDatabaseAsync("landmap_query_timeout");
        var settings = new Dictionary<string, string> { ["LandMap:LoadSampleData"] = "false", ["LandMap:Auth:AnonymousRead"] = "true" };
        // Migrate with the default timeout first: on a busy machine a migration may take over a second.
        await (ApiHost.Start(cs, settings)).DisposeAsync();
        await using var api = ApiHost.Start(cs + ";Command Timeout=1", settings);
        using var client = api.CreateClient();
        const string Items = "ogc/collections/parks/items?limit=1";
        using (var before = await client.GetAsync(Items)) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await using var db = NpgsqlDataSource.Create(cs);
        await using var conn = await db.OpenConnectionAsync();
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await using (var lockParks = new NpgsqlCommand("lock table parks in access exclusive mode", conn, tx))
                await lockParks.ExecuteNonQueryAsync();
            var clock = Stopwatch.StartNew();
            using var stopped = await client.GetAsync(Items);
            clock.Stop();
            var body = await stopped.Content.ReadAsStringAsync();
            Assert.True(stopped.StatusCode == HttpStatusCode.ServiceUnavailable, $"{stopped.StatusCode}: {body}");
            Assert.Equal("application/problem+json", stopped.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Query timeout", (string?)JsonNode.Parse(body)!["title"]);
            Assert.Null(stopped.Headers.RetryAfter);
            Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 20);
            await tx.RollbackAsync();
        }

        // The cancelled statement left nothing behind: the next read is served.
        using var after = await client.GetAsync(Items);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
