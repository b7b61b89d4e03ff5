using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using LandMap.Api.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace LandMap.Tests.Infrastructure;

/// <summary>
/// The tests' one <see cref="WebApplicationFactory{TEntryPoint}"/>: the API over
/// <paramref name="connectionString"/> with <see cref="TestSettings.Common"/>, the test write token,
/// then <paramref name="settings"/> (which win). Every test host (LandMapServer, ApiHost, TrustSite,
/// AnalyticsSite) is one of these, so a setting every host needs is added here once.
/// </summary>
public sealed class LandMapHostFactory(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    private readonly Lazy<NpgsqlDataSource> tokens = new(() => NpgsqlDataSource.Create(connectionString));

    /// <summary>The base URL once <see cref="StartOnKestrel"/> ran (no trailing slash); null in memory.</summary>
    public string? BaseUrl { get; private set; }

    /// <summary>Starts the host on real Kestrel at a free loopback port, so GDAL, Chromium and raw
    /// sockets can reach it too (migrates, loads sample data when asked).</summary>
    public LandMapHostFactory StartOnKestrel()
    {
        var port = FreePort();
        UseKestrel(port);
        StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";
        return this;
    }

    /// <summary>A client of this host, sending <paramref name="token"/> as its bearer token when given.</summary>
    public HttpClient CreateClient(string? token, TimeSpan? timeout = null)
    {
        var client = BaseUrl is null ? CreateClient() : new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };
        if (timeout is not null) client.Timeout = timeout.Value;
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client whose bearer token is a new token of <paramref name="role"/> (limited to
    /// <paramref name="collections"/> when given), minted in this host's database with the SQL the
    /// CLI and the token route use.</summary>
    public async Task<HttpClient> CreateClientAsync(string role, params string[] collections) =>
        CreateClient(await MintTokenAsync(role, collections));

    /// <summary>A new token of <paramref name="role"/> in this host's database; its secret.</summary>
    public async Task<string> MintTokenAsync(string role, string[]? collections = null, string? label = null)
    {
        var (_, secret) = await TokensSql.CreateAsync(tokens.Value, label ?? $"test-{role}-{Guid.NewGuid():N}", role,
            collections is { Length: > 0 } ? collections : null, null, "test", CancellationToken.None);
        return secret;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseTestSettings();
        builder.UseSetting("ConnectionStrings:LandMap", connectionString);
        builder.UseSetting("LandMap:WriteToken", LandMapServer.TestWriteToken);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        builder.UseEnvironment("Testing");
    }

    public override async ValueTask DisposeAsync()
    {
        if (tokens.IsValueCreated) await tokens.Value.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>A loopback port free right now.</summary>
    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
