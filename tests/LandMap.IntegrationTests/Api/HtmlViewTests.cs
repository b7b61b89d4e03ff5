using System.Net;
using System.Net.Http.Headers;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Api;

/// <summary>HTML views of the OGC API for a browser: content negotiation, links to the map, values as text.</summary>
public sealed class HtmlViewTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    private async Task<string> Html(string url, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    [Theory]
    [InlineData("ogc?f=html", "service-desc")]
    [InlineData("ogc/conformance?f=html", "ogcapi-features-1/1.0/conf/core")]
    [InlineData("ogc/collections?f=html", "/ogc/collections/parcels/items?f=html")]
    [InlineData("ogc/collections/parcels?f=html", "extent")]
    [InlineData("ogc/collections/parcels/items?f=html&limit=5", "WZKF-")]
    public async Task Documents_have_an_html_view_linking_to_the_map(string url, string expected)
    {
        var html = await Html(url);
        Assert.Contains(expected, html);
        Assert.Contains("href=\"/\"", html);
    }

    [Fact]
    public async Task A_browser_accept_header_gets_html_and_a_client_gets_json()
    {
        Assert.Contains("<table>", await Html("ogc/collections", "text/html,application/xhtml+xml,*/*;q=0.8"));
        using var json = await _client.GetAsync("ogc/collections");
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Attribute_values_are_shown_as_text_never_as_markup()
    {
        await using (var cmd = server.DataSource.CreateCommand(
            "update parcels set name = '<img src=x onerror=alert(1)>' where id = (select max(id) from parcels) returning id"))
        {
            var id = (long)(await cmd.ExecuteScalarAsync())!;
            var html = await Html($"ogc/collections/parcels/items/{id}?f=html");
            Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
            Assert.DoesNotContain("<img", html);
        }
    }

    [Fact]
    public async Task An_unknown_format_is_a_400()
    {
        using var response = await _client.GetAsync("ogc/collections?f=xml");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
