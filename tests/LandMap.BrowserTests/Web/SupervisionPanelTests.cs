using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>
/// The supervision tab on the sample at the end of 2016 (the year filter's date): its lists are the
/// API's (/api/supervision/idle-candidates and /contract-warnings), a row selects and frames its parcel
/// clear of the panels and the legend, "show on map" outlines exactly the listed parcels, and the
/// parcel's panel lists its procedure events with their document numbers.
/// </summary>
public sealed class SupervisionPanelTests(LandMapServer server)
{
    private const string Date = "2016-12-31";

    private static async Task<MapSession> OpenAtYearEndAsync(string baseUrl, string lang = "zh")
    {
        var map = await MapSession.OpenAsync(baseUrl, lang);
        await map.JsAsync("() => window.landmap.filters.set({ year: 2016 })");
        await map.SettledAsync();
        await map.Page.Locator("#tabbtn-supervision").ClickAsync();
        await map.JsAsync("() => window.landmap.supervision.state.run");
        return map;
    }

    private async Task<JsonNode> ReportAsync(string report) =>
        await server.CreateClient().GetJsonAsync($"api/supervision/{report}?date={Date}" + (report == "contract-warnings" ? "&within=90" : ""));

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public async Task The_lists_are_the_APIs_for_the_year_end_with_counts_mu_rows_and_downloads(string lang)
    {
        await using var map = await OpenAtYearEndAsync(server.BaseUrl, lang);
        Assert.Equal(Date, await map.Page.Locator("[data-testid=supervision-date]").GetAttributeAsync("data-date"));
        var total = 0;
        foreach (var report in new[] { "idle-candidates", "contract-warnings" })
        {
            var lists = (await ReportAsync(report))["lists"]!.AsObject();
            Assert.NotEmpty(lists);
            foreach (var (key, list) in lists)
            {
                var section = map.Page.Locator($"[data-testid=supervision-list][data-report='{report}'][data-list='{key}']");
                Assert.Equal((int)list!["parcels"]!, int.Parse((await section.GetAttributeAsync("data-count"))!));
                Assert.Equal((double)list["areaMu"]!, double.Parse((await section.GetAttributeAsync("data-mu"))!, System.Globalization.CultureInfo.InvariantCulture));
                Assert.Contains((string)list[lang == "en" ? "nameEn" : "nameZh"]!, await section.Locator(".lm-sup-head").InnerTextAsync());
                var shown = await section.Locator("tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.code)");
                Assert.Equal(list["items"]!.AsArray().Select(i => (string)i!["code"]!), shown);
                total += shown.Length;
            }
            // The downloads are the API's own CSV and xlsx of the same date.
            foreach (var f in new[] { "csv", "xlsx" })
            {
                var href = await map.Page.Locator($"[data-testid=supervision-{report}-{f}]").GetAttributeAsync("href");
                Assert.Contains($"date={Date}", href);
                using var response = await server.CreateClient().GetAsync(href);
                Assert.True(response.IsSuccessStatusCode, href);
                Assert.Contains(f == "csv" ? "csv" : "spreadsheetml", response.Content.Headers.ContentType!.MediaType);
            }
        }
        Assert.True(total > 0, "the sample has parcels on the 2016 lists");
        await map.ScreenshotAsync($"supervision-panel-{lang}");
        Assert.Empty(map.Errors);
    }

    [Fact]
    public async Task Clicking_a_row_selects_its_parcel_and_frames_it_clear_of_the_panels_and_the_legend()
    {
        await using var map = await OpenAtYearEndAsync(server.BaseUrl);
        await map.JsAsync("() => { document.querySelector(\"[data-testid=supervision-list][data-list='undetermined'] details\").open = true; }");
        var row = map.Page.Locator("[data-testid=supervision-list][data-list='undetermined'] [data-testid=supervision-row]").Last;
        var code = await row.InnerTextAsync();
        await row.ClickAsync();
        await map.JsAsync("() => window.landmap.supervision.state.run");
        Assert.Equal(code, await map.Page.Locator("[data-testid=side-panel]").GetAttributeAsync("data-code"));

        // The highlight lies inside the map and overlaps neither the side panel nor the legend.
        var clear = await map.JsAsync<bool>("""
            () => {
              const box = (el) => el.getBoundingClientRect();
              const h = box(document.querySelector('path.lm-highlight'));
              const m = box(document.getElementById('map'));
              const apart = (a, b) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
              const covers = [...document.querySelectorAll('#side, #panel, .leaflet-top.leaflet-right .leaflet-control')].map(box);
              return h.left >= m.left && h.right <= m.right && h.top >= m.top && h.bottom <= m.bottom && covers.every((c) => apart(h, c));
            }
            """);
        Assert.True(clear, "the selected parcel is framed where no panel or legend covers it");
        await map.ScreenshotAsync("supervision-row-selected");
        Assert.Empty(map.Errors);
    }

