using LandMap.Api.Data;
using Npgsql;

namespace LandMap.Api.Items;

/// <summary>
/// How items find <c>numberMatched</c> for a first page, always exact when it can be had cheaply:
/// <list type="bullet">
/// <item>no condition at all (no bbox, no filter, today's rows): the collection's row count, kept by
/// statement triggers next to its change counter (Repeatable/count_collection_rows.sql), one key read;</item>
/// <item>a condition: count(*) bounded to <see cref="BoundedLimit"/>+1 rows, in the page's round trip;</item>
/// <item>more than that: an exact count(*) after the page is streamed, under
/// <see cref="Hosting.RequestLimits.ExactCountTimeoutMilliseconds"/>; when it runs out, no number
/// (Part 1 lets numberMatched be left out) and the planner's estimate instead.</item>
/// </list>
/// </summary>
internal sealed class MatchCount(ItemsQuery query, Func<SqlParameters, string?>? filter)
{
    /// <summary>Matches counted in the page's own round trip; above it the count runs on its own, time-bounded.</summary>
    public const int BoundedLimit = 10_000;

    /// <summary>PostgreSQL's query_canceled: the statement timeout ran out.</summary>
    private const string QueryCanceled = "57014";

    /// <summary>True when the page has no condition and reads today's table: the kept row count is its count.
    /// Asked of the conditions the page itself is written with, so a new kind of condition is counted too.</summary>
    public bool Unconditional => unconditional ??=
        query.AsOf is null && ItemsSql.Conditions(query, new SqlParameters(new NpgsqlCommand()), filter).Count == 0;

    private bool? unconditional;

    /// <summary>The command that counts in the page's round trip: the kept row count, or the bounded count.</summary>
    public NpgsqlBatchCommand FirstCommand()
    {
        if (Unconditional)
        {
            var kept = new NpgsqlBatchCommand("select row_count from collection_versions where collection = $1");
            kept.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.Collection.Id });
            return kept;
        }
        var p = new SqlParameters(new NpgsqlCommand());
        var where = ItemsSql.Conditions(query, p, filter);
        p.Command.CommandText = $"select count(*) from (select 1 from {ItemsSql.Source(query, p)}{(where.Count > 0 ? " where " + string.Join(" and ", where) : "")} limit {p.Add(BoundedLimit + 1)}) as s";
        return AsBatchCommand(p.Command);
    }

    /// <summary>The first command's answer is exact unless it was bounded and hit its bound.</summary>
    public bool IsExact(long counted) => Unconditional || counted <= BoundedLimit;

    /// <summary>The exact count under the time budget, or null when the budget ran out.</summary>
    public async Task<long?> ExactAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var timeout = new NpgsqlCommand("select set_config('statement_timeout', $1, true)", conn, tx))
        {
            timeout.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.Limits.ExactCountTimeoutMilliseconds + "ms" });
            await timeout.ExecuteNonQueryAsync(ct);
        }
        await using var count = ItemsSql.Count(query, filter);
        count.Connection = conn;
        count.Transaction = tx;
        try
        {
            return (long)(await count.ExecuteScalarAsync(ct))!;
        }
        catch (PostgresException e) when (e.SqlState == QueryCanceled && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The planner's row estimate (EXPLAIN plans the query without running it).</summary>
    public async Task<long> EstimateAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = ItemsSql.Estimate(query, filter);
        cmd.Connection = conn;
        var plan = (string)(await cmd.ExecuteScalarAsync(ct))!;
        using var doc = System.Text.Json.JsonDocument.Parse(plan);
        return (long)doc.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
    }

    internal static NpgsqlBatchCommand AsBatchCommand(NpgsqlCommand cmd)
    {
        var bc = new NpgsqlBatchCommand(cmd.CommandText);
        foreach (NpgsqlParameter p in cmd.Parameters) bc.Parameters.Add(p.Clone());
        return bc;
    }
}
