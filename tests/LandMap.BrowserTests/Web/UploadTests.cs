using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>
/// Surveyors in the page: a bad file's problems in a table and on the map; a good file dropped,
/// checked, committed (on the write server) and on the map without a reload. Parcels go to an
/// empty corner of the zone (121.17-121.19E, 27.65N), away from the sample and other tests.
/// </summary>
public sealed class UploadTests(LandMapServer server)
{
    internal static JsonObject Square(string code, double lon, double lat, double metres, string status = "idle")
    {
        var dLat = metres / 110_574;
        var dLon = metres / (111_320 * Math.Cos(lat * Math.PI / 180));
        // GeoJSON positions are [lon, lat].
        var ring = new JsonArray(P(lon, lat), P(lon + dLon, lat), P(lon + dLon, lat + dLat), P(lon, lat + dLat), P(lon, lat));
        return new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = new JsonObject { ["code"] = code, ["name"] = "测试上传地块", ["park_code"] = "P-BH", ["land_use"] = "0601", ["land_use_edition"] = "2017", ["status"] = status },
            ["geometry"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(ring) },
        };
        static JsonArray P(double x, double y) => new(Math.Round(x, 7), Math.Round(y, 7));
    }

    internal static string Collection(params JsonObject[] f) =>
        new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray(f) }.ToJsonString();

    private static async Task SignInAsync(MapSession map)
    {
        await map.Page.Locator("#tabbtn-upload").ClickAsync();
        await map.Page.Locator("[data-testid=upload-token]").FillAsync(LandMapServer.TestWriteToken);
        await map.Page.Locator("[data-testid=upload-sign]").ClickAsync();
    }

    [Fact]
    public async Task The_form_tells_the_server_which_land_use_classification_the_file_uses()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        await SignInAsync(map);
        // A surveyor's file as they come: codes without an edition (0601 is 工业用地 in GB/T 21010,
        // 乡村道路用地 in the 2023 guide, so the server needs to be told which).
        var plain = Square("WEB-ED-1", 121.174, 27.65, 80);
        plain["properties"]!.AsObject().Remove("land_use_edition");
        var requested = new List<string>();
        map.Page.Request += (_, r) => { if (r.Url.Contains("/api/uploads")) lock (requested) requested.Add(r.Url); };
        await map.Page.Locator("[data-testid=upload-file]").SetInputFilesAsync(new Microsoft.Playwright.FilePayload
        {
            Name = "plain.geojson", MimeType = "application/geo+json", Buffer = Encoding.UTF8.GetBytes(Collection(plain)),
        });
        // The current edition is chosen unless the surveyor picks another.
        var current = (string)(await server.CreateClient().GetJsonAsync("api/vocabulary"))["landUse"]!["edition"]!;
        Assert.Equal(current, await map.Page.Locator("[data-testid=upload-edition]").InputValueAsync());
        await map.Page.Locator("[data-testid=upload-dryrun]").ClickAsync();
        await map.JsAsync("() => window.landmap.upload.state.run");
        Assert.Equal("200", await map.Page.Locator("[data-testid=upload-status]").GetAttributeAsync("data-status"));
        lock (requested) Assert.Contains(requested, u => System.Web.HttpUtility.ParseQueryString(new Uri(u).Query)["landUseEdition"] == current);
        // "Per feature": the file must then say it, and this one does not.
        await map.Page.Locator("[data-testid=upload-edition]").SelectOptionAsync("");
        await map.Page.Locator("[data-testid=upload-dryrun]").ClickAsync();
        await map.JsAsync("() => window.landmap.upload.state.run");
        Assert.Equal("422", await map.Page.Locator("[data-testid=upload-status]").GetAttributeAsync("data-status"));
        var kinds = await map.Page.Locator("[data-testid=upload-problems] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.kind)");
        Assert.Contains("AmbiguousLandUseCode", kinds);
    }

    [Fact]
    public async Task A_bad_upload_lists_every_problem_and_draws_the_places_on_the_map()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        await SignInAsync(map);
        var bowtie = Square("WEB-BAD-1", 121.17, 27.65, 80);
        // A self-intersecting ring: swap two corners.
        var ring = bowtie["geometry"]!["coordinates"]![0]!.AsArray();
        var c1 = ring[1]!.DeepClone();
        ring[1] = ring[2]!.DeepClone();
        ring[2] = c1;
        var badStatus = Square("WEB-BAD-2", 121.172, 27.65, 80, status: "bogus");
        await map.Page.Locator("[data-testid=upload-file]").SetInputFilesAsync(new Microsoft.Playwright.FilePayload
        {
            Name = "bad.geojson", MimeType = "application/geo+json", Buffer = Encoding.UTF8.GetBytes(Collection(bowtie, badStatus)),
        });
        await map.Page.Locator("[data-testid=upload-dryrun]").ClickAsync();
        await map.JsAsync("() => window.landmap.upload.state.run");

        Assert.Equal("422", await map.Page.Locator("[data-testid=upload-status]").GetAttributeAsync("data-status"));
        var rows = map.Page.Locator("[data-testid=upload-problems] tbody tr");
        var kinds = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.kind)");
        Assert.Contains("SelfIntersection", kinds);
        Assert.Contains("InvalidEnum", kinds);
        var problems = await map.JsAsync<int>("() => window.landmap.upload.state.problems.length");
        Assert.Equal(problems, await rows.CountAsync());
        // Both bad features drawn on the map, in the problem layer.
        Assert.True(await map.Page.Locator("path.lm-problem").CountAsync() >= 2);
        Assert.Equal("1", await map.Page.Locator("[data-testid=upload-progress]").GetAttributeAsync("data-value"));
        await map.ScreenshotAsync("upload-problems");
        Assert.DoesNotContain(map.Errors, e => !e.Contains("422")); // the refused upload itself is logged by the browser
    }

    [Fact]
    public async Task A_good_upload_dropped_on_the_page_is_checked_committed_and_drawn_without_a_reload()
    {
        var ws = await server.WriteServerAsync();
        var code = $"WEB-OK-{Guid.NewGuid().ToString("N")[..6]}";
        var body = Collection(Square(code, 121.18, 27.65, 120));
        await using var map = await MapSession.OpenAsync(ws.BaseUrl);
        await SignInAsync(map);
        var before = await map.JsAsync<int>("() => window.landmap.data.parcels.length");

        // Drag and drop: a drop event carrying the file, as the browser makes it.
        await map.Page.EvaluateAsync("""
            ([name, text]) => {
              const dt = new DataTransfer();
              dt.items.add(new File([text], name, { type: 'application/geo+json' }));
              document.querySelector('[data-testid=upload-drop]').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
            }
            """, new[] { "good.geojson", body });
        await map.Page.WaitForFunctionAsync("() => window.landmap.upload.state.file !== null");
        await map.Page.WaitForTimeoutAsync(100);
        await map.Page.Locator("[data-testid=upload-dryrun]").ClickAsync();
        await map.JsAsync("() => window.landmap.upload.state.run");
        Assert.Equal("200", await map.Page.Locator("[data-testid=upload-status]").GetAttributeAsync("data-status"));
        Assert.Contains("EPSG:4326", await map.Page.Locator("[data-testid=upload-message]").InnerTextAsync());

        await map.Page.Locator("[data-testid=upload-commit]").ClickAsync();
        await map.JsAsync("() => window.landmap.upload.state.run");
        var status = await map.Page.Locator("[data-testid=upload-status]").GetAttributeAsync("data-status");
        Assert.True(status is "201" or "200", $"commit answered {status}");
        Assert.Equal("1", await map.Page.Locator("[data-testid=process-progress]").GetAttributeAsync("data-value"));
        Assert.Equal(1L, await ws.DataSource.ScalarAsync<long>($"select count(*) from parcels where code = '{code}'"));

        // On the map without a reload: in the page's parcels and drawn.
        Assert.True(await map.JsAsync<int>("() => window.landmap.data.parcels.length") > before); // other write tests may add too
        var drawn = await map.Page.EvaluateAsync<bool>(
            "code => window.landmap.layers.parcels.getLayers().some(l => l.feature.properties.code === code)", code);
        Assert.True(drawn);
        await map.JsAsync($"() => window.landmap.map.setView([27.6505, 121.1807], 16)");
        await map.ScreenshotAsync("upload-committed");
    }

    [Fact]
    public async Task With_the_async_contract_the_processing_bar_follows_the_job_to_its_end()
    {
        // The server's async answer (Prefer: respond-async -> 202 + Location, then GET the job) is
        // stood in for by routes, so the page's side of the contract is tested on its own.
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        var polls = new List<double>();
        await map.Page.RouteAsync("**/api/uploads?*", async route =>
        {
            Assert.Equal("respond-async", route.Request.Headers["prefer"]);
            await route.FulfillAsync(new() { Status = 202, Headers = new Dictionary<string, string> { ["Location"] = "/api/uploads/job-7" }, Body = "" });
        });
        await map.Page.RouteAsync("**/api/uploads/job-7", async route =>
        {
            var percent = polls.Count switch { 0 => 25.0, 1 => 60.0, _ => 100.0 };
            polls.Add(percent);
            var body = percent < 100
                ? $$"""{"status":"running","phase":"checking","processed":{{percent}},"total":100,"percent":{{percent}}}"""
                : """{"status":"committed","id":7,"counts":{"read":3,"valid":3,"invalid":0,"toCreate":3,"toUpdate":0},"report":{"counts":{"read":3,"valid":3,"invalid":0,"toCreate":3,"toUpdate":0},"problems":[]}}""";
            await route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = body });
        });
        await SignInAsync(map);
        await map.Page.Locator("[data-testid=upload-file]").SetInputFilesAsync(new Microsoft.Playwright.FilePayload
        {
            Name = "three.geojson", MimeType = "application/geo+json", Buffer = Encoding.UTF8.GetBytes(Collection(Square("ASYNC-1", 121.19, 27.65, 50))),
        });
        await map.Page.Locator("[data-testid=upload-commit]").ClickAsync();
        await map.JsAsync("() => window.landmap.upload.state.run");

        Assert.Equal([25.0, 60.0, 100.0], polls);
        Assert.Equal("201", await map.Page.Locator("[data-testid=upload-status]").GetAttributeAsync("data-status"));
        Assert.Equal("1", await map.Page.Locator("[data-testid=process-progress]").GetAttributeAsync("data-value"));
        Assert.Contains("7", await map.Page.Locator("[data-testid=upload-message]").InnerTextAsync());
    }
}
