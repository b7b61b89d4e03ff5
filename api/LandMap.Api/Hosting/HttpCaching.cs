using System.Security.Cryptography;
using System.Text;
using LandMap.Api.Domain;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace LandMap.Api.Hosting;

/// <summary>
/// ETag and Cache-Control for responses that depend on one collection's data: the ETag joins the
/// collection's change counter (kept by triggers) with the request's path and query, so a client
/// or CDN revalidates with a 304 until the data changes.
/// </summary>
public sealed class HttpCaching(Hosting.LandMapOptions options)
{
    /// <summary>The collection's change counter; $1 is the collection id. Parcels' items carry what they
    /// compute from other tables (their compliance with the plan: plan_zones, control_lines,
    /// protected_areas), so their counter is the sum with those tables' (each only grows).</summary>
    public const string VersionSql = """
        select coalesce(sum(version), 0)::bigint from collection_versions
        where collection = $1 or ($1 = 'parcels' and collection in ('plan_zones', 'control_lines', 'protected_areas'))
        """;

    private int MaxAgeSeconds => options.CacheMaxAgeSeconds;

    /// <summary>Sets ETag and Cache-Control from the counter in <paramref name="db"/> (the database
    /// the page is read from); true when the client's copy is current (the caller answers 304).</summary>
    public async Task<bool> IsNotModifiedAsync(NpgsqlDataSource db, HttpContext http, string collection, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(VersionSql);
        cmd.Parameters.Add(new() { Value = collection });
        return IsNotModified(http, collection, await cmd.ExecuteScalarAsync(ct) as long? ?? 0);
    }

    /// <summary>The same, with the counter already read (e.g. in the page's own round trip).</summary>
    public bool IsNotModified(HttpContext http, string collection, long version)
    {
        var request = http.Request;
        // Parcels carry a state computed on the zone's date: the same data answers differently tomorrow.
        var day = collection == CollectionCatalog.Parcels.Id ? ZoneClock.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "";
        var identity = $"{version}|{day}|{request.Path}{request.QueryString}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..20];
        // Weak: the same data may go out gzip'd, brotli'd or plain.
        var etag = new EntityTagHeaderValue($"\"{collection}-{version}-{hash}\"", isWeak: true);

        var headers = http.Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromSeconds(MaxAgeSeconds) };

        var ifNoneMatch = request.GetTypedHeaders().IfNoneMatch;
        return ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false));
    }

    /// <summary>The same with a given ETag (e.g. an item's strong <c>"parcels-{id}-v{version}"</c>);
    /// <paramref name="weak"/> for a tag of content that may go out compressed or not.</summary>
    public bool IsNotModified(HttpContext http, string etag, bool weak = false)
    {
        var tag = new EntityTagHeaderValue(etag, weak);
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = tag;
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromSeconds(MaxAgeSeconds) };
        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        return ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(tag, useStrongComparison: false));
    }
}