    [Fact]
    public async Task Show_on_map_outlines_exactly_the_parcels_of_the_lists_switched_on()
    {
        await using var map = await OpenAtYearEndAsync(server.BaseUrl);
        var candidates = (await ReportAsync("idle-candidates"))["lists"]!;
        var warnings = (await ReportAsync("contract-warnings"))["lists"]!;
        static IEnumerable<string> Codes(JsonNode list) => list["items"]!.AsArray().Select(i => (string)i!["code"]!);

        await map.Page.Locator("[data-testid=supervision-list][data-list='undetermined'] [data-testid=supervision-show]").CheckAsync();
        Assert.Equal(Codes(candidates["undetermined"]!).Order(StringComparer.Ordinal),
            await map.JsAsync<string[]>("async () => { await window.landmap.supervision.state.run; return window.landmap.supervision.outlined(); }"));

        await map.Page.Locator("[data-testid=supervision-list][data-list='completionOverdue'] [data-testid=supervision-show]").CheckAsync();
        var both = Codes(candidates["undetermined"]!).Union(Codes(warnings["completionOverdue"]!)).Order(StringComparer.Ordinal);
        Assert.Equal(both, await map.JsAsync<string[]>("async () => { await window.landmap.supervision.state.run; return window.landmap.supervision.outlined(); }"));
        Assert.Equal(both.Count(), await map.Page.Locator("path.lm-supervision-outline").CountAsync());
        await map.ScreenshotAsync("supervision-outlines");

        await map.Page.Locator("[data-testid=supervision-list][data-list='undetermined'] [data-testid=supervision-show]").UncheckAsync();
        await map.Page.Locator("[data-testid=supervision-list][data-list='completionOverdue'] [data-testid=supervision-show]").UncheckAsync();
        Assert.Empty(await map.JsAsync<string[]>("async () => { await window.landmap.supervision.state.run; return window.landmap.supervision.outlined(); }"));
        Assert.Empty(map.Errors);
    }

    [Fact]
    public async Task The_parcels_panel_lists_its_procedure_events_with_document_numbers()
    {
        // A parcel of the sample whose idle land was determined: its events carry document numbers.
        var client = server.CreateClient();
        var determined = (await client.GetJsonAsync($"api/supervision/idle-candidates?date={Date}"))["lists"]!.AsObject()
            .SelectMany(l => l.Value!["items"]!.AsArray()).First(i => i!["determinedOn"] is not null)!;
        var code = (string)determined["code"]!;
        var events = (await client.GetJsonAsync($"api/parcels/{code}/events")).AsArray();
        Assert.Contains(events, e => e!["documentNo"] is not null);

        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        await map.Page.EvaluateAsync("async code => { await window.landmap.selectParcel(code); }", code);
        await map.Page.Locator("[data-testid=side-events]").WaitForAsync();
        var rows = map.Page.Locator("[data-testid=side-events] tbody tr");
        Assert.Equal(events.Count, await rows.CountAsync());
        var text = await map.Page.Locator("[data-testid=side-events]").InnerTextAsync();
        foreach (var e in events)
        {
            if (e!["documentNo"] is { } doc) Assert.Contains((string)doc!, text);
            Assert.Contains((string)e["occurredOn"]!, text); // a date, not a date-time
            Assert.Contains((string)e["nameZh"]!, text);
        }
        Assert.DoesNotContain("T00:00", text);
        await map.ScreenshotAsync("side-procedure-events");
        Assert.Empty(map.Errors);
    }
}
