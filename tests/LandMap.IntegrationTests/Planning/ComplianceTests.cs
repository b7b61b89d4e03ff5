using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using LandMap.Tests.Tiles;

namespace LandMap.Tests.Planning;

/// <summary>
/// The parcels' computed <c>compliance</c> and <c>noncompliant_rules</c> on the hand-made plan
/// (<see cref="CompliancePlan"/>): each rule at its bound (exactly at a bound passes, just past it
/// fails), the national industrial controls at 30 % / 20 % / 7 %, missing figures not checked, a
/// parcel across two zones, a sliver, two editions of a zone, lines and protected land without a
/// plan; through the items, CQL2 filters, the queryables and the tiles.
/// </summary>
[Collection(ComplianceSite.Name)]
public sealed class ComplianceTests(ComplianceSite site)
{
    private const string Items = "ogc/collections/parcels/items";

    /// <summary>What each parcel of P-C should be today (zone A's edition 2 in force, the blue line approved).</summary>
    public static readonly Dictionary<string, string> RulesToday = new()
    {
        ["C-OK"] = "", ["C-PR-OVER"] = "plot_ratio_over", ["C-PR-MIN"] = "", ["C-PR-UNDER"] = "plot_ratio_under",
        ["C-DENS"] = "density_over", ["C-GREEN"] = "green_under",
        ["C-IND"] = "industrial_coverage_under,industrial_green_over,industrial_admin_over",
        ["C-USE"] = "use_mismatch", ["C-APPR"] = "", ["C-NONE"] = "", ["C-R-OK"] = "",
        ["C-SPLIT"] = "use_mismatch,plot_ratio_over,density_over,green_under", ["C-SLIVER"] = "",
        ["C-RED"] = "red_line,yellow_line", ["C-ADJ"] = "", ["C-BLUE"] = "blue_line", ["C-FARM"] = "protected_area",
    };

    private static string ComplianceOf(string code, string rules) =>
        rules != "" ? "noncompliant" : code is "C-ADJ" ? "no_plan" : "compliant";

    private async Task<Dictionary<string, (string? Compliance, string? Rules)>> ReadAsync(string query)
    {
        var r = await site.Client.GetJsonAsync($"{Items}?limit=1000&properties=code,compliance,noncompliant_rules&{query}");
        return r["features"]!.AsArray().ToDictionary(f => (string)f!["properties"]!["code"]!,
            f => ((string?)f!["properties"]!["compliance"], (string?)f["properties"]!["noncompliant_rules"]));
    }

    private static string Filter(string cql) => "filter=" + Uri.EscapeDataString(cql);

    [Fact]
    public async Task Every_parcel_of_the_hand_made_plan_has_the_hand_worked_rules_today()
    {
        var got = await ReadAsync(Filter($"park_code = '{CompliancePlan.Park}'"));
        Assert.Equal(RulesToday.Keys.Order(), got.Keys.Order());
        foreach (var (code, rules) in RulesToday)
            Assert.True((ComplianceOf(code, rules), rules) == got[code], $"{code}: expected ({ComplianceOf(code, rules)}, '{rules}'), got {got[code]}");
    }

    [Fact]
    public async Task Parcels_outside_every_plan_zone_have_no_plan()
    {
        // The hand-made land of parks T1 and T2 lies under no zone and takes no line.
        var got = await ReadAsync(Filter("park_code IN ('P-T1','P-T2')"));
        Assert.NotEmpty(got);
        Assert.All(got.Values, v => Assert.Equal(("no_plan", ""), v));
    }

    [Fact]
    public async Task Before_the_revision_the_first_edition_and_no_blue_line_apply()
    {
        var got = await ReadAsync($"date={CompliancePlan.Before:yyyy-MM-dd}&" + Filter($"park_code = '{CompliancePlan.Park}'"));
        // ZA-1 allows plot ratio 2.0: C-PR-OVER (1.51) passes, C-SPLIT (2.0, exactly at it) passes zone A.
        Assert.Equal(("compliant", ""), got["C-PR-OVER"]);
        Assert.Equal(("noncompliant", "use_mismatch,density_over,green_under"), got["C-SPLIT"]);
        // The blue line is approved only on 2021-01-01, and C-BLUE lies under no plan zone.
        Assert.Equal(("no_plan", ""), got["C-BLUE"]);
        Assert.Equal(("noncompliant", "red_line,yellow_line"), got["C-RED"]);
    }

