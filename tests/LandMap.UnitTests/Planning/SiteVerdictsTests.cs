using LandMap.Api.Features.Planning;

namespace LandMap.Tests.Planning;

/// <summary>The site check's rules on hand-made overlays, without a database: inclusive bounds compared as
/// decimals, each zone under a site on its own, the tolerance for slivers, coverage.</summary>
public sealed class SiteVerdictsTests
{
    private static ZoneUnderSite Zone(string code, double share, decimal? min = null, decimal? max = null, decimal? density = null,
        decimal? green = null, bool? allows = null) =>
        new(new SitePlanZone(code, "plan", "2020", "M1", "一类工业用地", "Class 1 industrial land", "M1", share * 10_000, share,
            min, max, density, null, green), allows);

    private static Dictionary<string, string> Judge(IReadOnlyList<ZoneUnderSite> zones, SiteProposal proposal, SiteUse? use = null,
        IReadOnlyList<SiteConstraint>? lines = null, double covered = 10_000) =>
        SiteVerdicts.Judge(zones, use, proposal, lines ?? [], [], 10_000, covered, 1.0).ToDictionary(v => v.Rule, v => v.Result);

    [Theory]
    [InlineData("2.50", "pass")]
    [InlineData("2.5", "pass")]
    [InlineData("2.5000001", "fail")]
    [InlineData("1.2", "pass")]
    [InlineData("1.1999999", "fail")]
    public void A_plot_ratio_at_a_bound_passes_and_any_amount_past_it_fails(string value, string expected)
    {
        var verdicts = Judge([Zone("Z", 1, 1.2m, 2.50m)], new(null, null, decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), null, null));
        Assert.Equal(expected, verdicts["plot_ratio"]);
    }

    [Fact]
    public void Every_zone_under_the_site_must_be_obeyed_and_zones_without_a_bound_are_not_counted()
    {
        var zones = new[] { Zone("A", 0.5, density: 0.5m), Zone("B", 0.3, density: 0.3m), Zone("C", 0.2) };
        Assert.Equal("fail", Judge(zones, new(null, null, null, 0.4m, null))["building_density"]);
        Assert.Equal("pass", Judge(zones, new(null, null, null, 0.3m, null))["building_density"]);
        Assert.Equal("not_checked", Judge([Zone("C", 1)], new(null, null, null, 0.3m, null))["building_density"]);
    }

    [Fact]
    public void A_use_fails_where_any_zone_refuses_it_and_is_unchecked_without_a_plan()
    {
        var use = new SiteUse("M2", "GB 50137-2011", "M2", "二类工业用地", "Class 2 industrial land");
        var none = new SiteProposal("M2", null, null, null, null);
        Assert.Equal("fail", Judge([Zone("A", 0.9, allows: true), Zone("B", 0.1, allows: false)], none, use)["use"]);
        Assert.Equal("pass", Judge([Zone("A", 1, allows: true)], none, use)["use"]);
        Assert.Equal("not_checked", Judge([], none, use, covered: 0)["use"]);
        Assert.Equal("fail", Judge([], none, use, covered: 0)["plan_coverage"]);
    }

    [Fact]
    public void A_sliver_of_line_within_the_tolerance_is_no_encroachment()
    {
        var sliver = new SiteConstraint("L", "路", "red", "道路红线", "Road red line", 1.0, 0.0001);
        var strip = sliver with { OverlapM2 = 1.01 };
        Assert.Equal("pass", Judge([Zone("A", 1)], new(null, null, null, null, null), lines: [sliver])["control_lines"]);
        Assert.Equal("fail", Judge([Zone("A", 1)], new(null, null, null, null, null), lines: [strip])["control_lines"]);
    }
}
