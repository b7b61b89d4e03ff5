using System.Security.Cryptography;
using System.Text;

namespace LandMap.Api.Auth;

/// <summary>Token secrets: 32 random bytes, base64url, prefixed <c>lm_</c> so a leaked one is
/// recognisable (secret scanners, logs). Only their SHA-256 is stored.</summary>
public static class TokenSecrets
{
    public const string Prefix = "lm_";

    public static string NewSecret() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The length of a secret: the prefix and 32 bytes in unpadded base64url.</summary>
    public static readonly int Length = Prefix.Length + 43;

    /// <summary>Whether <paramref name="secret"/> could be one we made (checked before any lookup).</summary>
    public static bool IsWellFormed(string secret) =>
        secret.Length == Length && secret.StartsWith(Prefix, StringComparison.Ordinal) &&
        secret.AsSpan(Prefix.Length).IndexOfAnyExcept(Base64UrlCharacters) < 0;

    private static readonly System.Buffers.SearchValues<char> Base64UrlCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>SHA-256 of the presented text. The secret has 256 bits of entropy, so one unsalted
    /// hash is enough: nothing to brute-force, and the hash is the lookup key.</summary>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
