using System.Security.Cryptography;
using System.Text;

namespace LandMap.Api.Features.Uploads;

/// <summary>
/// Writes need <c>Authorization: Bearer &lt;token&gt;</c> equal to <c>LandMap:WriteToken</c>. There is
/// no default: with no token configured, writes are disabled (503). One token from configuration
/// until token management and roles land (the Trust issue).
/// </summary>
public static class UploadAuth
{
    public const string TokenSetting = "LandMap:WriteToken";

    /// <summary>Null when the request may write; otherwise the problem to answer with.</summary>
    public static IResult? Check(HttpContext context, IConfiguration configuration)
    {
        var expected = configuration[TokenSetting];
        if (string.IsNullOrEmpty(expected))
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Uploads disabled",
                detail: $"uploads are disabled until {TokenSetting} is set");
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var given = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
        if (given is not null && Matches(given, expected)) return null;
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"LandMap\"";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
            detail: given is null ? "writes need Authorization: Bearer <token>" : "the bearer token is not valid");
    }

    /// <summary>Constant time: both sides hashed first, so neither content nor length leaks through timing.</summary>
    private static bool Matches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
