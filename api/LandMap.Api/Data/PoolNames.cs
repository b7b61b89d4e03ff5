using Npgsql;

namespace LandMap.Api.Data;

/// <summary>
/// The names the service's connection pools go by. Npgsql labels its pool metrics
/// (<c>db_client_connection_*</c> at <c>/metrics</c>, open to anyone) with the data source's name, and
/// an unnamed data source is named by its connection string: host, database and user. Every data
/// source the service opens therefore gets a role name, including the short-lived ones of start-up.
/// </summary>
public static class PoolNames
{
    /// <summary>The primary: writes, and reads when no replica is usable.</summary>
    public const string Primary = "primary";

    /// <summary>The streaming replica the hot reads go to.</summary>
    public const string Replica = "replica";

    /// <summary>The replica probe's one connection.</summary>
    public const string ReplicaProbe = "replica-probe";

    /// <summary>Start-up work: creating the database, migrating.</summary>
    public const string Startup = "startup";

    /// <summary>A data source named <paramref name="name"/>, for work that disposes it when done
    /// (its metrics go with it).</summary>
    public static NpgsqlDataSource Named(string connectionString, string name) =>
        new NpgsqlDataSourceBuilder(connectionString) { Name = name }.Build();
}
