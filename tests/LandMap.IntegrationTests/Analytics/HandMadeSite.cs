using LandMap.Tests.Infrastructure;
using Npgsql;

namespace LandMap.Tests.Analytics;

/// <summary>
/// An API over a database of its own (same cluster as the other tests, no sample data) holding the
/// hand-made parcels (<see cref="HandMadeLand"/>), whose answers the tests work out by hand: the
/// shared test database holds the sample data, whose exact counts other tests assert. Each site
/// names its database, so tests that write (or take tables away) do not disturb the others.
/// </summary>
public abstract class HandMadeSite(LandMapServer server, string database) : IAsyncLifetime
{
    protected LandMapHostFactory Factory { get; private set; } = null!;

    /// <summary>An anonymous client (the tests' hosts allow anonymous reads).</summary>
    public HttpClient Client { get; private set; } = null!;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public virtual async ValueTask InitializeAsync()
    {
        var cs = await server.CreateEmptyDatabaseAsync(database);
        Factory = new LandMapHostFactory(cs, new Dictionary<string, string> { ["LandMap:LoadSampleData"] = "false" });
        Client = Factory.CreateClient(); // starts the host: migrates the empty database
        DataSource = NpgsqlDataSource.Create(cs);
        await HandMadeLand.InsertAsync(DataSource);
    }

    public virtual async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (Factory is not null) await Factory.DisposeAsync();
        if (DataSource is not null) await DataSource.DisposeAsync();
    }
}
