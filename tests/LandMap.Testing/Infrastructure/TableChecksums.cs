using Npgsql;

namespace LandMap.Tests.Infrastructure;

/// <summary>Every table of a database as a row count and an md5 over its rows in a fixed order:
/// two databases (or one before and after) hold the same data when these are equal.</summary>
public static class TableChecksums
{
    /// <summary>table → "rows:md5", for every table of the public schema but PostGIS's own.</summary>
    public static async Task<SortedDictionary<string, string>> OfAsync(NpgsqlDataSource db, params string[] except)
    {
        var tables = new List<string>();
        await using (var cmd = db.CreateCommand("""
            select table_name from information_schema.tables
            where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'spatial_ref_sys'
            order by table_name
            """))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) tables.Add(r.GetString(0));
        var sums = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in tables.Except(except))
        {
            // Rows as text, sorted: no dependence on physical order (a restore writes rows anew).
            await using var cmd = db.CreateCommand($"select count(*) || ':' || md5(coalesce(string_agg(x, '|' order by x), '')) from (select t::text as x from \"{t}\" t) s");
            sums[t] = (string)(await cmd.ExecuteScalarAsync())!;
        }
        return sums;
    }
}
