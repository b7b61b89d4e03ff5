using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LandMap.Tests.Infrastructure;
using static LandMap.Tests.Upload.UploadFiles;

namespace LandMap.Tests.Trust;

/// <summary>Seeing it run: the request id header, /metrics with per-route request metrics and the
/// Npgsql pool, health.</summary>
public sealed class ObservabilityTests(LandMapServer server)
{
    [Fact]
    public async Task Every_response_carries_a_request_id_and_a_well_formed_one_from_the_client_is_kept()
    {
        using var client = server.CreateClient();
        using (var plain = await client.GetAsync("ogc/conformance"))
            Assert.False(string.IsNullOrWhiteSpace(plain.Headers.GetValues("X-Request-Id").Single()));

        using var given = new HttpRequestMessage(HttpMethod.Get, "ogc/collections/no-such-collection");
        given.Headers.Add("X-Request-Id", "survey-2026.11:42");
        using (var response = await client.SendAsync(given))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode); // error answers carry it too
            Assert.Equal("survey-2026.11:42", response.Headers.GetValues("X-Request-Id").Single());
        }

        using var bad = new HttpRequestMessage(HttpMethod.Get, "ogc/conformance");
        bad.Headers.TryAddWithoutValidation("X-Request-Id", "no spaces <please>");
        using var replaced = await client.SendAsync(bad);
        Assert.NotEqual("no spaces <please>", replaced.Headers.GetValues("X-Request-Id").Single());
    }

    [Fact]
    public async Task Metrics_show_the_route_of_a_request_just_made_and_the_database_pool()
    {
        // A process of its own: in-process test hosts share the runtime's meter listeners, and one
        // host's disposal can end another's ASP.NET Core hosting metrics (seen as a flaky miss here).
        var cs = await server.CreateEmptyDatabaseAsync("landmap_metrics");
        await using var api = await ApiProcess.StartAsync(cs, new Dictionary<string, string>
        {
            ["LandMap:LoadSampleData"] = "true",
            ["LandMap:Auth:AnonymousRead"] = "true",
        });
        using var client = new HttpClient { BaseAddress = new Uri(api.BaseUrl + "/") };
        using (var items = await client.GetAsync("ogc/collections/parks/items?limit=1")) Assert.Equal(HttpStatusCode.OK, items.StatusCode);
        // A dry run writes nothing, so it may go to the shared server.
        using var upload = new HttpRequestMessage(HttpMethod.Post, "api/uploads?collection=parcels&crs=EPSG:4549&dryRun=true")
        {
            Content = new StringContent(Collection(Feature(Code("metrics"), Square4549(121.07, 28.12, 50))), Encoding.UTF8, "application/geo+json"),
        };
        upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", LandMapServer.TestWriteToken);
        using (var dryRun = await client.SendAsync(upload)) Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);

        // The request's duration is recorded as its response completes: look a few times.
        var metrics = "";
        for (var i = 0; i < 20 && !metrics.Contains("http_route=\"/ogc/collections/{collectionId}/items\""); i++)
        {
            if (i > 0) await Task.Delay(100);
            using var response = await client.GetAsync("metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            metrics = await response.Content.ReadAsStringAsync();
        }
        Assert.Contains("http_server_request_duration_seconds_bucket{", metrics);
        Assert.Contains("http_route=\"/ogc/collections/{collectionId}/items\"", metrics);
        Assert.Matches("landmap_uploads_total\\{[^}]*outcome=\"dry_run\"", metrics);
        // Npgsql's pool: connections by state (idle, used) and the pool's size.
        Assert.Matches("db_client_connection_count\\{[^}]*db_client_connection_state=\"idle\"", metrics);
        Assert.Contains("db_client_connection_max", metrics);
    }

    [Fact]
    public async Task Live_answers_and_ready_says_the_database_answers()
    {
        using var client = server.CreateClient();
        using var live = await client.GetAsync("health/live");
        using var ready = await client.GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }
}
