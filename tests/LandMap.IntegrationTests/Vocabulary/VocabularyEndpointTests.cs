using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Vocabulary;

/// <summary>/api/vocabulary answers the vocabulary tables, row for row, and caches like a code list.</summary>
public sealed class VocabularyEndpointTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    [Theory]
    [InlineData("parcelStates", "select state, name_zh, name_en, color, sort from lifecycle_states order by sort")]
    [InlineData("parcelStatuses", "select state, name_zh, name_en, color, sort from lifecycle_states order by sort")]
    [InlineData("eventKinds", "select kind, name_zh, name_en, null, sort from lifecycle_event_kinds order by sort")]
    [InlineData("projectStages", "select code, name_zh, name_en, color, sort from project_stages order by sort")]
    [InlineData("roadStates", "select code, name_zh, name_en, color, sort from road_stages order by sort")]
    [InlineData("roadGrades", "select code, name_zh, name_en, color, sort from road_grades order by sort")]
    [InlineData("riverStates", "select code, name_zh, name_en, color, sort from river_states order by sort")]
    [InlineData("reservoirKinds", "select code, name_zh, name_en, color, sort from reservoir_kinds order by sort")]
    [InlineData("reservoirStages", "select code, name_zh, name_en, color, sort from reservoir_stages order by sort")]
    [InlineData("parkKinds", "select code, name_zh, name_en, color, sort from park_kinds order by sort")]
    [InlineData("supplyMethods", "select code, name_zh, name_en, color, sort from supply_methods order by sort")]
    public async Task Each_list_is_its_table_row_for_row(string member, string sql)
    {
        var served = (await _client.GetJsonAsync("api/vocabulary"))[member]!.AsArray();
        var rows = await RowsAsync(sql);
        Assert.NotEmpty(rows);
        Assert.Equal(rows.Count, served.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var (code, zh, en, color, order) = rows[i];
            var term = served[i]!;
            Assert.Equal(code, (string)term["code"]!);
            Assert.Equal(zh, (string)term["nameZh"]!);
            Assert.Equal(en, (string)term["nameEn"]!);
            Assert.Equal(order, (int)term["order"]!);
            if (member != "eventKinds") Assert.Equal(color, (string?)term["color"]);
        }
    }

    [Fact]
    public async Task Land_use_is_every_class_and_code_with_its_edition_and_parent()
    {
        var landUse = (await _client.GetJsonAsync("api/vocabulary"))["landUse"]!;
        Assert.Equal("GB/T 21010-2017", (string)landUse["edition"]!);
        var codes = landUse["codes"]!.AsArray().Select(c => c!).ToList();
        Assert.Equal(await server.DataSource.ScalarAsync<long>("select (select count(*) from land_use_codes) + (select count(*) from land_use_classes)"),
            codes.Count);
        var tea = codes.Single(c => (string)c["code"]! == "0202");
        Assert.Equal(("茶园", "02", "GB/T 21010-2017"), ((string)tea["nameZh"]!, (string)tea["parent"]!, (string)tea["edition"]!));
        // A code without a colour of its own takes its class's.
        var garden = codes.Single(c => (string)c["code"]! == "02");
        Assert.Null(garden["parent"]);
        Assert.Equal((string)garden["color"]!, (string)tea["color"]!);
        Assert.All(codes, c => Assert.Matches("^#[0-9A-Fa-f]{6}$", (string)c["color"]!));
    }

    [Fact]
    public async Task The_map_keeps_its_colours()
    {
        // The colours web/js/styles.js drew with before the vocabulary moved into the database.
        var v = await _client.GetJsonAsync("api/vocabulary");
        string Color(string list, string code) => (string)v[list]!.AsArray().Single(t => (string)t!["code"]! == code)!["color"]!;
        Assert.Equal("#D55E00", Color("parcelStates", "idle"));
        Assert.Equal("#009E73", Color("parcelStates", "in_use"));
        Assert.Equal("#440154", Color("projectStages", "negotiating"));
        Assert.Equal("#FDE725", Color("projectStages", "in_operation"));
        Assert.Equal("#7A7A7A", Color("roadStates", "planned"));
        Assert.Equal("#0072B2", Color("riverStates", "rectified"));
    }

    [Fact]
    public async Task It_is_anonymous_readable_and_revalidates_with_its_etag()
    {
        using var first = await _client.GetAsync("api/vocabulary");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/json", first.Content.Headers.ContentType!.MediaType);
        var etag = first.Headers.ETag!;
        Assert.True(first.Headers.CacheControl!.Public);
        Assert.NotNull(first.Headers.CacheControl.MaxAge);
        using var again = new HttpRequestMessage(HttpMethod.Get, "api/vocabulary");
        again.Headers.IfNoneMatch.Add(etag);
        using var second = await _client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_shape()
    {
        var doc = await _client.GetJsonAsync("openapi/v1.json");
        var served = (await _client.GetJsonAsync("api/vocabulary")).AsObject().Select(m => m.Key).Order().ToList();
        var schema = doc["components"]!["schemas"]!["ZoneVocabulary"]!["properties"]!.AsObject().Select(m => m.Key).Order().ToList();
        Assert.Equal(served, schema);
        Assert.NotNull(doc["paths"]!["/api/vocabulary"]!["get"]!["responses"]!["200"]);
    }

    private async Task<List<(string, string, string, string?, int)>> RowsAsync(string sql)
    {
        await using var cmd = server.DataSource.CreateCommand(sql);
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<(string, string, string, string?, int)>();
        while (await r.ReadAsync())
            rows.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetInt32(4)));
        return rows;
    }
}
