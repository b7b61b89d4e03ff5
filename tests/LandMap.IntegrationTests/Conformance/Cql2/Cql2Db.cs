using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Filtering;
using LandMap.Tests.Infrastructure;
using Npgsql;

namespace LandMap.Tests.Conformance.Cql2;

/// <summary>
/// Runs CQL2 filters on the real PostGIS and the sample data, against hand-written SQL that says
/// what the standard says the filter means. Rows are compared by their codes (every collection has
/// one), not by count, and an empty answer fails unless the test says it expects none, so an
/// equality is never two empty sets agreeing.
/// </summary>
public sealed class Cql2Db(LandMapServer server)
{
    /// <summary>The codes the filter selects, sorted.</summary>
    public async Task<string[]> Select(string filter, string lang, CollectionDef collection)
    {
        await using var conn = await server.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand { Connection = conn };
        var where = Cql2Filter.ToSql(filter, lang, collection, new SqlParameters(cmd));
        cmd.CommandText = $"select code from {collection.Table} where {where} order by code";
        return await Codes(cmd);
    }

    /// <summary>The codes a hand-written condition selects, sorted.</summary>
    public async Task<string[]> Hand(string where, CollectionDef collection)
    {
        await using var cmd = server.DataSource.CreateCommand($"select code from {collection.Table} where {where} order by code");
        return await Codes(cmd);
    }

    /// <summary>
    /// The text and the JSON encoding parse to the same tree, and each selects exactly the rows the
    /// hand-written condition selects; at least one, unless <paramref name="none"/>.
    /// </summary>
    public async Task AssertBoth(string text, string json, string hand, CollectionDef? collection = null, bool none = false)
    {
        collection ??= CollectionCatalog.Parcels;
        Assert.Equal(Cql2Filter.Parse(text, Cql2Filter.TextLanguage), Cql2Filter.Parse(json, Cql2Filter.JsonLanguage));
        var expected = await Hand(hand, collection);
        if (none) Assert.Empty(expected);
        else Assert.True(expected.Length > 0, $"the hand-written condition selects nothing: {hand}");
        Assert.Equal(expected, await Select(text, Cql2Filter.TextLanguage, collection));
        Assert.Equal(expected, await Select(json, Cql2Filter.JsonLanguage, collection));
    }

    /// <summary>As <see cref="AssertBoth"/> for text only (a production JSON has no spelling for, e.g. '..' escapes).</summary>
    public async Task AssertText(string text, string hand, CollectionDef? collection = null)
    {
        collection ??= CollectionCatalog.Parcels;
        var expected = await Hand(hand, collection);
        Assert.True(expected.Length > 0, $"the hand-written condition selects nothing: {hand}");
        Assert.Equal(expected, await Select(text, Cql2Filter.TextLanguage, collection));
    }

    /// <summary>The "filter" 400 for a filter, with its message.</summary>
    public static string Rejected(string filter, string lang = Cql2Filter.TextLanguage, CollectionDef? collection = null)
    {
        var e = Assert.Throws<LandMap.Api.Problems.InvalidParameterException>(() =>
            Cql2Filter.ToSql(filter, lang, collection ?? CollectionCatalog.Parcels, new SqlParameters(new NpgsqlCommand())));
        Assert.Equal("filter", e.Parameter);
        return e.Message;
    }

    private static async Task<string[]> Codes(NpgsqlCommand cmd)
    {
        var codes = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) codes.Add(reader.GetString(0));
        return [.. codes];
    }
}
