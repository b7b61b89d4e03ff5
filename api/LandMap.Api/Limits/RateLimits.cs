using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using LandMap.Api.Auth;
using LandMap.Api.Observability;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace LandMap.Api.Limits;

/// <summary>Settings under <c>LandMap:RateLimit</c>.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "LandMap:RateLimit";

    public bool Enabled { get; set; } = true;

    /// <summary>Sustained requests per second for one token, or one address without a token.</summary>
    public double PermitsPerSecond { get; set; } = 200;

    /// <summary>Requests one client may make at once above the sustained rate (the bucket's size).</summary>
    public int Burst { get; set; } = 400;

    /// <summary>Requests of one client that wait for a permit rather than being refused at once; small.</summary>
    public int QueueLimit { get; set; } = 50;

    /// <summary>Loopback clients are limited like any other unless this is on.</summary>
    public bool ExemptLoopback { get; set; }

    /// <summary>Requests served at once by this copy of the API; more wait in a short queue, then get 503.
    /// On two cores 32 keeps both busy (a request spends part of its time in PostgreSQL, part in
    /// writing the answer); more running at once only adds context switches and memory.</summary>
    public int MaxConcurrentRequests { get; set; } = 32;

    /// <summary>Requests waiting for a slot; one more is refused with 503 at once. Running plus
    /// waiting is the load one copy holds without refusing anything.</summary>
    public int ConcurrencyQueueLimit { get; set; } = 96;

    /// <summary>The longest a request waits for a slot before it is refused with 503, in milliseconds:
    /// twice the load the service can serve is shed in about this time, never left to time out.</summary>
    public int MaxQueueWaitMilliseconds { get; set; } = 2000;

    /// <summary>Requests with a body one client address may have in the service at once, bodies still
    /// arriving included; one more is refused with 429 at once. Without it one address with many slow
    /// connections holds what every other client needs. 0 turns the cap off.</summary>
    public int MaxConcurrentRequestsPerClient { get; set; } = 16;

    /// <summary>Uploads served at once. Uploads have slots of their own, apart from the service's:
    /// a file arriving slowly (or being checked for minutes) never holds a slot a read needs.</summary>
    public int MaxConcurrentUploads { get; set; } = 4;
}

/// <summary>
/// Bounded load: a token bucket per token (or per address without one) answers 429 with
/// Retry-After; a concurrency limit for the whole service sheds load beyond it with a quick 503 and
/// Retry-After rather than letting requests queue until they time out. Health and metrics are exempt.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddLandMapRateLimits(this IServiceCollection services)
    {
        // Read when services are built, so a test host's settings count too.
        services.AddSingleton(sp =>
            sp.GetRequiredService<IConfiguration>().GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new());
        services.AddSingleton<ServiceLoad>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<ServiceLoad>((o, load) =>
        {
            o.GlobalLimiter = load.Limiter;
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    public static WebApplication UseLandMapRateLimits(this WebApplication app)
    {
        if (app.Services.GetRequiredService<RateLimitOptions>().Enabled) app.UseRateLimiter();
        return app;
    }

    /// <summary>The chained limiter: the client's bucket first, then the service's concurrency.</summary>
    public static PartitionedRateLimiter<HttpContext> Create(RateLimitOptions options) => Create(options, out _);

    /// <summary>The chained limiter, and (<paramref name="service"/>) the service's slots alone, whose
    /// statistics say how loaded the service is.</summary>
    internal static PartitionedRateLimiter<HttpContext> Create(RateLimitOptions options, out PartitionedRateLimiter<HttpContext> service)
    {
        var (period, tokens) = options.PermitsPerSecond >= 10
            ? (TimeSpan.FromMilliseconds(100), (int)Math.Round(options.PermitsPerSecond / 10))
            : (TimeSpan.FromSeconds(1 / Math.Max(options.PermitsPerSecond, 0.001)), 1);
        var perClient = PartitionedRateLimiter.Create<HttpContext, string>(http => ClientKey(http, options) is { } key
            ? RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, options.Burst),
                TokensPerPeriod = tokens,
                ReplenishmentPeriod = period,
                QueueLimit = options.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            })
            : RateLimitPartition.GetNoLimiter("exempt"));
        service = PartitionedRateLimiter.Create<HttpContext, string>(http => Exempt(http.Request.Path)
            ? RateLimitPartition.GetNoLimiter("exempt")
            : IsUpload(http)
                ? RateLimitPartition.GetConcurrencyLimiter(UploadsPartition, _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = Math.Max(1, options.MaxConcurrentUploads),
                    QueueLimit = Math.Max(1, options.MaxConcurrentUploads),
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                })
                : RateLimitPartition.GetConcurrencyLimiter(ServicePartition, _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = Math.Max(1, options.MaxConcurrentRequests),
                    QueueLimit = Math.Max(0, options.ConcurrencyQueueLimit),
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                }));
        // Only the service's queue has a deadline: a client's bucket says itself when to come back (429).
        var bounded = new QueueDeadlineLimiter(service, TimeSpan.FromMilliseconds(Math.Max(1, options.MaxQueueWaitMilliseconds)));
        return PartitionedRateLimiter.CreateChained(perClient, bounded);
    }

    private const string ServicePartition = "service";
    private const string UploadsPartition = "uploads";

    /// <summary>An upload (its endpoint takes an upload body): served under the uploads' slots.</summary>
    private static bool IsUpload(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<Hosting.RequestBodyMetadata>() is { Kind: Hosting.BodyKind.Upload };

    /// <summary>Whose bucket a request draws on: "token:{id}" with a token, else "address:{ip}";
    /// null when it is not limited.</summary>
    public static string? ClientKey(HttpContext http, RateLimitOptions options)
    {
        if (Exempt(http.Request.Path)) return null;
        if (http.User.FindFirst(TokenClaims.TokenId)?.Value is { } token) return "token:" + token;
        var address = http.Connection.RemoteIpAddress;
        if (options.ExemptLoopback && address is not null && IPAddress.IsLoopback(address)) return null;
        return "address:" + (address?.ToString() ?? "unknown");
    }

    private static bool Exempt(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    /// <summary>429 when the client's bucket is empty (it says when to come back), 503 when the
    /// service is full; both problem+json with Retry-After.</summary>
    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var client = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
        var status = client ? StatusCodes.Status429TooManyRequests : StatusCodes.Status503ServiceUnavailable;
        var seconds = client ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        var waited = context.Lease.TryGetMetadata(QueueDeadlineLimiter.Reason, out var reason) ? reason : null;
        RequestMetrics.Shed(client ? "rate_limited" : waited is null ? "overloaded" : "queue_timeout");
        var what = IsUpload(http) ? "concurrent uploads (LandMap:RateLimit:MaxConcurrentUploads)" : "concurrent requests";
        await RefuseAsync(http, status, seconds, client ? "Too many requests" : "Service busy",
            client
                ? $"this client's request rate is over its limit; retry after {seconds} s"
                : waited is null
                    ? $"the service is at its limit of {what} and its queue is full; retry after {seconds} s"
                    : $"the service is at its limit of {what} and this request {waited}; retry after {seconds} s");
    }

    /// <summary>A refusal by the limits: problem+json with Retry-After.</summary>
    internal static Task RefuseAsync(HttpContext http, int status, int retryAfterSeconds, string title, string detail)
    {
        http.Response.StatusCode = status;
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
