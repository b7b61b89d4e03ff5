using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using LandMap.Api.Auth;
using LandMap.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace LandMap.Tests.Trust;

/// <summary>An API on real Kestrel at a free port over a database of its own, with its own settings.</summary>
public abstract class TrustSite(LandMapServer server, string database, IReadOnlyDictionary<string, string> settings) : IAsyncLifetime
{
    private Factory? _factory;

    public string BaseUrl { get; private set; } = "";

    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>A client, with <paramref name="token"/> as its bearer token when given.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A token made straight in the database (the CLI's and the route's SQL); its secret.</summary>
    public async Task<string> TokenAsync(string label, string role, string[]? collections = null)
    {
        var (_, secret) = await TokensSql.CreateAsync(DataSource, label, role, collections, null, "test", CancellationToken.None);
        return secret;
    }

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await server.CreateEmptyDatabaseAsync(database);
        using (var l = new TcpListener(IPAddress.Loopback, 0))
        {
            l.Start();
            BaseUrl = $"http://127.0.0.1:{((IPEndPoint)l.LocalEndpoint).Port}";
        }
        _factory = new Factory(ConnectionString, settings);
        _factory.UseKestrel(new Uri(BaseUrl).Port);
        _factory.StartServer(); // migrates, loads the sample data when asked to
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        if (DataSource is not null) await DataSource.DisposeAsync();
    }

    private sealed class Factory(string connectionString, IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:LandMap", connectionString);
            builder.UseSetting("LandMap:WriteToken", LandMapServer.TestWriteToken);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            builder.UseEnvironment("Testing");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClosedSiteCollection : ICollectionFixture<ClosedSite>
{
    public const string Name = "trust-closed";
}

/// <summary>A real deployment's settings: anonymous read off; the sample data loaded (landmap_trust).</summary>
public sealed class ClosedSite(LandMapServer server) : TrustSite(server, "landmap_trust", new Dictionary<string, string>
{
    ["LandMap:LoadSampleData"] = "true",
    ["LandMap:Auth:AnonymousRead"] = "false",
});

[CollectionDefinition(Name)]
public sealed class LimitedSiteCollection : ICollectionFixture<LimitedSite>
{
    public const string Name = "trust-limited";
}

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
