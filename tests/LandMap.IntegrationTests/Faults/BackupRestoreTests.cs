using System.Diagnostics;
using System.Net;
using System.Text;
using LandMap.Api.Data;
using LandMap.Tests.Infrastructure;
using Npgsql;

namespace LandMap.Tests.Faults;

/// <summary>
/// scripts/backup.sh and scripts/restore.sh as an admin runs them: a database with the sample, an
/// upload and edits (so uploads and parcel_history have rows) is dumped, restored into a freshly
/// created cluster (initdb, port LANDMAP_TEST_PG_PORT + 3), and every table has the same rows
/// (count and md5); the API then serves from the restored copy.
/// </summary>
public sealed class BackupRestoreTests(LandMapServer server)
{
    [Fact]
    public async Task A_backup_restored_into_a_fresh_cluster_has_the_same_features_and_history()
    {
        var cs = await server.CreateEmptyDatabaseAsync("landmap_backup");
        await using (var api = ApiHost.Start(cs))
        {
            using var client = api.CreateClient(token: true);
            using var content = new StringContent(DatabaseStopTests.UploadFile("BAK", 10, 121.05, 28.12), Encoding.UTF8, "application/geo+json");
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("api/uploads?collection=parcels", content)).StatusCode);
            await using var source = NpgsqlDataSource.Create(cs);
            await using (var edit = source.CreateCommand("update parcels set status = 'in_use' where code like 'BAK-%'")) await edit.ExecuteNonQueryAsync();
        }
        await using var db = NpgsqlDataSource.Create(cs);
        var expected = await TableChecksums.OfAsync(db);
        Assert.True(long.Parse(expected["parcel_history"].Split(':')[0]) >= 10, expected["parcel_history"]);
        Assert.StartsWith("1:", expected["uploads"]);

        var dump = Path.Combine(Path.GetTempPath(), $"landmap-backup-{Guid.NewGuid():N}.dump");
        LocalCluster? cluster = null;
        try
        {
            await RunAsync("scripts/backup.sh", Conninfo(cs), dump);
            cluster = await ScratchCluster.StartAsync("restore", 3, "landmap_restored"); // a new cluster, its database empty
            await RunAsync("scripts/restore.sh", dump, Conninfo(cluster.ConnectionString));

            await using var restored = NpgsqlDataSource.Create(cluster.ConnectionString);
            Assert.Equal(expected, await TableChecksums.OfAsync(restored));

            // The service starts on the restored copy as it is: nothing migrated or loaded twice.
            await using var api = ApiHost.Start(cluster.ConnectionString);
            using var client = api.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("ogc/collections/parcels/items/1")).StatusCode);
            Assert.Equal(expected, await TableChecksums.OfAsync(restored));
        }
        finally
        {
            File.Delete(dump);
            if (cluster is not null) await cluster.StopAsync(CancellationToken.None);
        }
    }

    private static string Conninfo(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"host={b.Host} port={b.Port} user={b.Username} dbname={b.Database}";
    }

    private static Task<string> RunAsync(string script, params string[] args) =>
        Processes.RunCheckedAsync("bash", [Path.Combine(LandMapServer.RepositoryRoot, script), .. args]);
}
