using Npgsql;

namespace LandMap.Api.Data;

/// <summary>Creates the configured database when the server does not have it yet.</summary>
internal static class DatabaseCreator
{
    public static async Task EnsureExistsAsync(string connectionString, ILogger logger, CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        try
        {
            // Named data sources, disposed when done: an unnamed one would stay in /metrics under the connection string.
            await using var db = PoolNames.Named(connectionString, PoolNames.Startup);
            await using var probe = await db.OpenConnectionAsync(ct);
            return;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // The server answers but has no such database: create it below.
        }
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var adminDb = PoolNames.Named(admin.ConnectionString, PoolNames.Startup);
        await using var conn = await adminDb.OpenConnectionAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", conn);
        exists.Parameters.Add(new() { Value = target.Database });
        if (await exists.ExecuteScalarAsync(ct) is not null) return;

        // Identifiers cannot be parameters; the name comes from configuration, so quote it.
        var quoted = "\"" + target.Database!.Replace("\"", "\"\"") + "\"";
        await using var create = new NpgsqlCommand($"create database {quoted}", conn);
        await create.ExecuteNonQueryAsync(ct);
        logger.LogInformation("Database: created database {Db}", target.Database);
    }
}
