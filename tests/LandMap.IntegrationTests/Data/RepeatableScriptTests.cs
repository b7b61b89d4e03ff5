using System.Text.RegularExpressions;
using LandMap.Api.Data;
using LandMap.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LandMap.Tests.Data;

/// <summary>
/// SQL functions and triggers live in Data/Migrations/Repeatable, one file each, re-applied after
/// the migrations on every run: the database's definitions are the files', whatever migration
/// first created them.
/// </summary>
public sealed partial class RepeatableScriptTests(LandMapServer server)
{
    private static readonly string MigrationsFolder =
        Path.Combine(LandMapServer.RepositoryRoot, "api", "LandMap.Api", "Data", "Migrations");

    /// <summary>The last migration written before the repeatable scripts existed: later ones must
    /// leave functions and triggers to the repeatable scripts.</summary>
    private const int LastMigrationWithDefinitions = 25;

    private static string RepeatableText() => string.Join("\n",
        Directory.GetFiles(Path.Combine(MigrationsFolder, "Repeatable"), "*.sql").Order().Select(File.ReadAllText));

    /// <summary>Function name -> its body (what pg_proc.prosrc holds) as the files define it.</summary>
    private static Dictionary<string, string> FileFunctions() =>
        FunctionDefinition().Matches(RepeatableText()).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["body"].Value);

    /// <summary>"trigger on table" as the files define them one by one.</summary>
    private static SortedSet<string> FileTriggers() =>
        [.. TriggerDefinition().Matches(RepeatableText()).Select(m => $"{m.Groups["name"].Value} on {m.Groups["table"].Value}")];

    /// <summary>The suffixes of the triggers a file creates per table in a loop
    /// (<c>format('create or replace trigger %1$s_suffix ... on %1$s ...', t)</c>): "table_suffix on table".</summary>
    private static SortedSet<string> LoopTriggerSuffixes() =>
        [.. LoopTriggerDefinition().Matches(RepeatableText()).Select(m => m.Groups["suffix"].Value)];

    /// <summary>The database's triggers a file's loop made: named table_suffix, on that table.</summary>
    private static bool MadeByLoop(string trigger, SortedSet<string> suffixes)
    {
        var parts = trigger.Split(" on ");
        return suffixes.Any(x => parts[0] == parts[1] + "_" + x);
    }

    private async Task<NpgsqlDataSource> MigratedEmptyDatabase(string name)
    {
        var cs = await server.CreateEmptyDatabaseAsync(name);
        await Migrator.MigrateAsync(cs, NullLogger.Instance, CancellationToken.None);
        return NpgsqlDataSource.Create(cs);
    }

    // The service's own functions: public schema, not installed by an extension (PostGIS's).
    private const string OwnFunctions = """
        select p.proname, p.prosrc, pg_get_functiondef(p.oid) from pg_proc as p
        where p.pronamespace = 'public'::regnamespace
          and not exists (select from pg_depend as d where d.objid = p.oid and d.deptype = 'e')
        """;

    private const string OwnTriggers = """
        select t.tgname || ' on ' || c.relname from pg_trigger as t join pg_class as c on c.oid = t.tgrelid
        where not t.tgisinternal and c.relnamespace = 'public'::regnamespace
        """;

    private static async Task<Dictionary<string, (string Source, string Definition)>> Functions(NpgsqlDataSource db)
    {
        var found = new Dictionary<string, (string, string)>();
        await using var cmd = db.CreateCommand(OwnFunctions);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) found.Add(r.GetString(0), (r.GetString(1), r.GetString(2)));
        return found;
    }

    private static async Task<SortedSet<string>> Triggers(NpgsqlDataSource db)
    {
        var found = new SortedSet<string>();
        await using var cmd = db.CreateCommand(OwnTriggers);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) found.Add(r.GetString(0));
        return found;
    }

    [Fact]
    public async Task A_database_migrated_from_scratch_has_exactly_the_repeatable_definitions()
    {
        await using var db = await MigratedEmptyDatabase("repeatable_scratch");
        var files = FileFunctions();
        var functions = await Functions(db);
        Assert.Equal(files.Keys.Order(), functions.Keys.Order());
        foreach (var (name, body) in files)
        {
            Assert.Equal(body, functions[name].Source);
            Assert.Contains(body, functions[name].Definition);
        }
        var suffixes = LoopTriggerSuffixes();
        var triggers = await Triggers(db);
        Assert.Equal(FileTriggers(), new SortedSet<string>(triggers.Where(t => !MadeByLoop(t, suffixes))));
        Assert.All(suffixes, x => Assert.Contains(triggers, t => MadeByLoop(t, [x])));
    }

    /// <summary>The triggers each collection's table needs, by the collection's table name: the change counter
    /// (bump_collection_version.sql), the row count (count_collection_rows.sql) and the history
    /// (features_keep_history.sql, parcels_keep_history.sql). Read from the catalog, so a collection added to
    /// <see cref="LandMap.Api.Domain.CollectionCatalog.All"/> without its triggers fails here.</summary>
    [Fact]
    public async Task Every_collection_has_its_counter_row_count_and_history_triggers()
    {
        await using var db = await MigratedEmptyDatabase("repeatable_collections");
        var triggers = await Triggers(db);
        string[] suffixes = ["version", "count_inserted", "count_deleted", "count_truncated", "history_update", "history_delete"];
        var missing = LandMap.Api.Domain.CollectionCatalog.All
            .SelectMany(c => suffixes.Select(x => $"{c.Table}_{x} on {c.Table}"))
            .Where(t => !triggers.Contains(t)).ToList();
        Assert.True(missing.Count == 0, "collections without their triggers: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Migrating_again_reapplies_the_repeatable_scripts_and_journals_nothing()
    {
        await using var db = await MigratedEmptyDatabase("repeatable_twice");
        var applied = await db.ScalarAsync<long>("select count(*) from schemaversions");
        var definitions = await Functions(db);
        // A definition changed behind the files' back (by hand, or by an old migration) goes back to the file's.
        await db.ScalarAsync<int>("""
            create or replace function history_attribution(op text, setting text, written text) returns text
            language sql stable as $$ select 'tampered' $$;
            drop trigger parcels_area on parcels;
            select 1
            """);

        await Migrator.MigrateAsync(db.ConnectionString, NullLogger.Instance, CancellationToken.None);

        Assert.Equal(applied, await db.ScalarAsync<long>("select count(*) from schemaversions"));
        Assert.Equal(definitions, await Functions(db));
        Assert.Contains("parcels_area on parcels", await Triggers(db));
    }

    [Fact]
    public void Functions_and_triggers_are_defined_in_repeatable_scripts_only_from_now_on()
    {
        var later = Directory.GetFiles(MigrationsFolder, "*.sql")
            .Where(f => int.Parse(Path.GetFileName(f)[..4]) > LastMigrationWithDefinitions)
            .Where(f => Definition().IsMatch(File.ReadAllText(f)))
            .Select(Path.GetFileName)
            .ToList();
        Assert.True(later.Count == 0,
            "these migrations define functions or triggers; put the definition in Data/Migrations/Repeatable instead " +
            "(a migration's definition would be overwritten by the repeatable script on the next run): " + string.Join(", ", later));
    }

    [GeneratedRegex(@"create or replace function (?<name>\w+)\([\s\S]*?\$\$(?<body>[\s\S]*?)\$\$", RegexOptions.IgnoreCase)]
    private static partial Regex FunctionDefinition();

    [GeneratedRegex(@"create or replace trigger (?<name>\w+)\s[\s\S]*?\son (?<table>\w+)\s", RegexOptions.IgnoreCase)]
    private static partial Regex TriggerDefinition();

    [GeneratedRegex(@"create or replace trigger %1\$s_(?<suffix>\w+)\s[\s\S]*?\son %1\$s\s", RegexOptions.IgnoreCase)]
    private static partial Regex LoopTriggerDefinition();

    [GeneratedRegex(@"create\s+(or\s+replace\s+)?(function|trigger|procedure)\s", RegexOptions.IgnoreCase)]
    private static partial Regex Definition();
}
