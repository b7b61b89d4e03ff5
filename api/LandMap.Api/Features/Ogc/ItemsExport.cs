using System.Text.Json;
using LandMap.Api.Domain;
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
/// cut file. Headers are the catalog's titles and coded values their names (<see cref="ExportLabels"/>:
/// states, supply modes, park names, "0601 工业用地", a project's stage by its kind), in Chinese or,
/// with <c>lang=en</c>, in English; properties outside the catalog keep their names and values.
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
    public static async Task<IResult> RespondAsync(NpgsqlDataSource db, ItemsQuery query, ExportFormat format,
        ExportLanguage language, HttpResponse response, CancellationToken ct)
    {
        var features = new List<JsonElement>();
        ExportLabels labels;
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
            await reader.CloseAsync();
            labels = await ExportLabels.LoadAsync(conn, language, ct);
        }
        return await Export.RespondAsync(response, format, features, labels, (f, l) => Table(query.Collection, f, l), query.Collection.Id, ct);
    }

    /// <summary>One row per feature, a column per property (first-seen order); objects and arrays as their JSON text.</summary>
    private static ExportTable Table(CollectionDef collection, List<JsonElement> properties, ExportLabels labels)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in properties.Where(p => p.ValueKind == JsonValueKind.Object))
            foreach (var property in p.EnumerateObject())
                if (seen.Add(property.Name)) names.Add(property.Name);
        var defs = names.Select(n => collection.Properties.FirstOrDefault(d => d.Name == n)).ToList();
        var headers = names.Select((n, i) => defs[i] is { } d ? labels.Header(d.TitleZh, d.TitleEn ?? n) : n).ToList();
        var rows = properties.Select(p => (IReadOnlyList<object?>)names.Select((n, i) =>
            p.ValueKind == JsonValueKind.Object && p.TryGetProperty(n, out var v) ? Labelled(collection, defs[i], Cell(v), p, labels) : null).ToList()).ToList();
        return new ExportTable(labels.Header(collection.TitleZh, collection.TitleEn), headers, rows);
    }

    /// <summary>A coded value as its name: a vocabulary code, a park code, a project's stage by its kind.</summary>
    private static object? Labelled(CollectionDef collection, PropertyDef? def, object? cell, JsonElement feature, ExportLabels labels)
    {
        if (def is null || cell is not string code) return cell;
        if (collection == CollectionCatalog.Projects && def.Name == "stage")
            return labels.ProjectStage(code, feature.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null);
        if (def.EditionProperty is { } edition)
            return labels.LandUse(code, feature.TryGetProperty(edition, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null);
        if (def.VocabularyTable is { } table) return labels.Term(table, code);
        if (def.Name == "park_code") return labels.Park(code);
        return cell;
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
