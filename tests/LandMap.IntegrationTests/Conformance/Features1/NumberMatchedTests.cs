using LandMap.Api.Domain;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using Npgsql;

namespace LandMap.Tests.Conformance.Features1;

/// <summary>
/// An API over a database of its own (landmap_counts: the sample data, then every sample parcel
/// copied 11 times, 12,588 parcels): more than 10,000 match, which the shared database (whose
/// counts other tests assert) must not hold. A second copy counts under a 1 ms budget.
/// </summary>
public sealed class ManyParcelsSite(LandMapServer server) : IAsyncLifetime
{
    /// <summary>Copies of each sample parcel added (codes SYN-n-code), so the parcels are well over 10,000.</summary>
    public const int Copies = 11;

    private ApiHost? _host;
    private ApiHost? _impatient;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>A client of a copy whose exact counts must finish in 1 ms (so they do not).</summary>
    public HttpClient Impatient { get; private set; } = null!;

    /// <summary>A client with the write token.</summary>
    public HttpClient Writer { get; private set; } = null!;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var cs = await server.CreateEmptyDatabaseAsync("landmap_counts");
        _host = ApiHost.Start(cs); // migrates and loads the sample data
        Client = _host.CreateClient();
        Writer = _host.CreateClient(token: true);
        DataSource = NpgsqlDataSource.Create(cs);
        await Client.GetJsonAsync("ogc/collections/parcels/items?limit=1");
        await DataSource.ScalarAsync<long>($"""
            with added as (
                insert into parcels (code, name, park_code, land_use, status, approved_on, halted_on, geom, source)
                select 'SYN-' || n || '-' || p.code, p.name, p.park_code, p.land_use, p.status, p.approved_on, p.halted_on, p.geom, 'synthetic'
                from parcels as p cross join generate_series(1, {Copies}) as n
                returning 1)
            select count(*) from added
            """);
        _impatient = ApiHost.Start(cs, new Dictionary<string, string> { ["LandMap:Limits:ExactCountTimeoutMilliseconds"] = "1" });
        Impatient = _impatient.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        Writer?.Dispose();
        Impatient?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        if (_impatient is not null) await _impatient.DisposeAsync();
        if (DataSource is not null) await DataSource.DisposeAsync();
    }
}

/// <summary>OGC API - Features Part 1, /req/core/fc-numberMatched: when given, numberMatched is the
/// number of features that match the selection, at any size; left out only when it cannot be had.</summary>
public sealed class NumberMatchedTests(ManyParcelsSite site) : IClassFixture<ManyParcelsSite>
{
    private Task<long> SqlCountAsync(string where = "true") => site.DataSource.ScalarAsync<long>($"select count(*) from parcels where {where}");

    private static string Items(string query) => "ogc/collections/parcels/items?limit=5&" + query;

    [Fact]
    [Trait("Requirement", "/req/core/fc-numberMatched")]
    public async Task Req_core_fc_numberMatched_an_unfiltered_collection_above_10000_is_counted_exactly()
    {
        var expected = await SqlCountAsync();
        Assert.True(expected > 10_000);
        var page = await site.Client.GetJsonAsync(Items(""));
        Assert.Equal(expected, (long)page["numberMatched"]!);
        Assert.Null(page["numberMatchedEstimate"]);
    }

    [Theory]
    [Trait("Requirement", "/req/core/fc-numberMatched")]
    [InlineData("filter=code LIKE 'SYN-%25'", "code like 'SYN-%'")]
    [InlineData("bbox=118,25,122,29", "st_intersects(geom, st_makeenvelope(118, 25, 122, 29, 4490))")]
    [InlineData("filter=status <> 'reclaimed' AND area_mu > 0", "status <> 'reclaimed' and area_mu > 0")]
    public async Task Req_core_fc_numberMatched_a_selection_above_10000_is_counted_exactly(string query, string where)
    {
        var expected = await SqlCountAsync(where);
        Assert.True(expected > 10_000, $"{expected} match");
        var page = await site.Client.GetJsonAsync(Items(query));
        Assert.Equal(expected, (long)page["numberMatched"]!);
    }

