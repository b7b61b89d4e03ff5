using System.Diagnostics;
using System.Text.RegularExpressions;
using LandMap.Api.Configuration;
using OpenTelemetry.Metrics;

namespace LandMap.Api.Observability;

/// <summary>
/// Seeing it run: Prometheus metrics at <c>/metrics</c> (request rate and latency per route
/// template, uploads, Npgsql's connection pool), JSON console logs when <c>LandMap:Logging:Json</c>
/// is on, and a request id on every log line of a request and in the <c>X-Request-Id</c> header.
/// </summary>
/// <summary>Settings under <c>LandMap:Logging</c>.</summary>
public sealed class LoggingSettings
{
    public const string Section = "LandMap:Logging";

    /// <summary>One JSON object a line on the console (for a log collector) instead of plain lines.</summary>
    public bool Json { get; set; }
}

public static partial class Observability
{
    public const string RequestIdHeader = "X-Request-Id";

    /// <summary>The only labels Npgsql's metrics keep at /metrics.</summary>
    private static readonly string[] NpgsqlTagKeys =
        ["db.client.connection.pool.name", "db.client.connection.state", "db.system.name", "error.type"];

    /// <summary>A client's id is kept when it is short and plain (no spaces, quotes or control characters).</summary>
    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex WellFormedId();

    public static WebApplicationBuilder AddLandMapObservability(this WebApplicationBuilder builder)
    {
        // Logging is set up before the services exist: the section is bound here, and checked with the rest at start.
        builder.Services.AddSettings<LoggingSettings>(LoggingSettings.Section);
        if (builder.Configuration.GetSection(LoggingSettings.Section).Get<LoggingSettings>()?.Json == true)
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        builder.Services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Npgsql", RequestMetrics.MeterName)
            // /metrics is open to anyone: Npgsql's pool metrics keep the pool's role name (Data.PoolNames)
            // and the connection state, never the database server's address and port.
            .AddView(instrument => instrument.Meter.Name == "Npgsql" ? new MetricStreamConfiguration { TagKeys = NpgsqlTagKeys } : null)
            // Scrapes come every 15 s or so; a cached answer would hide the request just made.
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return builder;
    }

    /// <summary>First in the pipeline, so every response carries the id and every log line has it in scope.</summary>
    public static WebApplication UseRequestIds(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LandMap.Requests");
        app.Use(async (http, next) =>
        {
            var given = http.Request.Headers[RequestIdHeader].ToString();
            var id = WellFormedId().IsMatch(given) ? given : Activity.Current?.TraceId.ToHexString() ?? http.TraceIdentifier;
            http.TraceIdentifier = id;
            // On starting: an error page clears the headers set before it.
            http.Response.OnStarting(() =>
            {
                http.Response.Headers[RequestIdHeader] = id;
                return Task.CompletedTask;
            });
            using (logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = id }))
                await next(http);
        });
        return app;
    }

    /// <summary>Maps /metrics (Prometheus text).</summary>
    public static IEndpointConventionBuilder MapMetrics(this IEndpointRouteBuilder app) => app.MapPrometheusScrapingEndpoint("/metrics");
}
