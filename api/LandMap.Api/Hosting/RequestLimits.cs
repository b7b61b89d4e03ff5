using System.ComponentModel.DataAnnotations;
using LandMap.Api.Configuration;

namespace LandMap.Api.Hosting;

/// <summary>
/// Bounds on what one request may ask of the service (<c>LandMap:Limits:*</c>). Every input a
/// client controls that costs memory, stack, SQL or PostGIS time has one, each with a safe
/// default; start-up fails on a value out of range rather than serving unbounded. The upload
/// body size stays <c>LandMap:Uploads:MaxBytes</c>.
/// </summary>
public sealed record RequestLimits
{
    /// <summary>The configuration section.</summary>
    public const string Section = "LandMap:Limits";

    /// <summary>Nesting of JSON bodies (Part 4 edits, zone queries, GeoJSON uploads).</summary>
    [Range(4, 1000)] public int JsonMaxDepth { get; init; } = 64;

    /// <summary>Bytes of a JSON body of an edit or query (uploads have their own bound).</summary>
    [Range(1024, long.MaxValue)] public long MaxJsonBodyBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Bytes of a zone query's body (<c>/api/parcels/intersecting</c>, <c>/api/parcels/area</c>): a
    /// zone polygon is kilobytes, and every byte of a query body is held in memory while it is parsed.</summary>
    [Range(1024, long.MaxValue)] public long MaxQueryBodyBytes { get; init; } = 1024L * 1024;

    /// <summary>Vertices of a zone query's geometry, counted while its body arrives (413 past it, before
    /// anything is built from it); the geometry parser's own bound (10,000) is the most it may be.</summary>
    [Range(4, Geo.GeometryInput.MaxVertices)] public int MaxQueryVertices { get; init; } = Geo.GeometryInput.MaxVertices;

    /// <summary>The slowest a request body may arrive, in bytes per second, averaged from the start of
    /// the body once <see cref="BodyGraceSeconds"/> have passed (Kestrel's MinRequestBodyDataRate);
    /// slower is cut off with 408. A trickling body costs a connection and memory for as long as it lasts.</summary>
    [Range(1, int.MaxValue)] public int MinBodyBytesPerSecond { get; init; } = 4096;

    /// <summary>Seconds a body may arrive slower than <see cref="MinBodyBytesPerSecond"/> before the rate counts.</summary>
    [Range(1, 600)] public int BodyGraceSeconds { get; init; } = 5;

    /// <summary>The longest a JSON body (edits, zone queries, tokens) may take to arrive, in seconds
    /// (408 after): it is read whole before the request takes one of the service's slots.</summary>
    [Range(1, 3600)] public int JsonBodyDeadlineSeconds { get; init; } = 30;

    /// <summary>Vertices of one uploaded or edited geometry.</summary>
    [Range(4, int.MaxValue)] public int MaxVerticesPerGeometry { get; init; } = 100_000;

    /// <summary>Features in one upload; past it the upload is refused (413), nothing written.</summary>
    [Range(1, int.MaxValue)] public int MaxFeaturesPerUpload { get; init; } = 500_000;

    /// <summary>Characters of a CQL2 filter.</summary>
    [Range(1, int.MaxValue)] public int Cql2MaxLength { get; init; } = Cql2Limits.DefaultMaxTextLength;

    /// <summary>Nesting depth of a CQL2 filter (operators in operators).</summary>
    [Range(1, 200)] public int Cql2MaxDepth { get; init; } = Cql2Limits.DefaultMaxDepth;

    /// <summary>Nodes (operators, properties, values) of a CQL2 filter.</summary>
    [Range(1, 100_000)] public int Cql2MaxNodes { get; init; } = Cql2Limits.DefaultMaxNodes;

    /// <summary>Features per page of items; a larger <c>limit</c> is served as this (OGC API allows a server maximum).</summary>
    [Range(1, 1_000_000)] public int MaxPageSize { get; init; } = 10_000;

    /// <summary>Milliseconds a filtered items request may spend counting its matches exactly when they
    /// are more than 10,000 (an unfiltered collection's count is kept by triggers and costs nothing).
    /// Past it the count is cancelled and the page leaves numberMatched out, as Part 1 allows.</summary>
    [Range(1, 600_000)] public int ExactCountTimeoutMilliseconds { get; init; } = 1_000;

    /// <summary>Bytes all entries of an uploaded zip may expand to.</summary>
    [Range(1024, long.MaxValue)] public long ZipMaxExpandedBytes { get; init; } = ZipLimits.Default.MaxExpandedBytes;

    /// <summary>How much one zip entry (above 1 MB) may expand per compressed byte.</summary>
    [Range(1, 100_000)] public double ZipMaxRatio { get; init; } = ZipLimits.Default.MaxRatio;

    /// <summary>Bytes one GeoJSON feature of an upload may take (it is parsed whole): 100,000 vertices take about 4 MB.</summary>
    [Range(1024, 1024 * 1024 * 1024)] public int MaxFeatureBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Entries an uploaded zip may list.</summary>
    [Range(1, 1_000_000)] public int ZipMaxEntries { get; init; } = ZipLimits.Default.MaxEntries;

    /// <summary>The defaults.</summary>
    public static RequestLimits Default { get; } = new();

    /// <summary>The filter bounds these settings give.</summary>
    public Cql2Limits Cql2 => new() { MaxTextLength = Cql2MaxLength, MaxDepth = Cql2MaxDepth, MaxNodes = Cql2MaxNodes };

    /// <summary>The zip bounds these settings give.</summary>
    public ZipLimits Zip => new(ZipMaxExpandedBytes, ZipMaxRatio, MaxEntries: ZipMaxEntries);

    /// <summary>The setting's full name, for problems that name the limit (<c>LandMap:Limits:MaxPageSize</c>).</summary>
    public static string Name(string property) => $"{Section}:{property}";
}

/// <summary>Registers <see cref="RequestLimits"/> from configuration, checked when the host starts.</summary>
public static class RequestLimitsSetup
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        return services.AddSettings<RequestLimits>(RequestLimits.Section);
    }
}
