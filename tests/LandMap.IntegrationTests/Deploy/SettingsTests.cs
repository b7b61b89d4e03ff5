using System.Net;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Deploy;

/// <summary>
/// One configuration model: every settings section is bound to an options class and checked when
/// the service starts, so a value out of range stops the start with a message naming the setting
/// (rather than a service that runs on a nonsense value, or fails at the first request).
/// </summary>
public sealed class SettingsTests(LandMapServer server)
{
    [Theory]
    [InlineData("LandMap:CacheMaxAgeSeconds", "-1", "LandMap:CacheMaxAgeSeconds")]
    [InlineData("LandMap:LocalCluster:Port", "0", "LandMap:LocalCluster:Port")]
    [InlineData("LandMap:Limits:MaxPageSize", "0", "LandMap:Limits:MaxPageSize")]
    [InlineData("LandMap:Idle:HaltedYears", "0", "LandMap:Idle:HaltedYears")]
    [InlineData("LandMap:Idle:RecoveryYears", "0", "LandMap:Idle:RecoveryYears")]
    [InlineData("LandMap:TileCache:Megabytes", "-1", "LandMap:TileCache:Megabytes")]
    [InlineData("LandMap:Idle:BuiltAreaShare", "1.5", "LandMap:Idle:BuiltAreaShare")]
    [InlineData("LandMap:RateLimit:Burst", "0", "LandMap:RateLimit:Burst")]
    [InlineData("LandMap:RateLimit:MaxQueueWaitMilliseconds", "0", "LandMap:RateLimit:MaxQueueWaitMilliseconds")]
    [InlineData("LandMap:Auth:TokenLookupBurst", "0", "LandMap:Auth:TokenLookupBurst")]
    [InlineData("LandMap:Uploads:MaxBytes", "0", "LandMap:Uploads:MaxBytes")]
    [InlineData("LandMap:Cors:Origins:0", "gis.example.org/map", "LandMap:Cors:Origins")]
    [InlineData("LandMap:Logging:Json", "maybe", "LandMap:Logging:Json")]
    [InlineData("LandMap:RateLimit:Brust", "3", "Brust")] // a misspelt setting is not silently ignored
    public void A_value_out_of_range_stops_the_start_naming_the_setting(string key, string value, string named)
    {
        var settings = new Dictionary<string, string> { ["LandMap:LoadSampleData"] = "false", [key] = value };
        // The test host's teardown of a failed start can race (ObjectDisposedException from the
        // host being disposed while the start unwinds, seen once in ~40 runs); the service's answer
        // is the validation failure, so a disposal race is tried again, at most twice.
        Exception e = null!;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            e = Assert.ThrowsAny<Exception>(() => ApiHost.Start(server.ConnectionString, settings));
            if (e is not ObjectDisposedException) break;
        }
        Assert.Contains(named, e.ToString());
    }

    [Fact]
    public async Task Tiles_and_items_take_their_max_age_from_the_same_setting()
    {
        await using var api = ApiHost.Start(server.ConnectionString, new Dictionary<string, string>
        {
            ["LandMap:LoadSampleData"] = "false", ["LandMap:CacheMaxAgeSeconds"] = "17",
        });
        using var client = api.CreateClient();
        foreach (var url in new[] { "ogc/collections/parcels/tiles/WebMercatorQuad/14/0/0", "ogc/collections/roads/items?limit=1" })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(17), response.Headers.CacheControl!.MaxAge);
        }
    }
}
