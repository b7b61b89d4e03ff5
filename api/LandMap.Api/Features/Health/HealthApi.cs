using Microsoft.AspNetCore.Diagnostics.HealthChecks;
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
            // The read replica, when configured: reads would fail without it.
            .AddCheck<ReplicaHealthCheck>("postgis-read", tags: ["ready"]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        return app;
    }
}
