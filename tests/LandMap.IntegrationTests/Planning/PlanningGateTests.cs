using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Analytics;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Planning;

/// <summary>The hand-made plan in the zone (easting 585 000, where uploads' coordinates are plausible),
/// with a surveyor's and an admin's client, in a database of its own (the tests write).</summary>
public sealed class PlanningGateSite(LandMapServer server) : SurveyorAdminSite(server, DatabaseName)
{
    public const string DatabaseName = "landmap_planning_gate";
    public const double E = 585_000, N = 3_085_000;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await HandMadePlan.InsertAsync(DataSource, E, N);
    }
}

/// <summary>
/// The planning gate on parcel writes: an upload (any format: they share the staging and its checks)
/// or a Part 4 edit whose parcel takes a protected area or encroaches a control line is refused, each
/// finding naming the feature, the line or area and the m² (on the ellipsoid: the Gauss-Kruger scale
/// here makes 1000 m² on the grid 999.84 m², hence the tolerance); nothing is written. Only an admin
/// may override it, with a reason, which is recorded.
/// </summary>
public sealed class PlanningGateTests(PlanningGateSite site) : IClassFixture<PlanningGateSite>
{
    /// <summary>A Part 4 write in EPSG:4549, whose axis order (Content-Crs) is northing, easting.</summary>
    private static HttpRequestMessage Part4(HttpMethod method, string url, JsonObject body)
    {
        Swap(body["geometry"]!["coordinates"]!);
        var request = new HttpRequestMessage(method, url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, method == HttpMethod.Patch ? "application/merge-patch+json" : "application/geo+json"),
        };
        request.Headers.TryAddWithoutValidation("Content-Crs", "<http://www.opengis.net/def/crs/EPSG/0/4549>");
        return request;

