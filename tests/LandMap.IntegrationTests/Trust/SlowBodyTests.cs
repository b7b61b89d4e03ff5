using System.Diagnostics;
using System.Net;
using System.Text;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Trust;

/// <summary>The service's default limits (32 slots, 2 s queue), anonymous reads, no data (landmap_slow).</summary>
public sealed class SlowSite(LandMapServer server) : TrustSite(server, "landmap_slow", new Dictionary<string, string>
{
    ["LandMap:LoadSampleData"] = "false",
    ["LandMap:Auth:AnonymousRead"] = "true",
});

/// <summary>
/// Slow request bodies (issue 12, point 3): clients that send their bodies at 800 bytes a second
/// used to hold every one of the service's slots. Now a JSON body is read before a slot is taken,
/// uploads have slots of their own, a body slower than the minimum rate is cut off (408), a zone
/// query larger than its bound is refused by its Content-Length (413), and one address may hold
/// only a few requests at once (429): an ordinary read keeps answering at once throughout.
/// </summary>
public sealed class SlowBodyTests(SlowSite site) : IClassFixture<SlowSite>
{
    private static readonly byte[] Chunk = Encoding.ASCII.GetBytes(new string(' ', 200)); // 200 bytes every 250 ms: 800 B/s
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(250);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Forty_slow_bodies_hold_no_slot_and_are_refused_while_an_ordinary_get_answers_within_a_second(bool fromTheReader)
    {
        using var client = site.Client();
        using (var warm = await client.GetAsync("ogc/collections")) Assert.Equal(HttpStatusCode.OK, warm.StatusCode);

        // Forty clients, each from an address of its own (no per-address cap helps) or all from the
        // reader's own address (the cap refuses some; the reader's reads must still be served): zone
        // queries declaring 500 KB (within the bound: only the rate stops them) or 10 MB, and uploads of 10 MB.
        var slow = Enumerable.Range(0, 40).Select(async i =>
        {
            var from = fromTheReader ? IPAddress.Loopback : IPAddress.Parse($"127.0.0.{10 + i}");
            var socket = (i % 4) switch
            {
                0 => await RawHttp.OpenAsync(site.BaseUrl, from, "POST", "/api/uploads?collection=parcels&dryRun=true", 10_000_000,
                    "application/geo+json", LandMapServer.TestWriteToken),
                1 => await RawHttp.OpenAsync(site.BaseUrl, from, "POST", "/api/parcels/intersecting", 10_000_000, "application/json"),
                _ => await RawHttp.OpenAsync(site.BaseUrl, from, "POST", "/api/parcels/intersecting", 500_000, "application/json"),
            };
            using (socket) return (Upload: i % 4 == 0, Answer: await RawHttp.TrickleAsync(socket, Chunk, Every, TimeSpan.FromSeconds(40)));
        }).ToList();

        await Task.Delay(1500); // all forty are connected and trickling
        for (var i = 0; i < 6; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync("ogc/collections");
            watch.Stop();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"read {i}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.True(watch.ElapsedMilliseconds < 1000, $"read {i} took {watch.ElapsedMilliseconds} ms while forty bodies trickled");
            await Task.Delay(1000);
        }

        var answers = await Task.WhenAll(slow);
        foreach (var (upload, answer) in answers)
        {
            Assert.Contains("application/problem+json", answer.Text);
            // Uploads past the uploads' own slots wait 2 s, then 503: they never held a slot a read needs.
            if (upload && answer.Status == 503)
            {
                Assert.Contains("concurrent uploads", answer.Text);
                continue;
            }
            if (fromTheReader && answer.Status == 429)
            {
                Assert.Contains("MaxConcurrentRequestsPerClient", answer.Text);
                continue;
            }
            Assert.True(answer.Status is 408 or 413, $"a slow body was answered {answer.Status}: {answer.Text}");
            Assert.Contains("\"parameter\":\"body\"", answer.Text);
        }
        Assert.Contains(answers, a => a.Answer.Status == 408); // the minimum rate cut some off
        if (!fromTheReader) Assert.Contains(answers, a => a.Answer.Status == 413); // the 10 MB zone queries never got in
        // The slow ones went away; the service serves as before.
        using (var after = await client.GetAsync("ogc/collections")) Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task One_address_holds_at_most_sixteen_requests_and_the_rest_are_429_at_once()
    {
        var from = IPAddress.Parse("127.0.0.99");
        var watch = Stopwatch.StartNew();
        var slow = Enumerable.Range(0, 20).Select(async _ =>
        {
            using var socket = await RawHttp.OpenAsync(site.BaseUrl, from, "POST", "/api/parcels/intersecting", 500_000, "application/json");
            var answer = await RawHttp.TrickleAsync(socket, Chunk, Every, TimeSpan.FromSeconds(40));
            return (answer, watch.ElapsedMilliseconds);
        }).ToList();
        var answers = await Task.WhenAll(slow);

        var capped = answers.Where(a => a.answer.Status == 429).ToList();
        Assert.True(capped.Count >= 4, string.Join(", ", answers.Select(a => a.answer.Status)));
        Assert.All(capped, a => Assert.Contains("MaxConcurrentRequestsPerClient", a.answer.Text));
        Assert.All(capped, a => Assert.True(a.ElapsedMilliseconds < 3000, $"429 after {a.ElapsedMilliseconds} ms"));
        // The others were cut off by the minimum body rate.
        Assert.All(answers, a => Assert.True(a.answer.Status is 408 or 429, $"{a.answer.Status}: {a.answer.Text}"));
    }
}
