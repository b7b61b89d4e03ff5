using System.Diagnostics;
using System.Net;

namespace LandMap.Tests.Infrastructure;

/// <summary>How long a route takes, for the tests that bound it: warmed once (plans, pool), then timed
/// over several runs, the median reported, so one slow run on a shared machine does not decide.</summary>
internal static class ResponseTimes
{
    /// <summary>Sorted times in ms of <paramref name="runs"/> GETs of <paramref name="url"/> (bodies read), each a 200.</summary>
    public static async Task<List<double>> TimesMsAsync(this HttpClient client, string url, int runs = 5)
    {
        using (await client.GetAsync(url)) { } // warm
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        times.Sort();
        return times;
    }

    /// <summary>"median x ms (min y, max z)" of sorted times.</summary>
    public static string Describe(List<double> sorted) =>
        FormattableString.Invariant($"median {sorted[sorted.Count / 2]:0.0} ms (min {sorted[0]:0.0}, max {sorted[^1]:0.0})");
}
