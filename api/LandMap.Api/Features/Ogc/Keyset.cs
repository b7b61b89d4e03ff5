using System.Globalization;
using System.Text;
using System.Text.Json;
using LandMap.Api.Data;
using LandMap.Api.Features.Collections;
using LandMap.Api.Problems;
using Microsoft.AspNetCore.WebUtilities;

namespace LandMap.Api.Features.Ogc;

/// <summary>
/// Where the previous page ended: its last row's id and, with sortby, its sort values (as
/// PostgreSQL wrote them, so they round-trip exactly). Opaque to clients: a plain id without
/// sortby, base64url JSON with it.
/// </summary>
public sealed record Cursor(long Id, IReadOnlyList<string?> Values)
{
    public static Cursor? Parse(string? value, IReadOnlyList<SortKey> sortBy)
    {
        if (value is null) return null;
        var bad = new InvalidParameterException("cursor", "cursor is not one this server gave out for this sortby; follow the 'next' link as it is");
        if (sortBy.Count == 0)
            return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? new(id, []) : throw bad;
        try
        {
            var json = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(value));
            using var doc = JsonDocument.Parse(json);
            var items = doc.RootElement.EnumerateArray().ToList();
            if (items.Count != sortBy.Count + 1 || items[^1].ValueKind != JsonValueKind.Number) throw bad;
            var values = items.SkipLast(1).Select(e => e.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => e.GetString(),
                JsonValueKind.Number => e.GetRawText(),
                _ => throw bad,
            }).ToList();
            return new(items[^1].GetInt64(), values);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            throw bad;
        }
    }

    /// <summary>The next link's cursor from the last row (its id, and its sort key as JSON text).</summary>
    public static string Encode(long id, string? keyJson) =>
        keyJson is null ? id.ToString(CultureInfo.InvariantCulture) : WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(keyJson));
}

/// <summary>
/// SQL of keyset paging with sortby: rows come in (col is null, col [desc])..., id order (nulls
/// last whatever the direction), and a page starts strictly after the cursor's position in
/// that order, so page 1000 costs what page 1 costs.
/// </summary>
internal static class KeysetSql
{
    public static string OrderBy(IReadOnlyList<SortKey> sortBy) =>
        string.Join(", ", sortBy.Select(k => $"({k.Property.Name} is null), {k.Property.Name}{(k.Descending ? " desc" : "")}").Append("id"));

    /// <summary>The row's sort key as a JSON array (values then id), null without sortby.</summary>
    public static string KeyJson(IReadOnlyList<SortKey> sortBy) =>
        sortBy.Count == 0 ? "null" : $"json_build_array({string.Join(", ", sortBy.Select(k => k.Property.Name).Append("id"))})::text";

    public static string After(IReadOnlyList<SortKey> sortBy, Cursor cursor, SqlParameters p)
    {
        if (sortBy.Count == 0) return $"id > {p.Add(cursor.Id)}";
        var equalSoFar = new List<string>();
        var disjuncts = new List<string>();
        for (var i = 0; i < sortBy.Count; i++)
        {
            var col = sortBy[i].Property.Name;
            var value = cursor.Values[i];
            if (value is null)
            {
                // The cursor row had null here: only more nulls can follow on this key.
                equalSoFar.Add($"{col} is null");
                continue;
            }
            // A non-null value is followed by the nulls (nulls last) and by values beyond it.
            disjuncts.Add(And(equalSoFar.Append($"{col} is null")));
            var typed = $"{p.Add(value)}::{SqlType(sortBy[i].Property)}";
            disjuncts.Add(And(equalSoFar.Append($"{col} {(sortBy[i].Descending ? "<" : ">")} {typed}")));
            equalSoFar.Add($"{col} = {typed}");
        }
        disjuncts.Add(And(equalSoFar.Append($"id > {p.Add(cursor.Id)}")));
        return "(" + string.Join(" or ", disjuncts.Select(d => "(" + d + ")")) + ")";
    }

    private static string And(IEnumerable<string> terms) => string.Join(" and ", terms);

    /// <summary>The column's SQL type, to read a cursor value back exactly.</summary>
    public static string SqlType(PropertyDef p) => p.Type switch
    {
        PropertyType.Text => "text",
        PropertyType.Integer => "bigint",
        PropertyType.Number => p.Writable ? "numeric" : "double precision",
        PropertyType.Date => "date",
        PropertyType.DateTime => "timestamptz",
        _ => throw new ArgumentOutOfRangeException(nameof(p)),
    };
}
