using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using MiniExcelLibs;

namespace LandMap.Tests.Planning;

/// <summary>
/// GET /api/planning/compliance and its totals on the hand-made plan (<see cref="CompliancePlan"/>):
/// each failure's figures and area worked out by hand, the filters, CSV and .xlsx with Chinese (or
/// English) headers and names, totals in mu summed exactly.
/// </summary>
[Collection(ComplianceSite.Name)]
public sealed class ComplianceReportTests(ComplianceSite site)
{
    private const string Report = "api/planning/compliance";

    /// <summary>Area on the ellipsoid of a shape of <paramref name="planeM2"/> on the Gauss-Kruger plane (within 0.05 %, smaller by k²).</summary>
    private static void AssertArea(double planeM2, double actual) => Assert.InRange(actual, planeM2 * 0.9995, planeM2 * 1.00001);

    private static JsonObject Parcel(JsonNode report, string code) =>
        report["noncompliantParcels"]!.AsArray().Single(p => (string)p!["code"]! == code)!.AsObject();

    [Fact]
    public async Task The_report_lists_each_noncompliant_parcel_with_each_failures_figures()
    {
        var r = await site.Client.GetJsonAsync($"{Report}?park=P-C");
        var codes = r["noncompliantParcels"]!.AsArray().Select(p => (string)p!["code"]!).ToList();
        Assert.Equal(ComplianceTests.RulesToday.Where(x => x.Value != "").Select(x => x.Key).Order(StringComparer.Ordinal), codes);
        Assert.Equal(10, (int)r["parcels"]!);

        // Across two zones: each zone's figures against the part of the parcel in it (1 ha each).
        var split = Parcel(r, "C-SPLIT");
        Assert.Equal("use_mismatch,plot_ratio_over,density_over,green_under", (string)split["rules"]!);
        var f = split["failures"]!.AsArray().ToDictionary(x => (string)x!["rule"]!, x => x!);
        Assert.Equal(("ZB-1", "R2", "0601"), ((string)f["use_mismatch"]["ref"]!, (string)f["use_mismatch"]["planUse"]!, (string)f["use_mismatch"]["parcelUse"]!));
        Assert.Equal(("ZA-2", 1.5, 2.0), ((string)f["plot_ratio_over"]["ref"]!, (double)f["plot_ratio_over"]["planValue"]!, (double)f["plot_ratio_over"]["parcelValue"]!));
        Assert.Equal(("ZB-1", 0.3, 0.35), ((string)f["density_over"]["ref"]!, (double)f["density_over"]["planValue"]!, (double)f["density_over"]["parcelValue"]!));
        Assert.Equal(("ZB-1", 0.3, 0.15), ((string)f["green_under"]["ref"]!, (double)f["green_under"]["planValue"]!, (double)f["green_under"]["parcelValue"]!));
        AssertArea(10_000, (double)f["plot_ratio_over"]["areaM2"]!);
        AssertArea(10_000, (double)f["use_mismatch"]["areaM2"]!);
        AssertArea(20_000, (double)split["areaM2"]!);

        // The national controls, each against its figure, the document as the reference.
        var ind = Parcel(r, "C-IND")["failures"]!.AsArray().ToDictionary(x => (string)x!["rule"]!, x => x!);
        Assert.Equal((0.3, 0.2999), ((double)ind["industrial_coverage_under"]["planValue"]!, (double)ind["industrial_coverage_under"]["parcelValue"]!));
        Assert.Equal((0.2, 0.2001), ((double)ind["industrial_green_over"]["planValue"]!, (double)ind["industrial_green_over"]["parcelValue"]!));
        Assert.Equal((0.07, 0.0701), ((double)ind["industrial_admin_over"]["planValue"]!, (double)ind["industrial_admin_over"]["parcelValue"]!));
        Assert.All(ind.Values, x => Assert.Equal("国土资发〔2008〕24号", (string)x["ref"]!));
    }

    [Theory]
    [InlineData("C-RED", "red_line", "RL-1", 1000)]
    [InlineData("C-RED", "yellow_line", "YL-1", 1000)]
    [InlineData("C-BLUE", "blue_line", "BL-1", 5000)]
    [InlineData("C-FARM", "protected_area", "PA-1", 2500)]
    public async Task An_encroachment_is_reported_with_the_area_taken_in_m2(string code, string rule, string reference, double planeM2)
    {
        var r = await site.Client.GetJsonAsync($"{Report}?rule={rule}");
        var parcel = Assert.Single(r["noncompliantParcels"]!.AsArray());
        Assert.Equal(code, (string)parcel!["code"]!);
        var failure = Assert.Single(parcel["failures"]!.AsArray());
        Assert.Equal((rule, reference), ((string)failure!["rule"]!, (string)failure["ref"]!));
        AssertArea(planeM2, (double)failure["areaM2"]!);
    }

