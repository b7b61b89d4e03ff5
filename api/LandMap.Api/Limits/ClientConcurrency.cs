using System.Threading.RateLimiting;
using LandMap.Api.Observability;

namespace LandMap.Api.Limits;

/// <summary>
/// At most <see cref="RateLimitOptions.MaxConcurrentRequestsPerClient"/> requests with a body of one
/// client address in the service at once, counted from the moment the request arrives (before its
/// body is read): one address opening many slow connections gets 429 past the cap instead of holding
/// the memory and connections other clients need. Requests without a body are not counted: a client
/// cannot stretch them (Kestrel times out slow headers), the token bucket and the service's slots
/// bound them, and the same client's ordinary reads keep working while its uploads trickle.
/// Health and metrics are exempt, as loopback is when <see cref="RateLimitOptions.ExemptLoopback"/> is on.
/// </summary>
public static class ClientConcurrency
{
    /// <summary>Before authentication and the body intake, so neither is spent on a client past its cap.</summary>
    public static WebApplication UseClientConcurrency(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<RateLimitOptions>();
        if (!options.Enabled || options.MaxConcurrentRequestsPerClient <= 0) return app;
        var limiter = PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimits.ClientKey(http, options) is { } key
            ? RateLimitPartition.GetConcurrencyLimiter(key, _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = options.MaxConcurrentRequestsPerClient,
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter("exempt"));
        app.Lifetime.ApplicationStopped.Register(limiter.Dispose);
        app.Use(async (http, next) =>
        {
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true)
            {
                await next(http);
                return;
            }
            using var lease = limiter.AttemptAcquire(http);
            if (!lease.IsAcquired)
            {
                RequestMetrics.Shed("client_concurrency");
                await RateLimits.RefuseAsync(http, StatusCodes.Status429TooManyRequests, 1, "Too many requests",
                    $"this client has {options.MaxConcurrentRequestsPerClient} requests with a body in the service already " +
                    $"(LandMap:RateLimit:MaxConcurrentRequestsPerClient); retry after 1 s");
                return;
            }
            await next(http);
        });
        return app;
    }
}
