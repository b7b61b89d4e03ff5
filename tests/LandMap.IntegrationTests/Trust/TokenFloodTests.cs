using System.Net;
using LandMap.Api.Auth;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Trust;

[CollectionDefinition(Name)]
public sealed class TokenLookupSiteCollection : ICollectionFixture<TokenLookupSite>
{
    public const string Name = "trust-token-lookups";
}

/// <summary>Token lookups limited to a burst of 5, then one a second per address (landmap_lookups, no data).</summary>
public sealed class TokenLookupSite(LandMapServer server) : TrustSite(server, "landmap_lookups", new Dictionary<string, string>
{
    ["LandMap:LoadSampleData"] = "false",
    ["LandMap:Auth:AnonymousRead"] = "false",
    ["LandMap:Auth:TokenLookupsPerSecond"] = "1",
    ["LandMap:Auth:TokenLookupBurst"] = "5",
});

/// <summary>A flood of random well-formed secrets costs the database a bounded number of lookups per
/// address (then 429 before any lookup); a repeated bogus secret is remembered; a real token that
/// is cached still works during the flood.</summary>
[Collection(TokenLookupSiteCollection.Name)]
public sealed class TokenFloodTests(TokenLookupSite site)
{
    [Fact]
    public async Task Random_secrets_cost_at_most_the_lookup_budget_in_database_transactions()
    {
        using var holder = await site.CreateClientAsync(Roles.Viewer);
        using (var first = await holder.GetAsync("api/me")) Assert.Equal(HttpStatusCode.OK, first.StatusCode); // now cached

        var before = await CommittedTransactionsAsync();
        var started = DateTime.UtcNow;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 300; i++)
        {
            using var flood = site.Client(TokenSecrets.NewSecret());
            using var response = await flood.GetAsync("api/me");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
        var seconds = (DateTime.UtcNow - started).TotalSeconds;
        using (var during = await holder.GetAsync("api/me")) Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        var lookups = await CommittedTransactionsAsync() - before;

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, s.ToString()));
        var budget = 5 + Math.Ceiling(seconds) + 1;
        Assert.True(statuses.Count(s => s == HttpStatusCode.Unauthorized) <= budget, $"{statuses.Count(s => s == HttpStatusCode.Unauthorized)} lookups in {seconds:F1} s");
        // The test's own two statistics queries and a few of the service's own (progress, health) aside.
        Assert.True(lookups <= budget + 10, $"{lookups} transactions for 300 random secrets in {seconds:F1} s (budget {budget})");
    }

    [Fact]
    public async Task A_repeated_bogus_secret_is_looked_up_once()
    {
        var secret = TokenSecrets.NewSecret();
        using var client = site.Client(secret);
        // The first costs a lookup (once this address's budget allows one: another test may have spent it) ...
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpStatusCode first;
        do
        {
            using var response = await client.GetAsync("api/me");
            first = response.StatusCode;
            if (first == HttpStatusCode.TooManyRequests) await Task.Delay(250);
        } while (first == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.Unauthorized, first);
        // ... the rest are answered from memory, so the empty budget never refuses them.
        for (var i = 0; i < 30; i++)
        {
            using var response = await client.GetAsync("api/me");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    /// <summary>Transactions committed in the site's database, after the statistics are flushed.</summary>
    private async Task<long> CommittedTransactionsAsync()
    {
        await Task.Delay(1500); // PostgreSQL 15 flushes a backend's statistics at most once a second
        return await site.DataSource.ScalarAsync<long>(
            "select xact_commit from pg_stat_database where datname = current_database()");
    }
}
