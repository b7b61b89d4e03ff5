using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace LandMap.Api.Features.Tiles;

/// <summary>
/// HTTP caching of tiles: a weak ETag from the tile's bytes (equal bytes, equal tag, on any
/// copy of the service; weak because the same tile may travel brotli'd, gzip'd or plain) and the
/// public max-age of the items (<c>LandMap:CacheMaxAgeSeconds</c>, a minute by default) so browsers and
/// a CDN can hold tiles while edits still show soon. A matching If-None-Match gets 304 without the body.
/// </summary>
internal static class TileCaching
{
    /// <summary>The first 128 bits of the SHA-256 of the tile and of <paramref name="variant"/> (a filtered
    /// tile's filter and date; null for the whole layer), in hex, quoted, weak.</summary>
    public static string ETagOf(ReadOnlySpan<byte> tile, string? variant = null)
    {
        var hash = SHA256.HashData(variant is null ? tile : [.. tile, .. System.Text.Encoding.UTF8.GetBytes("\n" + variant)]);
        return "W/\"" + Convert.ToHexStringLower(hash.AsSpan(0, 16)) + "\"";
    }

    /// <summary>The tile with its caching headers, or a 304 when the client holds it; <paramref name="variant"/>:
    /// what selected the tile's features (see <see cref="ETagOf"/>).</summary>
    public static IResult Respond(HttpContext http, byte[] tile, int maxAgeSeconds, string? variant = null)
    {
        var etag = ETagOf(tile, variant);
        http.Response.Headers.CacheControl = $"public, max-age={maxAgeSeconds}";
        http.Response.Headers.ETag = etag;
        if (Matches(http.Request, etag))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        // An empty tile (no feature here) is a 200 with an empty body: GDAL, Leaflet.VectorGrid
        // and MapLibre all read it as a tile with no layers.
        return Results.Bytes(tile, TilesApi.MvtMediaType);
    }

    /// <summary>If-None-Match uses the weak comparison (RFC 9110 13.1.2); "*" matches any tile.</summary>
    private static bool Matches(HttpRequest request, string etag)
    {
        var candidates = request.GetTypedHeaders().IfNoneMatch;
        if (candidates.Count == 0) return false;
        var mine = EntityTagHeaderValue.Parse(etag);
        return candidates.Any(c => c.Equals(EntityTagHeaderValue.Any) || c.Compare(mine, useStrongComparison: false));
    }
}
