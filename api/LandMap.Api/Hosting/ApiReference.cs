using Scalar.AspNetCore;

namespace LandMap.Api.Hosting;

/// <summary>
/// /docs, the browsable API reference (Scalar), made to ask nothing of any host but this service: a
/// zone's intranet blocks outside hosts, and an official reference should not depend on a vendor. Its
/// script is the bundle the Scalar.AspNetCore package embeds and this service serves; the vendor's
/// fonts (its CDN) give way to the system's; its AI chat, MCP, developer toolbar (share, SDK generation,
/// deploy), client button, "Powered by" link and telemetry are off. /docs's Content-Security-Policy
/// (<see cref="SecurityHeaders.DocsPolicy"/>) holds the page to this origin besides.
/// </summary>
public static class ApiReference
{
    /// <summary>Where the reference is served.</summary>
    public const string Path = "/docs";

    /// <summary>Hides what no option turns off: the vendor's "Powered by" link (a link to its site).</summary>
    private const string Css = "a[href*=\"scalar.com\"] { display: none !important; }";

    /// <summary>Maps /docs over the whole service's OpenAPI document.</summary>
    public static IEndpointConventionBuilder MapApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(Path, o => o
            .WithTitle("LandMap API")
            .DisableDefaultFonts()
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .HideDeveloperTools()
            .HideClientButton()
            .WithCustomCss(Css));
}
