using Microsoft.Net.Http.Headers;

namespace LandMap.Api.Features.Tiles;

/// <summary>
/// HTTP caching of tiles: the weak ETag of the tile's identity (<see cref="TileCache"/>: the tile,
/// its selection and the data's change counters, known before rendering) and the public max-age of
/// the items (<c>LandMap:CacheMaxAgeSeconds</c>, a minute by default), so browsers and a CDN can
/// hold tiles while edits still show soon. A matching If-None-Match gets 304 without rendering.
/// </summary>
internal static class TileCaching
{
    /// <summary>Sets ETag and Cache-Control; true when the client's copy is current (answer 304).</summary>
    public static bool NotModified(HttpContext http, string etag, int maxAgeSeconds)
    {
        http.Response.Headers.CacheControl = $"public, max-age={maxAgeSeconds}";
        http.Response.Headers.ETag = etag;
        return Matches(http.Request, etag);
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
