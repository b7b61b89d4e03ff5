using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>
/// A surveyor records the idle-land procedure's next step in a parcel's panel: a step out of order is
/// refused with the API's 409 (field and detail shown, nothing recorded), the determination is
/// recorded and the parcel turns from suspected idle to idle on the map. On the write server, on a
/// parcel of its own in an empty corner of the zone, so no other test sees it.
/// </summary>
public sealed class ProcedureStepTests(LandMapServer server)
{
    /// <summary>The zone's today (UTC+8): a step may not be dated after it.</summary>
    private static string ZoneToday => DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");

    private static async Task<string> CreateSuspectedIdleParcelAsync(WriteServer ws)
    {
        var code = $"WEB-IDLE-{Guid.NewGuid().ToString("N")[..6]}";
        // An empty corner (lon 121.18-121.19, lat 27.67), a random place in it; GeoJSON positions are [lon, lat].
        var lon = 121.18 + Random.Shared.NextDouble() * 0.008;
        const double lat = 27.67, d = 0.0006;
        var feature = new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = new JsonObject
            {
                ["code"] = code, ["name"] = "测试闲置地块", ["park_code"] = "P-BH", ["land_use"] = "0601", ["land_use_edition"] = "2017", ["status"] = "supplied_unused",
                ["supply_method"] = "listing", ["approved_on"] = "2018-01-10", ["supplied_on"] = "2018-03-01", ["agreed_start_on"] = "2019-01-01",
            },
            ["geometry"] = new JsonObject
            {
                ["type"] = "Polygon",
                ["coordinates"] = new JsonArray(new JsonArray(
                    new JsonArray(lon, lat), new JsonArray(lon + d, lat), new JsonArray(lon + d, lat + d), new JsonArray(lon, lat + d), new JsonArray(lon, lat))),
            },
        };
        using var created = await ws.CreateWriterClient().PostAsync("ogc/collections/parcels/items",
            new StringContent(feature.ToJsonString(), Encoding.UTF8, "application/geo+json"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return code;
    }

    private static Task<string> FillColourAsync(MapSession map, string code) => map.Page.EvaluateAsync<string>(
        "code => window.landmap.layers.parcels.getLayers().find(l => l.feature.properties.code === code)?.options.fillColor ?? ''", code);

    [Fact]
    public async Task A_surveyor_records_the_determination_and_the_parcel_turns_idle_on_the_map_a_step_out_of_order_shows_the_409()
    {
        var ws = await server.WriteServerAsync();
        var code = await CreateSuspectedIdleParcelAsync(ws);
        var anonymous = ws.CreateClient();
        Assert.Equal("suspected_idle", (string?)(await anonymous.GetJsonAsync($"api/parcels/{code}/state"))["state"]);
        var colours = (await anonymous.GetJsonAsync("api/vocabulary"))["parcelStates"]!.AsArray()
            .ToDictionary(s => (string)s!["code"]!, s => (string)s!["color"]!);
        var surveyor = (await ws.CreateClientAsync("surveyor", "parcels")).DefaultRequestHeaders.Authorization!.Parameter!;

        await using var map = await MapSession.OpenAsync(ws.BaseUrl);
        await map.Page.Locator("#tabbtn-upload").ClickAsync();
        await map.Page.Locator("[data-testid=upload-token]").FillAsync(surveyor);
        await map.Page.Locator("[data-testid=upload-sign]").ClickAsync();
        Assert.Equal(colours["suspected_idle"], await FillColourAsync(map, code), ignoreCase: true);
        await map.Page.EvaluateAsync("async code => { await window.landmap.selectParcel(code); }", code);
        var form = map.Page.Locator("[data-testid=step-form]");
        await form.WaitForAsync();

        // A fee before any determination: 409, the field and the API's detail shown, nothing recorded.
        await form.Locator("[data-testid=step-kind]").SelectOptionAsync("idle_fee_levied");
        await form.Locator("[data-testid=step-occurredOn]").FillAsync(ZoneToday);
        await form.Locator("[data-testid=step-documentNo]").FillAsync("温开国土闲征〔2026〕1号");
        await form.Locator("[data-testid=step-submit]").ClickAsync();
        await map.JsAsync("() => window.landmap.procedure.run");
        var message = map.Page.Locator("[data-testid=step-message]");
        Assert.Equal("409", await message.GetAttributeAsync("data-status"));
        Assert.Equal("kind", await message.GetAttributeAsync("data-field"));
        var refused = await message.InnerTextAsync();
        Assert.Contains("未记录（409）", refused);
        Assert.Contains("事项（kind）", refused);
        Assert.Contains("follows a determination", refused);
        Assert.Empty((await anonymous.GetJsonAsync($"api/parcels/{code}/events")).AsArray());
        await map.ScreenshotAsync("procedure-step-refused");

        // The determination, with the land user's cause: recorded; the map, the panel and the events follow.
        await form.Locator("[data-testid=step-kind]").SelectOptionAsync("idle_determined");
        await form.Locator("[data-testid=step-cause]").SelectOptionAsync("land_user");
        await form.Locator("[data-testid=step-documentNo]").FillAsync("温开国土闲认〔2026〕7号");
        await form.Locator("[data-testid=step-submit]").ClickAsync();
        await map.JsAsync("() => window.landmap.procedure.run");
        Assert.Equal("idle", (string?)(await anonymous.GetJsonAsync($"api/parcels/{code}/state"))["state"]);
        Assert.Equal(colours["idle"], await FillColourAsync(map, code), ignoreCase: true);
        await map.Page.Locator("[data-testid=side-events]").WaitForAsync();
        var events = await map.Page.Locator("[data-testid=side-events]").InnerTextAsync();
        Assert.Contains("温开国土闲认〔2026〕7号", events);
        Assert.Contains("国有建设用地使用权人原因", events);
        Assert.Contains("闲置土地（已认定）", await map.Page.Locator("[data-testid=side-panel] dl").First.InnerTextAsync());
        await map.ScreenshotAsync("procedure-step-recorded");
        Assert.DoesNotContain(map.Errors, e => !e.Contains("409"));
    }
}
