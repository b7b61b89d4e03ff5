using LandMap.Api.Hosting;
using Npgsql;

namespace LandMap.Api.Data;

/// <summary>Where the database is: a configured connection string, or the private cluster.</summary>
public sealed record DatabaseTarget(string ConnectionString, LocalCluster? Cluster);

public static class DatabaseSetup
{
    public const string ConnectionName = "LandMap";

    /// <summary>
    /// Registers the primary <see cref="NpgsqlDataSource"/> (with PostGIS types through NetTopologySuite),
    /// the <see cref="ReadDataSource"/> (a replica's, when <c>ConnectionStrings:LandMapRead</c> is set,
    /// with its <see cref="ReplicaProbe"/>) and the start-up work: start the private cluster when no connection string is given,
    /// migrate, load the sample data.
    /// </summary>
    public static IHostApplicationBuilder AddLandMapDatabase(this IHostApplicationBuilder builder)
    {
        var root = RepositoryPaths.FindRoot(builder.Environment.ContentRootPath);
        // Configuration is read when services are built, so a test host's settings count too.
        builder.Services.AddSingleton(sp =>
            sp.GetRequiredService<IConfiguration>().GetSection(LandMapOptions.Section).Get<LandMapOptions>() ?? new());
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<LandMapOptions>();
            var configured = sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionName);
            if (!string.IsNullOrWhiteSpace(configured))
                return new DatabaseTarget(configured, null);
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<LocalCluster>();
            var cluster = new LocalCluster(options.LocalCluster,
                RepositoryPaths.Resolve(root, options.LocalCluster.DataDirectory), logger);
            return new DatabaseTarget(cluster.ConnectionString, cluster);
        });

        builder.Services.AddSingleton(sp => Build(sp.GetRequiredService<DatabaseTarget>().ConnectionString, PoolNames.Primary, null, sp));
        // Reads of the hot routes go to a streaming replica when one is configured and usable.
        builder.Services.AddSingleton(sp =>
        {
            var read = ReadConnectionString(sp);
            return new ReadDataSource(sp.GetRequiredService<NpgsqlDataSource>(),
                read is null ? null : Build(read, PoolNames.Replica, "landmap-read", sp), sp.GetRequiredService<ILogger<ReadDataSource>>());
        });
        builder.Services.AddSingleton<SampleDataLoader>();
        builder.Services.AddHostedService(sp => new DatabaseStartup(
            sp.GetRequiredService<DatabaseTarget>(), sp.GetRequiredService<SampleDataLoader>(),
            sp.GetRequiredService<LandMapOptions>(), root, sp.GetRequiredService<ILogger<DatabaseStartup>>()));
        // After the start-up work (hosted services start in order), so the database exists on the replica too.
        builder.Services.AddHostedService(sp => new ReplicaProbe(sp.GetRequiredService<ReadDataSource>(),
            ReadConnectionString(sp) is { } read ? BuildProbe(read) : null));
        return builder;
    }

    private static string? ReadConnectionString(IServiceProvider sp)
    {
        var read = sp.GetRequiredService<IConfiguration>().GetConnectionString(ReadDataSource.ConnectionName);
        return string.IsNullOrWhiteSpace(read) ? null : read;
    }

    /// <summary>The replica probe's own pool: one connection, and a cancelled probe gives up at once
    /// instead of waiting for the server to confirm the cancel.</summary>
    private static NpgsqlDataSource BuildProbe(string connectionString)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = ReplicaProbe.ApplicationName, MaxPoolSize = 1, CancellationTimeout = -1,
        };
        return new NpgsqlDataSourceBuilder(csb.ConnectionString) { Name = PoolNames.ReplicaProbe }.Build();
    }

    /// <summary>A data source with the service's connection options, named by its <paramref name="role"/>
    /// (<see cref="PoolNames"/>: never the connection string); <paramref name="applicationName"/>
    /// is set unless the connection string names one (the replica's connections are then easy to tell apart).</summary>
    private static NpgsqlDataSource Build(string connectionString, string role, string? applicationName, IServiceProvider sp)
    {
        var dsb = new NpgsqlDataSourceBuilder(connectionString) { Name = role };
        // Requests are many and small: parallel workers (each loading PostGIS) and JIT
        // compilation cost more than they save on a page of 100 features. Statements are planned
        // for their values: a generic plan cannot tell a 500 m box from a whole park.
        if (string.IsNullOrEmpty(dsb.ConnectionStringBuilder.Options))
            dsb.ConnectionStringBuilder.Options = "-c max_parallel_workers_per_gather=0 -c jit=off -c plan_cache_mode=force_custom_plan";
        NoAutoPrepare(dsb.ConnectionStringBuilder, sp.GetRequiredService<ILoggerFactory>().CreateLogger<DatabaseTarget>());
        // No session state is kept (settings and temp tables are transaction-local), so a returned
        // connection needs no DISCARD ALL.
        if (applicationName is not null && string.IsNullOrEmpty(dsb.ConnectionStringBuilder.ApplicationName))
            dsb.ConnectionStringBuilder.ApplicationName = applicationName;
        dsb.ConnectionStringBuilder.NoResetOnClose = true;
        dsb.UseNetTopologySuite();
        dsb.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
        return dsb.Build();
    }

    /// <summary>
    /// Turns Npgsql's automatic statement preparation off, whatever the connection string says.
    /// Why (issue 12, a pooled connection out of step): Npgsql (10.0.3, and its main branch) marks an
    /// auto-prepared statement "prepared" when PostgreSQL acknowledges its Parse, but learns the rows'
    /// description only from the Describe that follows the Bind. When that execution fails at Bind (a
    /// parameter that fails its cast or its encoding: a keyset cursor "x" for a date, a NUL byte in a
    /// filter), the statement stays prepared with no row description, and every later run of the same
    /// SQL text on that connection takes its rows for a command without any: "Received unexpected
    /// backend message DataRow". Client input reaches Bind on every read route, so no validation can
    /// close that; and with plan_cache_mode=force_custom_plan each execution is planned anyway, so
    /// preparing saved only the parse.
    /// </summary>
    internal static void NoAutoPrepare(NpgsqlConnectionStringBuilder csb, ILogger logger)
    {
        if (csb.MaxAutoPrepare > 0)
            logger.LogWarning("Database: 'Max Auto Prepare' in the connection string is ignored (automatic preparation " +
                              "leaves a connection out of step after a statement fails at its first prepared run)");
        csb.MaxAutoPrepare = 0;
    }
}

/// <summary>Runs before the server listens: database up, schema migrated, sample data loaded.
/// On shutdown (Ctrl-C) it stops the cluster if it started it.</summary>
internal sealed class DatabaseStartup(
    DatabaseTarget target, SampleDataLoader loader, LandMapOptions options, string root, ILogger<DatabaseStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (target.Cluster is { } cluster)
            await cluster.StartAsync(ct);
        else
        {
            logger.LogInformation("Database: using the configured connection string (no private cluster)");
            await DatabaseCreator.EnsureExistsAsync(target.ConnectionString, logger, ct);
        }

        await Migrator.MigrateAsync(target.ConnectionString, logger, ct);

        if (options.LoadSampleData)
        {
            var dir = RepositoryPaths.Resolve(root, options.SampleDataDirectory);
            var count = await loader.LoadAsync(dir, ct);
            logger.LogInformation("Loading: {Count} new features from {Dir}", count, dir);
        }
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (target.Cluster is { } cluster)
            await cluster.StopAsync(ct);
    }
}