    [Fact]
    public async Task AsOf_checks_the_plan_in_force_that_day()
    {
        var before = await site.Client.GetJsonAsync($"{Report}?park=P-C&asOf={CompliancePlan.Before:yyyy-MM-dd}");
        Assert.Equal("2019-06-30", (string)before["date"]!);
        var codes = before["noncompliantParcels"]!.AsArray().Select(p => (string)p!["code"]!).ToHashSet();
        Assert.DoesNotContain("C-PR-OVER", codes);
        Assert.DoesNotContain("C-BLUE", codes);
        Assert.Equal("use_mismatch,density_over,green_under", (string)Parcel(before, "C-SPLIT")["rules"]!);
        var now = await site.Client.GetJsonAsync($"{Report}?rule=plot_ratio_over");
        Assert.Equal(["C-PR-OVER", "C-SPLIT"], now["noncompliantParcels"]!.AsArray().Select(p => (string)p!["code"]!));
        Assert.Equal("ZA-2", (string)Parcel(now, "C-PR-OVER")["failures"]![0]!["ref"]!);
        // Wholly in the zone: the part in it is the parcel itself (1 ha), not the zone (50 ha).
        AssertArea(10_000, (double)Parcel(now, "C-PR-OVER")["failures"]![0]!["areaM2"]!);
    }

    [Fact]
    public async Task The_totals_count_each_parcel_once_per_rule_in_mu_and_the_rules_not_checked()
    {
        var t = await site.Client.GetJsonAsync($"{Report}/totals?park=P-C");
        var rules = t["rules"]!.AsArray().ToDictionary(x => (string)x!["rule"]!, x => x!);
        Assert.Equal(13, rules.Count);
        // Hand-worked: parcels and units (1 unit = 15 mu on the plane) per rule.
        var expected = new Dictionary<string, (int Parcels, int Units)>
        {
            ["use_mismatch"] = (2, 3), ["plot_ratio_over"] = (2, 3), ["plot_ratio_under"] = (1, 1), ["density_over"] = (2, 3),
            ["green_under"] = (2, 3), ["red_line"] = (1, 1), ["blue_line"] = (1, 1), ["green_line"] = (0, 0), ["yellow_line"] = (1, 1),
            ["protected_area"] = (1, 1), ["industrial_coverage_under"] = (1, 1), ["industrial_green_over"] = (1, 1), ["industrial_admin_over"] = (1, 1),
        };
        foreach (var (rule, (parcels, units)) in expected)
        {
            Assert.Equal(parcels, (int)rules[rule]["parcels"]!);
            AssertArea(units * 15.0, (double)rules[rule]["areaMu"]!);
        }
        Assert.Equal("容积率超上限", (string)rules["plot_ratio_over"]["nameZh"]!);
        // Noncompliant parcels once each: 10 parcels, 11 units.
        Assert.Equal(10, (int)t["parcels"]!);
        AssertArea(165, (double)t["areaMu"]!);
        // Exact: the sum of the parcels' own areas, rounded once.
        var items = await site.Client.GetJsonAsync("ogc/collections/parcels/items?limit=100&properties=area_m2&filter=" +
            Uri.EscapeDataString("park_code = 'P-C' AND compliance = 'noncompliant'"));
        var m2 = items["features"]!.AsArray().Sum(f => (double)f!["properties"]!["area_m2"]!);
        Assert.Equal(Math.Round(m2 * 15 / 10000, 2), (double)t["areaMu"]!, 0.011);
        // Missing figures are not checked, never passed: C-NONE lacks every figure.
        foreach (var rule in new[] { "plot_ratio_over", "plot_ratio_under", "density_over", "green_under",
                                     "industrial_coverage_under", "industrial_green_over", "industrial_admin_over" })
            Assert.Equal(1, (int)rules[rule]["notChecked"]!);
        Assert.Equal(0, (int)rules["use_mismatch"]["notChecked"]!);
    }

    [Fact]
    public async Task The_report_exports_as_csv_with_Chinese_headers_and_names()
    {
        using var response = await site.Client.GetAsync($"{Report}?park=P-C&rule=plot_ratio_over&f=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("宗地编号,名称,园区,用地类型,宗地面积（亩）,不符合规则,规划地块/控制线/保护区域,规划指标,宗地指标,规划用途,宗地用途,涉及面积（平方米）", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("C-PR-OVER,,规划测试园,0601 工业用地,", lines[1]);
        Assert.Contains(",容积率超上限,ZA-2,1.5,1.51,,,", lines[1]);
    }

    [Fact]
    public async Task The_totals_export_as_xlsx_in_English_with_lang_en()
    {
        using var response = await site.Client.GetAsync($"{Report}/totals?park=P-C&f=xlsx&lang=en");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("compliance-totals-", response.Content.Headers.ContentDisposition?.FileName);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["Rule", "Name", "Parcels", "Area (mu)", "Not checked"], rows[0].Keys);
        var red = rows.Single(x => (string)x["Rule"] == "red_line");
        Assert.Equal("Encroaches a road red line", red["Name"]);
        Assert.Equal(1.0, Convert.ToDouble(red["Parcels"]));
    }

    [Theory]
    [InlineData("?rule=red", "rule")]
    [InlineData("?park=P-X", "park")]
    [InlineData("?asOf=2019-13-01", "asOf")]
    [InlineData("?f=pdf", "f")]
    [InlineData("/totals?asOf=yesterday", "asOf")]
    public async Task A_bad_parameter_is_a_problem_naming_it(string query, string parameter)
    {
        using var response = await site.Client.GetAsync(Report + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(parameter, await response.Content.ReadAsStringAsync());
    }
}
