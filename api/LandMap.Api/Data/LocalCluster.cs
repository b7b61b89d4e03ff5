using LandMap.Api.Hosting;
using Npgsql;

namespace LandMap.Api.Data;

/// <summary>
/// A private PostgreSQL cluster in a folder of the project's: development's database (used when
/// no connection string is configured and <c>LandMap:LocalCluster:Enabled</c> is on, as
/// appsettings.Development.json has it) and the tests'. It is created on first use, started on
/// its own port on 127.0.0.1 and stopped again by whoever started it. A production service never
/// gets here: its defaults leave it off, and start-up asks for a connection string instead.
/// </summary>
public sealed class LocalCluster(LocalClusterOptions options, string dataDirectory, ILogger logger)
{
    private const string ServiceUser = "postgres";

    /// <summary>True when this process started the server (and so must stop it).</summary>
    public bool StartedHere { get; private set; }

    /// <summary>The folder in use: the configured one, or a fallback the postgres user can reach.</summary>
    public string DataDirectory { get; private set; } = dataDirectory;

    /// <summary>Extra server settings, e.g. fsync=off for a throwaway test cluster.</summary>
    public IReadOnlyList<string> ServerSettings { get; init; } = [];

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = options.Port,
        Username = ServiceUser,
        Database = options.Database,
        MaxPoolSize = 50,
    }.ConnectionString;

    private string Bin(string tool) => Path.Combine(options.BinDirectory, tool);

    public async Task StartAsync(CancellationToken ct)
    {
        if (!File.Exists(Bin("pg_ctl")))
            throw new StartupException("starting the database",
                $"PostgreSQL server binaries not found in {options.BinDirectory}; install postgresql-15-postgis-3 (./landmap.sh does) or set ConnectionStrings__LandMap");

        DataDirectory = await ReachableDataDirectoryAsync(DataDirectory, logger, ct);
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
            await InitAsync(ct);

        var status = await ProcessRunner.RunAsync(Bin("pg_ctl"), ["status", "-D", DataDirectory], ServiceUser, ct);
        if (status.Ok)
        {
            logger.LogInformation("Database: private cluster already running in {Dir}", DataDirectory);
        }
        else
        {
            logger.LogInformation("Database: starting private cluster in {Dir} on 127.0.0.1:{Port}", DataDirectory, options.Port);
            var serverOptions = string.Join(' ', new[]
            {
                $"-p {options.Port}", "-c listen_addresses=127.0.0.1", "-c unix_socket_directories=''",
            }.Concat(ServerSettings.Select(s => $"-c {s}")));
            var log = Path.Combine(DataDirectory, "server.log");
            var start = await ProcessRunner.RunAsync(Bin("pg_ctl"),
                ["start", "-w", "-t", "120", "-D", DataDirectory, "-l", log, "-o", serverOptions], ServiceUser, ct);
            if (!start.Ok)
                throw new StartupException("starting the database", $"pg_ctl start failed: {start.Output}\n{Tail(log)}");
            StartedHere = true;
        }
        await DatabaseCreator.EnsureExistsAsync(ConnectionString, logger, ct);
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (!StartedHere) return;
        logger.LogInformation("Database: stopping private cluster");
        var stop = await ProcessRunner.RunAsync(Bin("pg_ctl"), ["stop", "-m", "fast", "-w", "-D", DataDirectory], ServiceUser, ct);
        if (!stop.Ok) logger.LogWarning("pg_ctl stop: {Output}", stop.Output);
        StartedHere = false;
    }

    /// <summary>
    /// As root the server runs as the postgres user, which cannot enter a checkout under a closed
    /// folder such as /root. Then the cluster lives in /var/tmp under a name derived from the
    /// configured folder, so the same checkout always finds the same cluster again.
    /// </summary>
    public static async Task<string> ReachableDataDirectoryAsync(string configured, ILogger logger, CancellationToken ct)
    {
        if (!Environment.IsPrivilegedProcess) return configured;
        var parent = Path.GetDirectoryName(Path.GetFullPath(configured))!;
        var reach = await ProcessRunner.RunAsync("test", ["-x", parent], ServiceUser, ct);
        if (reach.Ok || Directory.Exists(Path.Combine(configured, "base"))) return configured;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(configured))))[..12];
        var fallback = Path.Combine("/var/tmp", $"landmap-pgdata-{hash}");
        logger.LogInformation("Database: the postgres user cannot enter {Parent}; using {Fallback} instead", parent, fallback);
        return fallback;
    }

    private async Task InitAsync(CancellationToken ct)
    {
        logger.LogInformation("Database: creating private cluster in {Dir} (initdb)", DataDirectory);
        Directory.CreateDirectory(DataDirectory);
        if (Environment.IsPrivilegedProcess)
        {
            // initdb refuses root, so the folder belongs to the postgres user.
            var chown = await ProcessRunner.RunAsync("chown", [$"{ServiceUser}:{ServiceUser}", DataDirectory], null, ct);
            if (!chown.Ok) throw new StartupException("creating the database", chown.Output);
        }
        var init = await ProcessRunner.RunAsync(Bin("initdb"),
            ["-D", DataDirectory, "-U", ServiceUser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], ServiceUser, ct);
        if (!init.Ok) throw new StartupException("creating the database", $"initdb failed: {init.Output}");
    }

    private static string Tail(string file)
    {
        try { return string.Join('\n', File.ReadLines(file).TakeLast(15)); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }
}
