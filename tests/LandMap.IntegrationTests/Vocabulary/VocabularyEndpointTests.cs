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
    [InlineData("waterQuality", "select code, name_zh, name_en, color, sort from water_quality_states order by sort")]
    [InlineData("projectKinds", "select code, name_zh, name_en, color, sort from project_kinds order by sort")]
    [InlineData("reservoirKinds", "select code, name_zh, name_en, color, sort from reservoir_kinds order by sort")]
    [InlineData("reservoirStages", "select code, name_zh, name_en, color, sort from reservoir_stages order by sort")]
    [InlineData("parkKinds", "select code, name_zh, name_en, color, sort from park_kinds order by sort")]
    [InlineData("supplyMethods", "select code, name_zh, name_en, color, sort from supply_methods order by sort")]
    [InlineData("controlLineKinds", "select code, name_zh, name_en, color, sort from control_line_kinds order by sort")]
    [InlineData("protectedAreaKinds", "select code, name_zh, name_en, color, sort from protected_area_kinds order by sort")]
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
        var garden = codes.Single(c => (string)c["code"]! == "02" && c["edition"] is null);
        Assert.Null(garden["parent"]);
        Assert.Equal((string)garden["color"]!, (string)tea["color"]!);
        Assert.All(codes, c => Assert.Matches("^#[0-9A-Fa-f]{6}$", (string)c["color"]!));
    }

    [Fact]
    public async Task A_stage_reads_by_the_projects_kind_投产_or_投用()
    {
        var v = await _client.GetJsonAsync("api/vocabulary");
        var operation = v["projectStages"]!.AsArray().Single(t => (string)t!["code"]! == "in_operation")!;
        Assert.Equal("投产", (string)operation["nameZh"]!);
        Assert.Equal("投用", (string)operation["nonIndustrialNameZh"]!);
        Assert.Equal("In use", (string)operation["nonIndustrialNameEn"]!);
        // A stage named alike for every kind carries no other name.
        Assert.Null(v["projectStages"]!.AsArray().Single(t => (string)t!["code"]! == "signed")!["nonIndustrialNameZh"]);
        var kinds = v["projectKinds"]!.AsArray().ToDictionary(k => (string)k!["code"]!, k => (bool)k!["industrial"]!);
        Assert.True(kinds["industrial"]);
        Assert.False(kinds["public_service"]);
        // The sample's kindergarten, hospital and park are not industrial; its factory buildings are.
        foreach (var (name, industrial) in new[] { ("滨海第一幼儿园", false), ("滨海医院", false), ("金海湖公园", false), ("丁山标准厂房", true) })
        {
            await using var cmd = server.DataSource.CreateCommand("select kind from projects where name_zh = $1");
            cmd.Parameters.Add(new() { Value = name });
            Assert.Equal(industrial, kinds[(string)(await cmd.ExecuteScalarAsync())!]);
        }
    }

    [Fact]
    public async Task A_rivers_works_and_its_water_are_two_lists_and_the_parks_around_the_core_are_辐射带动区()
    {
        var v = await _client.GetJsonAsync("api/vocabulary");
        string Zh(string list, string code) => (string)v[list]!.AsArray().Single(t => (string)t!["code"]! == code)!["nameZh"]!;
        Assert.Equal("整治完成", Zh("riverStates", "rectified"));
        Assert.Equal("达标", Zh("waterQuality", "meets_standard"));
        Assert.DoesNotContain(v["riverStates"]!.AsArray(), t => ((string)t!["nameZh"]!).Contains("达标"));
        Assert.Equal("辐射带动区", Zh("parkKinds", "radiating"));
        var rivers = await _client.GetJsonAsync("ogc/collections/rivers/queryables");
        Assert.Contains("整治完成日期", (string)rivers["properties"]!["rectified_on"]!["title"]!);
        Assert.NotNull(rivers["properties"]!["water_quality"]);
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
