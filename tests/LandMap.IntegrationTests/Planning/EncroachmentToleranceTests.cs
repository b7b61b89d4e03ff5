using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Planning;

/// <summary>The hand-made land with a surveyor's and an admin's client, in a database of its own (the tests write).</summary>
public sealed class EncroachmentSite(LandMapServer server) : SurveyorAdminSite(server, "landmap_encroachment");

/// <summary>
/// One encroachment tolerance (LandMap:Planning:EncroachmentToleranceM2) for the upload gate and the
/// parcels' compliance. A parcel drawn in EPSG:4549 with an edge along a red line's edge overlaps the
/// line once both are stored in lon/lat: the line's straight 2 km edge, stored as two vertices, departs
/// from the straight grid line by up to centimetres, about 4.8 m² under a 100 m edge at its middle. Such a
/// parcel is clear of the line for both; one drawn 2 m into the line (200 m²) is an encroachment for both.
/// </summary>
public sealed class EncroachmentToleranceTests(EncroachmentSite site) : IClassFixture<EncroachmentSite>
{
    private const string Upload = "/api/uploads?collection=parcels&crs=EPSG:4549";

    /// <summary>A red line 20 m wide whose south edge runs 2 km along y = 1000 (x 1000..3000), far from the hand-made plan.</summary>
    private async Task EnsureLongRedLineAsync() => await site.DataSource.ScalarAsync<int>(string.Create(CultureInfo.InvariantCulture, $"""
        insert into control_lines (code, name, kind, width_m, geom)
        select 'L-RED-2K', '测试长路道路红线', 'red', 20,
               st_multi(st_transform(st_makeenvelope({PlanningGateSite.E + 1000}, {PlanningGateSite.N + 1000}, {PlanningGateSite.E + 3000}, {PlanningGateSite.N + 1020}, 4549), 4490))
        where not exists (select 1 from control_lines where code = 'L-RED-2K');
        select 1
        """));

    private static StringContent File(string code, double x0, double y0, double x1, double y1)
    {
        JsonArray P(double x, double y) => new(PlanningGateSite.E + x, PlanningGateSite.N + y);
        var feature = new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = new JsonObject { ["code"] = code, ["park_code"] = "P-T1", ["land_use"] = "0601", ["land_use_edition"] = "2017", ["status"] = "approved_unsupplied" },
            ["geometry"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(new JsonArray(P(x0, y0), P(x1, y0), P(x1, y1), P(x0, y1), P(x0, y0))) },
        };
        return new(new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray(feature) }.ToJsonString(), Encoding.UTF8, "application/geo+json");
    }

    private async Task<(string? Compliance, string? Rules)> ComplianceAsync(string code)
    {
        var page = await site.Client.GetJsonAsync("ogc/collections/parcels/items?properties=compliance,noncompliant_rules&filter=" + Uri.EscapeDataString($"code = '{code}'"));
        var p = page["features"]![0]!["properties"]!;
        return ((string?)p["compliance"], (string?)p["noncompliant_rules"]);
    }

    [Fact]
    public async Task A_parcel_drawn_along_a_red_line_passes_the_gate_and_is_not_flagged_by_compliance()
    {
        await EnsureLongRedLineAsync();
        var overlap = await site.DataSource.ScalarAsync<double>(string.Create(CultureInfo.InvariantCulture, $"""
            select st_area(st_intersection(l.geom, st_transform(st_makeenvelope({PlanningGateSite.E + 1950}, {PlanningGateSite.N + 900},
                {PlanningGateSite.E + 2050}, {PlanningGateSite.N + 1000}, 4549), 4490))::geography)
            from control_lines as l where l.code = 'L-RED-2K'
            """));
        // The round trip's sliver: more than the former gate's 1 m², less than the one tolerance.
        Assert.InRange(overlap, 1, 10);
        using var response = await site.Surveyor.PostAsync(Upload, File("TOL-ALONG", 1950, 900, 2050, 1000));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal(("no_plan", ""), await ComplianceAsync("TOL-ALONG"));
    }

    [Fact]
    public async Task A_parcel_2_m_into_a_red_line_is_refused_by_the_gate_and_flagged_by_compliance()
    {
        await EnsureLongRedLineAsync();
        using var refused = await site.Surveyor.PostAsync(Upload, File("TOL-INTO", 2150, 902, 2250, 1002));
        var body = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.UnprocessableEntity, body);
        Assert.Contains("L-RED-2K", body);
        // Written over the gate by an admin: compliance flags the same encroachment.
        using var overridden = await site.Admin.PostAsync(Upload + "&override=planning&reason=tolerance%20test", File("TOL-INTO", 2150, 902, 2250, 1002));
        Assert.True(overridden.StatusCode == HttpStatusCode.Created, await overridden.Content.ReadAsStringAsync());
        Assert.Equal(("noncompliant", "red_line"), await ComplianceAsync("TOL-INTO"));
    }
}
