using Microsoft.Extensions.Primitives;

namespace LandMap.Api.Hosting;

/// <summary>
/// HEAD wherever GET is served (RFC 9110 §9.3.2), once for every route: each endpoint that answers
/// GET is routed for HEAD too and runs the same handler, so status, Content-Type, Content-Length
/// (where GET sets it), ETag, Cache-Control and a 304 on If-None-Match are GET's by construction.
/// Kestrel sends no body for HEAD whatever the handler writes. 405 answers list HEAD in Allow, as
/// routing builds Allow from the same method metadata. Routes mapped later than
/// <see cref="AnswerHeadWhereGetIsServed"/> is called are not covered: call it last.
/// </summary>
public static class HeadRequests
{
    /// <summary>Wraps every endpoint source of <paramref name="app"/> so its GET endpoints answer HEAD too.</summary>
    public static void AnswerHeadWhereGetIsServed(this IEndpointRouteBuilder app)
    {
        var sources = app.DataSources.ToList();
        app.DataSources.Clear();
        foreach (var source in sources) app.DataSources.Add(new HeadForGetDataSource(source));
    }

    /// <summary>The endpoint with HEAD added to its methods when it answers GET; else as it is.</summary>
    internal static Endpoint WithHead(Endpoint endpoint)
    {
        if (endpoint is not RouteEndpoint route
            || route.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods
            || !methods.HttpMethods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase)
            || methods.HttpMethods.Contains(HttpMethods.Head, StringComparer.OrdinalIgnoreCase))
            return endpoint;
        // The last method metadata is the one routing (and ApiExplorer) reads.
        var metadata = route.Metadata.Append(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight));
        return new RouteEndpoint(route.RequestDelegate!, route.RoutePattern, route.Order,
            new EndpointMetadataCollection(metadata), route.DisplayName);
    }

    /// <summary>An endpoint source whose GET endpoints answer HEAD too.</summary>
    private sealed class HeadForGetDataSource(EndpointDataSource inner) : EndpointDataSource
    {
        // One reference, swapped whole: a reader on another thread never sees half of it.
        private sealed record Wrapped(IReadOnlyList<Endpoint> Source, IReadOnlyList<Endpoint> WithHead);
        private Wrapped? _cached;

        /// <summary>Wrapped once per list the inner source gives, so routing and the API description see the same endpoints.</summary>
        public override IReadOnlyList<Endpoint> Endpoints
        {
            get
            {
                var source = inner.Endpoints;
                var cached = _cached;
                if (cached is null || !ReferenceEquals(cached.Source, source)) _cached = cached = new Wrapped(source, [.. source.Select(WithHead)]);
                return cached.WithHead;
            }
        }

        public override IReadOnlyList<Endpoint> GetGroupedEndpoints(RouteGroupContext context) =>
            [.. inner.GetGroupedEndpoints(context).Select(WithHead)];

        public override IChangeToken GetChangeToken() => inner.GetChangeToken();
    }

    /// <summary>An OpenAPI document lists GET only: HEAD is implied by HTTP, and a second operation
    /// per path would repeat each operationId.</summary>
    public static bool IsDocumented(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description) =>
        !HttpMethods.IsHead(description.HttpMethod ?? "");
}
