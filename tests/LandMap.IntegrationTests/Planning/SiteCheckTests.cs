using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LandMap.Tests.Analytics;
using LandMap.Tests.Infrastructure;
using Npgsql;

namespace LandMap.Tests.Planning;

/// <summary>The hand-made plan (<see cref="HandMadePlan"/>) on the central meridian of EPSG:4549, where
/// metres on the grid are metres on the ellipsoid, and a parcel P-PLAN over the site.</summary>
public sealed class SiteCheckSite(LandMapServer server) : HandMadeSite(server, "landmap_site_check")
{
    public const double E = 500_000, N = 3_080_000;

    public HttpClient Viewer { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await HandMadePlan.InsertAsync(DataSource, E, N);
        await using var cmd = DataSource.CreateCommand(FormattableString.Invariant($"""
            insert into parcels (code, name, park_code, land_use, land_use_edition, status, plot_ratio, building_density, green_ratio, source, geom)
            values ('P-PLAN', '规划测试地块', 'P-T1', '0601', 'GB/T 21010-2017', 'in_use', 2.0, 0.40, 0.15, 'hand-made',
                    st_multi(st_transform(st_makeenvelope({E}, {N}, {E + 100}, {N + 100}, 4549), 4490)))
            """));
        await cmd.ExecuteNonQueryAsync();
        Viewer = await Factory.CreateClientAsync("viewer");
    }

