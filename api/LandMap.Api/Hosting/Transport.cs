using Microsoft.AspNetCore.ResponseCompression;

namespace LandMap.Api.Hosting;

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

    public static IServiceCollection AddLandMapTransport(this IServiceCollection services, IConfiguration configuration)
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

        var origins = configuration.GetSection("LandMap:Cors:Origins").Get<string[]>() ?? [];
        services.AddCors(o => o.AddPolicy(CorsPolicy, p => p.WithOrigins(origins)
            .WithMethods("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE")
            .WithHeaders("Content-Type", "Authorization", "If-Match", "If-None-Match", "Idempotency-Key", "X-Request-Id", "Prefer", "Content-Crs")
            .WithExposedHeaders("ETag", "Location", "Content-Crs", "Link", "X-Request-Id", "Retry-After")));
        return services;
    }

    public static WebApplication UseLandMapTransport(this WebApplication app)
    {
        app.UseResponseCompression();
        app.UseCors(CorsPolicy);
        return app;
    }
}
