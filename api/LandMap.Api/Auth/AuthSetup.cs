using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace LandMap.Api.Auth;

/// <summary>Registers the Bearer scheme, the token verifier and the read / write / admin policies.</summary>
public static class AuthSetup
{
    public static IServiceCollection AddLandMapAuth(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TokenLookupLimiter>();
        services.AddSingleton<TokenVerifier>();
        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        services.AddSingleton<IAuthorizationHandler, ReadHandler>();
        services.AddSingleton<IAuthorizationHandler, CollectionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, p => p.AddRequirements(new ReadRequirement()))
            .AddPolicy(Policies.Write, p => p.RequireAuthenticatedUser().RequireRole(Roles.Surveyor, Roles.Admin)
                .AddRequirements(new CollectionRequirement()))
            .AddPolicy(Policies.Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin)
                .AddRequirements(new CollectionRequirement()));
        return services;
    }
}
