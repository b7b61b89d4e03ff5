using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using Npgsql;

namespace LandMap.Tests.Faults;

/// <summary>
/// PostgreSQL stopped for real (pg_ctl stop -m fast) under a running upload, on a cluster of this
/// test's own (port LANDMAP_TEST_PG_PORT + 2) so the shared one keeps serving the other tests: the
/// upload fails with a clear error and leaves nothing, readiness says 503 while the database is
/// away, and once it is back the same service process serves again.
/// </summary>
public sealed class DatabaseStopTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task An_upload_fails_cleanly_when_PostgreSQL_stops_and_the_service_recovers_when_it_returns()
    {
        var cluster = await ScratchCluster.StartAsync("faults", 2, "landmap_faults");
        try
        {
            await using var api = ApiHost.Start(cluster.ConnectionString);
            await using var db = NpgsqlDataSource.Create(cluster.ConnectionString);
            using var client = api.CreateClient(token: true);
            var parcels = await db.ScalarAsync<long>("select count(*) from parcels");
            var history = await db.ScalarAsync<long>("select count(*) from parcel_history");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health/ready")).StatusCode);

            // Hold the writers' lock so the upload waits, staged, at its checks; then stop the server under it.
            var file = UploadFile("STOP", 50);
            Task<HttpResponseMessage> upload;
            await using (var blocker = await db.OpenConnectionAsync())
            {
                await using var tx = await blocker.BeginTransactionAsync();
                await using (var l = new NpgsqlCommand("lock table parcels in share row exclusive mode", blocker, tx)) await l.ExecuteNonQueryAsync();
                upload = client.PostAsync("api/uploads?collection=parcels", new StringContent(file, Encoding.UTF8, "application/geo+json"));
                await Eventually.TrueAsync(async () => await db.ScalarAsync<long>(
                    "select count(*) from pg_stat_activity where application_name like 'landmap upload%' and wait_event_type = 'Lock'") > 0, Patience);

                await cluster.StopAsync(CancellationToken.None);
            }

            // The upload's own answer says what happened (the job record lives in the database that is away).
            using (var failed = await upload)
            {
                var problem = JsonNode.Parse(await failed.Content.ReadAsStringAsync())!;
                Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
                Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
                Assert.Equal("Upload failed", (string?)problem["title"]);
                Assert.Contains("nothing was written", (string?)problem["detail"]);
            }

            var ready = await client.GetAsync("health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var items = await client.GetAsync("ogc/collections/parcels/items?limit=1");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, items.StatusCode);
            Assert.Equal("application/problem+json", items.Content.Headers.ContentType?.MediaType);

            await cluster.StartAsync(CancellationToken.None);
            await Eventually.TrueAsync(async () => await db.ScalarAsync<int>("select 1") == 1, Patience);
            // The service's pooled connections died with the server: its very first requests after
            // the database returns (before anyone asks for readiness) must be served.
            for (var i = 0; i < 5; i++)
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"ogc/collections/parcels/items?limit={i + 1}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health/ready")).StatusCode);
            Assert.Equal(parcels, await db.ScalarAsync<long>("select count(*) from parcels"));
            Assert.Equal(history, await db.ScalarAsync<long>("select count(*) from parcel_history"));
            Assert.Equal(0, await db.ScalarAsync<long>("select count(*) from parcels where code like 'STOP-%'"));
            Assert.Equal(0, await db.ScalarAsync<long>("select count(*) from uploads"));

            // And it takes the same upload now.
            using var content = new StringContent(file, Encoding.UTF8, "application/geo+json");
            var again = await client.PostAsync("api/uploads?collection=parcels", content);
            Assert.True(again.StatusCode == HttpStatusCode.Created, await again.Content.ReadAsStringAsync());
        }
        finally
        {
            await cluster.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Parcels of 40 m (about 0.0004°) in rows in a corner of the zone no sample parcel covers.</summary>
    internal static string UploadFile(string prefix, int count, double lon = 121.03, double lat = 28.10)
    {
        var features = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var (x, y) = (lon + i % 20 * 0.0006, lat + i / 20 * 0.0006);
            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["properties"] = new JsonObject { ["code"] = $"{prefix}-{i}", ["park_code"] = "P-BH", ["land_use"] = "0601", ["land_use_edition"] = "2017", ["status"] = "idle" },
                ["geometry"] = new JsonObject
                {
                    ["type"] = "Polygon",
                    ["coordinates"] = new JsonArray(new JsonArray(new JsonArray(x, y), new JsonArray(x + 0.0004, y),
                        new JsonArray(x + 0.0004, y + 0.0004), new JsonArray(x, y + 0.0004), new JsonArray(x, y))),
                },
            });
        }
        return new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString();
    }
}
