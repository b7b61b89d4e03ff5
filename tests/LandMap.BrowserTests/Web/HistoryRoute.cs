using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace LandMap.Tests.Web;

/// <summary>A parcel's history as the server answers it, with a long source on every version (a file
/// path as an upload records it): the side panel's history must stay readable and inside its panel.</summary>
internal static class HistoryRoute
{
    /// <summary>One long run of text with no space.</summary>
    public static readonly string LongSource = "uploads/" + string.Concat(Enumerable.Repeat("survey-2016-batch-", 12)) + "parcels.geojson";

    /// <summary>Routes GET /api/parcels/*/history through the server, <paramref name="edit"/> given its
    /// versions first (to add some), then <see cref="LongSource"/> set on each.</summary>
    public static Task WithLongSourceAsync(IPage page, Action<JsonArray>? edit = null) =>
        page.RouteAsync("**/api/parcels/*/history", async route =>
        {
            var response = await route.FetchAsync();
            var body = JsonNode.Parse(await response.TextAsync())!;
            var versions = body["versions"]!.AsArray();
            edit?.Invoke(versions);
            foreach (var v in versions) v!["source"] = LongSource;
            await route.FulfillAsync(new() { Response = response, Body = body.ToJsonString() });
        });
}
