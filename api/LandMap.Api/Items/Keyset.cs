using System.Globalization;
using System.Text;
using System.Text.Json;
using LandMap.Api.Data;
using LandMap.Api.Domain;
using LandMap.Api.Problems;
using Microsoft.AspNetCore.WebUtilities;

namespace LandMap.Api.Items;

/// <summary>
/// Where the previous page ended: its last row's id and, with sortby, its sort values (as
/// PostgreSQL wrote them, so they round-trip exactly). Opaque to clients: a plain id without
/// sortby, base64url JSON with it. <see cref="Values"/> are typed in C# (string, long, decimal,
/// double, DateOnly, DateTimeOffset in UTC) and travel as typed parameters: a value that does not
/// fit its sort column is a 400 naming <c>cursor</c> here, never a failed cast in PostgreSQL.
/// </summary>
public sealed record Cursor(long Id, IReadOnlyList<object?> Values)
{
    /// <summary>The longest text sort value a cursor may carry (no text property is longer; see the catalog's bounds).</summary>
    private const int MaxTextLength = 10_000;

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
            var values = items.SkipLast(1).Select((e, i) => e.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String or JsonValueKind.Number => Typed(sortBy[i].Property, e) ?? throw bad,
                _ => throw bad,
            }).ToList();
            return new(items[^1].GetInt64(), values);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or ArgumentException)
        {
            throw bad;
        }
    }

    /// <summary>The sort value as the column's type reads it, or null when it is not one
    /// (text for a date, 1e400 for a double, 20 digits for an integer, a NUL character).</summary>
    private static object? Typed(PropertyDef p, JsonElement e)
    {
        var text = e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
        var number = e.ValueKind == JsonValueKind.Number;
        return p.Type switch
        {
            PropertyType.Text when !number && text.Length <= MaxTextLength && !text.Contains('\0') => text,
            PropertyType.Integer when number && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
            // numeric(p, s) columns: decimal holds every value they can (and keeps it exact).
            PropertyType.Number when number && p.Writable && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) => m,
            PropertyType.Number when number && !p.Writable && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
            PropertyType.Date when !number && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) => day,
            PropertyType.DateTime when !number && DateTimeOffset.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var t) => t.ToUniversalTime(),
            _ => null,
        };
    }

    /// <summary>timestamptz as json_build_array writes it: ISO 8601 with a T, microseconds when any, and the session's offset.</summary>
    private static readonly string[] TimestampFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzz"];

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
            var typed = $"{Placeholder(p, value)}::{SqlType(sortBy[i].Property)}";
            disjuncts.Add(And(equalSoFar.Append($"{col} {(sortBy[i].Descending ? "<" : ">")} {typed}")));
            equalSoFar.Add($"{col} = {typed}");
        }
        disjuncts.Add(And(equalSoFar.Append($"id > {p.Add(cursor.Id)}")));
        return "(" + string.Join(" or ", disjuncts.Select(d => "(" + d + ")")) + ")";
    }

    /// <summary>A typed parameter for one of the cursor value types (see <see cref="Cursor"/>).</summary>
    private static string Placeholder(SqlParameters p, object value) => value switch
    {
        string s => p.Add(s),
        long l => p.Add(l),
        decimal m => p.Add(m),
        double d => p.Add(d),
        DateOnly day => p.Add(day),
        DateTimeOffset t => p.Add(t),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

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
