using LandMap.Api.Configuration;
using LandMap.Api.Hosting;
using Npgsql;

namespace LandMap.Api.Data;

/// <summary>Where the database is: a configured connection string, or development's private cluster.</summary>
public sealed record DatabaseTarget(string ConnectionString, LocalCluster? Cluster);

public static class DatabaseSetup
{
    public const string ConnectionName = "LandMap";

    /// <summary>
    /// Registers the primary <see cref="NpgsqlDataSource"/> (with PostGIS types through NetTopologySuite),
    /// the <see cref="ReadDataSource"/> (a replica's, when <c>ConnectionStrings:LandMapRead</c> is set,
    /// with its <see cref="ReplicaProbe"/>) and the start-up work: create the configured database when missing (or, in
    /// development, start the private cluster), migrate, load the sample data when asked.
    /// </summary>
    public static IHostApplicationBuilder AddLandMapDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<LandMapOptions>(LandMapOptions.Section);
        builder.Services.AddSettings<LocalClusterOptions>(LocalClusterOptions.Section);
        // Configuration is read when services are built, so a test host's settings count too.
        builder.Services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionName);
            if (!string.IsNullOrWhiteSpace(configured))
                return new DatabaseTarget(configured, null);
            var cluster = sp.GetRequiredService<LocalClusterOptions>();
            // The private cluster is development's (appsettings.Development.json): a production
            // service without a connection string stops here instead of running initdb.
            if (!cluster.Enabled)
                throw new StartupException("finding the database",
                    $"no connection string: set ConnectionStrings__{ConnectionName} (e.g. \"Host=db;Database=landmap;Username=landmap;Password=...\"), " +
                    "or run ./landmap.sh run for a private development cluster");
            var dataDirectory = ContentRoot.Resolve(sp.GetRequiredService<IHostEnvironment>(), cluster.DataDirectory);
            var local = new LocalCluster(cluster, dataDirectory, sp.GetRequiredService<ILoggerFactory>().CreateLogger<LocalCluster>());
            return new DatabaseTarget(local.ConnectionString, local);
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
        builder.Services.AddSingleton<DatabaseStartup>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DatabaseStartup>());
        builder.Services.AddSettings<ParcelTodayOptions>(ParcelTodayOptions.Section).AddHostedService<ParcelTodayRefresher>();
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

    private static readonly int NpgsqlDefaultReadBufferSize = new NpgsqlConnectionStringBuilder().ReadBufferSize;

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
        // A page of features is ~150 KB: read it from the socket in 64 KB pieces instead of Npgsql's
        // default 8 KB (fewer receive calls and wake-ups per page), unless the connection string sets another size.
        if (dsb.ConnectionStringBuilder.ReadBufferSize == NpgsqlDefaultReadBufferSize) dsb.ConnectionStringBuilder.ReadBufferSize = 64 * 1024;
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

/// <summary>Runs before the server listens: database up, schema migrated, sample data loaded when
/// asked (<c>LandMap:LoadSampleData</c>). On shutdown (Ctrl-C) it stops the cluster if it started it.
/// The <c>migrate</c> and <c>seed</c> commands run the same steps and exit.</summary>
internal sealed class DatabaseStartup(
    DatabaseTarget target, SampleDataLoader loader, LandMapOptions options, Domain.Planning.PlanningOptions planning,
    IHostEnvironment environment, ILogger<DatabaseStartup> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken ct) => PrepareAsync(options.LoadSampleData, ct);

    /// <summary>Starts the private cluster or creates the configured database when missing, migrates,
    /// and loads the sample data when <paramref name="loadSampleData"/>.</summary>
    public async Task PrepareAsync(bool loadSampleData, CancellationToken ct)
    {
        if (target.Cluster is { } cluster)
            await cluster.StartAsync(ct);
        else
        {
            logger.LogInformation("Database: using the configured connection string (no private cluster)");
            await DatabaseCreator.EnsureExistsAsync(target.ConnectionString, logger, ct);
        }

        await Migrator.MigrateAsync(target.ConnectionString, logger, ct);
        await ServiceSettings.WriteAsync(target.ConnectionString, planning, ct);

        if (loadSampleData)
        {
            var dir = ContentRoot.Resolve(environment, options.SampleDataDirectory);
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
