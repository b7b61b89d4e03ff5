using System.Collections.Concurrent;
using System.Security.Cryptography;
using Npgsql;

namespace LandMap.Api.Features.Auth;

/// <summary>
/// Finds the token behind a presented secret: the bootstrap token of <c>LandMap:WriteToken</c>
/// (an admin labelled "config"), else <c>api_tokens</c> by the secret's hash. Lookups are cached
/// for <see cref="CacheFor"/>, so reads with a token do not cost a query each; a revoke in this
/// process clears the cache at once (other copies of the API notice within that time). Lookups
/// read the primary, never the read replica: a replica may lag, and a revoked token must be
/// refused as soon as the revoke commits.
/// </summary>
public sealed class TokenVerifier(NpgsqlDataSource db, IConfiguration configuration, TimeProvider time)
{
    public const string WriteTokenSetting = "LandMap:WriteToken";
    public const string ConfigLabel = "config";
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private const int MaxCached = 10_000;

    private readonly ConcurrentDictionary<string, (TokenRecord? Token, DateTimeOffset Until)> _cache = new();

    /// <summary>The token and null, or null and why the secret is refused.</summary>
    public async Task<(TokenRecord? Token, string? Refusal)> VerifyAsync(string secret, CancellationToken ct)
    {
        var hash = TokenSecrets.Hash(secret);
        if (configuration[WriteTokenSetting] is { Length: > 0 } bootstrap &&
            CryptographicOperations.FixedTimeEquals(hash, TokenSecrets.Hash(bootstrap)))
            return (ConfigToken, null);

        var now = time.GetUtcNow();
        var key = Convert.ToHexString(hash);
        TokenRecord? token;
        if (_cache.TryGetValue(key, out var hit) && hit.Until > now) token = hit.Token;
        else
        {
            token = await TokensSql.FindByHashAsync(db, hash, ct);
            if (_cache.Count >= MaxCached) _cache.Clear(); // unknown secrets sprayed at us must not grow it forever
            _cache[key] = (token, now + CacheFor);
        }
        if (token is null) return (null, "the bearer token is not valid");
        return token.Unusable(now) is { } why ? (null, why) : (token, null);
    }

    /// <summary>Forgets every cached lookup (after a revoke, so it takes effect at once here).</summary>
    public void Forget() => _cache.Clear();

    private static readonly TokenRecord ConfigToken =
        new(0, ConfigLabel, Roles.Admin, null, DateTimeOffset.UnixEpoch, "configuration", null, null, null);
}
