using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using static LandMap.Tests.Trust.RequestLimitsTests;

namespace LandMap.Tests.Trust;

/// <summary>
/// JSON that parsers read differently is refused: a member named twice in one object (uploads: a
/// per-feature DuplicateKey problem; edits and filters: 400 naming it), and numbers too large for a
/// double (1e400 reads as Infinity: an upload coordinate is InvalidCoordinate).
/// </summary>
public sealed class StrictJsonTests(LandMapServer server)
{
    private async Task<HttpClient> WriterAsync()
    {
        var ws = await server.WriteServerAsync();
        var client = ws.CreateWriterClient();
        return client;
    }

    private static JsonNode SingleProblem(JsonNode body) => body["report"]!["problems"]!.AsArray().Single()!;

    [Fact]
    public async Task A_property_named_twice_in_an_uploaded_feature_is_a_DuplicateKey_problem_naming_it()
    {
        var body = Collection([Parcel("DUP-1", Ring(5, 40))]).Replace("\"status\":\"idle\"", "\"status\":\"idle\",\"status\":\"in_use\"");
        var r = await UploadAsync(await WriterAsync(), body);
        Assert.True(r.Status == HttpStatusCode.UnprocessableEntity, r.Body?.ToJsonString());
        var p = SingleProblem(r.Body!);
        Assert.Equal("DuplicateKey", (string?)p["kind"]);
        Assert.Equal("status", (string?)p["field"]);
        Assert.Equal(0, (int)p["featureIndex"]!);
    }

    [Theory]
    [InlineData("\"geometry\":", "\"geometry\":null,\"geometry\":", "geometry")]
    [InlineData("\"coordinates\":", "\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]],\"coordinates\":", "coordinates")]
    [InlineData("\"properties\":", "\"properties\":{},\"properties\":", "properties")]
    public async Task A_feature_or_geometry_member_named_twice_is_a_DuplicateKey_problem(string find, string replace, string key)
    {
        var json = Collection([Parcel("DUP-2", Ring(5, 41))]);
        var i = json.IndexOf(find, StringComparison.Ordinal);
        var body = json[..i] + replace + json[(i + find.Length)..];
        var r = await UploadAsync(await WriterAsync(), body);
        Assert.True(r.Status == HttpStatusCode.UnprocessableEntity, r.Body?.ToJsonString());
        var p = SingleProblem(r.Body!);
        Assert.Equal("DuplicateKey", (string?)p["kind"]);
        Assert.Equal(key, (string?)p["field"]);
    }

    [Fact]
    public async Task A_nested_member_named_twice_in_properties_is_a_DuplicateKey_problem()
    {
        var body = Collection([Parcel("DUP-3", Ring(5, 42))]).Replace("\"status\":\"idle\"", "\"status\":\"idle\",\"note\":{\"a\":1,\"a\":2}");
        var p = SingleProblem((await UploadAsync(await WriterAsync(), body)).Body!);
        Assert.Equal("DuplicateKey", (string?)p["kind"]);
        Assert.Equal("a", (string?)p["field"]);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    public async Task A_coordinate_too_large_for_a_double_is_InvalidCoordinate(string number)
    {
        var ring = Ring(5, 43);
        var json = Collection([Parcel("INF-1", ring)]);
        var first = ring[0]![0]!.ToJsonString();
        var i = json.IndexOf(first, StringComparison.Ordinal);
        var body = json[..i] + number + json[(i + first.Length)..];
        var r = await UploadAsync(await WriterAsync(), body);
        Assert.True(r.Status == HttpStatusCode.UnprocessableEntity, r.Body?.ToJsonString());
        var p = SingleProblem(r.Body!);
        Assert.Equal("InvalidCoordinate", (string?)p["kind"]);
        Assert.Contains(number, (string?)p["messageEn"]);
    }

    [Fact]
    public async Task A_Part_4_body_with_a_member_named_twice_is_400_naming_it_and_nothing_is_written()
    {
        var client = await WriterAsync();
        var ws = await server.WriteServerAsync();
        // By its code: other test classes write parcels into this database meanwhile.
        const string count = "select count(*) from parcels where code = 'DUP-4'";
        var before = await ws.DataSource.ScalarAsync<long>(count);
        var feature = Parcel("DUP-4", Ring(5, 44)).ToJsonString().Replace("\"land_use\":\"0601\",\"land_use_edition\":\"2017\"", "\"land_use\":\"0601\",\"land_use_edition\":\"2017\",\"land_use\":\"0702\",\"land_use_edition\":\"2017\"");
        using var content = new StringContent(feature, Encoding.UTF8, "application/geo+json");
        var response = await client.PostAsync("ogc/collections/parcels/items", content);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("body", (string?)body["parameter"]);
        Assert.Contains("\"land_use\" twice", (string?)body["detail"]);
        Assert.Equal(before, await ws.DataSource.ScalarAsync<long>(count));
    }

    [Fact]
    public async Task A_cql2_json_filter_with_a_member_named_twice_is_400_naming_filter()
    {
        var filter = """{"op":"=","op":"<>","args":[{"property":"status"},"idle"]}""";
        var response = await server.CreateClient().GetAsync(
            "ogc/collections/parcels/items?filter-lang=cql2-json&filter=" + Uri.EscapeDataString(filter));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("filter", (string?)body["parameter"]);
        Assert.Contains("twice", (string?)body["detail"]);
    }
}
