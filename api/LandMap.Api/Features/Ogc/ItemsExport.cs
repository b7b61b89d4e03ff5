using System.Text.Json;
using LandMap.Api.Exports;
using LandMap.Api.Items;
using LandMap.Api.Problems;
using Npgsql;

namespace LandMap.Api.Features.Ogc;

/// <summary>
/// A collection's items as a spreadsheet: <c>f=csv</c> or <c>f=xlsx</c> on /items gives the features
/// the same query selects (filter, bbox, asOf, sortby, properties) as one table, a column per
/// property in first-seen order, through the reports' writers (<see cref="TableExport"/>). The map's
/// exports use it, so the page carries no spreadsheet library. At most <c>limit</c> features
/// (default and bound: the page size bound); more is a 400 naming <c>limit</c>, never a silently
/// cut file.
/// </summary>
internal static class ItemsExport
{
    /// <summary>The export format asked for with <c>f</c>; null when <c>f</c> is not csv or xlsx (json, html).</summary>
    public static ExportFormat? Wanted(HttpRequest request) =>
        request.Query["f"].ToString().ToLowerInvariant() switch
        {
            "csv" => ExportFormat.Csv,
            "xlsx" => ExportFormat.Xlsx,
            _ => null,
        };

    /// <summary>The limit an export query is parsed with: the one given, else the page size bound.</summary>
    public static string LimitOf(string? limit, int maxPageSize) => limit ?? maxPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The features of <paramref name="query"/> as a download named after the collection.</summary>
    public static async Task<IResult> RespondAsync(NpgsqlDataSource db, ItemsQuery query, ExportFormat format, CancellationToken ct)
    {
        var features = new List<JsonElement>();
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var cmd = ItemsSql.Page(query, query.FilterSql))
        {
            cmd.Connection = conn;
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (features.Count == query.Limit)
                    throw new InvalidParameterException("limit",
                        $"more than {query.Limit} features match; an export holds at most {query.Limit}: narrow the filter");
                using var doc = JsonDocument.Parse(reader.GetString(1));
                features.Add(doc.RootElement.TryGetProperty("properties", out var p) ? p.Clone() : default);
            }
        }
        var table = Table(query.Collection.Id, features);
        return await Export.RespondAsync(format, table, t => t, query.Collection.Id, ct);
    }

    /// <summary>One row per feature, a column per property (first-seen order); objects and arrays as their JSON text.</summary>
    private static ExportTable Table(string sheet, List<JsonElement> properties)
    {
        var headers = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in properties.Where(p => p.ValueKind == JsonValueKind.Object))
            foreach (var property in p.EnumerateObject())
                if (seen.Add(property.Name)) headers.Add(property.Name);
        var rows = properties.Select(p => (IReadOnlyList<object?>)headers
            .Select(h => p.ValueKind == JsonValueKind.Object && p.TryGetProperty(h, out var v) ? Cell(v) : null).ToList()).ToList();
        return new ExportTable(sheet, headers, rows);
    }

    private static object? Cell(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.TryGetInt64(out var i) ? i : v.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => v.GetRawText(),
    };
}
