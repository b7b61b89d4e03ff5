namespace LandMap.Tests.Infrastructure;

/// <summary>
/// One more copy of the API on real Kestrel at a free loopback port, over a database of the
/// caller's choosing and with settings of its own (tight limits, no sample data...). For tests that
/// need a second copy of the service, or one whose database they may stop.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    private readonly LandMapHostFactory factory;

    private ApiHost(LandMapHostFactory factory) => this.factory = factory;

    /// <summary>The base URL, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl => factory.BaseUrl!;

    /// <summary>The host's services (e.g. its NpgsqlDataSource).</summary>
    public IServiceProvider Services => factory.Services;

    /// <summary>Starts a copy over <paramref name="connectionString"/> with the test write token and the
    /// shared server's settings (sample data loaded...) unless <paramref name="settings"/> says otherwise.</summary>
    public static ApiHost Start(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = LandMapServer.Settings.Where(s => s.Key != "LandMap:Cors:Origins:0")
            .Concat(settings ?? new Dictionary<string, string>())
            .GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        var factory = new LandMapHostFactory(connectionString, all);
        try
        {
            return new ApiHost(factory.StartOnKestrel());
        }
        catch
        {
            // A start that fails (a setting out of range) must not leave a half-built host behind for
            // the finalizer to tear down in the middle of a later test's start.
            factory.Dispose();
            throw;
        }
    }

    /// <summary>A client; with <paramref name="token"/> it sends the test write token.</summary>
    public HttpClient CreateClient(bool token = false, TimeSpan? timeout = null) =>
        factory.CreateClient(token ? LandMapServer.TestWriteToken : null, timeout ?? TimeSpan.FromSeconds(100));

    /// <summary>A client with a new token of <paramref name="role"/> (for <paramref name="collections"/>) as its bearer.</summary>
    public Task<HttpClient> CreateClientAsync(string role, params string[] collections) => factory.CreateClientAsync(role, collections);

    public ValueTask DisposeAsync() => factory.DisposeAsync();
}
