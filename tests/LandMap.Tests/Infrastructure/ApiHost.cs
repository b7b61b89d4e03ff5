using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LandMap.Tests.Infrastructure;

/// <summary>
/// One more copy of the API on real Kestrel at a free loopback port, over a database of the
/// caller's choosing and with settings of its own (tight limits, no sample data...). For tests that
/// need a second copy of the service, or one whose database they may stop.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    private readonly Factory factory;

    private ApiHost(Factory factory, string baseUrl)
    {
        this.factory = factory;
        BaseUrl = baseUrl;
    }

    /// <summary>The base URL, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl { get; }

    /// <summary>The host's services (e.g. its NpgsqlDataSource).</summary>
    public IServiceProvider Services => factory.Services;

    /// <summary>Starts a copy over <paramref name="connectionString"/> with the test write token,
    /// sample data loaded unless <paramref name="settings"/> says otherwise.</summary>
    public static ApiHost Start(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var factory = new Factory(connectionString, settings ?? new Dictionary<string, string>());
        factory.UseKestrel(port);
        factory.StartServer();
        return new ApiHost(factory, $"http://127.0.0.1:{port}");
    }

    /// <summary>A client; with <paramref name="token"/> it sends the test write token.</summary>
    public HttpClient CreateClient(bool token = false, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl + "/"), Timeout = timeout ?? TimeSpan.FromSeconds(100) };
        if (token) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LandMapServer.TestWriteToken);
        return client;
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private sealed class Factory(string connectionString, IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseTestSettings();
            builder.UseSetting("ConnectionStrings:LandMap", connectionString);
            builder.UseSetting("LandMap:LoadSampleData", "true");
            builder.UseSetting("LandMap:WriteToken", LandMapServer.TestWriteToken);
            builder.UseSetting("LandMap:Uploads:MaxBytes", LandMapServer.TestMaxUploadBytes.ToString(CultureInfo.InvariantCulture));
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            builder.UseEnvironment("Testing");
        }
    }
}
