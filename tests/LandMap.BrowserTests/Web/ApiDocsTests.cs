using LandMap.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LandMap.Tests.Web;

/// <summary>
/// /docs, the API reference (issue 14 point 10): a zone's intranet blocks outside hosts, and an official
/// reference asks no one else for anything. Every request the page makes goes to the service itself
/// (script, fonts, the OpenAPI document), the reference renders, and the vendor's own features
/// (AI chat, deploy, SDK generation, the API client, telemetry) are not there.
/// </summary>
public sealed class ApiDocsTests(LandMapServer server)
{
    /// <summary>Labels of the vendor's features, as its bundle writes them.</summary>
    private static readonly string[] VendorLabels = ["Ask AI", "Deploy", "Generate SDK", "Open API Client", "Powered by Scalar", "Share"];

    [Fact]
    public async Task Docs_render_the_reference_from_the_service_alone_without_the_vendor_buttons()
    {
        await using var session = await MapSession.OpenAsync(server.BaseUrl, path: "/docs", waitForMap: false);
        var page = session.Page;
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // The reference rendered from the service's document: its tags in the sidebar, the first tag with
        // its description and its operation by its summary.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "OGC API - Tiles", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Web map", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("What the map page reads of the settings").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Settings the map page reads", Exact = false })).ToBeVisibleAsync();
        // Let late loaders (fonts, telemetry, lazily loaded chunks) have their turn, then look again.
        await page.Mouse.WheelAsync(0, 4000);
        await page.WaitForTimeoutAsync(1500);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await session.ScreenshotAsync("api-docs");

        Assert.True(session.ForeignRequests.Count == 0, "requests outside the service: " + string.Join(", ", session.ForeignRequests.Distinct()));
        foreach (var label in VendorLabels)
        {
            var shown = page.GetByRole(AriaRole.Button, new() { Name = label, Exact = false });
            var link = page.GetByRole(AriaRole.Link, new() { Name = label, Exact = false });
            Assert.True(await shown.CountAsync() + await link.CountAsync() == 0, $"/docs shows the vendor's '{label}'");
        }
        Assert.Empty(await session.CspViolationsAsync());
        Assert.Empty(session.Errors);
    }
}
