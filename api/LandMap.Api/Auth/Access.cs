using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace LandMap.Api.Auth;

/// <summary>
/// Checks made inside a handler, where the collection is known (the <c>collection</c> of an upload,
/// the route's collection of a Part 4 edit): 401 for no usable token, 403 for the wrong role or a
/// collection the token is not narrowed to. And who a write is recorded as.
/// </summary>
public static class Access
{
    /// <summary>Null when the request may do what <paramref name="policy"/> allows on
    /// <paramref name="collection"/> (null: no particular one); otherwise the 401 or 403 to answer.</summary>
    public static async Task<IResult?> CheckAsync(HttpContext http, string policy, string? collection)
    {
        if (http.User.Identity?.IsAuthenticated != true) return Results.Challenge();
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        var result = await authorization.AuthorizeAsync(http.User, collection, policy);
        if (result.Succeeded) return null;
        var narrowed = result.Failure?.FailedRequirements.OfType<CollectionRequirement>().Any() == true;
        var who = $"the token of '{http.User.Identity.Name}' ({RoleOf(http.User)})";
        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: narrowed
                ? $"{who} is limited to the collections {string.Join(", ", CollectionsOf(http.User))}, not '{collection}'"
                : $"{who} may not do this: it needs {(policy == Policies.Admin ? "the admin role" : "the surveyor or admin role")}");
    }

    /// <summary>Who a write is recorded as: the token's label.</summary>
    public static string Actor(HttpContext http) => http.User.Identity?.Name ?? "anonymous";

    public static string RoleOf(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? "no role";

    /// <summary>The collections the token is narrowed to; empty = every collection.</summary>
    public static string[] CollectionsOf(ClaimsPrincipal user) =>
        user.FindAll(TokenClaims.Collection).Select(c => c.Value).ToArray();
}

/// <summary>Reading: any token, within its collections (<see cref="ReadScope"/>); without one only when
/// <c>LandMap:Auth:AnonymousRead</c> is on and no Authorization header was sent (a bad token is a 401,
/// never quietly anonymous).</summary>
public sealed class ReadRequirement : IAuthorizationRequirement;

/// <summary>The collection a write touches (the resource, when it is a collection id) must be one of
/// the token's collections, if the token is narrowed.</summary>
public sealed class CollectionRequirement : IAuthorizationRequirement;

internal sealed class ReadHandler(IConfiguration configuration) : AuthorizationHandler<ReadRequirement>
{
    public const string AnonymousReadSetting = "LandMap:Auth:AnonymousRead";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ReadRequirement requirement)
    {
        var anonymousRead = ReadScope.AnonymousRead(configuration);
        var http = context.Resource as HttpContext;
        if (context.User.Identity?.IsAuthenticated != true)
        {
            if (anonymousRead && (http is null || http.Request.Headers.Authorization.Count == 0)) context.Succeed(requirement);
            return Task.CompletedTask;
        }
        var denied = http is null ? null
            : ReadScope.Of(http).FirstOrDefault(c => !ReadScope.MayRead(context.User, c, anonymousRead));
        if (denied is null) context.Succeed(requirement);
        else context.Fail(new AuthorizationFailureReason(this,
            $"the token of '{context.User.Identity.Name}' is limited to the collections {string.Join(", ", Access.CollectionsOf(context.User))}, not '{denied}'"));
        return Task.CompletedTask;
    }
}

internal sealed class CollectionHandler : AuthorizationHandler<CollectionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CollectionRequirement requirement)
    {
        var limited = Access.CollectionsOf(context.User);
        if (context.Resource is not string collection || limited.Length == 0 || limited.Contains(collection, StringComparer.Ordinal))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
