using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace LandMap.Api.Hosting;

/// <summary>
/// Security headers on every answer: <c>X-Content-Type-Options: nosniff</c> (a JSON body holding
/// markup is never run as HTML), <c>X-Frame-Options: DENY</c> with CSP <c>frame-ancestors 'none'</c>
/// (no clickjacking), <c>Referrer-Policy</c>, and a Content-Security-Policy: for HTML (the map, the
/// OGC HTML views) and scripts (the tile worker runs under its script's policy) scripts only from
/// this origin, for everything else nothing at all.
/// </summary>
public static partial class SecurityHeaders
{
    /// <summary>Basemap tile hosts the map loads images from (js/basemaps.js).</summary>
    private const string TileHosts = "https://tile.openstreetmap.org https://*.tianditu.gov.cn";

    /// <summary>Answers that are not HTML load nothing and are framed by no one.</summary>
    public const string DataPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>/docs (Scalar's API reference, <see cref="ApiReference"/>): this origin only, so the page can ask no
    /// other host for anything (a vendor feature left on would be refused by the browser); inline script and
    /// style for Scalar's own bootstrap and component styles, eval for the validators its bundle compiles
    /// (the page holds only this service's own OpenAPI document, no user data).</summary>
    public const string DocsPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The policy of HTML pages; <paramref name="scriptHashes"/> allow the inline scripts of
    /// web/*.html that are data, not code (the import map), by their exact SHA-256.</summary>
    public static string PagePolicy(IEnumerable<string> scriptHashes) =>
        "default-src 'self'; " +
        $"script-src 'self'{string.Concat(scriptHashes.Select(h => $" 'sha256-{h}'"))}; " +
        // 'unsafe-inline' for styles only: Leaflet positions every tile, marker and popup with inline
        // style (transforms, sizes) as it pans and zooms, and its CSS and popups carry style values; a
        // style cannot run code, scripts stay strictly 'self'.
        "style-src 'self' 'unsafe-inline'; " +
        // data: Leaflet's and the page's icons; blob: canvases and exports made in the browser.
        $"img-src 'self' data: blob: {TileHosts}; " +
        "connect-src 'self'; worker-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>Adds the headers to every response of <paramref name="app"/>.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var web = ContentRoot.Resolve(app.Environment, app.Services.GetRequiredService<LandMapOptions>().WebRoot);
        var page = PagePolicy(InlineScriptHashes(web));
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                // Not no-referrer: Tianditu binds browser keys to the site's origin, which it reads from the Referer.
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                // A worker's script runs under its own response's policy: the map's scripts get the page's.
                var type = context.Response.ContentType ?? "";
                var html = type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) || type.Contains("javascript", StringComparison.OrdinalIgnoreCase);
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/docs") ? DocsPolicy : html ? page : DataPolicy;
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>SHA-256 (base64) of every inline script of the HTML files in <paramref name="webRoot"/>.</summary>
    public static IReadOnlyList<string> InlineScriptHashes(string webRoot)
    {
        if (!Directory.Exists(webRoot)) return [];
        return Directory.GetFiles(webRoot, "*.html")
            .SelectMany(f => InlineScript().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Select(s => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(s))))
            .Distinct().ToList();
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
