using LandMap.Tests.Trust;

namespace LandMap.Tests.Web;

/// <summary>Where anonymous read is off (a real deployment), the page signs in with a token and then
/// sends it with every request, tiles included.</summary>
[Collection(ClosedSiteCollection.Name)]
public sealed class SignInTests(ClosedSite site)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/?parcels=tiles")]
    public async Task With_anonymous_read_off_the_map_loads_once_signed_in_with_a_viewer_token(string path)
    {
        var token = await site.TokenAsync("viewer Li", "viewer");
        await using var map = await MapSession.OpenAsync(site.BaseUrl, path: path, waitForMap: false);
        Assert.False(await map.JsAsync<bool>("() => window.landmap.ready.then(() => true, () => false)"));

        await map.Page.Locator("#tabbtn-upload").ClickAsync();
        await map.Page.Locator("[data-testid=upload-token]").FillAsync(token);
        await map.JsAsync("() => { window.beforeSignIn = true; }");
        await map.Page.Locator("[data-testid=upload-sign]").ClickAsync();
        // Signing in reloads a page the server refused: a fresh window has no marker.
        await map.Page.WaitForFunctionAsync("() => !window.beforeSignIn && window.landmap !== undefined");

        var counts = await map.JsonAsync("() => window.landmap.ready");
        Assert.True(counts.GetProperty("parcels").GetInt32() >= 1049);
        Assert.True(counts.GetProperty("parks").GetInt32() == 8);
        if (path.Contains("tiles"))
        {
            // Tiles are fetched by a worker: it must send the token too, or nothing is painted.
            var drawn = await map.TilesDrawnAsync();
            Assert.True(drawn > 0, "no parcel painted from tiles");
        }
        await map.ScreenshotAsync("signed-in-closed-site");
    }
}
