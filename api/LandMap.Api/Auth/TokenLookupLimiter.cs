using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace LandMap.Api.Auth;

/// <summary>Settings under <c>LandMap:Auth</c> for token lookups.</summary>
public sealed class TokenLookupOptions
{
    public const string Section = "LandMap:Auth";

    /// <summary>Database lookups of secrets not in the cache, per second per client address; 0 = unlimited.
    /// A client with one token costs one lookup per cache period, so this only ever bites a client
    /// presenting many different secrets: someone guessing.</summary>
    public double TokenLookupsPerSecond { get; set; } = 20;

    /// <summary>Lookups one address may make at once above that rate.</summary>
    public int TokenLookupBurst { get; set; } = 100;
}

/// <summary>
/// A token bucket per client address for the secrets that would cost a database lookup. It runs
/// inside authentication, before the per-client request limits (which count per token, so they
/// can only run once the token is known): without it every random <c>lm_...</c> secret costs
/// a round trip and a transaction. IPv6 clients are counted per /64, the block one host is given.
/// </summary>
public sealed class TokenLookupLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    public TokenLookupLimiter(IConfiguration configuration)
    {
        var options = configuration.GetSection(TokenLookupOptions.Section).Get<TokenLookupOptions>() ?? new();
        if (options.TokenLookupsPerSecond <= 0) return;
        var (period, tokens) = options.TokenLookupsPerSecond >= 10
            ? (TimeSpan.FromMilliseconds(100), (int)Math.Round(options.TokenLookupsPerSecond / 10))
            : (TimeSpan.FromSeconds(1 / options.TokenLookupsPerSecond), 1);
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key,
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, options.TokenLookupBurst),
                TokensPerPeriod = tokens,
                ReplenishmentPeriod = period,
                QueueLimit = 0,
            }));
    }

    /// <summary>Whether <paramref name="address"/> may cost one more lookup now; when not, how long until it may.</summary>
    public (bool Allowed, TimeSpan RetryAfter) TryAcquire(IPAddress? address)
    {
        if (_limiter is null) return (true, TimeSpan.Zero);
        using var lease = _limiter.AttemptAcquire(Key(address));
        if (lease.IsAcquired) return (true, TimeSpan.Zero);
        return (false, lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1));
    }

    /// <summary>The partition of an address: itself for IPv4, its /64 for IPv6.</summary>
    public static string Key(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public void Dispose() => _limiter?.Dispose();
}
