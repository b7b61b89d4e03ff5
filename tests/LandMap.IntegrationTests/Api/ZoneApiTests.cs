using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Api;

/// <summary>The zone's spatial questions at /api, each checked against PostGIS itself.</summary>
public sealed class ZoneApiTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    private const string Polygon = """{"type":"Polygon","coordinates":[[[120.80,27.83],[120.84,27.83],[120.84,27.87],[120.80,27.87],[120.80,27.83]]]}""";

    private Task<List<long>> Ids(string sql) => server.DataSource.IdsAsync(sql);

    private async Task<List<long>> AllIds(Func<string?, Task<JsonNode>> fetch)
    {
        var ids = new List<long>();
        string? cursor = null;
        do
        {
            var page = await fetch(cursor);
            ids.AddRange(page["features"]!.AsArray().Select(f => (long)f!["id"]!));
            var next = page.NextLink();
            cursor = next is null ? null : System.Web.HttpUtility.ParseQueryString(new Uri(next).Query)["cursor"];
        } while (cursor is not null);
        return ids;
    }

    private async Task<JsonNode> Post(string url, string body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await _client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    [Fact]
    public async Task Intersecting_a_posted_polygon_returns_what_PostGIS_returns()
    {
        var ids = await AllIds(c => Post($"api/parcels/intersecting?limit=100{(c is null ? "" : "&cursor=" + c)}", Polygon));
        var expected = await Ids($"select id from parcels where st_intersects(geom, st_setsrid(st_geomfromgeojson('{Polygon}'), 4490)) order by id");
        Assert.NotEmpty(expected);
        Assert.Equal(expected, ids);
    }

    [Theory]
    [InlineData("""{"type":"Polygon","coordinates":[[[120.80,27.83],[120.84,27.87],[120.84,27.83],[120.80,27.87],[120.80,27.83]]]}""", "SelfIntersection")]
    [InlineData("""{"type":"Point","coordinates":[120.8,27.8]}""", "Polygon")]
    [InlineData("""{"type":"Polygon","coordinates":[[[27.83,120.80],[27.83,120.84],[27.87,120.84],[27.83,120.80]]]}""", "lon")]
    [InlineData("""not json""", "JSON")]
    public async Task A_bad_polygon_is_a_400_saying_why(string body, string reason)
    {
        var problem = await Post("api/parcels/intersecting", body, HttpStatusCode.BadRequest);
        Assert.Contains(reason, (string)problem["detail"]!);
        Assert.Equal("body", (string)problem["parameter"]!);
    }

    [Theory]
    [InlineData("roads", "road", 50)]
    [InlineData("rivers", "river", 200)]
    public async Task Near_a_line_returns_parcels_within_the_distance_on_the_ellipsoid(string table, string param, int metres)
    {
        // A line with parcels near it, so the comparison is not between two empty lists.
        var code = (await Ids($"select id from {table} l where exists (select 1 from parcels p where st_dwithin(p.geom::geography, l.geom::geography, {metres})) order by id limit 1")).Single();
        await using var cmd = server.DataSource.CreateCommand($"select code from {table} where id = {code}");
        var lineCode = (string)(await cmd.ExecuteScalarAsync())!;
        var ids = await AllIds(c => _client.GetJsonAsync($"api/parcels/near?{param}={lineCode}&distance={metres}&limit=50{(c is null ? "" : "&cursor=" + c)}"));
        var expected = await Ids($"""
            select p.id from parcels p, {table} l where l.code = '{lineCode}'
            and st_dwithin(p.geom::geography, l.geom::geography, {metres}) order by p.id
            """);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, ids);
    }

    [Theory]
    [InlineData("api/parcels/near?road=NO-SUCH-ROAD&distance=10", HttpStatusCode.NotFound)]
    [InlineData("api/parcels/near?distance=10", HttpStatusCode.BadRequest)]
    [InlineData("api/parks/NO-SUCH-PARK/parcels", HttpStatusCode.NotFound)]
    public async Task Unknown_codes_and_missing_parameters_are_problems(string url, HttpStatusCode status)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Near_needs_a_sane_distance()
    {
        var road = (await Ids("select id from roads order by id limit 1")).Single();
        await using var cmd = server.DataSource.CreateCommand($"select code from roads where id = {road}");
        var code = (string)(await cmd.ExecuteScalarAsync())!;
        foreach (var d in new[] { "-1", "abc", "NaN", "1e9" })
        {
            using var response = await _client.GetAsync($"api/parcels/near?road={code}&distance={d}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task Parcels_of_a_park_are_those_with_its_code()
    {
        var ids = await AllIds(c => _client.GetJsonAsync($"api/parks/P-JH/parcels?limit=100{(c is null ? "" : "&cursor=" + c)}"));
        Assert.Equal(await Ids("select id from parcels where park_code = 'P-JH' order by id"), ids);
    }

    [Fact]
    public async Task Area_of_a_selection_sums_the_ellipsoidal_areas_by_state()
    {
        var summary = await Post("api/parcels/area", """{"park":"P-JH"}""");
        await using var cmd = server.DataSource.CreateCommand("select count(*)::int, sum(area_m2) * 15 / 10000 from parcels where park_code = 'P-JH'");
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        Assert.Equal(r.GetInt32(0), (int)summary["parcels"]!);
        Assert.Equal(r.GetDouble(1), (double)summary["areaMu"]!, 2);
        Assert.Equal((double)summary["areaMu"]!, summary["byStatus"]!.AsArray().Sum(s => (double)s!["areaMu"]!), 2);
    }

    [Fact]
    public async Task Area_of_listed_codes_and_of_a_polygon()
    {
        var byCodes = await Post("api/parcels/area", """{"codes":["WZKF-JH-0001","NO-SUCH"]}""");
        Assert.Equal(1, (int)byCodes["parcels"]!);
        var byPolygon = await Post("api/parcels/area", $$"""{"geometry":{{Polygon}}}""");
        var expected = await Ids($"select id from parcels where st_intersects(geom, st_setsrid(st_geomfromgeojson('{Polygon}'), 4490))");
        Assert.Equal(expected.Count, (int)byPolygon["parcels"]!);
    }

    [Theory]
    [InlineData("{}", "body")]
    [InlineData("""{"road":"RD-001"}""", "distance")]
    [InlineData("""{"codes":"WZKF"}""", "codes")]
    [InlineData("[1,2]", "body")]
    public async Task Area_without_a_selection_is_a_400(string body, string parameter)
    {
        var problem = await Post("api/parcels/area", body, HttpStatusCode.BadRequest);
        Assert.Equal(parameter, (string)problem["parameter"]!);
    }
}
