using System.Net;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Api;

/// <summary>Every earlier version of a parcel is kept, listed by code, and readable as of a moment.</summary>
public sealed class HistoryTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    [Fact]
    public async Task An_update_keeps_the_old_version_listed_and_readable_as_of_before_it()
    {
        // land_user: a property no other test sorts or filters on.
        var code = await server.DataSource.ScalarAsync<string>("select code from parcels where park_code = 'P-DS' order by id limit 1");
        var before = await server.DataSource.ScalarAsync<DateTime>("select clock_timestamp()");
        var oldUser = await server.DataSource.ScalarAsync<string>($"select coalesce(land_user, '') from parcels where code = '{code}'");
        await Task.Delay(50);
        await server.DataSource.ScalarAsync<int>($"update parcels set land_user = '新使用者', updated_by = 'history-test', source = 'test' where code = '{code}' returning 1");

        var history = await _client.GetJsonAsync($"api/parcels/{code}/history");
        var versions = history["versions"]!.AsArray();
        Assert.True(versions.Count >= 2);
        Assert.Equal("current", (string)versions[0]!["operation"]!);
        Assert.Equal("新使用者", (string)versions[0]!["attributes"]!["land_user"]!);
        Assert.Equal("update", (string)versions[1]!["operation"]!);
        Assert.Equal(oldUser, (string?)versions[1]!["attributes"]!["land_user"] ?? "");
        Assert.Equal((int)versions[1]!["version"]! + 1, (int)versions[0]!["version"]!);

        var asOf = Uri.EscapeDataString(before.ToUniversalTime().ToString("O"));
        var then = await _client.AllFeaturesAsync($"ogc/collections/parcels/items?limit=1000&asOf={asOf}&filter=" + Uri.EscapeDataString($"code = '{code}'"));
        Assert.Equal(oldUser, (string?)then.Single()["properties"]!["land_user"] ?? "");
        var now = await _client.AllFeaturesAsync("ogc/collections/parcels/items?filter=" + Uri.EscapeDataString($"code = '{code}'"));
        Assert.Equal("新使用者", (string)now.Single()["properties"]!["land_user"]!);
    }

    [Fact]
    public async Task Before_anything_was_loaded_the_collection_was_empty()
    {
        var page = await _client.GetJsonAsync("ogc/collections/parcels/items?asOf=2000-01-01");
        Assert.Equal(0, (int)page["numberReturned"]!);
    }

    [Theory]
    [InlineData("api/parcels/NO-SUCH-PARCEL/history", HttpStatusCode.NotFound)]
    [InlineData("ogc/collections/roads/items?asOf=2020-01-01", HttpStatusCode.BadRequest)]
    [InlineData("ogc/collections/parcels/items?asOf=yesterday", HttpStatusCode.BadRequest)]
    public async Task Unknown_parcels_and_bad_moments_are_problems(string url, HttpStatusCode status)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
    }
}
