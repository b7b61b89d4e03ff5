using LandMap.Api.Data;
using LandMap.Api.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LandMap.Tests.Infrastructure;

/// <summary>
/// The service under test, once per test assembly (an assembly fixture of the integration and browser
/// tiers): a private PostgreSQL cluster of the tests' own (.pgdata-test, port 25433, so it can run
/// beside ./landmap.sh run; see <see cref="TestClusterAttribute"/>), a fresh database, and the
/// API on real Kestrel at a free loopback port, so GDAL and Chromium can reach it too.
/// </summary>
public sealed class LandMapServer : IAsyncLifetime
{
    /// <summary>25433 unless LANDMAP_TEST_PG_PORT says otherwise (for parallel checkouts). Below 32768: a
    /// port in the ephemeral range (32768-60999) can be taken by any outgoing connection at the
    /// moment a scratch cluster binds it (a replica test failed so on 55438).</summary>
    public static readonly int ClusterPort =
        int.TryParse(Environment.GetEnvironmentVariable("LANDMAP_TEST_PG_PORT"), out var port) ? port : 25433;
    private const string Database = "landmap_test";

    /// <summary>The write token both test servers are configured with (LandMap:WriteToken).</summary>
    public const string TestWriteToken = "landmap-test-write-token-7f3a";

    /// <summary>The upload size limit both test servers are configured with (LandMap:Uploads:MaxBytes).</summary>
    public const long TestMaxUploadBytes = 8_000_000;

    private LocalCluster? _cluster;
    private LandMapHostFactory? _factory;

    /// <summary>The repository root (<see cref="RepositoryPaths.Root"/>).</summary>
    public static string RepositoryRoot => RepositoryPaths.Root;

    /// <summary>Connection string of the server's database.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The base URL, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    public HttpClient CreateClient() => new() { BaseAddress = new Uri(BaseUrl + "/") };

    /// <summary>The service's own services (e.g. its endpoint data source, to enumerate every route).</summary>
    public IServiceProvider Services => _factory!.Services;

    /// <summary>A client with a new token of <paramref name="role"/> (for <paramref name="collections"/>) as its bearer.</summary>
    public Task<HttpClient> CreateClientAsync(string role, params string[] collections) => _factory!.CreateClientAsync(role, collections);

    /// <summary>A client sending the test write token (LandMap:WriteToken) as its bearer.</summary>
    public HttpClient CreateWriterClient() => _factory!.CreateClient(TestWriteToken);

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    private readonly Lazy<Task<WriteServer>> _writeServer;
    private LandMapHostFactory? _writeFactory;

    public LandMapServer() => _writeServer = new(StartWriteServerAsync);

    /// <summary>
    /// A second API over its own database (same cluster, sample data loaded), started on first
    /// use, for tests that commit writes: other tests count the sample parcels (1049) and check
    /// that every parcel lies in its park, so committed uploads must not land in their database.
    /// </summary>
    public Task<WriteServer> WriteServerAsync() => _writeServer.Value;

    private async Task<WriteServer> StartWriteServerAsync()
    {
        var cs = await CreateEmptyDatabaseAsync("landmap_writes");
        _writeFactory = new LandMapHostFactory(cs, Settings).StartOnKestrel();
        return new WriteServer(_writeFactory, NpgsqlDataSource.Create(cs));
    }

    public async ValueTask InitializeAsync()
    {
        var dataDir = await LocalCluster.ReachableDataDirectoryAsync(
            Path.Combine(RepositoryRoot, TestClusterAttribute.Current.Folder), NullLogger.Instance, CancellationToken.None);
        // A fresh cluster every run: nothing from an earlier run can make a test pass.
        if (Directory.Exists(dataDir))
        {
            await StopLeftoverAsync(dataDir);
            Directory.Delete(dataDir, recursive: true);
        }
        var options = new LocalClusterOptions { DataDirectory = dataDir, Port = ClusterPort + TestClusterAttribute.Current.PortOffset, Database = Database };
        _cluster = new LocalCluster(options, dataDir, NullLogger.Instance)
        {
            // Throwaway data: durability settings off for speed.
            ServerSettings = ["fsync=off", "synchronous_commit=off", "full_page_writes=off"],
        };
        await _cluster.StartAsync(CancellationToken.None);
        ConnectionString = _cluster.ConnectionString;

        _factory = new LandMapHostFactory(ConnectionString, Settings).StartOnKestrel();
        BaseUrl = _factory.BaseUrl!;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (_writeFactory is not null) await _writeFactory.DisposeAsync();
        if (_writeServer.IsValueCreated && _writeServer.Value.IsCompletedSuccessfully) await _writeServer.Value.Result.DataSource.DisposeAsync();
        if (_factory is not null) await _factory.DisposeAsync();
        if (DataSource is not null) await DataSource.DisposeAsync();
        if (_cluster is not null) await _cluster.StopAsync(CancellationToken.None);
    }

    /// <summary>A new empty database in the tests' cluster, for tests that start from nothing.</summary>
    public async Task<string> CreateEmptyDatabaseAsync(string name)
    {
        await using var admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres" }.ConnectionString);
        await using (var drop = admin.CreateCommand($"drop database if exists {name} with (force)")) await drop.ExecuteNonQueryAsync();
        await using (var create = admin.CreateCommand($"create database {name}")) await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    private static async Task StopLeftoverAsync(string dataDir)
    {
        var pgCtl = Path.Combine(new LocalClusterOptions().BinDirectory, "pg_ctl");
        await Processes.RunAsync(pgCtl, ["stop", "-m", "immediate", "-D", dataDir], Processes.AsPostgres);
    }

    /// <summary>What the shared server and the write server run with (sample data loaded, the
    /// upload limit and CORS origin the tests assert).</summary>
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["LandMap:LoadSampleData"] = "true",
        ["LandMap:Uploads:MaxBytes"] = TestMaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["LandMap:Cors:Origins:0"] = TestSettings.AllowedOrigin,
    };
}

/// <summary>The write tests' API: its base URL and its database.</summary>
public sealed class WriteServer(LandMapHostFactory host, NpgsqlDataSource dataSource)
{
    /// <summary>The base URL (no trailing slash).</summary>
    public string BaseUrl { get; } = host.BaseUrl!;

    /// <summary>The write server's database.</summary>
    public NpgsqlDataSource DataSource { get; } = dataSource;

    /// <summary>An anonymous client.</summary>
    public HttpClient CreateClient() => host.CreateClient(token: null);

    /// <summary>A client sending the test write token (LandMap:WriteToken) as its bearer.</summary>
    public HttpClient CreateWriterClient() => host.CreateClient(LandMapServer.TestWriteToken);

    /// <summary>A client with a new token of <paramref name="role"/> (for <paramref name="collections"/>) as its bearer.</summary>
    public Task<HttpClient> CreateClientAsync(string role, params string[] collections) => host.CreateClientAsync(role, collections);
}