    [Theory]
    [InlineData("compliance = 'noncompliant'", "C-PR-OVER,C-PR-UNDER,C-DENS,C-GREEN,C-IND,C-USE,C-SPLIT,C-RED,C-BLUE,C-FARM")]
    [InlineData("compliance = 'no_plan'", "C-ADJ")]
    [InlineData("noncompliant_rules LIKE '%plot_ratio_over%'", "C-PR-OVER,C-SPLIT")]
    [InlineData("noncompliant_rules LIKE '%line%' AND compliance <> 'compliant'", "C-RED,C-BLUE")]
    [InlineData("noncompliant_rules = 'protected_area'", "C-FARM")]
    public async Task A_CQL2_filter_selects_by_the_computed_compliance(string cql, string codes)
    {
        var got = await ReadAsync(Filter($"park_code = '{CompliancePlan.Park}' AND ({cql})"));
        Assert.Equal(codes.Split(',').Order(), got.Keys.Order());
    }

    [Fact]
    public async Task A_CQL2_JSON_filter_and_the_date_select_by_the_compliance_then()
    {
        var json = """{"op":"and","args":[{"op":"=","args":[{"property":"park_code"},"P-C"]},{"op":"=","args":[{"property":"compliance"},"noncompliant"]}]}""";
        var got = await ReadAsync($"date={CompliancePlan.Before:yyyy-MM-dd}&filter-lang=cql2-json&filter={Uri.EscapeDataString(json)}");
        Assert.Equal("C-PR-UNDER,C-DENS,C-GREEN,C-IND,C-USE,C-SPLIT,C-RED,C-FARM".Split(',').Order(), got.Keys.Order());
    }

    [Fact]
    public async Task The_queryables_declare_the_computed_properties_read_only_with_their_values()
    {
        var q = await site.Client.GetJsonAsync("ogc/collections/parcels/queryables");
        var compliance = q["properties"]!["compliance"]!;
        Assert.True((bool)compliance["readOnly"]!);
        Assert.Equal(["compliant", "noncompliant", "no_plan"], compliance["enum"]!.AsArray().Select(v => (string)v!));
        Assert.Equal("string", (string?)q["properties"]!["noncompliant_rules"]!["type"]);
        Assert.NotNull(q["properties"]!["building_coverage"]);
        Assert.NotNull(q["properties"]!["admin_facility_ratio"]);
    }

    [Fact]
    public async Task Sorting_by_compliance_pages_like_any_property()
    {
        var r = await site.Client.GetJsonAsync($"{Items}?limit=5&sortby=compliance,code&properties=code,compliance&" + Filter($"park_code = '{CompliancePlan.Park}'"));
        var first = r["features"]!.AsArray().Select(f => (string)f!["properties"]!["code"]!).ToList();
        // compliant first (alphabetically), by code.
        Assert.Equal(["C-APPR", "C-NONE", "C-OK", "C-PR-MIN", "C-R-OK"], first);
    }