    [Fact]
    [Trait("Requirement", "/req/core/fc-numberMatched")]
    public async Task Req_core_fc_numberMatched_follows_an_insert_and_a_delete_through_the_api()
    {
        var before = (long)(await site.Client.GetJsonAsync(Items("")))["numberMatched"]!;
        var feature = new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = new JsonObject { ["code"] = $"CNT-{Guid.NewGuid():N}"[..16], ["park_code"] = "P-BH", ["land_use"] = "0601", ["land_use_edition"] = "2017", ["status"] = "idle" },
            ["geometry"] = new JsonObject
            {
                ["type"] = "Polygon",
                ["coordinates"] = new JsonArray(new JsonArray(
                    new JsonArray(121.1100, 28.1400), new JsonArray(121.1104, 28.1400), new JsonArray(121.1104, 28.1404),
                    new JsonArray(121.1100, 28.1404), new JsonArray(121.1100, 28.1400))),
            },
        };
        using var created = await site.Writer.PostAsync("ogc/collections/parcels/items",
            new StringContent(feature.ToJsonString(), Encoding.UTF8, "application/geo+json"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (long)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        var afterInsert = (long)(await site.Client.GetJsonAsync(Items("")))["numberMatched"]!;
        Assert.Equal((before + 1, await SqlCountAsync()), (afterInsert, afterInsert));

        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"ogc/collections/parcels/items/{id}");
        delete.Headers.TryAddWithoutValidation("If-Match", $"\"parcels-{id}-v1\"");
        using var deleted = await site.Writer.SendAsync(delete);
        Assert.True(deleted.IsSuccessStatusCode, await deleted.Content.ReadAsStringAsync());
        var afterDelete = (long)(await site.Client.GetJsonAsync(Items("")))["numberMatched"]!;
        Assert.Equal((before, await SqlCountAsync()), (afterDelete, afterDelete));
    }

    [Fact]
    [Trait("Requirement", "/req/core/fc-numberMatched")]
    public async Task Req_core_fc_numberMatched_is_left_out_not_guessed_when_the_count_runs_out_of_time()
    {
        // The computed state is a function call per row: 12,000 of them take far more than 1 ms.
        var page = await site.Impatient.GetJsonAsync(Items("filter=state IS NULL OR area_mu > 0"));
        Assert.Null(page["numberMatched"]);
        Assert.True((long)page["numberMatchedEstimate"]! > 0);
        Assert.Equal(5, (int)page["numberReturned"]!);
        // Unfiltered, the kept count needs no time budget.
        Assert.Equal(await SqlCountAsync(), (long)(await site.Impatient.GetJsonAsync(Items("")))["numberMatched"]!);
    }

    [Fact]
    [Trait("Requirement", "/req/core/fc-numberMatched")]
    public async Task Req_core_fc_numberMatched_the_kept_count_is_the_tables_after_direct_sql_writes()
    {
        await site.DataSource.ScalarAsync<long>("""
            with gone as (delete from parcels where code like 'SYN-11-%' returning 1) select count(*) from gone
            """);
        await site.DataSource.ScalarAsync<long>("""
            with added as (
                insert into parcels (code, park_code, land_use, status, geom, source)
                select replace(code, 'SYN-10-', 'SYN-11-'), park_code, land_use, status, geom, 'synthetic' from parcels where code like 'SYN-10-%'
                returning 1)
            select count(*) from added
            """);
        foreach (var collection in CollectionCatalog.All.Select(c => c.Id))
        {
            var page = await site.Client.GetJsonAsync($"ogc/collections/{collection}/items?limit=1");
            Assert.Equal(await site.DataSource.ScalarAsync<long>($"select count(*) from {collection}"), (long)page["numberMatched"]!);
        }
    }
}
