using System.Data;
using System.Text;
using System.Text.Json;
using LandMap.Api.Data;
using LandMap.Api.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;

namespace LandMap.Api.Items;

/// <summary>
/// Streams a FeatureCollection page to the client row by row as PostgreSQL produces it: the
/// response never holds the whole page in memory, whatever the limit. On a first page the
/// number of matches comes along: exact when counting is cheap (at most
/// <see cref="ExactCountLimit"/> rows, counted in the same round trip), else the planner's estimate.
/// </summary>
internal sealed class FeatureCollectionResult(
    NpgsqlDataSource db, ItemsQuery query, Func<SqlParameters, string?>? filter, HttpCaching? caching = null)
    : IResult
{
    public const int ExactCountLimit = 10_000;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public async Task ExecuteAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(conn);
        // One round trip: the change counter (for the ETag), the bounded count, the page.
        if (caching is not null) batch.BatchCommands.Add(VersionCommand());
        var counting = query.After is null;
        if (counting) batch.BatchCommands.Add(BoundedCount());
        batch.BatchCommands.Add(AsBatchCommand(ItemsSql.Page(query, filter)));
        await using var reader = await batch.ExecuteReaderAsync(ct);

        if (caching is not null)
        {
            await reader.ReadAsync(ct);
            if (caching.IsNotModified(http, query.Collection.Id, reader.GetInt64(0)))
            {
                http.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            await reader.NextResultAsync(ct);
        }

        long? matched = null;
        if (counting)
        {
            await reader.ReadAsync(ct);
            matched = reader.GetInt64(0);
            await reader.NextResultAsync(ct);
        }

        http.Response.ContentType = OgcMedia.GeoJson;
        http.Response.Headers["Content-Crs"] = $"<{query.Crs.Uri}>";
        await using var writer = new StreamWriter(http.Response.Body, Utf8, bufferSize: 64 * 1024);
        await writer.WriteAsync("""{"type":"FeatureCollection","features":[""");

        var returned = 0;
        string? next = null;
        long lastId = 0;
        string? lastKey = null;
        while (await reader.ReadAsync(ct))
        {
            if (returned == query.Limit) { next = Cursor.Encode(lastId, lastKey); break; } // the extra row says "there is more"
            lastId = reader.GetInt64(0);
            if (returned > 0) await writer.WriteAsync(',');
            await writer.WriteAsync(reader.GetString(1));
            lastKey = reader.IsDBNull(2) ? null : reader.GetString(2);
            returned++;
        }
        await reader.DisposeAsync();

        await writer.WriteAsync($"""],"numberReturned":{returned},""");
        if (matched is > ExactCountLimit)
            await writer.WriteAsync($"\"numberMatchedEstimate\":{await EstimateAsync(conn, ct)},");
        else if (matched is { } exact)
            await writer.WriteAsync($"\"numberMatched\":{exact},");
        await writer.WriteAsync($"""
            "timeStamp":"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}","links":
            """);
        await writer.WriteAsync(JsonSerializer.Serialize(Links(http.Request, query.Collection.Id, next), OgcJson.Options));
        await writer.WriteAsync('}');
        await writer.FlushAsync(ct);
    }

    /// <summary>count(*) over at most one row more than the limit: its cost is bounded whatever matches.</summary>
    private NpgsqlBatchCommand BoundedCount()
    {
        var p = new SqlParameters(new NpgsqlCommand());
        var where = ItemsSql.Conditions(query, p, filter);
        var sql = $"select count(*) from (select 1 from {ItemsSql.Source(query, p)}{(where.Count > 0 ? " where " + string.Join(" and ", where) : "")} limit {p.Add(ExactCountLimit + 1)}) as s";
        p.Command.CommandText = sql;
        return AsBatchCommand(p.Command);
    }

    private NpgsqlBatchCommand VersionCommand()
    {
        var cmd = new NpgsqlBatchCommand(HttpCaching.VersionSql);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.Collection.Id });
        return cmd;
    }

    private async Task<long> EstimateAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = ItemsSql.Estimate(query, filter);
        cmd.Connection = conn;
        var plan = (string)(await cmd.ExecuteScalarAsync(ct))!;
        using var doc = JsonDocument.Parse(plan);
        return (long)doc.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
    }

    private static NpgsqlBatchCommand AsBatchCommand(NpgsqlCommand cmd)
    {
        var bc = new NpgsqlBatchCommand(cmd.CommandText);
        foreach (NpgsqlParameter p in cmd.Parameters) bc.Parameters.Add(p.Clone());
        return bc;
    }

    internal static List<OgcLink> Links(HttpRequest request, string collectionId, string? nextCursor)
    {
        var baseUrl = request.BaseUrl();
        var itemsUrl = $"{baseUrl}/ogc/collections/{collectionId}/items";
        // This page and the same page as HTML (/req/core/fc-links). f=csv and xlsx are not this page in
        // another format: they export the whole selection (refused above limit), so they are no alternates.
        var links = OgcLinks.SelfAndAlternates(request, $"/ogc/collections/{collectionId}/items", OgcFormat.GeoJson, OgcFormat.Html);
        links.Add(new($"{baseUrl}/ogc/collections/{collectionId}", "collection", OgcMedia.Json, "The collection"));
        if (nextCursor is not null)
        {
            // Keep every parameter of this request; only the keyset cursor moves on.
            var query = QueryHelpers.ParseQuery(request.QueryString.Value)
                .Where(kv => kv.Key != "cursor")
                .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
                .Append(new("cursor", nextCursor));
            links.Add(new(QueryHelpers.AddQueryString(itemsUrl, query), "next", OgcMedia.GeoJson, "Next page"));
        }
        return links;
    }
}

/// <summary>Writes one feature as PostgreSQL produced it, with its <paramref name="links"/> (/req/core/f-links).</summary>
internal sealed class FeatureResult(string json, string crsUri, IReadOnlyList<OgcLink> links) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.ContentType = OgcMedia.GeoJson;
        http.Response.Headers["Content-Crs"] = $"<{crsUri}>";
        // The feature is one JSON object ending in '}': its links go in as its last member.
        var end = json.LastIndexOf('}');
        var withLinks = string.Concat(json.AsSpan(0, end), ",\"links\":", JsonSerializer.Serialize(links, OgcJson.Options), json.AsSpan(end));
        await http.Response.WriteAsync(withLinks, http.RequestAborted);
    }
}

internal static class OgcJson
{
    // Chinese names and '+' in media types are written as they are, not as \u escapes.
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
