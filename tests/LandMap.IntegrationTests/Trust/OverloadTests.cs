using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Npgsql;

namespace LandMap.Tests.Trust;

/// <summary>
/// Overload over real HTTP: a request held inside the service (its table locked by the test) takes
/// the only slot; the next waits at most the queue's deadline and gets 503, one more finds the
/// queue full and gets 503 at once; both say when to retry; once the slot is free requests are served.
/// </summary>
public sealed class OverloadTests(BusySite site) : IClassFixture<BusySite>
{
    private const string Held = "ogc/collections/parks/items?limit=1";

    [Fact]
    public async Task Beyond_its_slots_and_queue_the_service_answers_503_quickly_and_recovers()
    {
        using var client = site.Client();
        using (var warm = await client.GetAsync(Held)) Assert.Equal(HttpStatusCode.OK, warm.StatusCode);

        await using var conn = await site.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var lockParks = new NpgsqlCommand("lock table parks in access exclusive mode", conn, tx))
            await lockParks.ExecuteNonQueryAsync();

        var held = client.GetAsync(Held);
        await WaitUntilBlockedAsync();

        // Readiness shows the saturation (it is never queued itself): every slot busy is Degraded, with why.
        using (var ready = await client.GetAsync("health/ready"))
        {
            var text = await ready.Content.ReadAsStringAsync();
            Assert.True(ready.StatusCode == HttpStatusCode.OK, $"{ready.StatusCode}: {text}");
            Assert.StartsWith("Degraded", text);
            Assert.Contains("load: Degraded (all slots busy: 1 of 1 slots busy, 0 of 1 waiting)", text);
        }

        // Waits in the queue (one place) until its deadline, then 503.
        var waited = Stopwatch.StartNew();
        var queued = client.GetAsync("ogc/collections/parks/items?limit=2");
        await Task.Delay(50);
        // The queue is (three quarters or more) full: not ready, 503, so a balancer sends work elsewhere.
        using (var ready = await client.GetAsync("health/ready"))
        {
            var text = await ready.Content.ReadAsStringAsync();
            Assert.True(ready.StatusCode == HttpStatusCode.ServiceUnavailable, $"{ready.StatusCode}: {text}");
            Assert.Contains("load: Unhealthy (saturated: 1 of 1 slots busy, 1 of 1 waiting)", text);
        }
        // The queue's one place is taken: refused at once.
        var full = Stopwatch.StartNew();
        using (var refused = await client.GetAsync("ogc/collections"))
        {
            full.Stop();
            await AssertBusyAsync(refused, "queue is full");
            Assert.True(full.ElapsedMilliseconds < 2000, $"{full.ElapsedMilliseconds} ms to refuse with a full queue");
        }
        using (var timedOut = await queued)
        {
            waited.Stop();
            await AssertBusyAsync(timedOut, "waited 300 ms");
            Assert.InRange(waited.ElapsedMilliseconds, 290, 5000);
        }
        Assert.False(held.IsCompleted); // still waiting for the lock: it holds the slot all along

        await tx.RollbackAsync();
        using (var served = await held) Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        using (var again = await client.GetAsync("ogc/collections")) Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        // Health is never queued behind data requests.
        using (var ready = await client.GetAsync("health/live")) Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private static async Task AssertBusyAsync(HttpResponseMessage response, string why)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(503, (int)problem["status"]!);
        var detail = (string)problem["detail"]!;
        Assert.True(detail.Contains(why, StringComparison.Ordinal), detail);
    }

    /// <summary>Until the held request is inside PostgreSQL, waiting for the test's lock (so it has its slot).</summary>
    private async Task WaitUntilBlockedAsync()
    {
        await using var cmd = site.DataSource.CreateCommand(
            "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((long)(await cmd.ExecuteScalarAsync())! == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the held request never reached the lock");
            await Task.Delay(20);
        }
    }
}
