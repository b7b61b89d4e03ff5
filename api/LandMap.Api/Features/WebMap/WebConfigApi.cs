using LandMap.Api.Data;

namespace LandMap.Api.Features.WebMap;

/// <summary>What the map page needs to know of the server's settings, and nothing secret beyond
/// it: the Tianditu key is a browser key (天地图 "浏览器端" type), sent to the tile servers by
/// every tile request anyway. Without a key the map offers no Tianditu basemap.</summary>
public sealed record WebConfig(string? TiandituKey);

/// <summary>Settings under <c>LandMap:Web</c>.</summary>
public sealed class WebOptions
{
    public const string Section = "LandMap:Web";

    /// <summary>The Tianditu browser key (天地图 "浏览器端"), or none: then the map offers no Tianditu basemap.</summary>
    [System.ComponentModel.DataAnnotations.MaxLength(200)] public string? TiandituKey { get; set; }
}

public static class WebConfigApi
{
    public static IEndpointRouteBuilder MapWebConfig(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/config", (WebOptions web) =>
        {
            var key = web.TiandituKey;
            return TypedResults.Ok(new WebConfig(string.IsNullOrWhiteSpace(key) ? null : key.Trim()));
        }).WithTags("Web map").WithName("webConfig").ReadsNoDatabase().WithSummary("Settings the map page reads (Tianditu browser key, if configured)");
        return app;
    }
}
