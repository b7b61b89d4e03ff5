using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using Npgsql;

namespace LandMap.Tests.Faults;

/// <summary>
/// Two copies of the API over one database (as behind a load balancer), on a database of this
/// class's own: concurrent edits of one parcel give one success and one 412; concurrent uploads
/// of parcels overlapping each other commit one and report the overlap for the other.
/// </summary>
public sealed class TwoCopiesTests(LandMapServer server)
{
    [Fact]
    public async Task Two_copies_edit_one_parcel_at_once_one_wins_and_the_other_gets_412()
    {
        await using var two = await TwoCopies.StartAsync(server, "landmap_two_copies");
        var (ca, cb, db) = (two.A, two.B, two.Db);

        var id = await db.ScalarAsync<long>("select min(id) from parcels");
        var item = await ca.GetAsync($"ogc/collections/parcels/items/{id}");
        var etag = item.Headers.ETag!.Tag;
        var history = await db.ScalarAsync<long>($"select count(*) from parcel_history where parcel_id = {id}");

        for (var round = 0; round < 3; round++)
        {
            var statuses = await Task.WhenAll(Patch(ca, id, etag, "in_use"), Patch(cb, id, etag, "idle"));
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], statuses.Select(s => s.Status).Order().ToArray());
            var winner = statuses.Single(s => s.Status == HttpStatusCode.OK);
            var loser = statuses.Single(s => s.Status == HttpStatusCode.PreconditionFailed);
            // The loser is told the version that won.
            Assert.Equal(winner.ETag, (string?)loser.Body["currentETag"]);
            etag = winner.ETag!;
        }
        // One new version per round: nothing of a losing edit was kept.
        Assert.Equal(history + 3, await db.ScalarAsync<long>($"select count(*) from parcel_history where parcel_id = {id}"));
    }

    [Fact]
    public async Task Two_copies_take_overlapping_uploads_at_once_one_commits_and_the_other_reports_the_overlap()
    {
        await using var two = await TwoCopies.StartAsync(server, "landmap_two_uploads");
        var (ca, cb, db) = (two.A, two.B, two.Db);
        var parcels = await db.ScalarAsync<long>("select count(*) from parcels");

        for (var round = 0; round < 3; round++)
        {
            // Same places, shifted by a quarter of a parcel: every parcel of one overlaps one of the other.
            var lon = 121.03 + round * 0.02;
            var fileA = DatabaseStopTests.UploadFile($"TWO-A{round}", 30, lon);
            var fileB = DatabaseStopTests.UploadFile($"TWO-B{round}", 30, lon + 0.0001);
            var results = await Task.WhenAll(Upload(ca, fileA), Upload(cb, fileB));
            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.UnprocessableEntity], results.Select(r => r.Status).Order().ToArray());
            var committed = results[0].Status == HttpStatusCode.Created ? "A" : "B";
            var refused = results.Single(r => r.Status == HttpStatusCode.UnprocessableEntity).Body;
            var overlaps = refused["report"]!["problems"]!.AsArray().Where(p => (string?)p!["kind"] == "Overlap").ToList();
            Assert.Equal(30, overlaps.Count);
            Assert.All(overlaps, p => Assert.StartsWith($"TWO-{committed}{round}-", (string?)p!["otherCode"]));
            parcels += 30;
            Assert.Equal(parcels, await db.ScalarAsync<long>("select count(*) from parcels"));
            Assert.Equal(30, await db.ScalarAsync<long>($"select count(*) from parcels where code like 'TWO-{committed}{round}-%'"));
        }
        Assert.Equal(3, await db.ScalarAsync<long>("select count(*) from uploads"));
    }

    private static async Task<(HttpStatusCode Status, string? ETag, JsonNode Body)> Patch(HttpClient client, long id, string etag, string status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"ogc/collections/parcels/items/{id}")
        {
            Content = new StringContent("{\"properties\":{\"status\":\"" + status + "\"}}", Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Headers.ETag?.Tag, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> Upload(HttpClient client, string file)
    {
        using var content = new StringContent(file, Encoding.UTF8, "application/geo+json");
        using var response = await client.PostAsync("api/uploads?collection=parcels", content);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>Two API copies over one new database with the sample, each with a client carrying the token.</summary>
    private sealed class TwoCopies : IAsyncDisposable
    {
        private readonly List<IAsyncDisposable> owned = [];
        public HttpClient A { get; private init; } = null!;
        public HttpClient B { get; private init; } = null!;
        public NpgsqlDataSource Db { get; private init; } = null!;

        public static async Task<TwoCopies> StartAsync(LandMapServer server, string database)
        {
            var cs = await server.CreateEmptyDatabaseAsync(database);
            var a = ApiHost.Start(cs); // migrates and loads the sample; the second finds it done
            var b = ApiHost.Start(cs);
            var two = new TwoCopies { A = a.CreateClient(token: true), B = b.CreateClient(token: true), Db = NpgsqlDataSource.Create(cs) };
            two.owned.AddRange([a, b, two.Db]);
            return two;
        }

        public async ValueTask DisposeAsync()
        {
            A.Dispose();
            B.Dispose();
            foreach (var d in owned) await d.DisposeAsync();
        }
    }
}
