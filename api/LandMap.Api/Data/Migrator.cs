using DbUp;
using DbUp.Engine;
using DbUp.Engine.Output;
using DbUp.Support;
using Npgsql;

namespace LandMap.Api.Data;

/// <summary>
/// Applies the plain-SQL migrations embedded from Data/Migrations, in name order, with DbUp; then
/// the repeatable scripts of Data/Migrations/Repeatable (functions and triggers), on every run.
/// </summary>
public static class Migrator
{
    /// <summary>Resource-name part of the migrations, each applied once and journaled.</summary>
    public const string MigrationsResources = ".Data.Migrations.";

    /// <summary>Resource-name part of the repeatable scripts: `create or replace` definitions of the
    /// SQL functions and triggers, re-applied after the migrations on every run and never journaled,
    /// so each one's current definition is its file, not the last migration that touched it.</summary>
    public const string RepeatableResources = ".Data.Migrations.Repeatable.";

    // Two API copies may start together; the advisory lock lets one migrate while the other waits.
    private const long MigrationLockKey = 0x4C616E644D6170; // "LandMap"

    public static async Task MigrateAsync(string connectionString, ILogger logger, CancellationToken ct)
    {
        // Unpooled, so the session lock ends with this connection whatever happens.
        var lockConnection = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        await using var lockDb = PoolNames.Named(lockConnection, PoolNames.Startup);
        await using var lockConn = await lockDb.OpenConnectionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand("select pg_advisory_lock($1)", lockConn))
        {
            lockCmd.Parameters.Add(new() { Value = MigrationLockKey });
            await lockCmd.ExecuteNonQueryAsync(ct);
        }
        Upgrade(connectionString, logger);
    }

    private static void Upgrade(string connectionString, ILogger logger)
    {
        // Through a named data source: DbUp's own connections would be pooled (and shown in /metrics) under the connection string.
        using var db = PoolNames.Named(connectionString, PoolNames.Startup);
        var upgrader = DeployChanges.To
            .PostgresqlDatabase(new DbUp.Postgresql.PostgresqlConnectionManager(db))
            .WithScriptsEmbeddedInAssembly(typeof(Migrator).Assembly,
                name => name.Contains(MigrationsResources) && !name.Contains(RepeatableResources),
                new SqlScriptOptions { ScriptType = ScriptType.RunOnce, RunGroupOrder = 1 })
            .WithScriptsEmbeddedInAssembly(typeof(Migrator).Assembly,
                name => name.Contains(RepeatableResources),
                new SqlScriptOptions { ScriptType = ScriptType.RunAlways, RunGroupOrder = 2 })
            .WithTransactionPerScript()
            .LogTo(new UpgradeLog(logger))
            .Build();

        var pending = upgrader.GetScriptsToExecute();
        logger.LogInformation("Migrating: {Count} migration(s) to apply, then {Repeatable} repeatable script(s)",
            pending.Count(s => s.SqlScriptOptions.ScriptType == ScriptType.RunOnce),
            pending.Count(s => s.SqlScriptOptions.ScriptType == ScriptType.RunAlways));
        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
            throw new Hosting.StartupException("migrating the schema",
                $"{result.ErrorScript?.Name}: {result.Error?.Message}");
    }

    /// <summary>DbUp's log routed to the service's logger, so start-up reads as one story.</summary>
    private sealed class UpgradeLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) { }
        public void LogDebug(string format, params object[] args) { }
        public void LogInformation(string format, params object[] args) => logger.LogInformation("Migrating: {Message}", string.Format(format, args));
        public void LogWarning(string format, params object[] args) => logger.LogWarning("Migrating: {Message}", string.Format(format, args));
        public void LogError(string format, params object[] args) => logger.LogError("Migrating: {Message}", string.Format(format, args));
        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, "Migrating: {Message}", string.Format(format, args));
    }
}
