using System.Net;
using LandMap.Tests.Infrastructure;
using Npgsql;

namespace LandMap.Tests.Trust;

/// <summary>/metrics is open to anyone: Npgsql's pool metrics carry the pool's name, which must be
/// its role (primary, replica...), never the connection string's host, database or user.</summary>
public sealed class PoolNamesTests(LandMapServer server)
{
    [Fact]
    public async Task Metrics_name_pools_by_role_and_show_no_host_database_or_user()
    {
        // A database, user and host spelling no other test uses, so any trace of them in this
        // process's metrics (the meter is process-wide) comes from this copy of the service.
        const string marker = "landmap_metrics_secret";
        var cs = await server.CreateEmptyDatabaseAsync(marker);
        await using (var role = server.DataSource.CreateCommand($"""
            do $$ begin if not exists (select 1 from pg_roles where rolname = '{marker}_user')
            then create role {marker}_user login superuser; end if; end $$
            """))
            await role.ExecuteNonQueryAsync();
        var secret = new NpgsqlConnectionStringBuilder(cs) { Host = "localhost", Username = $"{marker}_user" }.ConnectionString;
        await using var host = ApiHost.Start(secret, new Dictionary<string, string> { ["LandMap:LoadSampleData"] = "false" });
        using var client = host.CreateClient();
        using (var items = await client.GetAsync("ogc/collections/parks/items?limit=1")) Assert.Equal(HttpStatusCode.OK, items.StatusCode);

        var metrics = await client.GetStringAsync("metrics");
        Assert.Contains("db_client_connection_pool_name=\"primary\"", metrics);
        Assert.DoesNotContain(marker, metrics);
        Assert.DoesNotContain("localhost", metrics);
    }
}
