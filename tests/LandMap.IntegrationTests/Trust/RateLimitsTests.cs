using System.Net;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using LandMap.Api.Auth;
using LandMap.Api.Limits;
using Microsoft.AspNetCore.Http;

namespace LandMap.Tests.Trust;

/// <summary>Bounded load on a site with tiny limits: a client over its rate gets 429 + Retry-After
/// while other clients go on; beyond the service's concurrency a request is refused at once (503).</summary>
[Collection(LimitedSiteCollection.Name)]
public sealed class RateLimitsTests(LimitedSite site)
{
    private const string Cheap = "ogc/conformance"; // no database work: the limits are what is measured

    [Fact]
    public async Task A_token_over_its_rate_gets_429_with_Retry_After_and_other_tokens_do_not()
    {
        using var busy = await site.CreateClientAsync(Roles.Viewer);
        for (var i = 0; i < 3; i++)
        {
            using var ok = await busy.GetAsync(Cheap);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var refused = await busy.GetAsync(Cheap);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 10);
        Assert.Equal(429, (int)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["status"]!);

        using var other = await site.CreateClientAsync(Roles.Viewer);
        using (var fine = await other.GetAsync(Cheap)) Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        // Health stays answerable whatever the limits.
        for (var i = 0; i < 5; i++)
        {
            using var live = await busy.GetAsync("health/live");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
    }

    [Fact]
    public void Requests_are_limited_per_token_else_per_address()
    {
        var options = new RateLimitOptions();
        static HttpContext From(string ip, string? token = null)
        {
            var http = new DefaultHttpContext();
            http.Connection.RemoteIpAddress = IPAddress.Parse(ip);
            http.Request.Path = "/ogc/collections";
            if (token is not null)
                http.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                    [new System.Security.Claims.Claim(TokenClaims.TokenId, token)], "Bearer"));
            return http;
        }
        Assert.Equal("address:10.0.0.1", RateLimits.ClientKey(From("10.0.0.1"), options));
        Assert.NotEqual(RateLimits.ClientKey(From("10.0.0.1"), options), RateLimits.ClientKey(From("10.0.0.2"), options));
        Assert.Equal("token:7", RateLimits.ClientKey(From("10.0.0.1", "7"), options));
        Assert.Equal("token:7", RateLimits.ClientKey(From("10.0.0.2", "7"), options));
        Assert.Equal("address:127.0.0.1", RateLimits.ClientKey(From("127.0.0.1"), options));
        Assert.Null(RateLimits.ClientKey(From("127.0.0.1"), new RateLimitOptions { ExemptLoopback = true }));

        // One address spent does not touch another's bucket.
        using var limiter = RateLimits.Create(new RateLimitOptions { PermitsPerSecond = 0.01, Burst = 1, QueueLimit = 0 });
        using (var first = limiter.AttemptAcquire(From("10.0.0.1"))) Assert.True(first.IsAcquired);
        using (var again = limiter.AttemptAcquire(From("10.0.0.1"))) Assert.False(again.IsAcquired);
        using (var other = limiter.AttemptAcquire(From("10.0.0.2"))) Assert.True(other.IsAcquired);
    }

    [Fact]
    public void Beyond_the_concurrency_limit_a_request_is_refused_at_once_without_a_client_retry_time()
    {
        // What the service's limit does (the 503 answer is RateLimits.RejectAsync's mapping of a refusal
        // without RetryAfter metadata): one slot, none waiting; the next request is refused synchronously.
        using var limiter = RateLimits.Create(new RateLimitOptions { MaxConcurrentRequests = 1, ConcurrencyQueueLimit = 0 });
        var first = new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse("10.0.0.1") } };
        var second = new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse("10.0.0.2") } };
        first.Request.Path = second.Request.Path = "/ogc/collections";
        using (var held = limiter.AttemptAcquire(first))
        {
            Assert.True(held.IsAcquired);
            var started = System.Diagnostics.Stopwatch.StartNew();
            using var shed = limiter.AttemptAcquire(second);
            Assert.False(shed.IsAcquired);
            Assert.False(shed.TryGetMetadata(MetadataName.RetryAfter, out _)); // so 503, not 429
            Assert.True(started.ElapsedMilliseconds < 100);
            using var health = limiter.AttemptAcquire(new DefaultHttpContext { Request = { Path = "/health/ready" } });
            Assert.True(health.IsAcquired);
        }
        using var after = limiter.AttemptAcquire(second);
        Assert.True(after.IsAcquired);
    }
}
