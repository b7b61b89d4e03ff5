using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using LandMap.Tests.Infrastructure;
using Npgsql;

namespace LandMap.Tests.Deploy;

/// <summary>
/// The service as an operator gets it: <c>dotnet publish</c> to a folder of its own, started from
/// another working directory with nothing but a connection string (and a token to read with: the
/// defaults are a closed site's). It migrates a fresh database, serves the OGC API and the web map
/// with its vendored scripts out of the folder, and loads no sample data unless asked.
/// </summary>
public sealed partial class PublishTests(LandMapServer server, PublishedFolder folder) : IClassFixture<PublishedFolder>
{
    private string Dll => Path.Combine(folder.Published, "LandMap.Api.dll");
    private string Published => folder.Published;
    /// <summary>Where the operator stands: neither the repository nor the publish folder.</summary>
    private string Elsewhere => folder.Elsewhere;

    [Fact]
    public async Task The_publish_folder_serves_the_api_and_the_map_from_another_directory()
    {
        Assert.False(File.Exists(Path.Combine(Published, "appsettings.Development.json")), "development settings are not published");
        var cs = await server.CreateEmptyDatabaseAsync("landmap_published");
        await using var api = await ApiProcess.StartAsync(Dll, Elsewhere, new Dictionary<string, string>
        {
            ["ConnectionStrings:LandMap"] = cs,
            ["LandMap:WriteToken"] = LandMapServer.TestWriteToken,
        });
        using var anonymous = new HttpClient { BaseAddress = new Uri(api.BaseUrl + "/") };
        using var reader = new HttpClient { BaseAddress = new Uri(api.BaseUrl + "/") };
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LandMapServer.TestWriteToken);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("ogc")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("ogc/collections/parcels/items?limit=1")).StatusCode);
        // Safe defaults: no anonymous read, no sample data.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("ogc")).StatusCode);
        Assert.Equal(0L, await CountParcelsAsync(cs));

        var page = await anonymous.GetAsync("");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("/vendor/leaflet/leaflet.js", await page.Content.ReadAsStringAsync());
        foreach (var path in new[] { "vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css", "vendor/pbf/index.js", "js/main.js", "css/map.css" })
            Assert.True((await anonymous.GetAsync(path)).StatusCode == HttpStatusCode.OK, path + " from the publish folder");
        // Of node_modules only what web/vendor.list names, and only under /vendor.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("node_modules/leaflet/dist/leaflet.js")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("vendor.list")).StatusCode);
    }

    [Fact]
    public async Task Migrate_and_seed_run_from_the_publish_folder_and_exit()
    {
        var cs = await server.CreateEmptyDatabaseAsync("landmap_published_cli");
        var settings = new Dictionary<string, string> { ["ConnectionStrings__LandMap"] = cs };

        var migrate = await RunAsync("dotnet", [Dll, "migrate"], Elsewhere, settings);
        Assert.True(migrate.ExitCode == 0, migrate.Output);
        Assert.Equal(0L, await CountParcelsAsync(cs)); // the schema, no sample data

        var seed = await RunAsync("dotnet", [Dll, "seed"], Elsewhere, settings);
        Assert.True(seed.ExitCode == 0, seed.Output);
        Assert.Equal(1049L, await CountParcelsAsync(cs)); // gis-data/ shipped in the folder

        // No connection string and no development cluster: a clear refusal, no initdb.
        var bare = await RunAsync("dotnet", [Dll, "migrate"], Elsewhere, new Dictionary<string, string>());
        Assert.NotEqual(0, bare.ExitCode);
        Assert.Contains("ConnectionStrings__LandMap", bare.Output);

        // The commands check the settings as a start of the server does.
        var bad = await RunAsync("dotnet", [Dll, "migrate"], Elsewhere, new Dictionary<string, string>(settings) { ["LandMap__Limits__MaxPageSize"] = "0" });
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("LandMap:Limits:MaxPageSize", bad.Output);
    }

    internal static async Task<long> CountParcelsAsync(string cs)
    {
        await using var db = NpgsqlDataSource.Create(cs);
        await using var cmd = db.CreateCommand("select count(*) from parcels");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Runs a command to its end with only <paramref name="settings"/> of LandMap's configuration in its environment.</summary>
    internal static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args, string workingDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var outcome = await Processes.RunAsync(file, args, new Processes.Options
        {
            WorkingDirectory = workingDirectory, Environment = settings, WithoutServiceSettings = true, Timeout = TimeSpan.FromSeconds(120),
        });
        return (outcome.ExitCode, outcome.Output);
    }
}

/// <summary>One <c>dotnet publish</c> of the API to a temporary folder for the class's tests, and a
/// folder beside it to start it from.</summary>
public sealed class PublishedFolder : IAsyncLifetime
{
    private readonly string temp = Directory.CreateTempSubdirectory("landmap-publish-").FullName;

    public string Published => Path.Combine(temp, "publish");

    public string Elsewhere => Directory.CreateDirectory(Path.Combine(temp, "elsewhere")).FullName;

    public async ValueTask InitializeAsync()
    {
        // The suite runs after a Release build of the solution (./landmap.sh test): publish only copies.
        var publish = await PublishTests.RunAsync("dotnet", ["publish", Path.Combine(LandMapServer.RepositoryRoot, "api", "LandMap.Api"),
            "-c", "Release", "--no-build", "-o", Published, "-nologo", "-v", "q"], LandMapServer.RepositoryRoot, new Dictionary<string, string>());
        Assert.True(publish.ExitCode == 0, "dotnet publish failed:\n" + publish.Output);
    }

    public ValueTask DisposeAsync()
    {
        try { Directory.Delete(temp, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
