using System.Data;
using System.Text.Json;
using LandMap.Api.Data;
using LandMap.Api.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;

namespace LandMap.Api.Items;

/// <summary>
/// Streams a FeatureCollection page to the client row by row as PostgreSQL produces it: the
/// response never holds the whole page in memory, whatever the limit. On a first page the exact
/// number of matches comes along (<see cref="MatchCount"/> says how it is had cheaply).
/// </summary>
internal sealed class FeatureCollectionResult(
    NpgsqlDataSource db, ItemsQuery query, Func<SqlParameters, string?>? filter, HttpCaching? caching = null)
    : IResult
{
    private static readonly byte[] Head = """{"type":"FeatureCollection","features":["""u8.ToArray();
    private static readonly byte[] Comma = ","u8.ToArray();
    private static readonly byte[] End = "}"u8.ToArray();

    public async Task ExecuteAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(conn);
        // One round trip: the change counter (for the ETag), the kept or bounded count, the page.
        if (caching is not null) batch.BatchCommands.Add(VersionCommand());
        var count = query.After is null ? new MatchCount(query, filter) : null;
        if (count is not null) batch.BatchCommands.Add(count.FirstCommand());
        batch.BatchCommands.Add(MatchCount.AsBatchCommand(ItemsSql.Page(query, filter)));
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
        var exact = false;
        if (count is not null)
        {
            await reader.ReadAsync(ct);
            // Null: a kept count not set up yet (cannot happen after the migrations; counted below).
            matched = reader.IsDBNull(0) ? null : reader.GetInt64(0);
            exact = matched is { } m && count.IsExact(m);
            await reader.NextResultAsync(ct);
        }

        http.Response.ContentType = OgcMedia.GeoJson;
        http.Response.Headers["Content-Crs"] = $"<{query.Crs.Uri}>";
        // Each feature's bytes go out as PostgreSQL sent them (UTF-8), never decoded into a string
        // and encoded back, through one pooled buffer instead of a StreamWriter's per-request ones.
        await using var body = new ChunkedUtf8(http.Response.Body);
        await body.WriteAsync(Head, ct);

        var returned = 0;
        string? next = null;
        long lastId = 0;
        string? lastKey = null;
        while (await reader.ReadAsync(ct))
        {
            if (returned == query.Limit) { next = Cursor.Encode(lastId, lastKey); break; } // the extra row says "there is more"
            lastId = reader.GetInt64(0);
            if (returned > 0) await body.WriteAsync(Comma, ct);
            await body.CopyColumnAsync(reader, 1, ct);
            lastKey = reader.IsDBNull(2) ? null : reader.GetString(2);
            returned++;
        }
        await reader.DisposeAsync();

        await body.WriteAsync($"""],"numberReturned":{returned},""", ct);
        if (count is not null && !exact)
        {
            // Past the bound: count exactly after the page, under the time budget.
            matched = await count.ExactAsync(conn, ct);
            exact = matched is not null;
        }
        if (count is not null && exact)
            await body.WriteAsync($"\"numberMatched\":{matched},", ct);
        else if (count is not null)
            await body.WriteAsync($"\"numberMatchedEstimate\":{await count.EstimateAsync(conn, ct)},", ct);
        await body.WriteAsync($"""
            "timeStamp":"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}","links":
            """, ct);
        await body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(Links(http.Request, query.Collection.Id, next), OgcJson.Options), ct);
        await body.WriteAsync(End, ct);
        await body.FlushAsync(ct);
    }

    private NpgsqlBatchCommand VersionCommand()
    {
        var cmd = new NpgsqlBatchCommand(HttpCaching.VersionSql);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.Collection.Id });
        return cmd;
    }

    internal static List<OgcLink> Links(HttpRequest request, string collectionId, string? nextCursor)
    {
        var baseUrl = request.BaseUrl();
        var itemsUrl = $"{baseUrl}/ogc/collections/{collectionId}/items";
        // This page and the same page as HTML (/req/core/fc-links). f=csv and xlsx are not this page in
        // another format: they export the whole selection (refused above limit), so they are no alternates.
        var links = OgcLinks.SelfAndAlternates(request, $"/ogc/collections/{collectionId}/items", OgcFormat.GeoJson, OgcFormat.Html);
        links.Add(new($"{baseUrl}/ogc/collections/{collectionId}", "collection", OgcMedia.Json, "The collection"));
        links.Add(SchemaPaths.ItemsLink(baseUrl, collectionId));
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
    private static readonly byte[] Head = """{"type":"FeatureCollection","features":["""u8.ToArray();
    private static readonly byte[] Comma = ","u8.ToArray();
    private static readonly byte[] End = "}"u8.ToArray();

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