        static void Swap(JsonNode node)
        {
            var a = node.AsArray();
            if (a.Count == 2 && a[0] is JsonValue) (a[0], a[1]) = (a[1]!.DeepClone(), a[0]!.DeepClone());
            else foreach (var child in a) Swap(child!);
        }
    }

    private static JsonObject Feature(string code, (double X0, double Y0, double X1, double Y1) r) => new()
    {
        ["type"] = "Feature",
        ["properties"] = new JsonObject { ["code"] = code, ["park_code"] = "P-T1", ["land_use"] = "0601", ["land_use_edition"] = "2017", ["status"] = "approved_unsupplied" },
        ["geometry"] = new JsonObject
        {
            ["type"] = "Polygon",
            ["coordinates"] = new JsonArray(new JsonArray(
                Point(r.X0, r.Y0), Point(r.X1, r.Y0), Point(r.X1, r.Y1), Point(r.X0, r.Y1), Point(r.X0, r.Y0))),
        },
    };

    private static JsonArray Point(double x, double y) => new(PlanningGateSite.E + x, PlanningGateSite.N + y);

    private static StringContent File(params JsonObject[] features) =>
        new(new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray(features) }.ToJsonString(), Encoding.UTF8, "application/geo+json");

    private static async Task<(HttpStatusCode, JsonObject)> Send(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private async Task<bool> StoredAsync(string code)
    {
        await using var cmd = site.DataSource.CreateCommand("select count(*) from parcels where code = $1");
        cmd.Parameters.Add(new() { Value = code });
        return (long)(await cmd.ExecuteScalarAsync())! > 0;
    }

    private const string Upload = "/api/uploads?collection=parcels&crs=EPSG:4549";

    [Fact]
    public async Task An_upload_taking_a_red_line_and_farmland_is_refused_naming_each_with_its_area()
    {
        var (status, body) = await Send(site.Surveyor.PostAsync(Upload, File(Feature("GATE-CLEAN-1", HandMadePlan.InM1), Feature("GATE-TAKES-1", HandMadePlan.Site))));
        Assert.True(status == HttpStatusCode.UnprocessableEntity, body.ToJsonString());
        var problems = body["report"]!["problems"]!.AsArray().Select(p => p!.AsObject()).ToList();
        Assert.All(problems, p => Assert.Equal((1, "GATE-TAKES-1"), ((int)p["featureIndex"]!, (string)p["code"]!)));
        var red = problems.Single(p => (string)p["kind"]! == "ControlLineEncroached");
        Assert.Equal(("L-RED", "red", "测试路道路红线"), ((string)red["otherCode"]!, (string)red["otherKind"]!, (string)red["otherName"]!));
        Assert.Equal(1_000, (double)red["overlapM2"]!, 0.5);
        Assert.Contains("L-RED", (string)red["messageEn"]!);
        Assert.Contains("道路红线", (string)red["messageZh"]!);
        var farm = problems.Single(p => (string)p["kind"]! == "ProtectedAreaTaken");
        Assert.Equal(("PA-FARM", "basic_farmland"), ((string)farm["otherCode"]!, (string)farm["otherKind"]!));
        Assert.Equal(100, (double)farm["overlapM2"]!, 0.05);
        Assert.False(await StoredAsync("GATE-CLEAN-1"));
        Assert.False(await StoredAsync("GATE-TAKES-1"));
    }

    [Fact]
    public async Task A_clean_parcel_passes_the_gate()
    {
        var (status, body) = await Send(site.Surveyor.PostAsync(Upload, File(Feature("GATE-CLEAN-2", (-90, -90, -10, -10)))));
        Assert.True(status == HttpStatusCode.Created, body.ToJsonString());
        Assert.True(await StoredAsync("GATE-CLEAN-2"));
    }

    [Fact]
    public async Task A_sliver_within_the_tolerance_passes()
    {
        // 20 m x 0.005 m = 0.1 m² of red line, under the 1 m² default.
        var (status, body) = await Send(site.Surveyor.PostAsync(Upload, File(Feature("GATE-SLIVER", (-90, 0, -70, 45.005)))));
        Assert.True(status == HttpStatusCode.Created, body.ToJsonString());
    }

    [Fact]
    public async Task A_surveyor_asking_to_override_is_forbidden_and_nothing_is_written()
    {
        var (status, body) = await Send(site.Surveyor.PostAsync(Upload + "&override=planning&reason=urgent", File(Feature("GATE-TAKES-2", HandMadePlan.Site))));
        Assert.True(status == HttpStatusCode.Forbidden, body.ToJsonString());
        Assert.False(await StoredAsync("GATE-TAKES-2"));
    }

    [Fact]
    public async Task An_admin_override_needs_a_reason()
    {
        var (status, body) = await Send(site.Admin.PostAsync(Upload + "&override=planning", File(Feature("GATE-TAKES-3", HandMadePlan.Site))));
        Assert.True(status == HttpStatusCode.BadRequest, body.ToJsonString());
        Assert.Equal("reason", (string?)body["parameter"]);
    }

    [Fact]
    public async Task An_admin_override_writes_the_parcel_and_records_the_reason_and_findings()
    {
        const string reason = "市政府专题会议纪要〔2026〕12号同意先行用地";
        var (status, body) = await Send(site.Admin.PostAsync(Upload + "&override=planning&reason=" + Uri.EscapeDataString(reason),
            File(Feature("GATE-TAKES-4", HandMadePlan.Site))));
        Assert.True(status == HttpStatusCode.Created, body.ToJsonString());
        Assert.True(await StoredAsync("GATE-TAKES-4"));
        var warnings = body["report"]!["warnings"]!.AsArray().Where(w => (string)w!["kind"]! == "PlanningOverridden").ToList();
        Assert.Equal(["L-RED", "PA-FARM"], warnings.Select(w => (string)w!["otherCode"]!).Order());
        Assert.All(warnings, w => Assert.Contains(reason, (string)w!["messageZh"]!));

        await using var cmd = site.DataSource.CreateCommand(
            "select reason, upload_id, feature_codes, findings::text from planning_overrides where upload_id = $1");
        cmd.Parameters.Add(new() { Value = (long)body["id"]! });
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        Assert.Equal(reason, r.GetString(0));
        Assert.Equal(["GATE-TAKES-4"], r.GetFieldValue<string[]>(2));
        var findings = JsonNode.Parse(r.GetString(3))!.AsArray();
        Assert.Equal(1_000, (double)findings.Single(f => (string)f!["other"]! == "L-RED")!["overlapM2"]!, 0.5);
    }

    [Fact]
    public async Task A_part4_create_or_patch_onto_a_line_is_refused_and_an_admin_may_override_it()
    {
        const string items = "/ogc/collections/parcels/items";
        var (refused, problem) = await Send(site.Surveyor.SendAsync(Part4(HttpMethod.Post, items, Feature("GATE-EDIT-1", (-60, 40, -40, 60)))));
        Assert.True(refused == HttpStatusCode.UnprocessableEntity, problem.ToJsonString());
        var finding = problem["report"]!["problems"]!.AsArray().Single()!;
        Assert.Equal(("ControlLineEncroached", "L-RED"), ((string)finding["kind"]!, (string)finding["otherCode"]!));
        Assert.Equal(200, (double)finding["overlapM2"]!, 0.1);
        Assert.False(await StoredAsync("GATE-EDIT-1"));

        // A clean parcel, then a patch moving it onto the red line: refused, the stored one unchanged.
        using var created = await site.Surveyor.SendAsync(Part4(HttpMethod.Post, items, Feature("GATE-EDIT-2", (-90, 150, -70, 170))));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        using var request = Part4(HttpMethod.Patch, created.Headers.Location!.ToString(),
            new JsonObject { ["geometry"] = Feature("x", (-30, 40, -10, 60))["geometry"]!.DeepClone() });
        request.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.ToString());
        var (patched, patchProblem) = await Send(site.Surveyor.SendAsync(request));
        Assert.True(patched == HttpStatusCode.UnprocessableEntity, patchProblem.ToJsonString());
        Assert.Equal("L-RED", (string)patchProblem["report"]!["problems"]![0]!["otherCode"]!);

        var (overridden, written) = await Send(site.Admin.SendAsync(Part4(HttpMethod.Post, items + "?override=planning&reason=test", Feature("GATE-EDIT-3", (-60, 40, -40, 60)))));
        Assert.True(overridden == HttpStatusCode.Created, written.ToJsonString());
        await using var cmd = site.DataSource.CreateCommand("select reason from planning_overrides where 'GATE-EDIT-3' = any (feature_codes) and upload_id is null");
        Assert.Equal("test", await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_stored_parcel_on_a_line_may_still_have_its_properties_edited()
    {
        // Stored before the plan drew its red line: a patch of its name keeps its shape, and passes.
        await using (var insert = site.DataSource.CreateCommand(FormattableString.Invariant($"""
            insert into parcels (code, park_code, land_use, land_use_edition, status, source, geom)
            values ('GATE-OLD', 'P-T1', '0601', 'GB/T 21010-2017', 'in_use', 'hand-made',
                    st_multi(st_transform(st_makeenvelope({PlanningGateSite.E + 120}, {PlanningGateSite.N + 40}, {PlanningGateSite.E + 140}, {PlanningGateSite.N + 60}, 4549), 4490)))
            returning id
            """)))
        {
            var id = (long)(await insert.ExecuteScalarAsync())!;
            using var read = await site.Surveyor.GetAsync($"/ogc/collections/parcels/items/{id}");
            using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/ogc/collections/parcels/items/{id}")
            {
                Content = new StringContent("""{"properties": {"name": "改名"}}""", Encoding.UTF8, "application/merge-patch+json"),
            };
            patch.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
            var (status, body) = await Send(site.Surveyor.SendAsync(patch));
            Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        }
    }

    [Fact]
    public async Task The_gate_is_one_statement_for_all_of_an_uploads_features()
    {
        var statements = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("Npgsql", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                var db = a.GetTagItem("db.name") ?? a.GetTagItem("db.namespace");
                var text = (a.GetTagItem("db.statement") ?? a.GetTagItem("db.query.text")) as string;
                if (db as string == PlanningGateSite.DatabaseName && text is not null && text.Contains("join control_lines l"))
                    lock (statements) statements.Add(text);
            },
        };
        ActivitySource.AddActivityListener(listener);
        var features = Enumerable.Range(0, 30).Select(i => Feature($"GATE-MANY-{i}", (-100 + i * 10, 40, -90 + i * 10, 60))).ToArray();
        var (status, body) = await Send(site.Surveyor.PostAsync(Upload, File(features)));
        Assert.True(status == HttpStatusCode.UnprocessableEntity, body.ToJsonString());
        Assert.Equal(30, body["report"]!["problems"]!.AsArray().Count(p => (string)p!["kind"]! == "ControlLineEncroached"));
        Assert.Single(statements);
    }
}
