using System.Text;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using LandMap.Api.Data;
using Npgsql;

namespace LandMap.Api.Features.Health;

/// <summary>Liveness (the process answers) and readiness (the database answers) for load balancers.</summary>
public static class HealthApi
{
    public static IServiceCollection AddLandMapHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddNpgSql(sp => sp.GetRequiredService<NpgsqlDataSource>(), name: "postgis", tags: ["ready"])
            // The read replica, when configured: never more than degraded, since reads fall back to the primary.
            .AddCheck<ReplicaHealthCheck>("postgis-read", failureStatus: HealthStatus.Degraded, tags: ["ready"])
            // Saturation: Degraded while every slot is busy, 503 when the queue is nearly full.
            .AddCheck<SaturationHealthCheck>(SaturationHealthCheck.Name, tags: ["ready"]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).ReadsNoDatabase();
        // Degraded answers 200 (the service serves); unhealthy 503.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteAsync })
            .ReadsPrimary("readiness says whether the primary answers (the replica's state is the probe's, in memory)");
        return app;
    }

    /// <summary>The overall status as before ("Healthy"), then a line naming each check that is not
    /// healthy, e.g. "postgis-read: Degraded". Names only: a failed check's description may carry
    /// connection details, and this route is open to all; the load check's reason (slot counts) is
    /// our own text and says why, e.g. "load: Degraded (all slots busy: 32 of 32 slots busy, 4 of 96 waiting)".</summary>
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        var text = new StringBuilder(report.Status.ToString());
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy))
        {
            text.Append('\n').Append(name).Append(": ").Append(entry.Status);
            if (name == SaturationHealthCheck.Name) text.Append(" (").Append(entry.Description).Append(')');
        }
        http.Response.ContentType = "text/plain";
        return http.Response.WriteAsync(text.ToString());
    }
}
