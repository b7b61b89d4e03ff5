using System.Threading.RateLimiting;

namespace LandMap.Api.Limits;

/// <summary>
/// The service's limiter (see <see cref="RateLimits"/>), built once, and how full its slots are:
/// readiness reports saturation from it, so a load balancer sees a copy that is refusing work.
/// </summary>
public sealed class ServiceLoad : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> service;
    private readonly HttpContext probe = new DefaultHttpContext { Request = { Path = "/" } }; // any data route: the service's partition

    public ServiceLoad(RateLimitOptions options)
    {
        Options = options;
        Limiter = RateLimits.Create(options, out service);
    }

    /// <summary>The settings the limiter was built from.</summary>
    public RateLimitOptions Options { get; }

    /// <summary>The chained limiter the rate-limiting middleware uses.</summary>
    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    /// <summary>Requests holding one of the service's slots and requests waiting for one.</summary>
    public (long Running, long Waiting) Current
    {
        get
        {
            var stats = service.GetStatistics(probe);
            var available = stats?.CurrentAvailablePermits ?? Options.MaxConcurrentRequests;
            return (Math.Max(0, Options.MaxConcurrentRequests - available), stats?.CurrentQueuedCount ?? 0);
        }
    }

    public void Dispose() => Limiter.Dispose();
}
