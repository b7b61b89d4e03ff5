namespace LandMap.Api.Features.WebMap;

/// <summary>What the map page needs to know of the server's settings, and nothing secret beyond
/// it: the Tianditu key is a browser key (天地图 "浏览器端" type), sent to the tile servers by
/// every tile request anyway. Without a key the map offers no Tianditu basemap.</summary>
public sealed record WebConfig(string? TiandituKey);

public static class WebConfigApi
{
    public const string TiandituKeySetting = "LandMap:Web:TiandituKey";

    public static IEndpointRouteBuilder MapWebConfig(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/config", (IConfiguration configuration) =>
        {
            var key = configuration[TiandituKeySetting];
            return TypedResults.Ok(new WebConfig(string.IsNullOrWhiteSpace(key) ? null : key.Trim()));
        }).WithTags("Web map").WithName("webConfig").WithSummary("Settings the map page reads (Tianditu browser key, if configured)");
        return app;
    }
}
