using Microsoft.AspNetCore.Hosting;

namespace LandMap.Tests.Infrastructure;

/// <summary>
/// What every test host sets before its own settings. The service's defaults are a production
/// deployment's (anonymous read off, the map from the publish folder's wwwroot/, no sample data);
/// the tests run it from the repository, reading anonymously unless a host says otherwise.
/// </summary>
public static class TestSettings
{
    /// <summary>The one cross-origin caller the shared server allows (LandMap:Cors:Origins).</summary>
    public const string AllowedOrigin = "http://planner.example";

    /// <summary>Configuration keys and values.</summary>
    public static IReadOnlyDictionary<string, string> Common { get; } = new Dictionary<string, string>
    {
        ["LandMap:Auth:AnonymousRead"] = "true",
        ["LandMap:WebRoot"] = Path.Combine(LandMapServer.RepositoryRoot, "web"),
        ["LandMap:SampleDataDirectory"] = Path.Combine(LandMapServer.RepositoryRoot, "gis-data"),
        // The overview's background refresher builds and polls in the host's database on its own
        // clock: tests that compare every table before and after, or count the database's
        // transactions, would read its work as theirs. The overview tests switch it on.
        ["LandMap:Overview:Enabled"] = "false",
        // So does the stored today's refresher (readers then compute live); its tests run its rounds.
        ["LandMap:ParcelToday:Enabled"] = "false",
    };

    /// <summary>Sets <see cref="Common"/> on a test host (its own settings, set after, win).</summary>
    public static IWebHostBuilder UseTestSettings(this IWebHostBuilder builder)
    {
        foreach (var (key, value) in Common) builder.UseSetting(key, value);
        return builder;
    }
}
