using System.Net;
using System.Net.Sockets;
using LandMap.Api.Data;
using LandMap.Api.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

[assembly: AssemblyFixture(typeof(LandMap.Tests.Infrastructure.LandMapServer))]

namespace LandMap.Tests.Infrastructure;

/// <summary>
/// The service under test, once per test run: a private PostgreSQL cluster of the tests' own
/// (.pgdata-test, port 55433, so it can run beside ./landmap.sh run), a fresh database, and the
/// API on real Kestrel at a free loopback port, so GDAL and Chromium can reach it too.
/// </summary>
public sealed class LandMapServer : IAsyncLifetime
{
    /// <summary>55433 unless LANDMAP_TEST_PG_PORT says otherwise (for parallel checkouts).</summary>
    public static readonly int ClusterPort =
        int.TryParse(Environment.GetEnvironmentVariable("LANDMAP_TEST_PG_PORT"), out var port) ? port : 55433;
    private const string Database = "landmap_test";

    /// <summary>The write token both test servers are configured with (LandMap:WriteToken).</summary>
    public const string TestWriteToken = "landmap-test-write-token-7f3a";

    /// <summary>The upload size limit both test servers are configured with (LandMap:Uploads:MaxBytes).</summary>
    public const long TestMaxUploadBytes = 8_000_000;

    private LocalCluster? _cluster;
    private Factory? _factory;

    public static string RepositoryRoot { get; } = RepositoryPaths.FindRoot(AppContext.BaseDirectory);

    /// <summary>Connection string of the server's database.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The base URL, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    public HttpClient CreateClient() => new() { BaseAddress = new Uri(BaseUrl + "/") };

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    private readonly Lazy<Task<WriteServer>> _writeServer;
    private Factory? _writeFactory;

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
        var port = FreePort();
        _writeFactory = new Factory(cs);
        _writeFactory.UseKestrel(port);
        _writeFactory.StartServer();
        return new WriteServer($"http://127.0.0.1:{port}", NpgsqlDataSource.Create(cs));
    }

    public async ValueTask InitializeAsync()
    {
        var dataDir = await LocalCluster.ReachableDataDirectoryAsync(
            Path.Combine(RepositoryRoot, ".pgdata-test"), NullLogger.Instance, CancellationToken.None);
        // A fresh cluster every run: nothing from an earlier run can make a test pass.
        if (Directory.Exists(dataDir))
        {
            await StopLeftoverAsync(dataDir);
            Directory.Delete(dataDir, recursive: true);
        }
        var options = new LocalClusterOptions { DataDirectory = dataDir, Port = ClusterPort, Database = Database };
        _cluster = new LocalCluster(options, dataDir, NullLogger.Instance)
        {
            // Throwaway data: durability settings off for speed.
            ServerSettings = ["fsync=off", "synchronous_commit=off", "full_page_writes=off"],
        };
        await _cluster.StartAsync(CancellationToken.None);
        ConnectionString = _cluster.ConnectionString;

        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _factory = new Factory(ConnectionString);
        _factory.UseKestrel(port);
        _factory.StartServer();
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
        await ProcessRunner.RunAsync(pgCtl, ["stop", "-m", "immediate", "-D", dataDir], "postgres", CancellationToken.None);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private sealed class Factory(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseTestSettings();
            builder.UseSetting("ConnectionStrings:LandMap", connectionString);
            builder.UseSetting("LandMap:LoadSampleData", "true");
            builder.UseSetting("LandMap:WriteToken", TestWriteToken);
            builder.UseSetting("LandMap:Uploads:MaxBytes", TestMaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("LandMap:Cors:Origins:0", LandMap.Tests.Api.TransportTests.AllowedOrigin);
            builder.UseEnvironment("Testing");
        }
    }
}

/// <summary>The write tests' API: its base URL and its database.</summary>
public sealed record WriteServer(string BaseUrl, NpgsqlDataSource DataSource)
{
    public HttpClient CreateClient() => new() { BaseAddress = new Uri(BaseUrl + "/") };
}
