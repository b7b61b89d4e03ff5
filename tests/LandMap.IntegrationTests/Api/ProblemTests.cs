using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Api;

/// <summary>Bad requests get RFC 9457 problem+json naming the parameter, and never reach SQL.</summary>
public sealed class ProblemTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    [Theory]
    [InlineData("ogc/collections/parcels/items?bbox=120.8,27.8,120.9", "bbox")]
    [InlineData("ogc/collections/parcels/items?bbox=120.8,27.8,120.9,95", "bbox")]
    [InlineData("ogc/collections/parcels/items?bbox=120.8,27.9,120.9,27.8", "bbox")] // south above north (west above east crosses the antimeridian: BboxTests)
    [InlineData("ogc/collections/parcels/items?bbox=a,b,c,d", "bbox")]
    [InlineData("ogc/collections/parcels/items?bbox=NaN,27.8,120.9,27.9", "bbox")]
    [InlineData("ogc/collections/parcels/items?bbox=120.8,27.8,Infinity,27.9", "bbox")]
    [InlineData("ogc/collections/parcels/items?limit=-1", "limit")]
    [InlineData("ogc/collections/parcels/items?limit=0", "limit")]
    [InlineData("ogc/collections/parcels/items?limit=ten", "limit")]
    [InlineData("ogc/collections/parcels/items?cursor=1;drop table parcels", "cursor")]
    [InlineData("api/reports/land-indicators?year=twenty", "year")]
    [InlineData("api/reports/land-indicators?year=1066", "year")]
    public async Task Bad_parameter_is_a_400_problem_naming_it(string url, string parameter)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, (int)problem["status"]!);
        Assert.Equal(parameter, (string)problem["parameter"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
    }

    [Theory]
    [InlineData("ogc/collections/nope")]
    [InlineData("ogc/collections/nope/items")]
    [InlineData("ogc/collections/parcels/items/999999999")]
    [InlineData("ogc/collections/parcels/items/abc")]
    [InlineData("ogc/collections/pg_catalog.pg_user/items")]
    public async Task Unknown_collection_or_feature_is_a_404_problem(string url)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_limit_above_the_maximum_is_served_as_the_maximum()
    {
        var page = await _client.GetJsonAsync("ogc/collections/parcels/items?limit=99999999999");
        Assert.InRange(page["features"]!.AsArray().Count, 1, 10_000);
    }

    [Fact]
    public async Task Tables_are_unchanged_after_hostile_parameters()
    {
        await using var cmd = server.DataSource.CreateCommand("select count(*) from parcels");
        var before = (long)(await cmd.ExecuteScalarAsync())!;
        using var _ = await _client.GetAsync("ogc/collections/parcels/items?cursor=0);delete from parcels;--");
        Assert.Equal(before, (long)(await cmd.ExecuteScalarAsync())!);
    }
}
