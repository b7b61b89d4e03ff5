using System.Net;
using System.Text.Json.Nodes;
using LandMap.Api.Features.Auth;
using LandMap.Api.Features.Limits;
using Microsoft.AspNetCore.Http;

namespace LandMap.Tests.Trust;

/// <summary>Bounded load on a site with tiny limits: a client over its rate gets 429 + Retry-After
/// while other clients go on; beyond the service's concurrency a request is shed at once with 503.</summary>
[Collection(LimitedSiteCollection.Name)]
public sealed class LimitsTests(LimitedSite site)
{
    private const string Cheap = "ogc/conformance"; // no database work: the limits are what is measured

    [Fact]
    public async Task A_token_over_its_rate_gets_429_with_Retry_After_and_other_tokens_do_not()
    {
        using var busy = site.Client(await site.TokenAsync("busy viewer", Roles.Viewer));
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

        using var other = site.Client(await site.TokenAsync("calm viewer", Roles.Viewer));
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
    public async Task Beyond_the_concurrency_limit_a_request_is_shed_at_once_with_503()
    {
        // One upload whose body never finishes holds the service's only slot. "At once": well under the
        // 100 s a client would wait for a queued request (the bound allows for a cold, shared 2-core machine).
        var release = new TaskCompletionSource();
        using var holder = site.Client(await site.TokenAsync("slow surveyor", Roles.Surveyor));
        using var cancel = new CancellationTokenSource();
        var held = holder.PostAsync("api/uploads?collection=parcels&dryRun=true", new EndlessContent(release.Task), cancel.Token);

        HttpResponseMessage? shed = null;
        var seen = new List<string>();
        for (var attempt = 0; attempt < 40 && shed is null; attempt++)
        {
            await Task.Delay(250);
            using var probe = site.Client(await site.TokenAsync($"probe {attempt}", Roles.Viewer));
            var started = System.Diagnostics.Stopwatch.StartNew();
            var response = await probe.GetAsync(Cheap);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.True(started.ElapsedMilliseconds < 5000, $"shed after {started.ElapsedMilliseconds} ms");
                shed = response;
            }
            else
            {
                seen.Add($"{(int)response.StatusCode} (held: {(held.IsCompleted ? held.Status.ToString() : "running")})");
                response.Dispose();
            }
        }
        release.SetResult();
        await cancel.CancelAsync();
        try { (await held).Dispose(); } catch (OperationCanceledException) { } catch (HttpRequestException) { }

        Assert.True(shed is not null, string.Join(", ", seen));
        Assert.Equal(TimeSpan.FromSeconds(1), shed!.Headers.RetryAfter!.Delta);
        Assert.Equal("application/problem+json", shed.Content.Headers.ContentType?.MediaType);
        shed.Dispose();
    }

    /// <summary>A request body that sends a few bytes, then waits.</summary>
    private sealed class EndlessContent(Task until) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync("{\"type\":"u8.ToArray());
            await stream.FlushAsync();
            await until;
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