    [Fact]
    public async Task A_tile_of_the_plan_carries_each_parcels_compliance()
    {
        var one = await site.Client.GetJsonAsync($"{Items}?" + Filter("code = 'C-RED'"));
        var corner = one["features"]![0]!["geometry"]!["coordinates"]![0]![0]![0]!;
        const int z = 13;
        var (x, y) = Slippy.TileAt((double)corner[0]!, (double)corner[1]!, z);
        using var response = await site.Client.GetAsync($"ogc/collections/parcels/tiles/WebMercatorQuad/{z}/{y}/{x}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var features = (await Mvt.ReadLayerAsync(await response.Content.ReadAsByteArrayAsync(), z, x, y, "parcels"))!;
        var byCode = features.ToDictionary(f => (string)f!["properties"]!["code"]!, f => f!["properties"]!);
        Assert.Contains("C-RED", byCode.Keys);
        foreach (var (code, rules) in RulesToday.Where(r => byCode.ContainsKey(r.Key)))
        {
            Assert.Equal(ComplianceOf(code, rules), (string?)byCode[code]["compliance"]);
            Assert.Equal(rules, (string?)byCode[code]["noncompliant_rules"] ?? "");
        }

        // Filtered by the computed property, the tile keeps the noncompliant ones only.
        using var filtered = await site.Client.GetAsync($"ogc/collections/parcels/tiles/WebMercatorQuad/{z}/{y}/{x}?" + Filter("compliance = 'noncompliant'"));
        Assert.Equal(HttpStatusCode.OK, filtered.StatusCode);
        var kept = (await Mvt.ReadLayerAsync(await filtered.Content.ReadAsByteArrayAsync(), z, x, y, "parcels"))!;
        Assert.NotEmpty(kept);
        Assert.All(kept, f => Assert.Equal("noncompliant", (string?)f!["properties"]!["compliance"]));
    }

    [Fact]
    public async Task The_vocabulary_serves_the_rules_with_names_and_colours_in_order()
    {
        var v = await site.Client.GetJsonAsync("api/vocabulary");
        var rules = v["complianceRules"]!.AsArray();
        Assert.Equal(["use_mismatch", "plot_ratio_over", "plot_ratio_under", "density_over", "green_under", "red_line", "blue_line",
                      "green_line", "yellow_line", "protected_area", "industrial_coverage_under", "industrial_green_over", "industrial_admin_over"],
            rules.Select(r => (string)r!["code"]!));
        Assert.All(rules, r => Assert.Matches("^#[0-9A-Fa-f]{6}$", (string)r!["color"]!));
        Assert.Equal("侵占道路红线", (string)rules[5]!["nameZh"]!);
    }

    [Fact]
    public async Task A_change_to_the_plan_changes_the_parcels_items_ETag()
    {
        var url = $"{Items}?limit=5&" + Filter($"park_code = '{CompliancePlan.Park}'");
        using var first = await site.Client.GetAsync(url);
        var etag = first.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { IfNoneMatch = { etag } } };
        Assert.Equal(HttpStatusCode.NotModified, (await site.Client.SendAsync(again)).StatusCode);
        // A plan zone away from every parcel: no answer changes, but the plan did.
        await using (var cmd = site.DataSource.CreateCommand($"""
            insert into plan_zones (code, plan_name, edition, approved_on, land_use, land_use_edition, geom)
            values ('ZZ-ETAG', '测试控规', '2020', '2020-01-01', 'G1', 'GB 50137-2011',
                    st_multi(st_transform(st_makeenvelope({CompliancePlan.E + 5000}, {CompliancePlan.N}, {CompliancePlan.E + 5100}, {CompliancePlan.N + 100}, 4549), 4490)))
            """)) await cmd.ExecuteNonQueryAsync();
        using var after = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { IfNoneMatch = { etag } } };
        Assert.Equal(HttpStatusCode.OK, (await site.Client.SendAsync(after)).StatusCode);
    }

    [Fact]
    public async Task The_ratio_fields_are_bounded_0_to_1_on_upload()
    {
        using var client = await site.CreateClientAsync("surveyor");
        var geojson = """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"C-BAD","park_code":"P-C","land_use":"0601",
             "status":"in_use","building_coverage":1.2,"admin_facility_ratio":0.05},
             "geometry":{"type":"Polygon","coordinates":[[[120.9,27.8],[120.901,27.8],[120.901,27.801],[120.9,27.801],[120.9,27.8]]]}}]}
            """;
        using var response = await client.PostAsync("api/uploads?collection=parcels&dryRun=true",
            new StringContent(geojson, System.Text.Encoding.UTF8, "application/geo+json"));
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("building_coverage", body);
        Assert.DoesNotContain("admin_facility_ratio", body);
    }
}
