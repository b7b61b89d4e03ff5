using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace LandMap.Api.Auth;

/// <summary>Endpoint metadata: the collections a route without a <c>{collectionId}</c> reads (the
/// parcel statistics read parcels), so a token narrowed to other collections may not read it.</summary>
public sealed class ReadsCollectionsAttribute(params string[] collections) : Attribute
{
    public IReadOnlyList<string> Collections { get; } = collections;
}

/// <summary>
/// What a request reads and whether its token may: a token narrowed to some collections reads only
/// those, unless anonymous read is on (then anyone may read everything, and a token cannot take that
/// away). The collections are the route's <c>{collectionId}</c>, else its
/// <see cref="ReadsCollectionsAttribute"/>; a route naming neither (code lists, conformance) is open
/// to every reader.
/// </summary>
public static class ReadScope
{
    /// <summary>Adds <see cref="ReadsCollectionsAttribute"/> to every endpoint of <paramref name="builder"/>.</summary>
    public static TBuilder ReadsCollections<TBuilder>(this TBuilder builder, params string[] collections)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ReadsCollectionsAttribute(collections));

    /// <summary>The collections this request reads (empty: none in particular).</summary>
    public static IReadOnlyList<string> Of(HttpContext http)
    {
        if (http.GetRouteValue("collectionId") is string id) return [id];
        return http.GetEndpoint()?.Metadata.GetMetadata<ReadsCollectionsAttribute>()?.Collections ?? [];
    }

    /// <summary>Whether <paramref name="user"/> may read <paramref name="collection"/> (see the class summary).</summary>
    public static bool MayRead(ClaimsPrincipal user, string collection, bool anonymousRead)
    {
        if (anonymousRead) return true;
        var limited = Access.CollectionsOf(user);
        return limited.Length == 0 || limited.Contains(collection, StringComparer.Ordinal);
    }

    /// <summary>Whether anonymous read is on (<c>LandMap:Auth:AnonymousRead</c>).</summary>
    public static bool AnonymousRead(IConfiguration configuration) =>
        configuration.GetValue(ReadHandler.AnonymousReadSetting, false);
}

/// <summary>A refusal's reasons become its 403 problem's detail (the default handler writes none);
/// everything else is answered as ASP.NET Core would.</summary>
internal sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        var reasons = result.AuthorizationFailure?.FailureReasons.Select(r => r.Message).ToArray() ?? [];
        if (!result.Forbidden || reasons.Length == 0)
        {
            await _default.HandleAsync(next, context, policy, result);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new() { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = string.Join("; ", reasons) },
        });
    }
}
