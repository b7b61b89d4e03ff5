using Npgsql;

namespace LandMap.Tests.Infrastructure;

/// <summary>Reads the database directly: the independent answer an API response is checked against.</summary>
internal static class SqlQueries
{
    public static async Task<T> ScalarAsync<T>(this NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>The first column of every row as ids, in the query's order.</summary>
    public static async Task<List<long>> IdsAsync(this NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        var ids = new List<long>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) ids.Add(r.GetInt64(0));
        return ids;
    }
}
