using System.Security.Cryptography;
using System.Text;

namespace LandMap.Api.Features.Auth;

/// <summary>Token secrets: 32 random bytes, base64url, prefixed <c>lm_</c> so a leaked one is
/// recognisable (secret scanners, logs). Only their SHA-256 is stored.</summary>
public static class TokenSecrets
{
    public const string Prefix = "lm_";

    public static string NewSecret() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>SHA-256 of the presented text. The secret has 256 bits of entropy, so one unsalted
    /// hash is enough: nothing to brute-force, and the hash is the lookup key.</summary>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
