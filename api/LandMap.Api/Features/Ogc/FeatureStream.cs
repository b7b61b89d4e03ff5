using System.Data;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;

namespace LandMap.Api.Features.Ogc;

/// <summary>
/// Streams a FeatureCollection page to the client row by row as PostgreSQL produces it: the
/// response never holds the whole page in memory, whatever the limit.
/// </summary>
internal sealed class FeatureCollectionResult(NpgsqlDataSource db, NpgsqlCommand command, int limit, string collectionId)
    : IResult
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public async Task ExecuteAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        await using var conn = await db.OpenConnectionAsync(ct);
        command.Connection = conn;
        await using var _ = command;
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);

        http.Response.ContentType = OgcMedia.GeoJson;
        http.Response.Headers["Content-Crs"] = $"<{OgcMedia.Crs84}>";
        await using var writer = new StreamWriter(http.Response.Body, Utf8, bufferSize: 64 * 1024);
        await writer.WriteAsync("""{"type":"FeatureCollection","features":[""");

        var returned = 0;
        long lastId = 0;
        var hasNext = false;
        while (await reader.ReadAsync(ct))
        {
            if (returned == limit) { hasNext = true; break; } // the extra row only says "there is more"
            lastId = reader.GetInt64(0);
            if (returned > 0) await writer.WriteAsync(',');
            await writer.WriteAsync(reader.GetString(1));
            returned++;
        }

        var links = Links(http.Request, collectionId, hasNext ? lastId : null);
        await writer.WriteAsync($"""],"numberReturned":{returned},"timeStamp":"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}","links":""");
        await writer.WriteAsync(JsonSerializer.Serialize(links, OgcJson.Options));
        await writer.WriteAsync('}');
        await writer.FlushAsync(ct);
    }

    private static List<OgcLink> Links(HttpRequest request, string collectionId, long? nextAfter)
    {
        var baseUrl = request.BaseUrl();
        var itemsUrl = $"{baseUrl}/ogc/collections/{collectionId}/items";
        var links = new List<OgcLink>
        {
            new(itemsUrl + request.QueryString, "self", OgcMedia.GeoJson, "This page"),
            new($"{baseUrl}/ogc/collections/{collectionId}", "collection", OgcMedia.Json, "The collection"),
        };
        if (nextAfter is { } after)
        {
            // Keep every parameter of this request; only the keyset cursor moves on.
            var query = QueryHelpers.ParseQuery(request.QueryString.Value)
                .Where(kv => kv.Key != "cursor")
                .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
                .Append(new("cursor", after.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            links.Add(new(QueryHelpers.AddQueryString(itemsUrl, query), "next", OgcMedia.GeoJson, "Next page"));
        }
        return links;
    }
}

/// <summary>Writes one feature as PostgreSQL produced it.</summary>
internal sealed class FeatureResult(string json) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.ContentType = OgcMedia.GeoJson;
        http.Response.Headers["Content-Crs"] = $"<{OgcMedia.Crs84}>";
        await http.Response.WriteAsync(json, http.RequestAborted);
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
