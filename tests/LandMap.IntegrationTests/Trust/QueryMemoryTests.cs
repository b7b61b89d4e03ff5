using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Trust;

/// <summary>
/// Memory amplification (issue 12, point 4): 32 anonymous zone queries of 11 MB (450,000 vertices)
/// at once used to be parsed whole before the vertex bound refused them, taking the server from
/// 130 MB to 1.84 GB. A zone query's body is now bounded before it is read (Content-Length) or
/// while it arrives (chunked), so the server, measured as a process of its own, stays under 400 MB.
/// </summary>
public sealed class QueryMemoryTests(LandMapServer server, ITestOutputHelper output)
{
    private const long MaxPeakBytes = 400L * 1024 * 1024;

    [Fact]
    public async Task Thirty_two_11_MB_zone_queries_at_once_are_413_and_the_server_stays_under_400_MB()
    {
        var cs = await server.CreateEmptyDatabaseAsync("landmap_memory");
        await using var api = await ApiProcess.StartAsync(cs, new Dictionary<string, string>
        {
            ["LandMap:LoadSampleData"] = "false",
            ["LandMap:Auth:AnonymousRead"] = "true",
            // Every one of the 32 comes from 127.0.0.1: let all of them reach the body's bound.
            ["LandMap:RateLimit:MaxConcurrentRequestsPerClient"] = "64",
        });
        var body = Polygon(450_000);
        output.WriteLine($"body {body.Length / 1e6:F1} MB; server before: {api.ResidentBytes / 1e6:F0} MB resident");

        using var client = new HttpClient { BaseAddress = new Uri(api.BaseUrl + "/"), Timeout = TimeSpan.FromMinutes(2) };
        var answers = await Task.WhenAll(Enumerable.Range(0, 32).Select(async i =>
        {
            // Half declare their length, half are chunked (the bound is then counted as they arrive).
            HttpContent content = i % 2 == 0 ? new ByteArrayContent(body) : new StreamContent(new NoLengthStream(body));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync("api/parcels/intersecting", content);
            return (response.StatusCode, Type: response.Content.Headers.ContentType?.MediaType, Text: await response.Content.ReadAsStringAsync());
        }));

        var peak = api.PeakResidentBytes;
        output.WriteLine($"server peak: {peak / 1e6:F0} MB resident; now {api.ResidentBytes / 1e6:F0} MB");
        foreach (var (status, type, text) in answers)
        {
            Assert.True(status is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnprocessableEntity, $"{status}: {text}");
            Assert.Equal("application/problem+json", type);
            Assert.Equal("body", (string?)JsonNode.Parse(text)!["parameter"]);
        }
        Assert.True(peak < MaxPeakBytes, $"the server peaked at {peak / 1e6:F0} MB resident");
    }

    /// <summary>A closed ring of <paramref name="vertices"/> positions in the zone, as GeoJSON bytes.</summary>
    private static byte[] Polygon(int vertices)
    {
        var text = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
        for (var i = 0; i < vertices - 1; i++)
        {
            var a = 2 * Math.PI * i / (vertices - 1);
            text.Append(FormattableString.Invariant($"[{120.8 + 0.05 * Math.Cos(a):F7},{27.8 + 0.05 * Math.Sin(a):F7}],"));
        }
        text.Append(FormattableString.Invariant($"[{120.85:F7},{27.8:F7}]]]}}"));
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A stream that does not say its length, so HttpClient sends it chunked.</summary>
    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
