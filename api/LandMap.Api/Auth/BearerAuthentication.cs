using System.Security.Claims;
using System.Text.Encodings.Web;
using LandMap.Api.Observability;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LandMap.Api.Auth;

/// <summary>
/// The Bearer scheme: <c>Authorization: Bearer lm_...</c> becomes a principal named by the token's
/// label, with its role and collections. No header: anonymous (the policies decide). The challenge
/// is a 401 problem+json with <c>WWW-Authenticate: Bearer</c>; the refusal a 403 problem+json.
/// </summary>
public sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    TokenVerifier verifier, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    private const string Realm = "Bearer realm=\"LandMap\"";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0) return AuthenticateResult.NoResult();
        if (!header.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("only Authorization: Bearer <token> is accepted");
        var secret = header[(SchemeName.Length + 1)..].Trim();
        if (secret.Length == 0) return AuthenticateResult.Fail("the bearer token is empty");

        var (token, refusal) = await verifier.VerifyAsync(secret, Context.Connection.RemoteIpAddress, Context.RequestAborted);
        // The reason goes to the log (the base class logs the failure); the client gets one detail.
        if (token is null) return AuthenticateResult.Fail(new TokenRefusedException(refusal ?? new TokenRefusal("not found")));

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, token.Label),
            new(ClaimTypes.Role, token.Role),
            new(TokenClaims.TokenId, token.Id == 0 ? TokenVerifier.ConfigLabel : token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange((token.Collections ?? []).Select(c => new Claim(TokenClaims.Collection, c)));
        var identity = new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (result.Failure is TokenRefusedException { Refusal: { Throttled: true } throttled })
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            var seconds = Math.Max(1, (int)Math.Ceiling(throttled.RetryAfter!.Value.TotalSeconds));
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            RequestMetrics.Shed("token_lookups");
            await WriteAsync("Too many requests", $"this address presented too many unknown bearer tokens; retry after {seconds} s");
            return;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = result.Failure is null ? Realm : $"{Realm}, error=\"invalid_token\"";
        await WriteAsync("Unauthorized", result.Failure switch
        {
            null => "this needs Authorization: Bearer <token>",
            TokenRefusedException => TokenRefusal.ClientDetail,
            _ => result.Failure.Message, // the header's form, which says nothing of any token
        });
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteAsync("Forbidden", $"the token of '{Context.User.Identity?.Name}' ({Access.RoleOf(Context.User)}) may not do this");
    }

    private async Task WriteAsync(string title, string detail) =>
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = Response.StatusCode, Title = title, Detail = detail },
        });
}

/// <summary>Carries a <see cref="TokenRefusal"/> through <see cref="AuthenticateResult.Fail(Exception)"/>;
/// its message (the reason) is logged, never shown.</summary>
public sealed class TokenRefusedException(TokenRefusal refusal) : Exception(refusal.Reason)
{
    public TokenRefusal Refusal { get; } = refusal;
}
