using System.Text.Json;
using LandMap.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LandMap.Tests.Web;

/// <summary>
/// One Chromium (Debian's /usr/bin/chromium, no browser download) with the map open and
/// loaded: window.landmap.ready resolved and the legend settled. The page's window.landmap
/// hooks are what tests read and drive; screenshots go to artifacts/screenshots/.
/// </summary>
public sealed class MapSession : IAsyncDisposable
{
    public static readonly string Screenshots = Path.Combine(LandMapServer.RepositoryRoot, "artifacts", "screenshots");

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"];

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public IPage Page { get; private set; } = null!;

    /// <summary>Console errors and uncaught exceptions of the page.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Alerts, confirms and prompts the page opened (none expected).</summary>
    public List<string> Dialogs { get; } = [];

    /// <summary>Requests to hosts other than the server (none expected: basemaps are off).</summary>
    public List<string> ForeignRequests { get; } = [];

    public static async Task<MapSession> OpenAsync(string baseUrl, string lang = "zh", int width = 1400, int height = 900, string path = "/",
        bool waitForMap = true)
    {
        var s = new MapSession();
        s._playwright = await Playwright.CreateAsync();
        s._browser = await s._playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs,
        });
        // A phone (its short side 600 px or less): touch, a mobile viewport and a 3x screen, as Playwright emulates one.
        var phone = Math.Min(width, height) <= 600;
        var context = await s._browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height }, AcceptDownloads = true,
            IsMobile = phone, HasTouch = phone, DeviceScaleFactor = phone ? 3 : 1,
        });
        s.Page = await context.NewPageAsync();
        s.Page.Console += (_, m) => { if (m.Type == "error") s.Errors.Add(m.Text); };
        s.Page.PageError += (_, e) => s.Errors.Add(e);
        s.Page.Dialog += async (_, d) => { s.Dialogs.Add(d.Message); await d.DismissAsync(); };
        s.Page.Request += (_, r) => { if (!r.Url.StartsWith(baseUrl, StringComparison.Ordinal) && !r.Url.StartsWith("blob:") && !r.Url.StartsWith("data:")) s.ForeignRequests.Add(r.Url); };
        await s.Page.AddInitScriptAsync($"localStorage.setItem('landmap.lang', '{lang}')");
        // Content-Security-Policy violations, as the page sees them (see CspViolationsAsync).
        await s.Page.AddInitScriptAsync("window.__csp = []; document.addEventListener('securitypolicyviolation', " +
                                        "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber))");
        await s.Page.GotoAsync(baseUrl + path);
        if (!waitForMap) return s;
        await s.Page.EvaluateAsync("() => window.landmap.ready");
        await s.SettledAsync();
        return s;
    }

    /// <summary>The Content-Security-Policy violations the page reported so far.</summary>
    public Task<string[]> CspViolationsAsync() => Page.EvaluateAsync<string[]>("() => window.__csp ?? []");

    /// <summary>Waits until loads, filter counts and legend totals reflect the last change.</summary>
    public async Task SettledAsync()
    {
        await Page.EvaluateAsync("async () => { await window.landmap.settled(); await window.landmap.filters.result.run; }");
    }

    /// <summary>The parcels painted on the vector tiles on screen (tile mode), once the tiles loading and
    /// the repaints asked so far are done.</summary>
    public Task<int> TilesDrawnAsync() => Page.EvaluateAsync<int>("""
        async () => {
          const tiles = window.landmap.parcels.tiles;
          if (tiles.isLoading()) await new Promise(r => tiles.once('load', r));
          await new Promise(r => setTimeout(r, 50));
          await tiles.idle();
          return tiles.drawnNow();
        }
        """);

    public Task<T> JsAsync<T>(string js) => Page.EvaluateAsync<T>(js);

    public Task JsAsync(string js) => Page.EvaluateAsync(js);

    public async Task<JsonElement> JsonAsync(string js) => await Page.EvaluateAsync<JsonElement>(js);

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(Screenshots);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png") });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
