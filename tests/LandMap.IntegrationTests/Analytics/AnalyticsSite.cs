using LandMap.Tests.Infrastructure;
using Npgsql;

namespace LandMap.Tests.Analytics;

/// <summary>The analytics tests share one hand-made data set (see <see cref="HandMadeLand"/>).</summary>
[CollectionDefinition(AnalyticsSite.Name)]
public sealed class AnalyticsCollection : ICollectionFixture<AnalyticsSite>;

/// <summary>
/// An API over a database of its own (landmap_analytics, same cluster as the other tests, no sample
/// data) holding a few hand-made parcels whose answers the tests work out by hand: the shared test
/// database holds the sample data, whose exact counts other tests assert.
/// </summary>
public sealed class AnalyticsSite(LandMapServer server) : IAsyncLifetime
{
    public const string Name = "analytics";

    private LandMapHostFactory? _factory;

    public HttpClient Client { get; private set; } = null!;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var cs = await server.CreateEmptyDatabaseAsync("landmap_analytics");
        _factory = new LandMapHostFactory(cs, new Dictionary<string, string> { ["LandMap:LoadSampleData"] = "false" });
        Client = _factory.CreateClient(); // starts the host: migrates the empty database
        DataSource = NpgsqlDataSource.Create(cs);
        await HandMadeLand.InsertAsync(DataSource);
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        if (DataSource is not null) await DataSource.DisposeAsync();
    }
}
