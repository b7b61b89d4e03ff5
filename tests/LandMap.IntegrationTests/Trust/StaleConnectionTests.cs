using System.Net;
using LandMap.Tests.Infrastructure;
using Npgsql;
using static LandMap.Tests.Upload.UploadFiles;

namespace LandMap.Tests.Trust;

/// <summary>
/// Pooled connections killed while idle (pg_terminate_backend on every idle backend of the service)
/// cost no request: the next read and the next upload (its body already received) find them dead at
/// their first query, clear the pool and run once more on a fresh connection.
/// </summary>
public sealed class StaleConnectionTests(LandMapServer server)
{
    [Fact]
    public async Task After_the_pools_idle_backends_are_terminated_the_next_read_and_the_next_upload_succeed()
    {
        var cs = await server.CreateEmptyDatabaseAsync("landmap_stale");
        await using var host = ApiHost.Start(cs);
        using var client = host.CreateClient(token: true);
        // A few idle connections in the pool.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            using var warm = await client.GetAsync("ogc/collections/parcels/items?limit=50");
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }));

        Assert.True(await TerminateIdleAsync() > 0);
        using (var read = await client.GetAsync("ogc/collections/parcels/items?limit=5"))
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"{(int)read.StatusCode} {await read.Content.ReadAsStringAsync()}");

        Assert.True(await TerminateIdleAsync() > 0);
        var (status, body, _) = await PostAsync(client, "collection=parcels&crs=EPSG:4549", Grid(Code("stale"), 3, 121.05, 28.17));
        Assert.True(status == HttpStatusCode.Created, $"{(int)status} {body.ToJsonString()}");
    }

    /// <summary>Terminates the service's idle backends and waits until they are gone; how many there were.</summary>
    private async Task<int> TerminateIdleAsync()
    {
        const string idle = "from pg_stat_activity where datname = 'landmap_stale' and state = 'idle' and pid <> pg_backend_pid()";
        var killed = await server.DataSource.ScalarAsync<long>($"select count(*) filter (where pg_terminate_backend(pid)) {idle}");
        for (var i = 0; i < 100 && await server.DataSource.ScalarAsync<long>($"select count(*) {idle}") > 0; i++) await Task.Delay(20);
        return (int)killed;
    }
}
