using System.Net;
using System.Net.Http.Headers;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Api;

/// <summary>ETag / 304, Cache-Control, brotli and gzip, CORS for configured origins.</summary>
public sealed class TransportTests(LandMapServer server)
{
    public const string AllowedOrigin = TestSettings.AllowedOrigin;

    private static HttpClient RawClient(LandMapServer server) =>
        new(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = new Uri(server.BaseUrl + "/") };

    [Theory]
    [InlineData("ogc/collections/parcels/items?limit=5&bbox=120.80,27.83,120.84,27.87")]
    [InlineData("ogc/collections/roads/items/1")]
    public async Task A_matching_If_None_Match_gets_304_and_no_body(string url)
    {
        using var client = server.CreateClient();
        using var first = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!;
        Assert.True(first.Headers.CacheControl!.Public);
        Assert.NotNull(first.Headers.CacheControl.MaxAge);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_ETag_changes_when_the_collection_changes()
    {
        using var client = server.CreateClient();
        const string url = "ogc/collections/rivers/items?limit=2";
        using var before = await client.GetAsync(url);
        await using (var cmd = server.DataSource.CreateCommand("update rivers set name = name where id = (select min(id) from rivers)"))
            await cmd.ExecuteNonQueryAsync();
        using var after = await client.GetAsync(url);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Pages_are_compressed_when_the_client_accepts_it(string encoding)
    {
        using var client = RawClient(server);
        using var request = new HttpRequestMessage(HttpMethod.Get, "ogc/collections/parcels/items?limit=200");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        using var response = await client.SendAsync(request);
        Assert.Equal(encoding, response.Content.Headers.ContentEncoding.Single());
        using var plain = await server.CreateClient().GetAsync("ogc/collections/parcels/items?limit=200");
        var compressed = (await response.Content.ReadAsByteArrayAsync()).Length;
        Assert.True(compressed * 3 < (await plain.Content.ReadAsByteArrayAsync()).Length, $"{compressed} bytes compressed");
    }

    [Theory]
    [InlineData(AllowedOrigin, true)]
    [InlineData("http://elsewhere.example", false)]
    public async Task Cors_answers_configured_origins_only(string origin, bool allowed)
    {
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "ogc/collections");
        request.Headers.Add("Origin", origin);
        using var response = await client.SendAsync(request);
        Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin);
    }
}
