using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Trust;

/// <summary>
/// A copy of the API over the tests' main database (read-only use: queries and dry runs) with
/// every limit set small, so each bound is tested at and one past its value in a few bytes.
/// Started on first use, once per test class.
/// </summary>
public sealed class TightLimitsHost : IAsyncDisposable
{
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["LandMap:LoadSampleData"] = "false", // the main server loaded it; this copy only reads
        ["LandMap:Limits:MaxPageSize"] = "50",
        ["LandMap:Limits:Cql2MaxDepth"] = "3",
        ["LandMap:Limits:Cql2MaxNodes"] = "10",
        ["LandMap:Limits:Cql2MaxLength"] = "100",
        ["LandMap:Limits:JsonMaxDepth"] = "8",
        ["LandMap:Limits:MaxJsonBodyBytes"] = "4096",
        ["LandMap:Limits:MaxVerticesPerGeometry"] = "20",
        ["LandMap:Limits:MaxFeaturesPerUpload"] = "3",
        ["LandMap:Limits:ZipMaxRatio"] = "2000",
    };

    private readonly Lock gate = new();
    private ApiHost? host;

    /// <summary>The host over <paramref name="server"/>'s database.</summary>
    public ApiHost For(LandMapServer server)
    {
        lock (gate) return host ??= ApiHost.Start(server.ConnectionString, Settings);
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null) await host.DisposeAsync();
    }
}
