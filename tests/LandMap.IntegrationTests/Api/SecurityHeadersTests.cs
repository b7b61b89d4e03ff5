using System.Net;
using System.Text.RegularExpressions;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Api;

/// <summary>Security headers on every answer, and links of the HTML views that resolve.</summary>
public sealed partial class SecurityHeadersTests(LandMapServer server)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/js/main.js")]
    [InlineData("/ogc?f=html")]
    [InlineData("/ogc/collections/parcels/items?f=html&limit=3")]
    [InlineData("/ogc/collections/parcels/items?limit=1")]
    [InlineData("/ogc/collections/nope/items")]
    [InlineData("/health/live")]
    [InlineData("/docs")]
    [InlineData("/ogc/html.css")]
    public async Task Every_answer_carries_the_security_headers(string url)
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync(url.TrimStart('/'));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        if (response.Content.Headers.ContentType?.MediaType == "text/html" && !url.StartsWith("/docs", StringComparison.Ordinal))
        {
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("'unsafe-inline' 'sha", csp);
            Assert.DoesNotMatch("script-src[^;]*unsafe", csp);
        }
    }

    [GeneratedRegex("""<script(?![^>]*\bsrc\s*=)[^>]*>|\son[a-z]+\s*=|\sstyle\s*=|<style""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineCode();

    [Theory]
    [InlineData("/ogc?f=html")]
    [InlineData("/ogc/collections?f=html")]
    [InlineData("/ogc/collections/parcels?f=html")]
    [InlineData("/ogc/collections/parcels/items?f=html&limit=3")]
    [InlineData("/ogc/collections/parcels/items/1?f=html")]
    [InlineData("/ogc/collections/plan_zones?f=html")]
    [InlineData("/ogc/collections/plan_zones/items?f=html&limit=3&datetime=2016-09-29")]
    [InlineData("/ogc/collections/control_lines/items?f=html&limit=3")]
    [InlineData("/ogc/collections/protected_areas/items/1?f=html")]
    public async Task Every_link_of_an_HTML_view_resolves_and_the_page_has_no_inline_code(string url)
    {
        using var client = server.CreateClient();
        var page = new Uri(client.BaseAddress!, url.TrimStart('/'));
        var html = await client.GetStringAsync(page);
        Assert.DoesNotMatch(InlineCode(), html);
        var hrefs = Regex.Matches(html, "(?:href|src)=\"([^\"]+)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct().ToList();
        Assert.NotEmpty(hrefs);
        foreach (var href in hrefs)
        {
            var target = new Uri(page, href);
            if (target.Host != page.Host) continue;
            using var response = await client.GetAsync(target);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: link {href} -> {target} is {(int)response.StatusCode}");
        }
    }
}
