using System.Net;
using System.Text;
using LandMap.Api.Data;
using LandMap.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LandMap.Tests.Faults;

/// <summary>Tests that start the <see cref="ReplicaPair"/> on LANDMAP_TEST_PG_PORT + 5 and + 6 run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ReplicaPairPorts5And6
{
    /// <summary>The collection's name.</summary>
    public const string Name = "replica pair on ports +5 and +6";
}

/// <summary>
/// Every route marked <see cref="ReadSource.Replica"/> (taken from the service's own endpoints, so a
/// route added later is covered, and one without a sample request fails naming itself) against a
/// real streaming replica (<see cref="ReplicaPair"/>, + 5 and + 6), in three rounds that a route
/// cannot pass by accident: with the PRIMARY STOPPED it answers as before (so it read on the
/// replica); with the replica stopped and the primary back, it answers as before (it falls back);
/// with BOTH stopped it fails (so it reads a database at all, and no cache answered the first
/// round). Routes marked <see cref="ReadSource.None"/> answer as before with both stopped. The
/// in-memory caches are emptied before each round, the tile cache is off.
/// </summary>
[Collection(ReplicaPairPorts5And6.Name)]
public sealed class ReplicaRoutesTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>The request(s) each route is called with, by route pattern: query strings (GET) or
    /// bodies (POST); a route not listed is called once, plainly. The exports and HTML views are
    /// separate representations with their own code paths, so they are asked for too.</summary>
    private static Dictionary<string, string[]> Queries(string road) => new()
    {
        ["/ogc/collections/{collectionId}/items"] = ["limit=5", "limit=5&f=html", "f=csv", "f=xlsx&lang=en"],
        ["/ogc/collections/{collectionId}/items/{featureId}"] = ["", "f=html"],
        ["/ogc/collections"] = ["", "f=html"],
        ["/ogc/collections/{collectionId}"] = ["", "f=html"],
        ["/ogc/collections/{collectionId}/queryables"] = ["", "f=html"],
        ["/api/parcels/near"] = [$"road={road}&distance=50"],
        ["/api/parcels/totals"] = ["", "filter=status='idle'"],
        ["/api/planning/compliance"] = ["", "f=xlsx"],
        ["/api/supervision/idle-warnings"] = ["", "f=csv"],
        ["/api/reports/parks"] = ["", "f=xlsx"],
    };

    private const string Polygon = """{"type":"Polygon","coordinates":[[[120.80,27.83],[120.84,27.83],[120.84,27.87],[120.80,27.87],[120.80,27.83]]]}""";

    private static readonly Dictionary<string, string> Bodies = new()
    {
        ["/api/parcels/intersecting"] = Polygon,
        ["/api/parcels/area"] = """{"park":"P-JH"}""",
        ["/api/site-check"] = $$"""{"geometry":{{Polygon}}}""",
    };

    private sealed record Call(string Name, HttpMethod Method, string Url, string? Body);

    [Fact]
    public async Task Every_replica_route_reads_on_the_replica_falls_back_to_the_primary_and_needs_a_database()
    {
        await using var pair = await ReplicaPair.StartAsync("replica-routes", 5, "landmap_replica_routes");
        var settings = new Dictionary<string, string>(pair.ApiSettings) { ["LandMap:TileCache:Megabytes"] = "0" };
        await using var api = ApiHost.Start(pair.Primary.ConnectionString, settings);
        await using var writes = NpgsqlDataSource.Create(pair.Primary.ConnectionString);
        await using var standby = NpgsqlDataSource.Create(pair.Standby.ConnectionString);
        await ReplicaPair.CatchUpAsync(writes, standby);
        // Anonymous reads: a token would be checked on the primary (as it must be: a revocation counts at once).
        using var client = api.CreateClient();

        var (replicaCalls, noDatabaseCalls) = await CallsAsync(api.Services, standby);
        Assert.Contains(replicaCalls, c => c.Url.Contains("/tiles/WebMercatorQuad/14/", StringComparison.Ordinal));
        Assert.Contains(replicaCalls, c => c.Method == HttpMethod.Post);

        // Round 0, both up: what each route answers (every replica route must succeed with its sample).
        var expected = new Dictionary<Call, HttpStatusCode>();
        foreach (var c in replicaCalls.Concat(noDatabaseCalls)) expected[c] = (await SendAsync(client, c, api.Services)).Status;
        var unusable = replicaCalls.Where(c => (int)expected[c] is < 200 or > 299).Select(c => $"{c.Name}: {(int)expected[c]}").ToList();
        Assert.True(unusable.Count == 0, "replica routes that fail with both databases up (fix the sample):\n" + string.Join("\n", unusable));

        var failures = new List<string>();
        // Round 1, the primary stopped: a replica route that still answers read on the replica.
        await pair.Primary.StopAsync(CancellationToken.None);
        foreach (var c in replicaCalls)
        {
            var (status, body) = await SendAsync(client, c, api.Services);
            if (status != expected[c]) failures.Add($"primary stopped, {c.Name}: {(int)status} (was {(int)expected[c]}): reads the primary? {Short(body)}");
        }
        output.WriteLine($"{replicaCalls.Count} replica routes answered with the primary stopped");

        // Round 2, the primary back and the replica stopped: every read falls back to the primary.
        await pair.Primary.StartAsync(CancellationToken.None);
        await pair.Standby.StopAsync(CancellationToken.None);
        // The restarted primary's pooled connections are broken: a GET survives one by its retry, a
        // POST selection answers 503 that once (README); and the probe marks the replica down first.
        api.Services.GetRequiredService<NpgsqlDataSource>().Clear();
        await Eventually.TrueAsync(() => Task.FromResult(!api.Services.GetRequiredService<ReadDataSource>().State.Usable), Patience, "replica marked down");
        foreach (var c in replicaCalls)
        {
            var (status, body) = await SendAsync(client, c, api.Services);
            if (status != expected[c]) failures.Add($"replica stopped, {c.Name}: {(int)status} (was {(int)expected[c]}): no fallback? {Short(body)}");
        }

        // Round 3, both stopped: a replica route fails (it reads a database, and no cache answered
        // round 1); a route that reads no database answers as before.
        await pair.Primary.StopAsync(CancellationToken.None);
        foreach (var c in replicaCalls)
        {
            var (status, _) = await SendAsync(client, c, api.Services);
            if ((int)status is >= 200 and < 400) failures.Add($"both stopped, {c.Name}: {(int)status}: answered without any database (a cache?)");
        }
        foreach (var c in noDatabaseCalls)
        {
            var (status, body) = await SendAsync(client, c, api.Services);
            if (status != expected[c]) failures.Add($"both stopped, {c.Name} (no database): {(int)status} (was {(int)expected[c]}) {Short(body)}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>One call (or one per listed query) for every replica route and every GET route
    /// that reads no database, route values filled with data of the replica.</summary>
    private static async Task<(List<Call> Replica, List<Call> NoDatabase)> CallsAsync(IServiceProvider services, NpgsqlDataSource db)
    {
        var parcel = await OneAsync(db, "select id::text, code from parcels order by id limit 1");
        var road = (await OneAsync(db, "select code, code from roads order by id limit 1")).Item1;
        var samples = new Dictionary<string, string>
        {
            ["collectionId"] = "parcels", ["featureId"] = parcel.Item1, ["tileMatrixSetId"] = "WebMercatorQuad",
            ["tileMatrix"] = "14", ["tileRow"] = "6871", ["tileCol"] = "13690", ["documentName"] = "ogc",
        };
        string? Sample(RouteEndpoint e, string name) => name == "code"
            ? e.RoutePattern.RawText!.Contains("/parks/", StringComparison.Ordinal) ? "P-JH" : parcel.Item2
            : samples.GetValueOrDefault(name);
        var queries = Queries(road);
        var (replica, none) = (new List<Call>(), new List<Call>());
        foreach (var e in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var source = e.Metadata.GetMetadata<ReadsFromAttribute>()?.Source;
            var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var pattern = e.RoutePattern.RawText!;
            if (source == ReadSource.Replica && methods.Contains(HttpMethods.Post))
            {
                if (!Bodies.TryGetValue(pattern, out var body))
                    throw new Xunit.Sdk.XunitException($"no sample body for POST {pattern}, a replica route: add one to {nameof(Bodies)}");
                replica.Add(new($"POST {pattern}", HttpMethod.Post, RouteUrls.Fill(e, Sample), body));
            }
            else if (methods.Contains(HttpMethods.Get) && source is ReadSource.Replica or ReadSource.None
                     && !pattern.StartsWith("/docs", StringComparison.Ordinal)) // the reference's own assets
            {
                var url = RouteUrls.Fill(e, Sample);
                foreach (var q in queries.GetValueOrDefault(pattern, [""]))
                    (source == ReadSource.Replica ? replica : none).Add(new($"GET {pattern}{(q.Length > 0 ? "?" + q : "")}", HttpMethod.Get, q.Length > 0 ? $"{url}?{q}" : url, null));
            }
        }
        return (replica, none);
    }

    private static async Task<(string, string)> OneAsync(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync(), sql);
        return (r.GetString(0), r.GetString(1));
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, Call c, IServiceProvider services)
    {
        // Cached extents and metadata would answer without reading anywhere: each call reads afresh.
        (services.GetRequiredService<IMemoryCache>() as MemoryCache)?.Clear();
        using var request = new HttpRequestMessage(c.Method, c.Url);
        if (c.Body is not null) request.Content = new StringContent(c.Body, Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Short(string body) => body.Length <= 300 ? body : body[..300] + "...";
}