    public override async ValueTask DisposeAsync()
    {
        Viewer?.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>
/// POST /api/site-check against answers worked out by hand: shares of area, m² of line taken, each
/// rule at its bound and just past it, the plan as it stood on two dates either side of an edition
/// change, the same site in several CRSs and as WKT, and the problems of bad input.
/// </summary>
public sealed class SiteCheckTests(SiteCheckSite site) : IClassFixture<SiteCheckSite>
{
    private const string Before = "2016-12-31", After = "2021-06-30";

    private static JsonArray Ring((double X0, double Y0, double X1, double Y1) r, double e = SiteCheckSite.E, double n = SiteCheckSite.N) =>
    [
        new JsonArray(e + r.X0, n + r.Y0), new JsonArray(e + r.X1, n + r.Y0), new JsonArray(e + r.X1, n + r.Y1),
        new JsonArray(e + r.X0, n + r.Y1), new JsonArray(e + r.X0, n + r.Y0),
    ];

    private static JsonObject Body((double, double, double, double) r, string date, JsonObject? more = null)
    {
        var body = new JsonObject
        {
            ["geometry"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(Ring(r)) },
            ["crs"] = "EPSG:4549", ["date"] = date,
        };
        foreach (var (k, v) in more ?? []) body[k] = v?.DeepClone();
        return body;
    }

    private async Task<JsonObject> CheckAsync(JsonObject body, string query = "")
    {
        using var response = await site.Client.PostAsJsonAsync("/api/site-check" + query, body);
        var json = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        return json;
    }

    private static JsonObject Verdict(JsonObject answer, string rule) =>
        answer["verdicts"]!.AsArray().Single(v => (string)v!["rule"]! == rule)!.AsObject();

    private static string Result(JsonObject answer, string rule) => (string)Verdict(answer, rule)["result"]!;

    private static JsonObject Zone(JsonObject answer, string code) =>
        answer["planZones"]!.AsArray().Single(z => (string)z!["code"]! == code)!.AsObject();

    [Fact]
    public async Task A_site_half_in_each_of_two_zones_has_their_shares_and_the_red_line_it_takes_in_square_metres()
    {
        var answer = await CheckAsync(Body(HandMadePlan.Site, Before));
        Assert.Equal(10_000, (double)answer["areaM2"]!, 0.01);
        Assert.Equal(15, (double)answer["areaMu"]!, 0.0001);
        Assert.Equal(["Z-G1", "Z-M1"], answer["planZones"]!.AsArray().Select(z => (string)z!["code"]!).Order());
        foreach (var code in new[] { "Z-M1", "Z-G1" })
        {
            Assert.Equal(5_000, (double)Zone(answer, code)["overlapM2"]!, 0.01);
            Assert.Equal(0.5, (double)Zone(answer, code)["share"]!, 0.0001);
        }
        Assert.Equal("M1", (string)Zone(answer, "Z-M1")["planClass"]!);
        var red = answer["controlLines"]!.AsArray().Single()!;
        Assert.Equal(("L-RED", "red", "道路红线"), ((string)red["code"]!, (string)red["kind"]!, (string)red["kindName"]!));
        Assert.Equal(1_000, (double)red["overlapM2"]!, 0.01);
        Assert.Equal(0.1, (double)red["share"]!, 0.0001);
        var farm = answer["protectedAreas"]!.AsArray().Single()!;
        Assert.Equal("PA-FARM", (string)farm["code"]!);
        Assert.Equal(100, (double)farm["overlapM2"]!, 0.01);
        var parcel = answer["parcels"]!.AsArray().Single()!;
        Assert.Equal("P-PLAN", (string)parcel["code"]!);
        Assert.Equal(1.0, (double)parcel["share"]!, 0.0001);
        Assert.Equal("fail", Result(answer, "control_lines"));
        Assert.Equal(1_000, (double)Verdict(answer, "control_lines")["figures"]!["overlapM2"]!, 0.01);
        Assert.Equal("fail", Result(answer, "protected_areas"));
        Assert.Equal("pass", Result(answer, "plan_coverage"));
        Assert.Equal("not_checked", Result(answer, "use"));
        Assert.Equal("not_checked", Result(answer, "plot_ratio"));
        Assert.False((bool)answer["compliant"]!);
    }

    [Fact]
    public async Task The_plan_as_it_stood_on_each_date_across_an_edition_change_decides_the_use()
    {
        var m2 = new JsonObject { ["proposedUse"] = "M2", ["proposedUseEdition"] = "gb50137" };
        var before = await CheckAsync(Body(HandMadePlan.Site, Before, m2));
        // 2016: M2 is neither the M1 zone's use nor the G1 zone's: all of the site refused.
        Assert.Equal("fail", Result(before, "use"));
        Assert.Equal(1.0, (double)Verdict(before, "use")["figures"]!["disallowedShare"]!, 0.0001);
        var after = await CheckAsync(Body(HandMadePlan.Site, After, m2));
        Assert.Equal("Z2-M2", (string)after["planZones"]!.AsArray().Single()!["code"]!);
        Assert.Equal(1.0, (double)after["planZones"]![0]!["share"]!, 0.0001);
        Assert.Equal("pass", Result(after, "use"));

        // 0601 工业用地 (GB/T 21010-2017) is class M: within the M1 zone, not the G1 one (half the site).
        var industrial = await CheckAsync(Body(HandMadePlan.Site, Before, new JsonObject { ["proposedUse"] = "0601", ["proposedUseEdition"] = "2017" }));
        Assert.Equal("fail", Result(industrial, "use"));
        Assert.Equal(0.5, (double)Verdict(industrial, "use")["figures"]!["disallowedShare"]!, 0.0001);
        var inM1 = await CheckAsync(Body(HandMadePlan.InM1, Before, new JsonObject { ["proposedUse"] = "0601", ["proposedUseEdition"] = "2017" }));
        Assert.Equal("pass", Result(inM1, "use"));
        Assert.Equal(6_400, (double)inM1["areaM2"]!, 0.01);
    }

    /// <summary>Z-M1 (edition 2010): plot ratio 1.0-2.0, density at most 0.40, green at least 0.15; at the
    /// bound a figure passes, a hundredth past it fails.</summary>
    [Theory]
    [InlineData("plotRatio", "2.0", "plot_ratio", "pass")]
    [InlineData("plotRatio", "2.01", "plot_ratio", "fail")]
    [InlineData("plotRatio", "1.0", "plot_ratio", "pass")]
    [InlineData("plotRatio", "0.99", "plot_ratio", "fail")]
    [InlineData("buildingDensity", "0.40", "building_density", "pass")]
    [InlineData("buildingDensity", "0.41", "building_density", "fail")]
    [InlineData("greenRatio", "0.15", "green_ratio", "pass")]
    [InlineData("greenRatio", "0.14", "green_ratio", "fail")]
    public async Task Each_figure_passes_at_its_bound_and_fails_just_past_it(string member, string value, string rule, string expected)
    {
        var answer = await CheckAsync(Body(HandMadePlan.InM1, Before,
            new JsonObject { [member] = JsonValue.Create(decimal.Parse(value, CultureInfo.InvariantCulture)) }));
        Assert.Equal(expected, Result(answer, rule));
        Assert.Equal(expected == "pass", (bool)answer["compliant"]!);
    }

    [Fact]
    public async Task A_figure_is_checked_against_each_zone_under_the_site()
    {
        // Green 0.20: enough for Z-M1 (0.15), not for Z-G1 (0.35) under the other half.
        var answer = await CheckAsync(Body(HandMadePlan.Site, Before, new JsonObject { ["greenRatio"] = 0.20 }));
        var verdict = Verdict(answer, "green_ratio");
        Assert.Equal("fail", (string)verdict["result"]!);
        Assert.Contains("Z-G1", (string)verdict["messageEn"]!);
        Assert.DoesNotContain("Z-M1", (string)verdict["messageEn"]!);
    }

    [Fact]
    public async Task A_site_outside_the_plan_is_uncovered_and_its_blue_line_measured()
    {
        var answer = await CheckAsync(Body(HandMadePlan.Outside, Before, new JsonObject { ["proposedUse"] = "M1", ["proposedUseEdition"] = "gb50137" }));
        Assert.Empty(answer["planZones"]!.AsArray());
        Assert.Equal("fail", Result(answer, "plan_coverage"));
        Assert.Equal(1.0, (double)Verdict(answer, "plan_coverage")["figures"]!["uncoveredShare"]!, 0.0001);
        Assert.Equal("not_checked", Result(answer, "use"));
        Assert.Equal(2_000, (double)answer["controlLines"]![0]!["overlapM2"]!, 0.01);
    }

    public static TheoryData<string> Crss => new() { "EPSG:4528", "CRS84", "EPSG:4490", "EPSG:3857", "WKT" };

    [Theory]
    [MemberData(nameof(Crss))]
    public async Task The_same_site_in_another_CRS_or_as_WKT_gets_the_same_answer(string crs)
    {
        var reference = await CheckAsync(Body(HandMadePlan.Site, Before));
        var (e, n, r) = (SiteCheckSite.E, SiteCheckSite.N, HandMadePlan.Site);
        JsonObject body;
        if (crs == "WKT")
        {
            body = new JsonObject { ["wkt"] = FormattableString.Invariant($"POLYGON(({e} {n}, {e + 100} {n}, {e + 100} {n + 100}, {e} {n + 100}, {e} {n}))"),
                ["crs"] = "EPSG:4549", ["date"] = Before };
        }
        else if (crs == "EPSG:4528")
        {
            body = Body(r, Before);
            body["geometry"]!["coordinates"] = new JsonArray(Ring(r, e + 40_000_000));
            body["crs"] = crs;
        }
        else
        {
            // The corners as PostGIS converts them (PROJ), the API converting back with its own code.
            var srid = crs == "EPSG:3857" ? 3857 : 4490;
            await using var cmd = site.DataSource.CreateCommand(FormattableString.Invariant(
                $"select st_asgeojson(st_transform(st_makeenvelope({e}, {n}, {e + 100}, {n + 100}, 4549), {srid}), 12)"));
            var geometry = JsonNode.Parse((string)(await cmd.ExecuteScalarAsync())!)!;
            body = new JsonObject { ["geometry"] = new JsonObject { ["type"] = "Feature", ["geometry"] = geometry, ["properties"] = null }, ["date"] = Before };
            if (crs != "CRS84") body["crs"] = crs;
        }
        var answer = await CheckAsync(body);
        Assert.Equal((double)reference["areaM2"]!, (double)answer["areaM2"]!, 0.05);
        foreach (var code in new[] { "Z-M1", "Z-G1" })
            Assert.Equal((double)Zone(reference, code)["share"]!, (double)Zone(answer, code)["share"]!, 0.0001);
        Assert.Equal((double)reference["controlLines"]![0]!["overlapM2"]!, (double)answer["controlLines"]![0]!["overlapM2"]!, 0.05);
    }

    [Fact]
    public async Task A_stored_parcel_is_checked_with_its_own_figures_and_not_against_itself()
    {
        using var response = await site.Viewer.PostAsync("/api/site-check?code=P-PLAN", content: null);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, answer.ToJsonString());
        Assert.Equal("P-PLAN", (string)answer["parcel"]!);
        Assert.Empty(answer["parcels"]!.AsArray());
        Assert.Equal("0601", (string)answer["proposedUse"]!["code"]!);
        Assert.Equal(2.0, (double)answer["plotRatio"]!);

        // On the earlier plan: plot ratio 2.0 at Z-M1's maximum passes; 0601 (class M) fits Z-M1 but not Z-G1.
        using var earlier = await site.Viewer.PostAsJsonAsync("/api/site-check?code=P-PLAN", new JsonObject { ["date"] = Before });
        var old = (await earlier.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("pass", Result(old, "plot_ratio"));
        Assert.Equal("fail", Result(old, "use"));
        Assert.Equal("pass", Result(old, "building_density"));
        Assert.Equal("fail", Result(old, "green_ratio")); // 0.15 < Z-G1's 0.35
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"date": "2016-12-31"}""", "geometry" },
        { """{"geometry": {"type": "LineString", "coordinates": [[120.0, 27.8], [120.1, 27.9]]}}""", "geometry" },
        { """{"geometry": {"type": "Polygon", "coordinates": [[[120.0, 27.8], [120.01, 27.81], [120.01, 27.8], [120.0, 27.81], [120.0, 27.8]]]}}""", "geometry" },
        { """{"wkt": "POLYGON((1 2, 3"}""", "wkt" },
        { """{"wkt": "POLYGON((0 0, 1 0, 1 1, 0 0))", "geometry": {"type": "Polygon", "coordinates": []}}""", "geometry" },
        { """{"wkt": "POLYGON((500000 3080000, 500100 3080000, 500100 3080100, 500000 3080000))", "crs": "EPSG:9999"}""", "crs" },
        { """{"wkt": "POLYGON((500000 3080000, 500100 3080000, 500100 3080100, 500000 3080000))", "crs": "EPSG:4326"}""", "wkt" },
        { """{"wkt": "POLYGON((120 27.8, 120.001 27.8, 120.001 27.801, 120 27.8))", "proposedUse": "Z9", "proposedUseEdition": "gb50137"}""", "proposedUse" },
        { """{"wkt": "POLYGON((120 27.8, 120.001 27.8, 120.001 27.801, 120 27.8))", "proposedUse": "M1", "proposedUseEdition": "gb1999"}""", "proposedUseEdition" },
        // 0601: 工业用地 in GB/T 21010-2017, 乡村道路用地 in the 2023 guide: which one is not guessed.
        { """{"wkt": "POLYGON((120 27.8, 120.001 27.8, 120.001 27.801, 120 27.8))", "proposedUse": "0601"}""", "proposedUse" },
        { """{"wkt": "POLYGON((120 27.8, 120.001 27.8, 120.001 27.801, 120 27.8))", "plotRatio": -1}""", "plotRatio" },
        { """{"wkt": "POLYGON((120 27.8, 120.001 27.8, 120.001 27.801, 120 27.8))", "buildingDensity": 1.01}""", "buildingDensity" },
        { """{"wkt": "POLYGON((120 27.8, 120.001 27.8, 120.001 27.801, 120 27.8))", "greenRatio": "0.3"}""", "greenRatio" },
        { """{"wkt": "POLYGON((120 27.8, 120.001 27.8, 120.001 27.801, 120 27.8))", "plot_ratio": 1.5}""", "plot_ratio" },
        { """{"wkt": "POLYGON((120 27.8, 120.001 27.8, 120.001 27.801, 120 27.8))", "date": "2016-13-01"}""", "date" },
        // 10 km x 10 km: 100 km², past the 20 km² a check takes.
        { """{"wkt": "POLYGON((500000 3080000, 510000 3080000, 510000 3090000, 500000 3090000, 500000 3080000))", "crs": "EPSG:4549"}""", "wkt" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_a_problem_naming_the_member(string body, string parameter)
    {
        using var response = await site.Client.PostAsync("/api/site-check", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, problem.ToJsonString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(parameter, (string?)problem["parameter"]);
    }

    [Fact]
    public async Task An_unknown_parcel_is_not_found()
    {
        using var response = await site.Client.PostAsync("/api/site-check?code=NO-SUCH", content: null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_check_writes_nothing()
    {
        await using var cmd = site.DataSource.CreateCommand("select sum(version) from collection_versions");
        var before = await cmd.ExecuteScalarAsync();
        await CheckAsync(Body(HandMadePlan.Site, Before, new JsonObject { ["plotRatio"] = 1.5 }));
        Assert.Equal(before, await cmd.ExecuteScalarAsync());
    }
}
