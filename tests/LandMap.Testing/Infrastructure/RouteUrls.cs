using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace LandMap.Tests.Infrastructure;

/// <summary>URLs for the service's own endpoints (enumerated from its EndpointDataSource), so a
/// test over "every route" covers a route added later without knowing of it.</summary>
public static class RouteUrls
{
    /// <summary>The endpoint's path, relative (no leading slash), each route value filled by
    /// <paramref name="sample"/> (endpoint, parameter name); a required value it has no sample for
    /// fails the test, naming the route and the parameter.</summary>
    public static string Fill(RouteEndpoint endpoint, Func<RouteEndpoint, string, string?> sample)
    {
        var segments = new List<string>();
        foreach (var segment in endpoint.RoutePattern.PathSegments)
        {
            var text = string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart l => l.Content,
                RoutePatternSeparatorPart s => s.Content,
                RoutePatternParameterPart p when sample(endpoint, p.Name) is { } v => v,
                RoutePatternParameterPart { IsOptional: true } or RoutePatternParameterPart { IsCatchAll: true } => "",
                RoutePatternParameterPart p =>
                    throw new Xunit.Sdk.XunitException($"no sample value for {{{p.Name}}} of {endpoint.RoutePattern.RawText}: add one here"),
                _ => "",
            }));
            if (text.Length > 0) segments.Add(text);
        }
        return string.Join("/", segments);
    }
}
