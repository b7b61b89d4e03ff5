using LandMap.Api.Data;
using System.Globalization;
using LandMap.Api.Hosting;
using LandMap.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LandMap.Api.Auth;

/// <summary>
/// Token management for admins (<c>/api/tokens</c>: create, list, revoke) and <c>/api/me</c>, which
/// tells a token's holder who it is (the web page signs in with it).
/// </summary>
public static class TokensApi
{
    /// <summary>The body of POST /api/tokens.</summary>
    public sealed record CreateTokenBody(string? Label, string? Role, string[]? Collections, string? Expires);

    /// <summary>A token as listed: never its secret.</summary>
    public sealed record TokenView(long Id, string Label, string Role, string[]? Collections, DateTimeOffset CreatedAt,
        string CreatedBy, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, string State);

    /// <summary>A token just created, with its secret: the only time the secret is shown.</summary>
    public sealed record CreatedToken(TokenView Token, string Secret);

    /// <summary>Who the caller is.</summary>
    public sealed record Me(string Label, string Role, string[]? Collections, string TokenId);

    public static RouteGroupBuilder MapTokensApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Tokens");
        // Tokens are the primary's: a revocation or a new token counts at once, never after replica lag.
        var tokens = api.MapGroup("/tokens").RequireAuthorization(Policies.Admin).ReadsPrimary("tokens: a new or revoked token counts at once");
        tokens.MapPost("", Create).WithName("createToken").DisableAntiforgery()
            .WithSummary("Create a token (admin): label, role (viewer, surveyor, admin), optional collections and expiry; the secret is shown once")
            .TakesBody(BodyKind.Json, "application/json");
        tokens.MapGet("", List).WithName("listTokens").WithSummary("Every token (admin), without secrets");
        tokens.MapDelete("/{id}", Revoke).WithName("revokeToken").WithSummary("Revoke a token (admin); it stays listed as revoked");
        api.MapGet("/me", WhoAmI).WithName("me").ReadsNoDatabase().RequireAuthorization(p => p.RequireAuthenticatedUser())
            .WithSummary("Who the bearer token is: label, role, collections (401 without a usable token)");
        return api;
    }

    private static async Task<Created<CreatedToken>> Create(CreateTokenBody body, HttpContext http, NpgsqlDataSource db, TimeProvider time)
    {
        var wanted = NewToken.Parse(body.Label, body.Role, body.Collections, body.Expires, time.GetUtcNow());
        if (TokenAuthority.Refusal(http.User, wanted.Role, wanted.Collections) is { } refusal)
            throw new ForbiddenException($"the token of '{Access.Actor(http)}' cannot create this token: {refusal}");
        var (token, secret) = await TokensSql.CreateAsync(db, wanted.Label, wanted.Role, wanted.Collections, wanted.ExpiresAt,
            Access.Actor(http), http.RequestAborted);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/tokens/{token.Id}", new CreatedToken(View(token, time.GetUtcNow()), secret));
    }

    private static async Task<Ok<List<TokenView>>> List(HttpContext http, NpgsqlDataSource db, TimeProvider time)
    {
        var now = time.GetUtcNow();
        http.Response.Headers.CacheControl = "no-store";
        // Only the tokens this one could manage: a narrowed admin does not learn of the others.
        return TypedResults.Ok((await TokensSql.ListAsync(db, http.RequestAborted))
            .Where(t => TokenAuthority.MayManage(http.User, t)).Select(t => View(t, now)).ToList());
    }

    private static async Task<Ok<TokenView>> Revoke(string id, HttpContext http, NpgsqlDataSource db, TokenVerifier verifier, TimeProvider time, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) throw new NotFoundException($"no token '{id}'");
        // A token out of reach is answered as if it did not exist, as the listing leaves it out.
        // (A token's role and collections never change, so the check cannot go stale before the update.)
        if (await TokensSql.FindAsync(db, n, ct) is not { } found || !TokenAuthority.MayManage(http.User, found))
            throw new NotFoundException($"no token '{id}' that the token of '{Access.Actor(http)}' may manage");
        var token = await TokensSql.RevokeAsync(db, n, ct) ?? throw new NotFoundException($"no token '{id}'");
        verifier.Forget();
        return TypedResults.Ok(View(token, time.GetUtcNow()));
    }

    private static Ok<Me> WhoAmI(HttpContext http)
    {
        var collections = Access.CollectionsOf(http.User);
        return TypedResults.Ok(new Me(Access.Actor(http), Access.RoleOf(http.User), collections.Length == 0 ? null : collections,
            http.User.FindFirst(TokenClaims.TokenId)?.Value ?? ""));
    }

    /// <summary>The listing form of a token, with its state now (active, expired, revoked).</summary>
    public static TokenView View(TokenRecord t, DateTimeOffset now) =>
        new(t.Id, t.Label, t.Role, t.Collections, t.CreatedAt, t.CreatedBy, t.ExpiresAt, t.RevokedAt, t.LastUsedAt,
            t.RevokedAt is not null ? "revoked" : t.Unusable(now) is not null ? "expired" : "active");
}
