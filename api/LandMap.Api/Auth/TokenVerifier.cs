using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace LandMap.Api.Auth;

/// <summary>Why a presented secret was not accepted. <see cref="Reason"/> is for the log only: the
/// client is told the same for every refusal, so it cannot learn which secrets were once real.</summary>
public sealed record TokenRefusal(string Reason, TimeSpan? RetryAfter = null)
{
    /// <summary>The one detail every client gets for a secret that is not accepted.</summary>
    public const string ClientDetail = "the bearer token is not valid (unknown, expired or revoked); ask an admin for a token";

    /// <summary>Refused before any lookup because this address looked up too many secrets (429).</summary>
    public bool Throttled => RetryAfter is not null;
}

/// <summary>
/// Finds the token behind a presented secret: the bootstrap token of <c>LandMap:WriteToken</c>
/// (an admin labelled "config"), else <c>api_tokens</c> by the secret's hash. A secret that cannot be
/// one of ours (not <c>lm_</c> + 43 base64url characters) is refused without a lookup; lookups,
/// found or not, are cached for <see cref="CacheFor"/>, so a client's token costs one query per
/// period and a repeated bogus secret costs none; a lookup not in the cache first takes a permit
/// of the client address's <see cref="TokenLookupLimiter"/>. A revoke in this process clears the
/// cache at once (other copies of the API notice within <see cref="CacheFor"/>). Lookups read the
/// primary, never the read replica: a replica may lag, and a revoked token must be refused as soon
/// as the revoke commits.
/// </summary>
public sealed class TokenVerifier(NpgsqlDataSource db, IConfiguration configuration, TimeProvider time,
    TokenLookupLimiter lookups, ILogger<TokenVerifier> log) : IDisposable
{
    public const string WriteTokenSetting = "LandMap:WriteToken";
    public const string ConfigLabel = "config";
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    // Sized in entries: known tokens and remembered bogus secrets together. Past it new entries are
    // not cached (and the cache compacts): a spray of distinct secrets cannot grow memory, nor evict
    // what is cached wholesale.
    private const int MaxCached = 100_000;

    private MemoryCache _cache = NewCache();

    /// <summary>The token, or why the secret is refused.</summary>
    public async Task<(TokenRecord? Token, TokenRefusal? Refusal)> VerifyAsync(string secret, IPAddress? client, CancellationToken ct)
    {
        var hash = TokenSecrets.Hash(secret);
        if (configuration[WriteTokenSetting] is { Length: > 0 } bootstrap &&
            CryptographicOperations.FixedTimeEquals(hash, TokenSecrets.Hash(bootstrap)))
            return (ConfigToken, null);
        if (!TokenSecrets.IsWellFormed(secret)) return (null, new TokenRefusal("the secret is not of the form lm_ + 43 base64url characters"));

        var key = Convert.ToHexString(hash);
        var cache = _cache;
        if (!cache.TryGetValue(key, out TokenRecord? token))
        {
            var (allowed, retryAfter) = lookups.TryAcquire(client);
            if (!allowed)
            {
                log.LogWarning("Token lookups from {Address} over their limit; refused without a lookup", TokenLookupLimiter.Key(client));
                return (null, new TokenRefusal("too many token lookups from this address", retryAfter));
            }
            token = await TokensSql.FindByHashAsync(db, hash, ct);
            cache.Set(key, token, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheFor, Size = 1 });
        }
        if (token is null) return (null, new TokenRefusal("no token has this secret"));
        return token.Unusable(time.GetUtcNow()) is { } why ? (null, new TokenRefusal($"{why} (token {token.Id}, '{token.Label}')")) : (token, null);
    }

    /// <summary>Forgets every cached lookup (after a revoke, so it takes effect at once here).</summary>
    public void Forget() => Interlocked.Exchange(ref _cache, NewCache()).Dispose();

    public void Dispose() => _cache.Dispose();

    private static MemoryCache NewCache() => new(new MemoryCacheOptions { SizeLimit = MaxCached });

    private static readonly TokenRecord ConfigToken =
        new(0, ConfigLabel, Roles.Admin, null, DateTimeOffset.UnixEpoch, "configuration", null, null, null);
}
