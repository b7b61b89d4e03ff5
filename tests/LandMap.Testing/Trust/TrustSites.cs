using LandMap.Tests.Infrastructure;
using Npgsql;

namespace LandMap.Tests.Trust;

/// <summary>An API on real Kestrel at a free port over a database of its own, with its own settings.</summary>
public abstract class TrustSite(LandMapServer server, string database, IReadOnlyDictionary<string, string> settings) : IAsyncLifetime
{
    private LandMapHostFactory? _factory;

    public string BaseUrl { get; private set; } = "";

    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>A client, with <paramref name="token"/> as its bearer token when given.</summary>
    public HttpClient Client(string? token = null) => _factory!.CreateClient(token);

    /// <summary>A client with a new token of <paramref name="role"/> (for <paramref name="collections"/>) as its bearer.</summary>
    public Task<HttpClient> CreateClientAsync(string role, params string[] collections) => _factory!.CreateClientAsync(role, collections);

    /// <summary>A token made straight in the database (the CLI's and the route's SQL); its secret.</summary>
    public Task<string> TokenAsync(string label, string role, string[]? collections = null) =>
        _factory!.MintTokenAsync(role, collections, label);

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await server.CreateEmptyDatabaseAsync(database);
        _factory = new LandMapHostFactory(ConnectionString, settings).StartOnKestrel(); // migrates, loads the sample data when asked to
        BaseUrl = _factory.BaseUrl!;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        if (DataSource is not null) await DataSource.DisposeAsync();
    }
}

/// <summary>A real deployment's settings: anonymous read off; the sample data loaded (landmap_trust).</summary>
public sealed class ClosedSite(LandMapServer server) : TrustSite(server, "landmap_trust", new Dictionary<string, string>
{
    ["LandMap:LoadSampleData"] = "true",
    ["LandMap:Auth:AnonymousRead"] = "false",
});

/// <summary>Tiny limits (landmap_limits, no data): 3 requests per client, then one every 10 s.</summary>
public sealed class LimitedSite(LandMapServer server) : TrustSite(server, "landmap_limits", new Dictionary<string, string>
{
    ["LandMap:LoadSampleData"] = "false",
    ["LandMap:RateLimit:PermitsPerSecond"] = "0.1",
    ["LandMap:RateLimit:Burst"] = "3",
    ["LandMap:RateLimit:QueueLimit"] = "0",
});

/// <summary>One request served at a time, one waiting for at most 300 ms (landmap_busy, no data): overload over HTTP.</summary>
public sealed class BusySite(LandMapServer server) : TrustSite(server, "landmap_busy", new Dictionary<string, string>
{
    ["LandMap:LoadSampleData"] = "false",
    ["LandMap:Auth:AnonymousRead"] = "true",
    ["LandMap:RateLimit:MaxConcurrentRequests"] = "1",
    ["LandMap:RateLimit:ConcurrencyQueueLimit"] = "1",
    ["LandMap:RateLimit:MaxQueueWaitMilliseconds"] = "300",
});
