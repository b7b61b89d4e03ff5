using LandMap.Api.Limits;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LandMap.Api.Features.Health;

/// <summary>
/// Readiness from the service's own load: Degraded while every slot is busy (new requests wait),
/// Unhealthy (503) once the queue is three quarters full (new requests are about to be refused), so
/// a load balancer stops sending work to a saturated copy. The description gives the figures.
/// </summary>
public sealed class SaturationHealthCheck(ServiceLoad load) : IHealthCheck
{
    /// <summary>The check's name in <c>/health/ready</c>.</summary>
    public const string Name = "load";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var options = load.Options;
        if (!options.Enabled) return Task.FromResult(HealthCheckResult.Healthy());
        var (running, waiting) = load.Current;
        var figures = $"{running} of {options.MaxConcurrentRequests} slots busy, {waiting} of {options.ConcurrencyQueueLimit} waiting";
        var result = options.ConcurrencyQueueLimit > 0 && waiting * 4 >= options.ConcurrencyQueueLimit * 3
            ? HealthCheckResult.Unhealthy($"saturated: {figures}")
            : running >= options.MaxConcurrentRequests
                ? HealthCheckResult.Degraded($"all slots busy: {figures}")
                : HealthCheckResult.Healthy(figures);
        return Task.FromResult(result);
    }
}
