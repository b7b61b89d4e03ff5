using LandMap.Api.Data;
using LandMap.Api.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace LandMap.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster of one test's own (initdb'd fresh in a folder of the repository,
/// on LANDMAP_TEST_PG_PORT + an offset), for tests that stop a server or need a new one: the shared
/// cluster keeps serving everyone else.
/// </summary>
public static class ScratchCluster
{
    private const string PgCtl = "/usr/lib/postgresql/15/bin/pg_ctl";

    /// <summary>Creates (anew) and starts the cluster <c>.pgdata-test-{name}</c> with database <paramref name="database"/>.</summary>
    public static async Task<LocalCluster> StartAsync(string name, int portOffset, string database)
    {
        var dataDir = await LocalCluster.ReachableDataDirectoryAsync(
            Path.Combine(LandMapServer.RepositoryRoot, $".pgdata-test-{name}"), NullLogger.Instance, CancellationToken.None);
        if (Directory.Exists(dataDir))
        {
            // Left by an earlier run that was killed: nothing of it may count now.
            await Processes.RunAsync(PgCtl, ["stop", "-m", "immediate", "-D", dataDir], Processes.AsPostgres);
            Directory.Delete(dataDir, recursive: true);
        }
        var cluster = new LocalCluster(new LocalClusterOptions { DataDirectory = dataDir, Port = LandMapServer.ClusterPort + portOffset, Database = database },
            dataDir, NullLogger.Instance) { ServerSettings = ["fsync=off", "synchronous_commit=off"] };
        await cluster.StartAsync(CancellationToken.None);
        return cluster;
    }
}
