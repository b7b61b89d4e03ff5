using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Conformance.Cql2;

/// <summary>
/// CQL2 Property-Property Comparisons: the permissions to allow only "property op literal" are
/// withdrawn, so a property may stand on either side, or both, of every predicate.
/// </summary>
public sealed class PropertyPropertyTests(LandMapServer server)
{
    private readonly Cql2Db db = new(server);

    [Theory]
    [Trait("Requirement", "/req/property-property/withdraw-permissions")]
    [Trait("Requirement", "/req/cql2-text/property-property")]
    [Trait("Requirement", "/req/cql2-json/property-property")]
    [InlineData("plot_ratio_max > plot_ratio_min", """{"op": ">", "args": [{"property": "plot_ratio_max"}, {"property": "plot_ratio_min"}]}""", "plot_ratio_max > plot_ratio_min")]
    [InlineData("2 < plot_ratio", """{"op": "<", "args": [2, {"property": "plot_ratio"}]}""", "plot_ratio > 2")]
    [InlineData("name LIKE name", """{"op": "like", "args": [{"property": "name"}, {"property": "name"}]}""", "name like name")]
    [InlineData("plot_ratio BETWEEN plot_ratio_min AND plot_ratio_max", """{"op": "between", "args": [{"property": "plot_ratio"}, {"property": "plot_ratio_min"}, {"property": "plot_ratio_max"}]}""", "plot_ratio >= plot_ratio_min and plot_ratio <= plot_ratio_max")]
    [InlineData("'WZKF-BH-0001' IN (code, project_code)", """{"op": "in", "args": ["WZKF-BH-0001", [{"property": "code"}, {"property": "project_code"}]]}""", "code = 'WZKF-BH-0001'")]
    [InlineData("T_AFTER(actual_start_on, agreed_start_on)", """{"op": "t_after", "args": [{"property": "actual_start_on"}, {"property": "agreed_start_on"}]}""", "actual_start_on > agreed_start_on")]
    [InlineData("S_INTERSECTS(geometry, geometry)", """{"op": "s_intersects", "args": [{"property": "geometry"}, {"property": "geometry"}]}""", "true")]
    [InlineData("S_WITHIN(POINT(120.6985 27.9175), geometry) OR S_CONTAINS(geometry, geometry)", """{"op": "or", "args": [{"op": "s_within", "args": [{"type": "Point", "coordinates": [120.6985, 27.9175]}, {"property": "geometry"}]}, {"op": "s_contains", "args": [{"property": "geometry"}, {"property": "geometry"}]}]}""", "true")]
    public async Task Req_property_property_withdraw_permissions_properties_on_both_sides(string text, string json, string hand) =>
        await db.AssertBoth(text, json, hand);
}
