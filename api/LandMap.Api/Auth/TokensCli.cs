using System.CommandLine;
using LandMap.Api.Data;
using LandMap.Api.Hosting;
using LandMap.Api.Problems;
using Npgsql;

namespace LandMap.Api.Auth;

/// <summary>
/// <c>dotnet LandMap.Api.dll tokens create|list|revoke</c> (or <c>./landmap.sh tokens ...</c>): an
/// admin's token commands against the configured database (ConnectionStrings:LandMap, else the
/// private cluster, started for the command if it is not running), without starting the web server.
/// </summary>
public static class TokensCli
{
    /// <summary>Runs the command after "tokens"; the exit code (0 done, 1 not found, 2 bad input).
    /// <paramref name="connectionString"/> overrides the configuration (tests).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, string? connectionString = null)
    {
        var label = new Option<string>("--label") { Description = "who holds the token, e.g. \"surveyor Wang\"", Required = true };
        var role = new Option<string>("--role") { Description = "viewer, surveyor or admin", Required = true };
        role.AcceptOnlyFromAmong(Roles.All);
        var collections = new Option<string?>("--collections") { Description = "narrow writes to these collections, e.g. parcels,roads" };
        var expires = new Option<string?>("--expires") { Description = "last valid day (YYYY-MM-DD, UTC+8) or an ISO 8601 timestamp" };
        var id = new Argument<long>("id") { Description = "the token's id (see tokens list)" };

        var create = new Command("create", "Create a token and print its secret (shown once)") { label, role, collections, expires };
        var list = new Command("list", "List tokens (never their secrets)");
        var revoke = new Command("revoke", "Revoke a token") { id };
        var tokens = new Command("tokens", "LandMap token administration") { create, list, revoke };
        var root = new RootCommand("LandMap") { tokens };

        create.SetAction((r, ct) => WithDatabase(connectionString, output, ct, async db =>
        {
            var wanted = NewToken.Parse(r.GetValue(label), r.GetValue(role), r.GetValue(collections) is { } c ? [c] : null,
                r.GetValue(expires), DateTimeOffset.UtcNow);
            var (token, secret) = await TokensSql.CreateAsync(db, wanted.Label, wanted.Role, wanted.Collections, wanted.ExpiresAt,
                $"cli:{Environment.UserName}", ct);
            await output.WriteLineAsync($"created token {token.Id} {Describe(token)}");
            await output.WriteLineAsync(secret);
            await output.WriteLineAsync("Keep the secret now: only its hash is stored. Use it as Authorization: Bearer <secret>.");
            return 0;
        }));
        list.SetAction((_, ct) => WithDatabase(connectionString, output, ct, async db =>
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var t in await TokensSql.ListAsync(db, ct))
                await output.WriteLineAsync($"{t.Id,5}  {TokensApi.View(t, now).State,-8} {Describe(t)}  created {t.CreatedAt:u} by {t.CreatedBy}" +
                                            (t.LastUsedAt is { } used ? $", last used {used:u}" : ""));
            return 0;
        }));
        revoke.SetAction((r, ct) => WithDatabase(connectionString, output, ct, async db =>
        {
            var token = await TokensSql.RevokeAsync(db, r.GetValue(id), ct);
            await output.WriteLineAsync(token is null ? $"no token {r.GetValue(id)}" : $"revoked token {token.Id} {Describe(token)}");
            return token is null ? 1 : 0;
        }));

        return await root.Parse(["tokens", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
    }

    private static string Describe(TokenRecord t) =>
        $"\"{t.Label}\" ({t.Role}; {(t.Collections is { } c ? "collections " + string.Join(",", c) : "all collections")}" +
        $"{(t.ExpiresAt is { } e ? $"; expires {e:u}" : "")})";

    /// <summary>Opens the database (migrated, so the tokens table exists), runs the work, stops a cluster it started.</summary>
    private static async Task<int> WithDatabase(string? connectionString, TextWriter output, CancellationToken ct,
        Func<NpgsqlDataSource, Task<int>> work)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        using var loggers = LoggerFactory.Create(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        var logger = loggers.CreateLogger("LandMap.Tokens");

        LocalCluster? cluster = null;
        connectionString ??= configuration.GetConnectionString(DatabaseSetup.ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var options = configuration.GetSection(LandMapOptions.Section).Get<LandMapOptions>() ?? new();
            var root = RepositoryPaths.FindRoot(AppContext.BaseDirectory);
            cluster = new LocalCluster(options.LocalCluster, RepositoryPaths.Resolve(root, options.LocalCluster.DataDirectory), logger);
            await cluster.StartAsync(ct);
            connectionString = cluster.ConnectionString;
        }
        else await DatabaseCreator.EnsureExistsAsync(connectionString, logger, ct);
        try
        {
            await Migrator.MigrateAsync(connectionString, logger, ct);
            await using var db = NpgsqlDataSource.Create(connectionString);
            return await work(db);
        }
        catch (InvalidParameterException e)
        {
            await output.WriteLineAsync($"{e.Parameter}: {e.Message}");
            return 2;
        }
        finally
        {
            if (cluster is not null) await cluster.StopAsync(CancellationToken.None);
        }
    }
}
