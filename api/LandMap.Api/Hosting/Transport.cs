using System.ComponentModel.DataAnnotations;
using LandMap.Api.Configuration;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.ResponseCompression;

namespace LandMap.Api.Hosting;

/// <summary>Settings under <c>LandMap:Cors</c>.</summary>
public sealed class CorsSettings : IValidatableObject
{
    public const string Section = "LandMap:Cors";

    /// <summary>Origins (scheme, host and port, e.g. https://gis.example.org) whose pages may call the API; none by default.</summary>
    public string[] Origins { get; set; } = [];

    /// <summary>Each origin an absolute http(s) URL with no path: anything else would never match a browser's Origin header.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Origins.Where(o => !Uri.TryCreate(o, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || o.EndsWith('/'))
            .Select(o => new ValidationResult($"'{o}' is not an origin (scheme://host[:port], no path)", [nameof(Origins)]));
}

/// <summary>How responses travel: brotli or gzip when the client accepts it, CORS for the
/// origins configured in LandMap:Cors:Origins (none by default).</summary>
public static class Transport
{
    private const string CorsPolicy = "configured-origins";

    private static readonly string[] CompressedTypes =
    [
        "application/geo+json", "application/problem+json", "application/schema+json",
        "application/vnd.oai.openapi+json", "application/vnd.mapbox-vector-tile",
    ];

    public static IServiceCollection AddLandMapTransport(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(CompressedTypes);
        });
        // Fastest: pages are produced on the fly, and the CPU is shared with PostgreSQL.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);

        services.AddSettings<CorsSettings>(CorsSettings.Section);
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<CorsSettings>((o, cors) => o.AddPolicy(CorsPolicy, p => p.WithOrigins(cors.Origins)
            .WithMethods("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE")
            .WithHeaders("Content-Type", "Authorization", "If-Match", "If-None-Match", "Idempotency-Key", "X-Request-Id", "Prefer", "Content-Crs")
            .WithExposedHeaders("ETag", "Location", "Content-Crs", "Link", "X-Request-Id", "Retry-After",
                // Exports.TableExport.TruncatedCellsHeader, named here: Hosting does not depend on Exports.
                "X-LandMap-Truncated-Cells")));
        return services;
    }

    public static WebApplication UseLandMapTransport(this WebApplication app)
    {
        app.UseResponseCompression();
        app.UseCors(CorsPolicy);
        return app;
    }
}
