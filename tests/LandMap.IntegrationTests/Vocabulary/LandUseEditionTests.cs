using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Vocabulary;

/// <summary>
/// A land-use code carries its edition (issue 15 §4): a 三调 file's working codes (1104A, 05H1, 0508)
/// are stored as 三调 codes; a file of the 2023 land and sea use guide states its edition and its 1001
/// is 工业用地, counted under the industrial class 06 of the reports; the same 1001 without an edition
/// is refused naming both meanings; current, planned and approved use are three fields, each with its
/// edition. Real uploads on the write server's database, in an empty corner (121.16E, 28.14N).
/// </summary>
public sealed class LandUseEditionTests(LandMapServer server)
{
    private const string Guide = "用地用海分类指南-2023";
    private const string SanDiao = "TD/T 1055-2019";
    private const string Plan = "GB 50137-2011";

    private static JsonObject Parcel(string code, double lon, JsonObject properties)
    {
        properties["code"] = code;
        properties["park_code"] = "P-BH";
        properties["status"] = "approved_unsupplied";
        properties["approved_on"] = "2015-03-01";
        return new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = properties,
            ["geometry"] = new JsonObject
            {
                ["type"] = "Polygon",
                ["coordinates"] = new JsonArray(new JsonArray(
                    new JsonArray(lon, 28.14), new JsonArray(lon + 0.001, 28.14), new JsonArray(lon + 0.001, 28.141),
                    new JsonArray(lon, 28.141), new JsonArray(lon, 28.14))),
            },
        };
    }

    private static string File(params JsonObject[] features) =>
        new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray([.. features]) }.ToJsonString();

    private async Task<(HttpStatusCode Status, JsonNode Body)> UploadAsync(string query, string body)
    {
        var ws = await server.WriteServerAsync();
        using var client = ws.CreateWriterClient();
        using var response = await client.PostAsync($"api/uploads?collection=parcels{query}",
            new StringContent(body, Encoding.UTF8, "application/geo+json"));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private async Task<JsonNode> ParcelAsync(string code)
    {
        var ws = await server.WriteServerAsync();
        using var client = ws.CreateClient();
        var page = JsonNode.Parse(await client.GetStringAsync($"ogc/collections/parcels/items?filter={Uri.EscapeDataString($"code = '{code}'")}"))!;
        return page["features"]!.AsArray().Single()!["properties"]!;
    }

    private async Task<Dictionary<string, (int Parcels, double AreaM2)>> ClassesAsync()
    {
        var ws = await server.WriteServerAsync();
        using var client = ws.CreateClient();
        var report = JsonNode.Parse(await client.GetStringAsync("api/reports/land-use?date=2016-12-31"))!;
        return report["classes"]!.AsArray().ToDictionary(c => (string)c!["classCode"]!, c => ((int)c!["parcels"]!, (double)c["areaM2"]!));
    }

    private static IEnumerable<JsonNode> Problems(JsonNode body) => body["report"]!["problems"]!.AsArray().Select(p => p!);

    [Fact]
    public async Task A_sandiao_file_stores_its_working_codes_with_their_edition()
    {
        var (status, body) = await UploadAsync("", File(
            Parcel("ED-SD-1104A", 121.100 - 0.04, new JsonObject { ["land_use"] = "1104A" }),
            Parcel("ED-SD-05H1", 121.102 - 0.04, new JsonObject { ["land_use"] = "05H1", ["land_use_edition"] = "sandiao" }),
            Parcel("ED-SD-0601", 121.104 - 0.04, new JsonObject { ["land_use"] = "0601", ["land_use_edition"] = SanDiao })));
        Assert.True(status == HttpStatusCode.Created || status == HttpStatusCode.OK, body.ToJsonString());

        Assert.Equal(SanDiao, (string)(await ParcelAsync("ED-SD-1104A"))["land_use_edition"]!);
        Assert.Equal(SanDiao, (string)(await ParcelAsync("ED-SD-05H1"))["land_use_edition"]!);
        // 三调 uses the GB/T 21010-2017 codes it does not refine: 0601 is stored as the 2017 code it is.
        Assert.Equal("GB/T 21010-2017", (string)(await ParcelAsync("ED-SD-0601"))["land_use_edition"]!);
    }

    [Fact]
    public async Task An_ambiguous_code_without_an_edition_is_refused_naming_both_meanings()
    {
        var (status, body) = await UploadAsync("&dryRun=true", File(
            Parcel("ED-AMB-1001", 121.106 - 0.04, new JsonObject { ["land_use"] = "1001" }),
            Parcel("ED-AMB-10", 121.108 - 0.04, new JsonObject { ["land_use"] = "10" })));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var problems = Problems(body).ToList();
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Equal("AmbiguousLandUseCode", (string)p["kind"]!));
        Assert.All(problems, p => Assert.Equal("land_use", (string)p["field"]!));
        var railway = (string)problems.Single(p => (string)p["code"]! == "ED-AMB-1001")["messageZh"]!;
        Assert.Contains("铁路用地", railway);
        Assert.Contains("工业用地", railway);
        var ten = (string)problems.Single(p => (string)p["code"]! == "ED-AMB-10")["messageZh"]!;
        Assert.Contains("交通运输用地", ten);
        Assert.Contains("工矿用地", ten);
    }

    [Fact]
    public async Task A_guide_file_with_its_edition_stated_counts_1001_as_industrial_land()
    {
        var before = await ClassesAsync();
        var (status, body) = await UploadAsync($"&landUseEdition=2023", File(
            Parcel("ED-G-1001", 121.110 - 0.04, new JsonObject
            {
                ["land_use"] = "1001", ["land_use_planned"] = "1001",
                ["land_use_approved"] = "0601", ["land_use_approved_edition"] = "2017",
            })));
        Assert.True(status == HttpStatusCode.Created || status == HttpStatusCode.OK, body.ToJsonString());
        var stored = await ParcelAsync("ED-G-1001");
        Assert.Equal(Guide, (string)stored["land_use_edition"]!);
        Assert.Equal(Guide, (string)stored["land_use_planned_edition"]!);
        Assert.Equal("0601", (string)stored["land_use_approved"]!);
        Assert.Equal("GB/T 21010-2017", (string)stored["land_use_approved_edition"]!);

        // Counted under 06 工矿仓储用地 (the guide's 10 工矿用地), not 10 交通运输用地 (GB/T 21010's 1001 铁路用地).
        var after = await ClassesAsync();
        Assert.Equal(before.GetValueOrDefault("06").Parcels + 1, after["06"].Parcels);
        Assert.Equal(before.GetValueOrDefault("06").AreaM2 + (double)stored["area_m2"]!, after["06"].AreaM2, 3);
        Assert.Equal(before.GetValueOrDefault("10").Parcels, after.GetValueOrDefault("10").Parcels);

        // The map's class filter (web/js/parcelFilter.js) adds the GB/T-numbered editions, so class 10
        // 交通运输用地 does not show the guide's 1001 工业用地.
        var ws = await server.WriteServerAsync();
        using var client = ws.CreateClient();
        async Task<bool> Shown(string cql) =>
            JsonNode.Parse(await client.GetStringAsync($"ogc/collections/parcels/items?limit=1000&filter={Uri.EscapeDataString(cql + " AND code = 'ED-G-1001'")}"))!
                ["features"]!.AsArray().Count == 1;
        Assert.True(await Shown("land_use LIKE '10%'"));
        Assert.False(await Shown("land_use LIKE '10%' AND land_use_edition IN ('GB/T 21010-2017', 'GB/T 21010-2007', 'TD/T 1055-2019')"));
    }

    [Fact]
    public async Task A_code_not_in_the_stated_edition_and_an_unknown_edition_are_named()
    {
        var (status, body) = await UploadAsync("&dryRun=true", File(
            Parcel("ED-NO-1104A", 121.112 - 0.04, new JsonObject { ["land_use"] = "1104A", ["land_use_edition"] = "2017" }),
            Parcel("ED-NO-ED", 121.114 - 0.04, new JsonObject { ["land_use"] = "0601", ["land_use_edition"] = "2017", ["land_use_planned"] = "1001", ["land_use_planned_edition"] = "1999" })));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var problems = Problems(body).ToList();
        Assert.Contains(problems, p => (string)p["kind"]! == "InvalidLandUseCode" && (string)p["field"]! == "land_use"
                                       && ((string)p["messageEn"]!).Contains("GB/T 21010-2017"));
        Assert.Contains(problems, p => (string)p["kind"]! == "InvalidEnum" && (string)p["field"]! == "land_use_planned_edition");

        var (bad, problem) = await UploadAsync("&dryRun=true&landUseEdition=1999", File(
            Parcel("ED-NO-FILE", 121.116 - 0.04, new JsonObject { ["land_use"] = "0601", ["land_use_edition"] = "2017" })));
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("landUseEdition", problem.ToJsonString());
    }

    [Fact]
    public async Task The_vocabulary_names_every_edition_and_the_guide_codes()
    {
        var ws = await server.WriteServerAsync();
        using var client = ws.CreateClient();
        var landUse = JsonNode.Parse(await client.GetStringAsync("api/vocabulary"))!["landUse"]!;
        var editions = landUse["editions"]!.AsArray().Select(e => (string)e!["edition"]!).ToList();
        Assert.Equal(["GB/T 21010-2017", "GB/T 21010-2007", SanDiao, Guide, Plan], editions);
        // The plan's classification (issue 16): its alias and its codes, a plan zone's M2 among them.
        var plan = landUse["editions"]!.AsArray().Single(e => (string)e!["edition"]! == Plan)!;
        Assert.Equal("gb50137", (string?)plan["alias"]);
        var codes = landUse["codes"]!.AsArray();
        Assert.Contains(codes, c => (string)c!["code"]! == "1001" && (string?)c["edition"] == Guide && (string)c["nameZh"]! == "工业用地");
        Assert.Contains(codes, c => (string)c!["code"]! == "1001" && (string?)c["edition"] == "GB/T 21010-2017" && (string)c["nameZh"]! == "铁路用地");
        Assert.Contains(codes, c => (string)c!["code"]! == "0508" && (string?)c["edition"] == SanDiao);
        Assert.Contains(codes, c => (string)c!["code"]! == "088" && (string?)c["edition"] == "GB/T 21010-2007");
        Assert.Contains(codes, c => (string)c!["code"]! == "M2" && (string?)c["edition"] == Plan && (string)c["nameZh"]! == "二类工业用地");
        // The planners' drawing colours (《市级国土空间总体规划制图规范（试行）》附录B): 工业用地 RGB 187,150,116,
        // 城镇住宅用地 255,255,45, 公园绿地 0,255,0, for GB 50137's classes and the guide's codes alike.
        foreach (var (code, edition, color) in new[] { ("M2", Plan, "#BB9674"), ("R2", Plan, "#FFFF2D"), ("G1", Plan, "#00FF00"),
                     ("1001", Guide, "#BB9674"), ("0701", Guide, "#FFFF2D"), ("1401", Guide, "#00FF00") })
            Assert.Equal(color, (string?)codes.Single(c => (string)c!["code"]! == code && (string?)c["edition"] == edition)!["color"], ignoreCase: true);
    }

    [Fact]
    public async Task The_sample_fills_approved_use_from_the_contract_and_planned_use_from_the_plan()
    {
        // Every supplied sample parcel has the use its contract granted, in the edition in force then
        // (GB/T 21010-2007: all sample contracts predate 2017-11-01); no unsupplied one has one.
        Assert.Equal(0L, await server.DataSource.ScalarAsync<long>(
            "select count(*) from parcels where (supplied_on is not null) <> (land_use_approved is not null) and land_use in ('0601', '0508', '0505', '0701')"));
        Assert.Equal(0L, await server.DataSource.ScalarAsync<long>(
            "select count(*) from parcels where land_use_approved is not null and land_use_approved_edition <> 'GB/T 21010-2007'"));
        // The plan's industrial land is the guide's 1001 工业用地 where the current use is 0601 工业用地.
        Assert.Equal(await server.DataSource.ScalarAsync<long>("select count(*) from parcels where land_use = '0601'"),
            await server.DataSource.ScalarAsync<long>(
                $"select count(*) from parcels where land_use = '0601' and land_use_planned = '1001' and land_use_planned_edition = '{Guide}'"));
        // 0508 is stored as the 三调 working code it is.
        Assert.Equal(0L, await server.DataSource.ScalarAsync<long>($"select count(*) from parcels where land_use = '0508' and land_use_edition <> '{SanDiao}'"));
    }
}
